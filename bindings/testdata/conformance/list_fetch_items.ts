// list_fetch_items.ts — the SDK's documented keyset list over crm.item.list:
// actions.v2.fetchList with idKey 'id' and customKeyForResult 'items', and
// callList for the same rows.
// b24test: seed=deal:75

interface Deal {
  id: number;
  title: string;
  stageId: string;
}

const byStage = new Map<string, number>();
let total = 0;
for await (const chunk of $b24.actions.v2.fetchList.make<Deal>({
  method: 'crm.item.list',
  params: { entityTypeId: 2, select: ['id', 'title', 'stageId'] },
  idKey: 'id',
  customKeyForResult: 'items',
  requestId: 'fetch-deals',
})) {
  for (const deal of chunk) {
    total++;
    byStage.set(deal.stageId, (byStage.get(deal.stageId) ?? 0) + 1);
  }
}
console.log(total, [...byStage.values()].reduce((a, b) => a + b, 0));

const list = await $b24.actions.v2.callList.make<Deal>({
  method: 'crm.item.list',
  params: { entityTypeId: 2, select: ['id'], filter: { '<=id': 60 } },
  idKey: 'id',
  customKeyForResult: 'items',
});
const deals = list.getData() as Deal[];
console.log(list.isSuccess, deals.length, deals[0].id, deals[59].id);
