-- lua_syntax_error.lua — a syntax error is a compile error with file, line
-- and column.
-- b24test: compile-error="lua_syntax_error.lua:7:17: syntax error near '='"

local deals = b24.callListMethod('crm.deal.list')
for _, deal in ipairs(deals) do
  local title = = deal.TITLE
end
