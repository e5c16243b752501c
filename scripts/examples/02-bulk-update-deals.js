// 02-bulk-update-deals.js — close overdue deals as lost, in bulk.
//
// Finds every open deal expected to close before the cutoff date, then moves
// all of them to the "Lost" stage with callBatchByChunk: any number of updates,
// sent 50 per batch request. isHaltOnError=false lets the other updates finish when
// one fails (here: a deal that was deleted after the list was exported), and the
// failures are listed at the end.
//
// b24test: seed=deal:200

import { B24Hook, EnumCrmEntityTypeId } from '@bitrix24/b24jssdk'

const $b24 = B24Hook.fromWebhookUrl(process.env.BITRIX24_WEBHOOK_URL)

// Deals expected to close before this moment are overdue.
const CUTOFF = '2024-01-14T00:00:00+03:00'

// 1. Which deals are overdue?
const overdue = await $b24.actions.v2.callList.make({
  method: 'crm.item.list',
  params: {
    entityTypeId: EnumCrmEntityTypeId.deal,
    filter: { '!stageId': ['WON', 'LOSE'], '<closedate': CUTOFF },
    select: ['id', 'title', 'stageId']
  },
  idKey: 'id',
  customKeyForResult: 'items'
})
if (!overdue.isSuccess) {
  throw new Error(overdue.getErrorMessages().join('; '))
}
const deals = overdue.getData()
console.log(`Overdue open deals: ${deals.length}`)

// A deal id from yesterday's export that no longer exists.
const ids = [...deals.map((deal) => deal.id), 999999]

// 2. Move them all to LOSE.
const calls = ids.map((id) => [
  'crm.item.update',
  {
    entityTypeId: EnumCrmEntityTypeId.deal,
    id,
    fields: { stageId: 'LOSE', comments: `Closed as lost: expected close date before ${CUTOFF.slice(0, 10)}` }
  }
])
console.log(`Planned updates: ${calls.length} (${Math.ceil(calls.length / 50)} batch requests)`)

const response = await $b24.callBatchByChunk(calls, false)
const updated = response.getData()
console.log(`Updated: ${updated.length} of ${calls.length}`)
console.log(`First: #${updated[0].item.id} ${updated[0].item.title} -> ${updated[0].item.stageId}`)

if (!response.isSuccess) {
  console.log('Failed updates:')
  for (const message of response.getErrorMessages()) {
    console.log(`  - ${message}`)
  }
}

// 3. Check the result: how many deals are lost now?
const lost = await $b24.actions.v2.call.make({
  method: 'crm.item.list',
  params: { entityTypeId: EnumCrmEntityTypeId.deal, filter: { stageId: 'LOSE' }, select: ['id'] }
})
console.log(`Lost deals on the portal: ${lost.getTotal()}`)
