-- sdk_report_stdout.lua — a report printed to stdout, to be redirected: the
-- deals per stage as CSV lines, built from callListMethod.
-- b24test: seed=deal:90

local deals = b24.callListMethod('crm.deal.list', {select = {'ID', 'STAGE_ID', 'OPPORTUNITY'}})
local byStage, stages = {}, {}
for _, deal in ipairs(deals) do
  local row = byStage[deal.STAGE_ID]
  if not row then
    row = {count = 0, sum = 0}
    byStage[deal.STAGE_ID] = row
    stages[#stages + 1] = deal.STAGE_ID
  end
  row.count = row.count + 1
  row.sum = row.sum + tonumber(deal.OPPORTUNITY)
end
print('stage,count')
table.sort(stages)
for _, stage in ipairs(stages) do print(stage .. ',' .. byStage[stage].count) end
print('total,' .. #deals)
