// sdk_bulk_update.js — in the style of the SDK's "bulk update deals" page:
// move many deals to a stage with callBatchByChunk and report the failures.
// b24test: seed=deal:140

const updates = [];
for (let id = 1; id <= 140; id++) updates.push({ id, stageId: id % 2 === 0 ? 'WON' : 'LOSE' });
updates.push({ id: 999999, stageId: 'WON' });

const calls = updates.map(({ id, stageId }) => ['crm.item.update', { entityTypeId: 2, id, fields: { stageId } }]);
const response = await $b24.actions.v2.batchByChunk.make({ calls, options: { isHaltOnError: false } });

console.log(`updated: ${response.getData().length}`);
if (!response.isSuccess) {
  for (const [key, error] of Object.entries(response.getErrorsByKey())) {
    console.log(`failed #${key}: ${error.code} ${error.message}`);
  }
}
const check = await $b24.callMethod('crm.item.get', { entityTypeId: 2, id: 2 });
console.log(check.getData().result.item.stageId);
