-- 02-bulk-update-deals.lua — close overdue deals as lost, in bulk.
--
-- Finds every open deal expected to close before the cutoff date, then moves
-- all of them to the "Lost" stage with b24.callBatchByChunk: any number of
-- updates, sent 50 per batch request. halt = false lets the other updates
-- finish when one fails (here: a deal that was deleted after the list was
-- exported), and the failures are listed at the end.
--
-- b24test: seed=deal:200

local DEAL = 2 -- crm.item.list entityTypeId of deals

-- Deals expected to close before this moment are overdue.
local CUTOFF = '2024-01-14T00:00:00+03:00'

-- 1. Which deals are overdue?
local deals = b24.callListMethod('crm.item.list', {
  entityTypeId = DEAL,
  filter = {['!stageId'] = {'WON', 'LOSE'}, ['<closedate'] = CUTOFF},
  select = {'id', 'title', 'stageId'},
}, 'items')
print(('Overdue open deals: %d'):format(#deals))

-- A deal id from yesterday's export that no longer exists.
local ids = {}
for i, deal in ipairs(deals) do ids[i] = deal.id end
ids[#ids + 1] = 999999

-- 2. Move them all to LOSE.
local calls = {}
for i, id in ipairs(ids) do
  calls[i] = {'crm.item.update', {
    entityTypeId = DEAL,
    id = id,
    fields = {stageId = 'LOSE', comments = 'Closed as lost: expected close date before ' .. CUTOFF:sub(1, 10)},
  }}
end
print(('Planned updates: %d (%d batch requests)'):format(#calls, math.ceil(#calls / 50)))

local results, errors = b24.callBatchByChunk(calls, false)
local updated, first = 0, nil
for i = 1, #calls do
  if results[i] then
    updated = updated + 1
    first = first or results[i].item
  end
end
print(('Updated: %d of %d'):format(updated, #calls))
print(('First: #%d %s -> %s'):format(first.id, first.title, first.stageId))

if errors then
  print('Failed updates:')
  for i = 1, #calls do
    if errors[i] then print('  - ' .. errors[i].description) end
  end
end

-- 3. Check the result: how many deals are lost now?
local lost = b24.callMethod('crm.item.list', {entityTypeId = DEAL, filter = {stageId = 'LOSE'}, select = {'id'}})
print(('Lost deals on the portal: %d'):format(lost.total))
