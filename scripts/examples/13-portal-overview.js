// 13-portal-overview.js — a quick portal overview from parallel requests.
//
// Independent requests do not have to wait for each other: Promise.all starts
// them together and resolves when all are done, in the order they were given.
// Each count comes from getTotal() of a one-page crm.item.list, so no rows are
// transferred beyond the first page. EnumCrmEntityTypeId names the CRM types.
//
// b24test: seed=company:25,contact:60,lead:35,deal:90

import { B24Hook, EnumCrmEntityTypeId } from '@bitrix24/b24jssdk'

const $b24 = B24Hook.fromWebhookUrl(process.env.BITRIX24_WEBHOOK_URL)

const count = (entityTypeId, filter = {}) =>
  $b24.actions.v2.call
    .make({ method: 'crm.item.list', params: { entityTypeId, filter, select: ['id'] } })
    .then((response) => response.getTotal())

const [leads, contacts, companies, deals, openDeals, bigDeals] = await Promise.all([
  count(EnumCrmEntityTypeId.lead),
  count(EnumCrmEntityTypeId.contact),
  count(EnumCrmEntityTypeId.company),
  count(EnumCrmEntityTypeId.deal),
  count(EnumCrmEntityTypeId.deal, { closed: 'N' }),
  count(EnumCrmEntityTypeId.deal, { '>=opportunity': 5000 })
])

console.log('CRM overview')
console.log(`  leads:      ${leads}`)
console.log(`  contacts:   ${contacts}`)
console.log(`  companies:  ${companies}`)
console.log(`  deals:      ${deals} (${openDeals} open, ${bigDeals} of 5000 or more)`)

// The IT companies, all pages, with their contacts counted in one batch.
const it = await $b24.actions.v2.callList.make({
  method: 'crm.item.list',
  params: { entityTypeId: EnumCrmEntityTypeId.company, filter: { industry: 'IT' }, select: ['id', 'title'] },
  idKey: 'id',
  customKeyForResult: 'items'
})
const companiesIT = it.getData()
const contactsPerCompany = await $b24.actions.v2.batch.make({
  calls: companiesIT.map((company) => [
    'crm.item.list',
    { entityTypeId: EnumCrmEntityTypeId.contact, filter: { companyId: company.id }, select: ['id'] }
  ]),
  options: { returnAjaxResult: true }
})
console.log(`IT companies: ${companiesIT.length}`)
contactsPerCompany.getData().forEach((row, index) => {
  console.log(`  ${companiesIT[index].title}: ${row.getTotal()} contacts`)
})
