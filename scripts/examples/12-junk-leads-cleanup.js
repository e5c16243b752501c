// 12-junk-leads-cleanup.js — delete the leads marked as junk.
//
// Lists the junk leads with callListMethod, deletes them with callBatch (up to
// 50 commands in one request; isHaltOnError=true stops at the first failure so
// nothing unexpected happens after an error), and counts what is left with a
// single callMethod and getTotal().
//
// b24test: seed=lead:120

import { B24Hook } from '@bitrix24/b24jssdk'

const $b24 = B24Hook.fromWebhookUrl(process.env.BITRIX24_WEBHOOK_URL)

const junk = await $b24.callListMethod('crm.lead.list', {
  filter: { STATUS_ID: 'JUNK' },
  select: ['ID', 'TITLE', 'SOURCE_ID']
})
const leads = junk.getData()
console.log(`Junk leads found: ${leads.length}`)

const bySource = {}
for (const lead of leads) {
  bySource[lead.SOURCE_ID] = (bySource[lead.SOURCE_ID] ?? 0) + 1
}
console.log(`By source: ${Object.keys(bySource).sort().map((source) => `${source}=${bySource[source]}`).join(', ')}`)

if (leads.length > 50) {
  console.log('More than 50 junk leads: use callBatchByChunk for the rest.')
}
const deleted = await $b24.callBatch(
  leads.slice(0, 50).map((lead) => ['crm.lead.delete', { id: lead.ID }]),
  true
)
if (!deleted.isSuccess) {
  console.log(`Stopped on an error: ${deleted.getErrorMessages().join('; ')}`)
}
console.log(`Deleted: ${deleted.getData().length}`)

const remaining = await $b24.callMethod('crm.lead.list', { select: ['ID'] })
const stillJunk = await $b24.callMethod('crm.lead.list', { filter: { STATUS_ID: 'JUNK' }, select: ['ID'] })
console.log(`Leads left: ${remaining.getTotal()}, of which junk: ${stillJunk.getTotal()}`)
