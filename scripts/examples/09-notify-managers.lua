-- 09-notify-managers.lua — send each sales manager a summary of their won deals.
--
-- Collects the won deals with b24.callListMethod, groups them by manager, and
-- sends every manager a system notification (im.notify), one at a time. The
-- client's rate limiter spaces the requests, so a large team does not hit
-- the portal's limit.
--
-- b24test: seed=deal:140,user:6

local DEAL = 2 -- crm.item.list entityTypeId of deals

local won = b24.callListMethod('crm.item.list', {
  entityTypeId = DEAL,
  filter = {stageId = 'WON'},
  select = {'id', 'title', 'assignedById', 'opportunity', 'currencyId'},
}, 'items')

local perManager, managerIds = {}, {}
for _, deal in ipairs(won) do
  local summary = perManager[deal.assignedById]
  if not summary then
    summary = {count = 0, amounts = {}}
    perManager[deal.assignedById] = summary
    managerIds[#managerIds + 1] = deal.assignedById
  end
  summary.count = summary.count + 1
  summary.amounts[deal.currencyId] = (summary.amounts[deal.currencyId] or 0) + deal.opportunity
end
print(('Won deals: %d, managers to notify: %d'):format(#won, #managerIds))

table.sort(managerIds)
for _, managerId in ipairs(managerIds) do
  local summary = perManager[managerId]
  local currencies = {}
  for currency in pairs(summary.amounts) do currencies[#currencies + 1] = currency end
  table.sort(currencies)
  local parts = {}
  for i, currency in ipairs(currencies) do
    parts[i] = ('%.2f %s'):format(summary.amounts[currency], currency)
  end
  local message = ('Great job! You have won %d deals this period: %s.'):format(summary.count, table.concat(parts, ' + '))
  local ok = pcall(b24.callMethod, 'im.notify', {to = managerId, message = message, type = 'SYSTEM'})
  print(('  user #%d: %s - %s'):format(managerId, ok and 'sent' or 'failed', message))
end
