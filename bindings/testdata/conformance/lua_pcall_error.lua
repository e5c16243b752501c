-- lua_pcall_error.lua — a portal error is a table that pcall catches, with
-- code, description, status and method, and whose tostring is "CODE: description".
-- b24test: seed=deal:3

local ok, err = pcall(b24.callMethod, 'no.such.method', {id = 1})
print(ok, type(err))
print(err.code, err.description, err.status, err.method)
print(tostring(err))
print(getmetatable(err))

-- legacy CRM methods answer some errors with an empty code
ok, err = pcall(b24.callMethod, 'crm.deal.get', {id = 999999})
print(ok, err.code == '', err.description, err.status, tostring(err))

-- an error can be re-raised and caught again
local ok2, again = pcall(function()
  local ok, e = pcall(b24.callMethod, 'no.such.method')
  error(e)
end)
print(ok2, again.code)

-- error() with a string keeps the position of the caller
local ok3, msg = pcall(function() error('boom') end)
print(ok3, msg)

-- the argument errors of the API name the function
print(pcall(b24.callMethod))
print(pcall(b24.callMethod, 'crm.deal.get', 'not a table'))
print(pcall(b24.callMethod, 'crm.deal.get', {id = print}))
print(pcall(b24.callBatch, {{'crm.deal.get'}, {42}}))
