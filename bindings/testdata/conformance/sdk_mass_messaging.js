// sdk_mass_messaging.js — in the style of the "mass messaging" recipe: the
// first page of client contacts, one notification each, with a pause
// between sends.
// b24test: seed=contact:4

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const contacts = await $b24.actions.v2.call.make({
  method: 'crm.item.list',
  params: { entityTypeId: 3, order: { id: 'asc' }, select: ['id', 'name'] },
});
let sent = 0;
for (const contact of contacts.getData().result.items) {
  const res = await $b24.actions.v2.call.make({
    method: 'im.notify.system.add',
    params: { USER_ID: 1, MESSAGE: `Hello, contact #${contact.id}` },
  });
  if (res.isSuccess) sent++;
  await sleep(5);
}
console.log('sent', sent, 'of', contacts.getData().result.items.length);
