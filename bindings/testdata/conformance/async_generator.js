// async_generator.js — async generators written by the script, for await
// over them, yield* delegation and break calling the generator's finally.
// b24test: seed=deal:120

async function* dealsIn(pages) {
  try {
    for (let page = 0; page < pages; page++) {
      const res = await $b24.callMethod('crm.deal.list', { select: ['ID'], order: { ID: 'ASC' } }, page * 50);
      yield* res.getData().result;
    }
  } finally {
    console.log('generator closed');
  }
}

let count = 0;
for await (const deal of dealsIn(3)) {
  count++;
  if (deal.ID === '60') break;
}
console.log('stopped at', count);

async function* countdown(n) {
  while (n > 0) {
    await new Promise((r) => setTimeout(r, 1));
    yield n--;
  }
}
const seen = [];
for await (const n of countdown(3)) seen.push(n);
console.log(seen.join(','));

// A custom async iterable object.
const iterable = {
  [Symbol.asyncIterator]() {
    let i = 0;
    return { next: async () => (i < 2 ? { value: i++, done: false } : { value: undefined, done: true }) };
  },
};
for await (const v of iterable) console.log('custom', v);

// for await over an array of promises.
for await (const r of [$b24.callMethod('crm.deal.get', { id: 1 }), Promise.resolve('plain')]) {
  console.log(typeof r === 'string' ? r : r.getData().result.ID);
}
