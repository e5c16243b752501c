// list_fetch_break.js — fetchListMethod is an async iterable of pages:
// for await walks every page, and break stops the walk.
// b24test: seed=deal:130

let pages = 0;
let rows = 0;
let lastId = 0;
for await (const page of $b24.fetchListMethod('crm.deal.list', { select: ['ID'] })) {
  pages++;
  rows += page.length;
  lastId = page[page.length - 1].ID;
}
console.log(pages, rows, lastId);

let seen = 0;
for await (const page of $b24.fetchListMethod('crm.deal.list', { select: ['ID', 'TITLE'] }, 'ID')) {
  seen += page.length;
  console.log('first page', page.length, page[0].TITLE);
  break;
}
console.log('after break', seen);

// The iterator protocol by hand: return() ends the walk.
const it = $b24.fetchListMethod('crm.deal.list', { select: ['ID'] })[Symbol.asyncIterator]();
const step = await it.next();
console.log(step.done, step.value.length);
console.log(JSON.stringify(await it.return()));
console.log(JSON.stringify(await it.next()));

// An empty list yields no page.
let empty = 0;
for await (const page of $b24.fetchListMethod('crm.deal.list', { filter: { '>ID': 100000 } })) empty += page.length + 1;
console.log('empty', empty);

// An API error ends the loop with an exception.
try {
  for await (const page of $b24.fetchListMethod('no.such.method')) console.log(page.length);
} catch (e) {
  console.log(e.name, e.code);
}
