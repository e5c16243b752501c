-- 03-error-handling.lua — what failures look like, and how to handle each one.
--
-- 1. A REST error is raised as an error table: catch it with pcall and branch
--    on err.code.
-- 2. An unknown method is an error table too (ERROR_METHOD_NOT_FOUND).
-- 3. In a batch, failed commands do not raise: callBatch returns the good
--    results and a table of errors, both keyed like the commands.
-- 4. With halt (the default) the portal stops at the first failure; with
--    returnPayload every answered command comes with its whole payload.
-- 5. fetchListMethod raises the portal's error from inside the for loop.
-- 6. A helper that turns "not found" into nil and lets other errors through.
--
-- b24test: seed=deal:10,task:3

local DEAL = 2 -- crm.item.list entityTypeId of deals

local function isPortalError(err)
  return getmetatable(err) == 'b24.Error'
end

local function describe(err)
  if isPortalError(err) then
    return ('AjaxError %s (HTTP %d): %s'):format(err.code, err.status, err.message)
  end
  return 'Error: ' .. tostring(err)
end

-- 1. A deal that does not exist.
print('1. crm.item.get for a missing deal')
local ok, err = pcall(b24.callMethod, 'crm.item.get', {entityTypeId = DEAL, id = 424242})
if ok then
  print('   unexpected: the call succeeded')
else
  print('   ' .. describe(err))
  print(('   is an AjaxError: %s, is an SdkError: %s'):format(tostring(isPortalError(err)), tostring(type(err) == 'table')))
  if err.code == 'NOT_FOUND' then
    print('   -> treat as "already deleted" and carry on')
  end
end

-- 2. A typo in the method name.
print('2. a method that does not exist')
ok, err = pcall(b24.callMethod, 'crm.deal.lst', {select = {'ID'}})
if not ok then print('   ' .. describe(err)) end

-- 3. A batch where one command fails, without halting.
print('3. batch with isHaltOnError=false')
local calls = {
  {'crm.item.get', {entityTypeId = DEAL, id = 1}},
  {'crm.item.get', {entityTypeId = DEAL, id = 424242}},
  {'crm.item.get', {entityTypeId = DEAL, id = 3}},
}
local results, errors = b24.callBatch(calls, false)
local messages, titles = {}, {}
for i = 1, #calls do
  if errors and errors[i] then messages[#messages + 1] = errors[i].message end
  if results[i] then titles[#titles + 1] = results[i].item.title end
end
print(('   isSuccess: %s'):format(tostring(errors == nil)))
print(('   errors: %s'):format(json.encode(b24.array(messages))))
print(('   deals loaded: %s'):format(table.concat(titles, ', ')))
for i = 1, #calls do
  if errors and errors[i] then
    print(('   failed command: %s %s'):format(errors[i].code, errors[i].message))
  end
end

-- 4. The same batch, halting on the first error, with whole payloads.
print('4. batch with isHaltOnError=true, returnAjaxResult=true')
results, errors = b24.callBatch(calls, true, true)
local answered = 0
for i = 1, #calls do
  if results[i] or errors and errors[i] then answered = answered + 1 end
end
print(('   isSuccess: %s, rows answered: %d'):format(tostring(errors == nil), answered))
for i, call in ipairs(calls) do
  local id = call[2].id
  if results[i] then
    print(('   %d: ok - deal %s'):format(id, results[i].result.item.title))
  elseif errors and errors[i] then
    print(('   %d: failed - %s'):format(id, errors[i].message))
  end
end

-- 5. A filter on a field crm.item.list does not know.
print('5. fetchList with an invalid filter')
ok, err = pcall(function()
  local params = {entityTypeId = DEAL, filter = {colour = 'red'}}
  for page in b24.fetchListMethod('crm.item.list', params, 'id', 'items') do
    print(('   unexpected chunk of %d'):format(#page))
  end
end)
if not ok then print('   ' .. describe(err)) end

-- 6. A reusable helper: nil for "not found", raise everything else again.
-- tasks.task.get answers a task you cannot see with an empty result, and an
-- invalid id with HTTP 400 (ERROR_CORE).
local function findTask(taskId)
  local ok, res = pcall(b24.callMethod, 'tasks.task.get', {taskId = taskId, select = {'ID', 'TITLE', 'STATUS'}})
  if ok then
    local task = res.result.task
    if task == nil or task == b24.null then return nil end
    return task
  end
  if isPortalError(res) and res.status == 400 then
    return nil
  end
  error(res, 0)
end

print('6. a helper that returns null when a task is missing')
for _, taskId in ipairs({2, 77, -1}) do
  local task = findTask(taskId)
  print(('   task %d: %s'):format(taskId, task and ('%s (status %s)'):format(task.title, task.status) or 'not found'))
end
