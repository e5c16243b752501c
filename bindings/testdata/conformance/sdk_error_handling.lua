-- sdk_error_handling.lua — in the style of the SDK's error-handling recipe:
-- a found and a missing deal, and a branch on the error's code.
-- b24test: seed=deal:2

local function getDeal(id)
  local ok, res = pcall(b24.callMethod, 'crm.item.get', {entityTypeId = 2, id = id})
  if ok then
    return res.result.item.title
  end
  if type(res) ~= 'table' then error(res, 0) end
  if res.code == 'NOT_FOUND' or res.code == 'ERROR_NOT_FOUND' then
    return ('deal %d not found (%d)'):format(id, res.status)
  elseif res.code == 'QUERY_LIMIT_EXCEEDED' then
    return 'slow down'
  end
  return 'ajax error ' .. res.code
end

print(getDeal(1))
print(getDeal(999999999))
