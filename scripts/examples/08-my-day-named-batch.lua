-- 08-my-day-named-batch.lua — "my day" summary in one request, with a named batch.
--
-- A batch runs up to 50 commands in a single HTTP request. Named commands make
-- the results easy to pick (results.me, results.myDeals, ...), and later
-- commands can use the results of earlier ones through $result[name][field]
-- references: here every list is filtered by the id of the user the webhook
-- belongs to. With returnPayload each result is the command's whole payload,
-- so total tells how many rows matched, not just how many came back in the
-- first page.
--
-- b24test: seed=deal:150,task:40,user:5

local DEAL = 2 -- crm.item.list entityTypeId of deals

local results, errors = b24.callBatch({
  me = {method = 'user.current'},
  myDeals = {method = 'crm.item.list', params = {
    entityTypeId = DEAL,
    filter = {assignedById = '$result[me][ID]', stageId = {'NEW', 'PREPARATION', 'EXECUTING'}},
    select = {'id', 'title', 'stageId', 'opportunity', 'currencyId'},
  }},
  myTasks = {method = 'tasks.task.list', params = {
    filter = {RESPONSIBLE_ID = '$result[me][ID]', ['<STATUS'] = 5},
    select = {'ID', 'TITLE', 'DEADLINE'},
  }},
  wonDeals = {method = 'crm.item.list', params = {
    entityTypeId = DEAL,
    filter = {assignedById = '$result[me][ID]', stageId = 'WON'},
    select = {'id'},
  }},
}, true, true)

if errors then
  local messages = {}
  for name, err in pairs(errors) do messages[#messages + 1] = name .. ': ' .. err.message end
  error('batch failed: ' .. table.concat(messages, '; '))
end

local me = results.me.result
print(('Good morning, %s!'):format(me.NAME))

local deals = results.myDeals.result.items
print(('Deals to push today: %d'):format(results.myDeals.total))
for i = 1, math.min(5, #deals) do
  local deal = deals[i]
  print(('  #%d %s [%s] %.2f %s'):format(deal.id, deal.title, deal.stageId, deal.opportunity, deal.currencyId))
end
if #deals > 5 then print(('  ...and %d more'):format(results.myDeals.total - 5)) end

local tasks = results.myTasks.result.tasks
print(('Open tasks: %d'):format(results.myTasks.total))
for i = 1, math.min(3, #tasks) do
  local task = tasks[i]
  print(('  #%s %s, due %s'):format(task.id, task.title, task.deadline:sub(1, 10)))
end

print(('Deals won so far: %d'):format(results.wonDeals.total))
