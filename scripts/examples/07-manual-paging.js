// 07-manual-paging.js — page through a list by hand, with a pause between pages.
//
// callMethod returns one page (50 rows) as an AjaxResult; isMore() says whether
// there is another one, getTotal() how many rows match, and
// getNext($b24.getHttpClient('v2')) fetches the next page. Paging by hand lets
// you throttle (here: 200 ms between pages) or stop early. The script counts
// companies per industry and type.
//
// b24test: seed=company:130

import { B24Hook, EnumCrmEntityTypeId } from '@bitrix24/b24jssdk'

const $b24 = B24Hook.fromWebhookUrl(process.env.BITRIX24_WEBHOOK_URL)

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

const byIndustry = {}
const byType = {}

let page = await $b24.callMethod('crm.item.list', {
  entityTypeId: EnumCrmEntityTypeId.company,
  order: { id: 'asc' },
  select: ['id', 'title', 'industry', 'typeId']
}, 0)
console.log(`Companies on the portal: ${page.getTotal()}`)

let pageNo = 1
for (;;) {
  const items = page.getData().result.items
  console.log(`page ${pageNo}: ${items.length} companies, #${items[0].id}..#${items[items.length - 1].id}, more: ${page.isMore()}`)
  for (const company of items) {
    byIndustry[company.industry] = (byIndustry[company.industry] ?? 0) + 1
    byType[company.typeId] = (byType[company.typeId] ?? 0) + 1
  }
  if (!page.isMore()) break

  await sleep(200)
  const next = await page.getNext($b24.getHttpClient('v2'))
  if (next === false) break
  page = next
  pageNo += 1
}

console.log('')
console.log('By industry:')
for (const [industry, count] of Object.entries(byIndustry).sort()) {
  console.log(`  ${industry.padEnd(15)} ${count}`)
}
console.log('By type:')
for (const [type, count] of Object.entries(byType).sort()) {
  console.log(`  ${type.padEnd(15)} ${count}`)
}
