// 09-notify-managers.js — send each sales manager a summary of their won deals.
//
// Collects the won deals with actions.v2.callList, groups them by manager, and
// sends every manager a system notification (im.notify). Notifications go out
// one at a time with a short pause between them, as the SDK's mass-messaging
// recipe recommends, so a large team does not hit the portal's rate limit.
//
// b24test: seed=deal:140,user:6

import { B24Hook, EnumCrmEntityTypeId } from '@bitrix24/b24jssdk'

const $b24 = B24Hook.fromWebhookUrl(process.env.BITRIX24_WEBHOOK_URL)

const PAUSE_MS = 250
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

const won = await $b24.actions.v2.callList.make({
  method: 'crm.item.list',
  params: {
    entityTypeId: EnumCrmEntityTypeId.deal,
    filter: { stageId: 'WON' },
    select: ['id', 'title', 'assignedById', 'opportunity', 'currencyId']
  },
  idKey: 'id',
  customKeyForResult: 'items'
})
if (!won.isSuccess) {
  throw new Error(`could not load the won deals: ${won.getErrorMessages().join('; ')}`)
}

const perManager = new Map()
for (const deal of won.getData()) {
  const summary = perManager.get(deal.assignedById) ?? { count: 0, amounts: {} }
  summary.count += 1
  summary.amounts[deal.currencyId] = (summary.amounts[deal.currencyId] ?? 0) + deal.opportunity
  perManager.set(deal.assignedById, summary)
}
console.log(`Won deals: ${won.getData().length}, managers to notify: ${perManager.size}`)

const managerIds = [...perManager.keys()].sort((a, b) => a - b)
for (const [index, managerId] of managerIds.entries()) {
  if (index > 0) await sleep(PAUSE_MS)
  const { count, amounts } = perManager.get(managerId)
  const total = Object.keys(amounts).sort().map((currency) => `${amounts[currency].toFixed(2)} ${currency}`).join(' + ')
  const message = `Great job! You have won ${count} deals this period: ${total}.`
  const response = await $b24.actions.v2.call.make({
    method: 'im.notify',
    params: { to: managerId, message, type: 'SYSTEM' }
  })
  console.log(`  user #${managerId}: ${response.isSuccess ? 'sent' : 'failed'} - ${message}`)
}
