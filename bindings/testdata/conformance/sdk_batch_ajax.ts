// sdk_batch_ajax.ts — the docs' "batch (REST v2)" demo: a tuple batch with
// isHaltOnError and returnAjaxResult, reading row.getData().result.item of
// the successful rows.
// b24test: seed=company:5

import { AjaxResult, EnumCrmEntityTypeId } from '@bitrix24/b24jssdk';

const ids = [2, 4, 9999];
const response = await $b24.actions.v2.batch.make({
  calls: ids.map((id) => ['crm.item.get', { entityTypeId: EnumCrmEntityTypeId.company, id }]),
  options: { isHaltOnError: false, returnAjaxResult: true },
});
const rows = response.getData() as AjaxResult[];
for (const row of rows) {
  if (row.isSuccess) {
    const item = (row.getData()!.result as { item: { id: number; title: string } }).item;
    console.log('company', item.id, item.title);
  } else {
    console.log('failed', row.getErrorMessages().join('; '));
  }
}
console.log('batch ok', response.isSuccess);
