// events_on.js — a rule registers handlers with on() and schedule(); the
// engine runs the one the trigger selects with the decoded event. Portal
// calls are not allowed while the rule loads, only inside handlers.
// b24test: seed=deal:3 event=ONCRMDEALUPDATE data='{"FIELDS":{"ID":"2"}}'

let loadError = 'none';
try {
  await $b24.callMethod('crm.deal.get', { id: 1 });
} catch (e) {
  loadError = `${e.name} ${e.code}`;
}

on('onCrmDealUpdate', async (event) => {
  console.log(loadError);
  console.log(event.event, event.data.FIELDS.ID, typeof event.ts, event.auth.domain);
  const deal = await $b24.callMethod('crm.deal.get', { id: event.data.FIELDS.ID });
  console.log(deal.getData().result.TITLE);
});

on('ONCRMDEALADD', () => console.log('not this one'));

schedule('*/15 * * * *', async () => {
  console.log('not a schedule run');
});
