// sdk_call_v2.ts — the docs' "call REST API v2" demo: crm.item.get with a
// requestId, throwing SdkError when the result is not a success, with a
// logger built from the SDK's Logger and ConsoleV2Handler.
// b24test: seed=company:3 log="[demo]: company loaded"

import { EnumCrmEntityTypeId, Logger, ConsoleV2Handler, LogLevel, SdkError } from '@bitrix24/b24jssdk';

const logger = Logger.create('demo');
logger.pushHandler(new ConsoleV2Handler(LogLevel.INFO));

async function Action_getCompany(id: number) {
  const response = await $b24.actions.v2.call.make({
    method: 'crm.item.get',
    params: { entityTypeId: EnumCrmEntityTypeId.company, id },
    requestId: `crm-item-${id}`,
  });
  if (!response.isSuccess) {
    throw new SdkError({ code: 'JSSDK_CLIENT_SIDE_WARNING', description: response.getErrorMessages().join('; '), status: 500 });
  }
  await logger.info('company loaded', { id });
  return response.getData()!.result.item;
}

const company = await Action_getCompany(2);
console.log(company.id, company.title, typeof company.createdTime);
