-- sdk_task_create.lua — create a task with tasks.task.add (uppercase fields,
-- as the API wants them) and read it back.
-- b24test: seed=user:2

local created = b24.callMethod('tasks.task.add', {
  fields = {TITLE = 'Call the client', RESPONSIBLE_ID = 1, DESCRIPTION = 'From a b24run script'},
})
local task = created.result.task
print(('created %s %s'):format(type(task.id), task.title))
local read = b24.callMethod('tasks.task.get', {taskId = task.id, select = {'ID', 'TITLE', 'RESPONSIBLE_ID'}})
print(read.result.task.title .. ' ' .. read.result.task.responsibleId)
local list = b24.callListMethod('tasks.task.list', {select = {'ID', 'TITLE'}})
print('tasks ' .. #list)
