-- sdk_batch_ajax.lua — the docs' "batch (REST v2)" demo: a list batch that
-- does not halt and returns payloads, reading result.item of the
-- successful commands.
-- b24test: seed=company:5

local COMPANY = 4
local ids = {2, 4, 9999}
local calls = {}
for i, id in ipairs(ids) do
  calls[i] = {'crm.item.get', {entityTypeId = COMPANY, id = id}}
end
local results, errors = b24.callBatch(calls, false, true)
for i = 1, #calls do
  if results[i] then
    local item = results[i].result.item
    print(('company %d %s'):format(item.id, item.title))
  else
    print('failed ' .. errors[i].message)
  end
end
print('batch ok ' .. tostring(errors == nil))
