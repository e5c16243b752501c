// batch_by_chunk.js — callBatchByChunk sends any number of commands 50 to a
// request; data is the successful results in order and errors are keyed by
// the command's position in the whole list.
// b24test: seed=deal:120

const cmds = [];
for (let i = 1; i <= 120; i++) {
  const id = i === 40 || i === 80 || i === 120 ? 100000 + i : i;
  cmds.push(['crm.deal.update', { id, fields: { COMMENTS: `batch ${i}` } }]);
}
const res = await $b24.callBatchByChunk(cmds, false);
console.log(res.isSuccess, res.getData().length);
console.log(Object.keys(res.getErrorsByKey()).join(','));
const deal = await $b24.callMethod('crm.deal.get', { id: 5 });
console.log(deal.getData().result.COMMENTS);

const empty = await $b24.callBatchByChunk([]);
console.log(empty.isSuccess, JSON.stringify(empty.getData()));

// Named commands are not chunked: nothing is sent, as in the SDK.
const named = await $b24.callBatchByChunk({ a: ['crm.deal.get', { id: 1 }] });
console.log(named.isSuccess, JSON.stringify(named.getData()));

const reads = await $b24.callBatchByChunk(Array.from({ length: 75 }, (_, i) => ['crm.deal.get', { id: i + 1 }]), true);
console.log(reads.getData().length, reads.getData()[74].ID);
