// 10-timeline-comments.js — leave a note in the timeline of every deal awaiting
// its final invoice.
//
// Finds the deals at the FINAL_INVOICE stage, then adds one timeline comment to
// each with a single actions.v2.batch request (commands as {method, params}
// objects; returnAjaxResult=true gives one AjaxResult per command, so each
// comment's new id and status can be read). A second batch reads the comments
// back to confirm them.
//
// b24test: seed=deal:45

import { B24Hook, EnumCrmEntityTypeId } from '@bitrix24/b24jssdk'

const $b24 = B24Hook.fromWebhookUrl(process.env.BITRIX24_WEBHOOK_URL)

const list = await $b24.actions.v2.call.make({
  method: 'crm.item.list',
  params: {
    entityTypeId: EnumCrmEntityTypeId.deal,
    filter: { stageId: 'FINAL_INVOICE' },
    select: ['id', 'title', 'opportunity', 'currencyId']
  }
})
const deals = list.getData().result.items
console.log(`Deals awaiting the final invoice: ${deals.length}`)

const added = await $b24.actions.v2.batch.make({
  calls: deals.map((deal) => ({
    method: 'crm.timeline.comment.add',
    params: {
      fields: {
        ENTITY_ID: deal.id,
        ENTITY_TYPE: 'deal',
        COMMENT: `Final invoice for ${deal.opportunity.toFixed(2)} ${deal.currencyId} sent. Follow up in 3 days.`
      }
    }
  })),
  options: { isHaltOnError: false, returnAjaxResult: true }
})

added.getData().forEach((row, index) => {
  const deal = deals[index]
  if (row.isSuccess) {
    console.log(`  ${deal.title}: comment #${row.getData().result} added`)
  } else {
    console.log(`  ${deal.title}: failed - ${row.getErrorMessages().join('; ')}`)
  }
})

// Read them back: one named command per deal.
const check = {}
for (const deal of deals) {
  check[`deal${deal.id}`] = {
    method: 'crm.timeline.comment.list',
    params: {
      filter: { ENTITY_ID: deal.id, ENTITY_TYPE: 'deal' },
      select: ['ID', 'COMMENT']
    }
  }
}
const comments = await $b24.actions.v2.batch.make({ calls: check })
for (const [name, rows] of Object.entries(comments.getData())) {
  const ours = rows.filter((row) => row.COMMENT.startsWith('Final invoice'))
  console.log(`  ${name}: ${rows.length} comment(s) in the timeline, reminder ${ours.length === 1 ? 'confirmed' : 'missing'}`)
}
