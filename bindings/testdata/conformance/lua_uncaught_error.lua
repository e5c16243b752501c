-- lua_uncaught_error.lua — an uncaught portal error ends the run at the
-- script's line with "CODE: description".
-- b24test: error="lua_uncaught_error.lua:8: ERROR_METHOD_NOT_FOUND: Method not found!"

print('before')

local function fetch()
  return b24.callMethod('no.such.method')
end

fetch()
print('never printed')
