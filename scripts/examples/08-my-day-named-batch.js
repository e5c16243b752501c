// 08-my-day-named-batch.js — "my day" summary in one request, with a named batch.
//
// A batch runs up to 50 commands in a single HTTP request. Named commands make
// the results easy to pick (data.me, data.myDeals, ...), and later commands can
// use the results of earlier ones through $result[name][field] references: here
// every list is filtered by the id of the user the webhook belongs to. With
// returnAjaxResult=true each entry is an AjaxResult, so getTotal() tells how many
// rows matched, not just how many came back in the first page.
//
// b24test: seed=deal:150,task:40,user:5

import { B24Hook, EnumCrmEntityTypeId } from '@bitrix24/b24jssdk'

const $b24 = B24Hook.fromWebhookUrl(process.env.BITRIX24_WEBHOOK_URL)

const response = await $b24.callBatch({
  me: { method: 'user.current' },
  myDeals: {
    method: 'crm.item.list',
    params: {
      entityTypeId: EnumCrmEntityTypeId.deal,
      filter: { assignedById: '$result[me][ID]', stageId: ['NEW', 'PREPARATION', 'EXECUTING'] },
      select: ['id', 'title', 'stageId', 'opportunity', 'currencyId']
    }
  },
  myTasks: {
    method: 'tasks.task.list',
    params: {
      filter: { RESPONSIBLE_ID: '$result[me][ID]', '<STATUS': 5 },
      select: ['ID', 'TITLE', 'DEADLINE']
    }
  },
  wonDeals: {
    method: 'crm.item.list',
    params: {
      entityTypeId: EnumCrmEntityTypeId.deal,
      filter: { assignedById: '$result[me][ID]', stageId: 'WON' },
      select: ['id']
    }
  }
}, true, true)

if (!response.isSuccess) {
  throw new Error(`batch failed: ${response.getErrorMessages().join('; ')}`)
}

const data = response.getData()
const me = data.me.getData().result
console.log(`Good morning, ${me.NAME}!`)

const deals = data.myDeals.getData().result.items
console.log(`Deals to push today: ${data.myDeals.getTotal()}`)
for (const deal of deals.slice(0, 5)) {
  console.log(`  #${deal.id} ${deal.title} [${deal.stageId}] ${deal.opportunity.toFixed(2)} ${deal.currencyId}`)
}
if (deals.length > 5) console.log(`  ...and ${data.myDeals.getTotal() - 5} more`)

const tasks = data.myTasks.getData().result.tasks
console.log(`Open tasks: ${data.myTasks.getTotal()}`)
for (const task of tasks.slice(0, 3)) {
  console.log(`  #${task.id} ${task.title}, due ${task.deadline.slice(0, 10)}`)
}

console.log(`Deals won so far: ${data.wonDeals.getTotal()}`)
