// 05-deals-report.js — open pipeline per sales manager, printed as a table.
//
// Loads the open deals with callListMethod (it follows the `next` pages for you
// and reports progress through a callback), looks the managers' names up with
// one user.get call, and prints deals and amounts per manager and currency.
// Redirect stdout to keep the report: `node 05-deals-report.js > pipeline.txt`.
//
// b24test: seed=deal:200,user:6

import { B24Hook } from '@bitrix24/b24jssdk'

const $b24 = B24Hook.fromWebhookUrl(process.env.BITRIX24_WEBHOOK_URL)

const progress = []
const response = await $b24.callListMethod(
  'crm.deal.list',
  {
    filter: { CLOSED: 'N' },
    select: ['ID', 'TITLE', 'STAGE_ID', 'OPPORTUNITY', 'CURRENCY_ID', 'ASSIGNED_BY_ID']
  },
  (percent) => progress.push(percent)
)
if (!response.isSuccess) {
  throw new Error(`could not load the deals: ${response.getErrorMessages().join('; ')}`)
}
const deals = response.getData()
console.log(`Loaded ${deals.length} open deals (progress: ${progress.join('% ')}%)`)

// Legacy crm.deal.* methods return every value as a string.
const byManager = new Map()
for (const deal of deals) {
  const managerId = Number(deal.ASSIGNED_BY_ID)
  const row = byManager.get(managerId) ?? { deals: 0, amounts: {} }
  row.deals += 1
  row.amounts[deal.CURRENCY_ID] = (row.amounts[deal.CURRENCY_ID] ?? 0) + parseFloat(deal.OPPORTUNITY)
  byManager.set(managerId, row)
}

const managerIds = [...byManager.keys()].sort((a, b) => a - b)
const users = await $b24.actions.v2.call.make({
  method: 'user.get',
  params: { filter: { ID: managerIds } }
})
const names = new Map(users.getData().result.map((user) => [Number(user.ID), `${user.NAME} ${user.LAST_NAME}`]))

const currencies = [...new Set(deals.map((deal) => deal.CURRENCY_ID))].sort()
const line = (cells) => cells.map((cell, i) => (i === 0 ? cell.padEnd(22) : cell.padStart(12))).join(' ')

console.log('')
console.log(line(['Manager', 'Deals', ...currencies]))
console.log('-'.repeat(22 + 13 * (1 + currencies.length)))
const totals = { deals: 0, amounts: {} }
for (const id of managerIds) {
  const row = byManager.get(id)
  totals.deals += row.deals
  for (const currency of currencies) {
    totals.amounts[currency] = (totals.amounts[currency] ?? 0) + (row.amounts[currency] ?? 0)
  }
  console.log(line([
    names.get(id) ?? `user #${id}`,
    String(row.deals),
    ...currencies.map((currency) => (row.amounts[currency] ?? 0).toFixed(2))
  ]))
}
console.log('-'.repeat(22 + 13 * (1 + currencies.length)))
console.log(line(['Total', String(totals.deals), ...currencies.map((currency) => totals.amounts[currency].toFixed(2))]))
