// 04-task-automation.js — a follow-up task for every stale deal.
//
// A deal is stale when it is still in an early stage (New or Preparation) and
// nobody has a task about it. The script loads those deals with
// actions.v2.fetchList, loads the CRM links of the open tasks with
// actions.v2.callList (tasks.task.list returns {tasks: [...]} with lower-case
// ids but filters by ID, hence cursorIdKey), and creates one task per stale
// deal, assigned to the deal's manager and linked to the deal.
//
// b24test: seed=deal:60,task:12,user:5

import { B24Hook, EnumCrmEntityTypeId } from '@bitrix24/b24jssdk'

const $b24 = B24Hook.fromWebhookUrl(process.env.BITRIX24_WEBHOOK_URL)

const EARLY_STAGES = ['NEW', 'PREPARATION']
const DEADLINE_DAYS = 3

async function loadEarlyDeals() {
  const deals = []
  for await (const chunk of $b24.actions.v2.fetchList.make({
    method: 'crm.item.list',
    params: {
      entityTypeId: EnumCrmEntityTypeId.deal,
      filter: { stageId: EARLY_STAGES },
      select: ['id', 'title', 'stageId', 'assignedById']
    },
    idKey: 'id',
    customKeyForResult: 'items'
  })) {
    deals.push(...chunk)
  }
  return deals
}

async function loadDealsWithOpenTasks() {
  const response = await $b24.actions.v2.callList.make({
    method: 'tasks.task.list',
    params: {
      filter: { '<STATUS': 5 }, // 5 = completed
      select: ['ID', 'TITLE', 'UF_CRM_TASK']
    },
    idKey: 'id',
    cursorIdKey: 'ID',
    customKeyForResult: 'tasks'
  })
  if (!response.isSuccess) {
    throw new Error(response.getErrorMessages().join('; '))
  }
  const dealIds = new Set()
  for (const task of response.getData()) {
    for (const link of task.ufCrmTask ?? []) {
      if (link.startsWith('D_')) dealIds.add(Number(link.slice(2)))
    }
  }
  return dealIds
}

async function createFollowUpTask(deal) {
  const deadline = new Date(Date.now() + DEADLINE_DAYS * 24 * 60 * 60 * 1000)
  const response = await $b24.actions.v2.call.make({
    method: 'tasks.task.add',
    params: {
      fields: {
        TITLE: `Follow up: ${deal.title}`,
        DESCRIPTION: `The deal "${deal.title}" (ID ${deal.id}) is still at stage ${deal.stageId}. Call the client and move it forward.`,
        RESPONSIBLE_ID: deal.assignedById,
        PRIORITY: 2,
        DEADLINE: deadline.toISOString(),
        UF_CRM_TASK: [`D_${deal.id}`]
      }
    }
  })
  return response.getData().result.task
}

const deals = await loadEarlyDeals()
const covered = await loadDealsWithOpenTasks()
const stale = deals.filter((deal) => !covered.has(deal.id))
console.log(`Deals in ${EARLY_STAGES.join('/')}: ${deals.length}, with an open task: ${deals.length - stale.length}, stale: ${stale.length}`)

for (const deal of stale) {
  const task = await createFollowUpTask(deal)
  console.log(`  task #${task.id} for deal #${deal.id} -> user #${task.responsibleId}: ${task.title}`)
}

const open = await $b24.actions.v2.call.make({
  method: 'tasks.task.list',
  params: { filter: { '<STATUS': 5 }, select: ['ID'] }
})
console.log(`Open tasks now: ${open.getTotal()}`)
