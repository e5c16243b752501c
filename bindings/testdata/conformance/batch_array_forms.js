// batch_array_forms.js — callBatch with an array of tuples and an array of
// {method, params} objects: getData() is the list of results, or of
// AjaxResults with returnAjaxResult.
// b24test: seed=deal:10

const tuples = await $b24.callBatch([
  ['crm.deal.get', { id: 1 }],
  ['crm.deal.get', { id: 2 }],
  ['user.current'],
]);
console.log(tuples instanceof Result, tuples instanceof AjaxResult, tuples.isSuccess);
const rows = tuples.getData();
console.log(Array.isArray(rows), rows.length, rows[0].ID, rows[1].ID, rows[2].NAME);

const objects = await $b24.callBatch([
  { method: 'crm.deal.get', params: { id: 3 } },
  { method: 'crm.deal.list', params: { select: ['ID'], filter: { '<=ID': 4 } } },
], true, true);
const [get, list] = objects.getData();
console.log(get instanceof AjaxResult, get.isSuccess, get.getData().result.ID);
console.log(list.getData().result.length, list.getTotal(), list.isMore(), typeof list.getData().time);
console.log(get.getQuery().method, JSON.stringify(get.getQuery().params), get.getStatus());

// $result references reach the portal as written.
const chained = await $b24.callBatch([
  ['crm.deal.list', { select: ['ID'], order: { ID: 'DESC' } }],
  ['crm.deal.get', { id: '$result[0][0][ID]' }],
]);
console.log(chained.getData()[1].ID, chained.getData()[1].TITLE);
