// sdk_webhook_cli.mjs — the docs' "webhook CLI (Node)" page: profile and
// scope through actions.v2.call.make, printed for the user.

import { B24Hook, SdkError } from '@bitrix24/b24jssdk';

const $b24 = B24Hook.fromWebhookUrl(process.env.B24_HOOK || 'https://example.bitrix24.com/rest/1/xxxx/');

async function main() {
  try {
    const profile = await $b24.actions.v2.call.make({ method: 'profile' });
    const p = profile.getData().result;
    console.log(`ID: ${p.ID}, NAME: ${p.NAME}`);
    const scope = await $b24.actions.v2.call.make({ method: 'scope' });
    console.log(`SCOPE: ${Array.isArray(scope.getData().result)}`);
  } catch (error) {
    if (error instanceof SdkError) console.error('SDK error', error.code);
    process.exit(1);
  }
}

await main();
