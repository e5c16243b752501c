// call_start.js — paging by hand: the third argument of callMethod, params.start
// winning over it, and response.getNext($b24.getHttpClient('v2')).
// b24test: seed=deal:120

const params = { select: ['ID'], order: { ID: 'ASC' } };
const first = await $b24.callMethod('crm.deal.list', params);
console.log(first.getData().result[0].ID, first.getTotal(), first.isMore());

const second = await $b24.callMethod('crm.deal.list', params, 50);
console.log(second.getData().result[0].ID);

// An integer params.start beats the argument; start: undefined lets it apply.
const third = await $b24.callMethod('crm.deal.list', { ...params, start: 0 }, 100);
console.log(third.getData().result[0].ID);
const fourth = await $b24.callMethod('crm.deal.list', { ...params, start: undefined }, 100);
console.log(fourth.getData().result[0].ID, fourth.getData().result.length, fourth.isMore());

const http = $b24.getHttpClient('v2');
let page = first;
let pages = 0;
let rows = 0;
while (page) {
  pages++;
  rows += page.getData().result.length;
  page = await page.getNext(http);
}
console.log(pages, rows, page);
console.log(JSON.stringify(first.getQuery().params));
