// batch_limits.js — an empty batch and one above 50 commands are thrown
// before any request is made; a row of the wrong shape too.

const attempts = [
  [],
  {},
  Array.from({ length: 51 }, () => ['user.current']),
  [42],
];
for (const calls of attempts) {
  try {
    await $b24.callBatch(calls);
    console.log('sent');
  } catch (e) {
    console.log(e.name, e.code, e.status);
  }
}
const fifty = await $b24.callBatch(Array.from({ length: 50 }, () => ['server.time']));
console.log(fifty.isSuccess, fifty.getData().length);
