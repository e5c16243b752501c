// 06-contacts-csv-export.js — export contacts with their company to CSV.
//
// Streams contacts page by page with fetchListMethod (`for await`), resolves
// the company titles with one crm.company.list call, and writes CSV to stdout:
//   node 06-contacts-csv-export.js > contacts.csv
// Multi-value fields (PHONE, EMAIL) arrive as lists of {VALUE, VALUE_TYPE}; the
// export keeps the first work value.
//
// b24test: seed=contact:75,company:12

import { B24Hook } from '@bitrix24/b24jssdk'

const $b24 = B24Hook.fromWebhookUrl(process.env.BITRIX24_WEBHOOK_URL)

function csvCell(value) {
  const text = value == null ? '' : String(value)
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

function firstValue(multiField) {
  if (!Array.isArray(multiField) || multiField.length === 0) return ''
  const work = multiField.find((entry) => entry.VALUE_TYPE === 'WORK') ?? multiField[0]
  return work.VALUE
}

const contacts = []
for await (const page of $b24.fetchListMethod(
  'crm.contact.list',
  { select: ['ID', 'NAME', 'LAST_NAME', 'POST', 'COMPANY_ID', 'PHONE', 'EMAIL'] },
  'ID'
)) {
  contacts.push(...page)
}

const companyIds = [...new Set(contacts.map((contact) => contact.COMPANY_ID).filter((id) => Number(id) > 0))]
const companies = await $b24.actions.v2.call.make({
  method: 'crm.company.list',
  params: { filter: { ID: companyIds }, select: ['ID', 'TITLE'] }
})
const companyTitle = new Map(companies.getData().result.map((company) => [company.ID, company.TITLE]))

console.log(['id', 'first_name', 'last_name', 'position', 'company', 'phone', 'email'].join(','))
for (const contact of contacts) {
  console.log([
    contact.ID,
    contact.NAME,
    contact.LAST_NAME,
    contact.POST,
    companyTitle.get(contact.COMPANY_ID) ?? '',
    firstValue(contact.PHONE),
    firstValue(contact.EMAIL)
  ].map(csvCell).join(','))
}
