// call_error_uncaught.js — an AjaxError nobody catches fails the run with
// the script's line, like Node's uncaught exception.
// b24test: error="call_error_uncaught.js:6:12: Uncaught AjaxError: Item not found"

console.log('before');
await $b24.callMethod('crm.item.get', { entityTypeId: 2, id: 12345 });
console.log('not reached');
