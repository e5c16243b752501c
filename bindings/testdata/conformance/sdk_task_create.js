// sdk_task_create.js — create a task with tasks.task.add (uppercase fields,
// as the API wants them) and read it back.
// b24test: seed=user:2

const created = await $b24.actions.v2.call.make({
  method: 'tasks.task.add',
  params: { fields: { TITLE: 'Call the client', RESPONSIBLE_ID: 1, DESCRIPTION: 'From a b24run script' } },
});
const task = created.getData().result.task;
console.log('created', typeof task.id, task.title);
const read = await $b24.callMethod('tasks.task.get', { taskId: task.id, select: ['ID', 'TITLE', 'RESPONSIBLE_ID'] });
console.log(read.getData().result.task.title, read.getData().result.task.responsibleId);
const list = await $b24.callListMethod('tasks.task.list', { select: ['ID', 'TITLE'] });
console.log('tasks', list.getData().length);
