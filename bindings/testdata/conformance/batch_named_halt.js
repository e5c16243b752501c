// batch_named_halt.js — named commands (an object of commands) key the data
// and the errors by name; with halt (the default) the portal stops at the
// first failure, which is reported, not thrown.
// b24test: seed=deal:10

const ok = await $b24.callBatch({
  first: ['crm.deal.get', { id: 1 }],
  second: { method: 'crm.deal.get', params: { id: 2 } },
  me: { method: 'user.current' },
});
console.log(ok.isSuccess, Object.keys(ok.getData()).join(','));
console.log(ok.getData().first.ID, ok.getData().second.ID, ok.getData().me.NAME);

const halted = await $b24.callBatch({
  a: ['crm.deal.get', { id: 1 }],
  b: ['crm.deal.get', { id: 999 }],
  c: ['crm.deal.get', { id: 3 }],
});
console.log(halted.isSuccess, Object.keys(halted.getData()).join(','));
console.log(JSON.stringify(halted.getErrorMessages()));
console.log(Object.keys(halted.getErrorsByKey()).join(','), halted.hasError('b'));
const err = halted.getErrorsByKey().b;
console.log(err instanceof AjaxError, JSON.stringify(err.code), err.status, err.message);
console.log(JSON.stringify(halted.getErrorMessagesByKey()));

// With returnAjaxResult the failed row is kept, as a failed AjaxResult.
const ajax = await $b24.callBatch({
  a: ['crm.deal.get', { id: 1 }],
  b: ['crm.deal.get', { id: 999 }],
  c: ['crm.deal.get', { id: 3 }],
}, true, true);
const data = ajax.getData();
console.log(Object.keys(data).join(','), data.a.isSuccess, data.b.isSuccess, data.b.getData());
console.log(data.b.getErrorMessages()[0], data.b.getStatus());

// An explicit "as" wins over the key.
const renamed = await $b24.callBatch({ x: { method: 'crm.deal.get', params: { id: 4 }, as: 'deal' } });
console.log(Object.keys(renamed.getData()).join(','), renamed.getData().deal.ID);

// $result references between named commands.
const refs = await $b24.callBatch({
  list: ['crm.deal.list', { select: ['ID'], order: { ID: 'ASC' } }],
  deal: ['crm.deal.get', { id: '$result[list][0][ID]' }],
});
console.log(refs.getData().list.length, refs.getData().deal.TITLE);
