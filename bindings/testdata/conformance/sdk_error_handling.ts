// sdk_error_handling.ts — in the style of the SDK's error-handling recipe:
// restriction params, a found and a missing deal, and a switch on the
// AjaxError code.
// b24test: seed=deal:2

import { B24Hook, AjaxError, SdkError, ParamsFactory } from '@bitrix24/b24jssdk';

const $b24 = B24Hook.fromWebhookUrl('https://your_domain.bitrix24.com/rest/1/webhook_code/');
await $b24.setRestrictionManagerParams({
  ...ParamsFactory.getDefault(),
  hardErrorCodes: ['MY_HARD'],
  softErrorCodes: ['MY_SOFT'],
  maxRetries: 3,
  retryDelay: 1000,
});

async function getDeal(id: number): Promise<string> {
  try {
    const response = await $b24.actions.v2.call.make<{ item: { title: string } }>({
      method: 'crm.item.get',
      params: { entityTypeId: 2, id },
    });
    if (!response.isSuccess) {
      throw new SdkError({ code: 'MY_APP_ERROR', description: response.getErrorMessages().join('; '), status: 500 });
    }
    return response.getData()!.result.item.title;
  } catch (error) {
    if (error instanceof AjaxError) {
      switch (error.code) {
        case 'NOT_FOUND':
        case 'ERROR_NOT_FOUND':
          return `deal ${id} not found (${error.status})`;
        case 'QUERY_LIMIT_EXCEEDED':
          return 'slow down';
        default:
          return `ajax error ${error.code}`;
      }
    }
    if (error instanceof SdkError) return `sdk error ${error.code}`;
    throw error;
  }
}

console.log(await getDeal(1));
console.log(await getDeal(999999999));
