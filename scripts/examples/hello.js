// hello.js — the first script to run: who am I on this portal?
//
// Calls user.current through the webhook and prints a greeting. If this works,
// the webhook URL, its secret and the portal's certificate are all fine.
//
// Run it with Node and the official SDK:
//   BITRIX24_WEBHOOK_URL=https://your.bitrix24.com/rest/1/secret/ node hello.js
// or with b24run (the webhook then comes from b24run.toml):
//   b24run run hello.js
//
// b24test: seed=user:3

import { B24Hook } from '@bitrix24/b24jssdk'

const $b24 = B24Hook.fromWebhookUrl(process.env.BITRIX24_WEBHOOK_URL)

const response = await $b24.actions.v2.call.make({ method: 'user.current' })
const me = response.getData().result

console.log(`Hello, ${me.NAME} ${me.LAST_NAME}!`)
console.log(`You are user #${me.ID}, ${me.WORK_POSITION || 'no position set'}.`)
