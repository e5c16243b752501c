// import_sdk.js — code from the SDK's documentation imports from
// '@bitrix24/b24jssdk'; the built-in module gives the configured client
// whatever webhook URL the script passes, so no secret is in the script.
// b24test: seed=deal:3

import { B24Hook, AjaxError, AjaxResult, Result, SdkError, EnumCrmEntityTypeId, ParamsFactory, LogLevel, ApiVersion, Text } from '@bitrix24/b24jssdk';
import sdk from '@bitrix24/b24jssdk';
import * as all from '@bitrix24/b24jssdk';

const $hook = B24Hook.fromWebhookUrl(process.env.BITRIX24_WEBHOOK_URL ?? 'https://your_domain.bitrix24.com/rest/1/webhook_code/');
const $other = new B24Hook({ b24Url: 'https://x.bitrix24.com', userId: 1, secret: 'abc' });
console.log($hook === $b24, $other === $b24, $b24 === b24, $b24 instanceof B24Hook, $b24.isInit);
$hook.offClientSideWarning();
await $hook.setRestrictionManagerParams({ ...ParamsFactory.getDefault(), maxRetries: 5 });

const res = await $hook.actions.v2.call.make({
  method: 'crm.item.get',
  params: { entityTypeId: EnumCrmEntityTypeId.deal, id: 2 },
});
console.log(res instanceof AjaxResult, res.getData().result.item.title);
console.log(EnumCrmEntityTypeId.lead, EnumCrmEntityTypeId.deal, EnumCrmEntityTypeId.contact, EnumCrmEntityTypeId.company, EnumCrmEntityTypeId[4]);
console.log(sdk.B24Hook === B24Hook, all.AjaxError === AjaxError, Result === globalThis.Result, SdkError === all.SdkError);
console.log(LogLevel.INFO, LogLevel[3], ApiVersion.v2);
console.log(ParamsFactory.getDefault().rateLimit.burstLimit, ParamsFactory.fromTariffPlan('enterprise').rateLimit.drainRate, ParamsFactory.getBatchProcessing().maxRetries);
console.log(Text.toB24Format('2024-01-02T03:04:05Z').length, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/.test(Text.toB24Format(new Date())));

const { B24Hook: Required } = require('@bitrix24/b24jssdk');
console.log(Required === B24Hook);
