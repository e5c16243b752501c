-- sdk_crm_analytics.lua — in the style of the SDK's "CRM analytics" recipe:
-- stream every deal through fetchListMethod over crm.item.list and
-- aggregate a funnel by stage and currency.
-- b24test: seed=deal:230

local DEAL = 2
local byStage, total = {}, 0
local params = {entityTypeId = DEAL, select = {'id', 'stageId', 'opportunity', 'currencyId'}}
for chunk in b24.fetchListMethod('crm.item.list', params, 'id', 'items') do
  for _, deal in ipairs(chunk) do
    total = total + 1
    local bucket = byStage[deal.stageId] or {count = 0, sum = 0}
    byStage[deal.stageId] = bucket
    bucket.count = bucket.count + 1
    bucket.sum = bucket.sum + deal.opportunity
  end
end
print(('deals: %d'):format(total))
local counted, stages = 0, 0
for _, bucket in pairs(byStage) do
  counted = counted + bucket.count
  stages = stages + 1
end
print(('stages: %s, all counted: %s'):format(tostring(stages > 0), tostring(counted == total)))
