-- list_fetch_items.lua — the keyset list over crm.item.list: fetchListMethod
-- with idKey 'id' and the rows under 'items', and callListMethod for the
-- same rows.
-- b24test: seed=deal:75

local byStage, total = {}, 0
local params = {entityTypeId = 2, select = {'id', 'title', 'stageId'}}
for page in b24.fetchListMethod('crm.item.list', params, 'id', 'items') do
  for _, deal in ipairs(page) do
    total = total + 1
    byStage[deal.stageId] = (byStage[deal.stageId] or 0) + 1
  end
end
local counted = 0
for _, n in pairs(byStage) do counted = counted + n end
print(total .. ' ' .. counted)

local ok, deals = pcall(b24.callListMethod, 'crm.item.list',
  {entityTypeId = 2, select = {'id'}, filter = {['<=id'] = 60}}, 'items')
print(('%s %d %d %d'):format(tostring(ok), #deals, deals[1].id, deals[60].id))
