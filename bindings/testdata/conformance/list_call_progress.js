// list_call_progress.js — callListMethod returns every row in one Result and
// reports progress with the SDK's values: 0, then after each later page,
// then 100.
// b24test: seed=deal:120

const seen = [];
const res = await $b24.callListMethod('crm.deal.list', { select: ['ID', 'TITLE'] }, (p) => seen.push(p));
console.log(res instanceof Result, res.isSuccess);
const rows = res.getData();
console.log(rows.length, rows[0].ID, rows[0].TITLE, rows[119].ID);
console.log(JSON.stringify(seen));

const none = [];
const empty = await $b24.callListMethod('crm.deal.list', { filter: { '>ID': 100000 } }, (p) => none.push(p));
console.log(empty.getData().length, JSON.stringify(none));

// Without a callback; the caller's order is kept.
const ordered = await $b24.callListMethod('crm.deal.list', { order: { TITLE: 'DESC' }, select: ['TITLE'], filter: { '<=ID': 12 } });
console.log(ordered.getData().map((d) => d.TITLE).join(', '));

// crm.item.list keeps its rows under "items".
const items = await $b24.callListMethod('crm.item.list', { entityTypeId: 2, select: ['id'] }, null, 'items');
console.log(items.getData().length, typeof items.getData()[0].id);

try {
  await $b24.callListMethod('no.such.method');
} catch (e) {
  console.log(e.name, e.code);
}
