-- lua_error_table.lua — error() with a table of the script's own reads as
-- its message (or its JSON), at the line it was raised.
-- b24test: error='lua_error_table.lua:7: {"code":42,"reason":"quota"}'

local function check(n)
  if n > 2 then
    error({code = 42, reason = 'quota'})
  end
end
check(1)
check(3)
