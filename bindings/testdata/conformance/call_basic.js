// call_basic.js — callMethod resolves to an AjaxResult: getData() holds the
// result and the time block, total and next are read through getTotal() and
// isMore(), and getQuery() tells what was sent.
// b24test: seed=deal:60

const res = await $b24.callMethod('crm.deal.list', { select: ['ID', 'TITLE'], order: { ID: 'ASC' } });
console.log(res instanceof AjaxResult, res instanceof Result, res.isSuccess, res.getStatus());
const data = res.getData();
console.log(Object.keys(data).join(','), Object.isFrozen(data));
console.log(data.result.length, data.result[0].ID, data.result[0].TITLE);
console.log(res.getTotal(), res.isMore(), res.hasMore());
console.log(typeof data.time.start, typeof data.time.finish, typeof data.time.duration, typeof data.time.date_start);
console.log(JSON.stringify(res.getQuery().params));
console.log(res.getQuery().method, typeof res.getQuery().requestId);
console.log(res.getErrorMessages().length, res.hasError('base-error'));

const me = await $b24.callMethod('user.current');
console.log(me.getData().result.ID, me.getData().result.NAME, me.getTotal(), me.isMore());

const deal = (await $b24.callMethod('crm.deal.get', { id: 7 })).getData().result;
console.log(deal.ID, deal.TITLE, typeof deal.OPPORTUNITY, deal.LEAD_ID);

const added = await $b24.callMethod('crm.deal.add', { fields: { TITLE: 'From JS', OPPORTUNITY: 1500.5, CURRENCY_ID: 'EUR' } });
const id = added.getData().result;
console.log(typeof id, id);
const back = (await $b24.callMethod('crm.deal.get', { id })).getData().result;
console.log(back.TITLE, back.OPPORTUNITY, back.CURRENCY_ID);
console.log((await $b24.callMethod('crm.deal.update', { id, fields: { TITLE: 'Renamed' } })).getData().result);

try {
  res.setData({});
} catch (e) {
  console.log(e instanceof ReferenceError, e.message);
}
