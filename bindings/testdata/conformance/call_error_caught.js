// call_error_caught.js — a failed call rejects with an AjaxError that
// try/await/catch receives, with the portal's code, status and message.
// b24test: seed=deal:3

try {
  await $b24.callMethod('crm.item.get', { entityTypeId: 2, id: 999 });
  console.log('not reached');
} catch (e) {
  console.log(e instanceof AjaxError, e instanceof SdkError, e instanceof Error);
  console.log(e.name, e.code, e.status);
  console.log(e.message);
  console.log(e.requestInfo.method, JSON.stringify(e.requestInfo.params));
  console.log(String(e).split('\n')[0]);
  console.log(Object.keys(e.toJSON()).join(','));
}

try {
  await $b24.callMethod('no.such.method');
} catch (e) {
  console.log(e.code, e.status, e.message);
}

// .catch on the promise works the same way.
const code = await $b24.callMethod('crm.deal.get', { id: 999 }).catch((e) => `${e.name} ${e.status} ${e.message}`);
console.log(code);

// A legacy error without a code gets its message as the description.
try {
  await $b24.callMethod('crm.deal.get', { id: 999 });
} catch (e) {
  console.log(JSON.stringify(e.code), e.message);
}
