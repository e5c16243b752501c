// 11-contact-cleanup.js — data clean-up: normalise contact phone numbers.
//
// Reads every contact with actions.v2.callList, rewrites phone numbers such as
// "+1 555 007 0259" to the E.164 form "+15550070259", and saves only the
// contacts that change, with actions.v2.batchByChunk (50 updates per request).
// A multi-value field item is updated in place by sending its ID with the new
// VALUE. Set DRY_RUN=1 to only print what would change.
//
// b24test: seed=contact:70

import { B24Hook } from '@bitrix24/b24jssdk'

const $b24 = B24Hook.fromWebhookUrl(process.env.BITRIX24_WEBHOOK_URL)
const dryRun = process.env.DRY_RUN === '1'

const normalise = (phone) => phone.replace(/[^\d+]/g, '')

const response = await $b24.actions.v2.callList.make({
  method: 'crm.contact.list',
  params: { select: ['ID', 'NAME', 'LAST_NAME', 'PHONE'] },
  idKey: 'ID'
})
if (!response.isSuccess) {
  throw new Error(response.getErrorMessages().join('; '))
}
const contacts = response.getData()

const calls = []
const samples = []
for (const contact of contacts) {
  const changed = (contact.PHONE ?? [])
    .filter((phone) => normalise(phone.VALUE) !== phone.VALUE)
    .map((phone) => ({ ID: phone.ID, VALUE: normalise(phone.VALUE), VALUE_TYPE: phone.VALUE_TYPE }))
  if (changed.length === 0) continue
  if (samples.length < 3) {
    samples.push(`  ${contact.NAME} ${contact.LAST_NAME}: ${contact.PHONE[0].VALUE} -> ${changed[0].VALUE}`)
  }
  calls.push(['crm.contact.update', { id: contact.ID, fields: { PHONE: changed } }])
}
console.log(`Contacts checked: ${contacts.length}, to fix: ${calls.length}`)
for (const line of samples) console.log(line)

if (dryRun) {
  console.log('Dry run: nothing saved.')
} else {
  const saved = await $b24.actions.v2.batchByChunk.make({ calls, options: { isHaltOnError: false } })
  console.log(`Saved: ${saved.getData().filter((result) => result === true).length}, errors: ${saved.getErrorMessages().length}`)

  const check = await $b24.actions.v2.call.make({ method: 'crm.contact.get', params: { id: contacts[0].ID } })
  const phones = check.getData().result.PHONE.map((phone) => phone.VALUE)
  console.log(`Contact #${contacts[0].ID} now has: ${phones.join(', ')}`)
}
