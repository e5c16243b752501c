// batch_nohalt.js — isHaltOnError = false: every command runs, every
// failure is reported by position; failed rows are dropped from plain
// data and kept as failed AjaxResults with returnAjaxResult.
// b24test: seed=deal:10

const cmds = [
  ['crm.deal.get', { id: 1 }],
  ['crm.deal.get', { id: 999 }],
  ['crm.deal.get', { id: 3 }],
  ['no.such.method'],
];
const plain = await $b24.callBatch(cmds, false);
console.log(plain.isSuccess, plain.getData().length, plain.getData().map((d) => d.ID).join(','));
console.log(JSON.stringify(plain.getErrorMessagesByKey()));
console.log(plain.getErrorsByKey()['3'].code, plain.getErrorsByKey()['3'].status);

const ajax = await $b24.callBatch(cmds, false, true);
const rows = ajax.getData();
console.log(rows.length, rows.map((r) => r.isSuccess).join(','));
console.log(rows[3].getErrorMessages()[0], rows[2].getData().result.ID);

// halt: the rows after the failure are not answered at all.
const halted = await $b24.callBatch(cmds, true, true);
console.log(halted.getData().length, halted.getErrorMessages().length);

// The legacy quirk: a batch row has a numeric next, so isMore() is true.
console.log(rows[0].isMore(), rows[0].getTotal());
