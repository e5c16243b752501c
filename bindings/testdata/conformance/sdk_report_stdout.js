// sdk_report_stdout.js — a report printed to stdout, to be redirected: the
// deals per stage as CSV lines, built from callListMethod.
// b24test: seed=deal:90

const res = await $b24.callListMethod('crm.deal.list', { select: ['ID', 'STAGE_ID', 'OPPORTUNITY'] });
const byStage = new Map();
for (const deal of res.getData()) {
  const row = byStage.get(deal.STAGE_ID) ?? { count: 0, sum: 0 };
  row.count++;
  row.sum += Number(deal.OPPORTUNITY);
  byStage.set(deal.STAGE_ID, row);
}
console.log('stage,count');
for (const stage of [...byStage.keys()].sort()) console.log(`${stage},${byStage.get(stage).count}`);
process.stdout.write(`total,${res.getData().length}\n`);
