// list_rows_objects.js — rows from list walks behave as plain objects:
// keys in the portal's order, read, write, add, delete, spread, entries,
// for...in, JSON and console.log.
// b24test: seed=deal:3

const res = await $b24.callListMethod('crm.deal.list', { select: ['ID', 'TITLE', 'STAGE_ID', 'LEAD_ID'] });
const [deal] = res.getData();
console.log(Object.keys(deal).join(','));
console.log(deal.ID, deal.TITLE, deal.LEAD_ID, deal.NOPE, 'ID' in deal, deal.hasOwnProperty('TITLE'));
deal.TITLE = 'Changed';
deal.EXTRA = 1;
delete deal.STAGE_ID;
console.log(JSON.stringify(deal));
console.log(JSON.stringify({ ...deal, ID: 'copy' }));
console.log(Object.entries(deal).map(([k, v]) => `${k}=${v}`).join('&'));
const keys = [];
for (const k in deal) keys.push(k);
console.log(keys.join(','));
const { ID, ...rest } = deal;
console.log(ID, Object.keys(rest).join(','));
console.log(deal);
console.log(typeof deal, Array.isArray(deal), Object.prototype.toString.call(deal), deal instanceof Object);
console.log(JSON.stringify(Object.assign({}, res.getData()[1])));
for await (const page of $b24.fetchListMethod('crm.deal.list', { select: ['ID'] })) {
  console.log(JSON.stringify(page), page.map((d) => Number(d.ID) * 2).join(','));
}
