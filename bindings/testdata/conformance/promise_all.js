// promise_all.js — calls are real promises: Promise.all, then/catch/finally,
// async functions and Promise.allSettled behave as in Node.
// b24test: seed=deal:10

const ids = [1, 2, 3, 4];
const deals = await Promise.all(ids.map((id) => $b24.callMethod('crm.deal.get', { id })));
console.log(deals.map((d) => d.getData().result.ID).join(','));

const settled = await Promise.allSettled([
  $b24.callMethod('crm.deal.get', { id: 5 }),
  $b24.callMethod('crm.deal.get', { id: 999 }),
]);
console.log(settled.map((s) => s.status).join(','), settled[1].reason.message);

const title = await $b24.callMethod('crm.deal.get', { id: 6 })
  .then((r) => r.getData().result.TITLE)
  .finally(() => console.log('finally'));
console.log(title);

async function titleOf(id) {
  const r = await $b24.callMethod('crm.deal.get', { id });
  return r.getData().result.TITLE;
}
console.log(await titleOf(7), await Promise.race([titleOf(8), new Promise((r) => setTimeout(() => r('late'), 1000))]));

const order = [];
Promise.resolve().then(() => order.push('microtask'));
queueMicrotask(() => order.push('queued'));
order.push('sync');
await null;
console.log(order.join(','));
