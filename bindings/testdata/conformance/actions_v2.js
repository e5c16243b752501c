// actions_v2.js — the SDK 2.x surface: actions.v2.{call,batch,batchByChunk,
// callList,fetchList}.make with options inside `options`.
// b24test: seed=deal:60

const call = await $b24.actions.v2.call.make({ method: 'crm.deal.get', params: { id: 2 }, requestId: 'deal-2' });
console.log(call.isSuccess, call.getData().result.TITLE, call.getQuery().requestId);

const noParams = await $b24.actions.v2.call.make({ method: 'server.time' });
console.log(noParams.isSuccess, typeof noParams.getData().result);

const batch = await $b24.actions.v2.batch.make({
  calls: { one: ['crm.deal.get', { id: 1 }], two: ['crm.deal.get', { id: 2 }] },
  options: { isHaltOnError: true, returnAjaxResult: true, requestId: 'pair' },
});
console.log(batch.isSuccess, batch.getData().two.getData().result.ID, batch.getData().one.getQuery().requestId);

const chunks = await $b24.actions.v2.batchByChunk.make({
  calls: Array.from({ length: 55 }, (_, i) => ['crm.deal.get', { id: i + 1 }]),
  options: { isHaltOnError: false },
});
console.log(chunks.isSuccess, chunks.getData().length, chunks.getData()[54].ID);

const list = await $b24.actions.v2.callList.make({ method: 'crm.deal.list', params: { select: ['ID'] }, idKey: 'ID' });
console.log(list.isSuccess, list.getData().length);

// A caller's order is dropped by the keyset helpers, as in the SDK.
const ordered = await $b24.actions.v2.callList.make({ method: 'crm.deal.list', params: { select: ['ID'], order: { ID: 'DESC' }, filter: { '<=ID': 3 } } });
console.log(ordered.getData().map((d) => d.ID).join(','));

let pages = 0;
for await (const page of $b24.actions.v2.fetchList.make({ method: 'crm.deal.list', params: { select: ['ID'] } })) pages += page.length > 0 ? 1 : 0;
console.log(pages);
