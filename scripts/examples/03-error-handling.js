// 03-error-handling.js — what failures look like, and how to handle each one.
//
// 1. A REST error is thrown as an AjaxError: catch it and branch on error.code.
// 2. An unknown method is an AjaxError too (ERROR_METHOD_NOT_FOUND).
// 3. In a batch, failed commands do not throw: the Result has isSuccess=false,
//    the messages in getErrorMessages(), and only the good rows in getData().
// 4. With returnAjaxResult=true every row is an AjaxResult with its own isSuccess.
// 5. fetchList rethrows the portal's error from inside the for-await loop.
// 6. A helper that turns "not found" into null and lets other errors through.
//
// b24test: seed=deal:10,task:3

import { AjaxError, B24Hook, EnumCrmEntityTypeId, SdkError } from '@bitrix24/b24jssdk'

const $b24 = B24Hook.fromWebhookUrl(process.env.BITRIX24_WEBHOOK_URL)

function describe(error) {
  if (error instanceof AjaxError) {
    return `AjaxError ${error.code} (HTTP ${error.status}): ${error.message}`
  }
  if (error instanceof SdkError) {
    return `SdkError ${error.code}: ${error.message}`
  }
  return `${error.name}: ${error.message}`
}

// 1. A deal that does not exist.
console.log('1. crm.item.get for a missing deal')
try {
  await $b24.actions.v2.call.make({
    method: 'crm.item.get',
    params: { entityTypeId: EnumCrmEntityTypeId.deal, id: 424242 }
  })
  console.log('   unexpected: the call succeeded')
} catch (error) {
  console.log(`   ${describe(error)}`)
  console.log(`   is an AjaxError: ${error instanceof AjaxError}, is an SdkError: ${error instanceof SdkError}`)
  if (error.code === 'NOT_FOUND') {
    console.log('   -> treat as "already deleted" and carry on')
  }
}

// 2. A typo in the method name.
console.log('2. a method that does not exist')
try {
  await $b24.callMethod('crm.deal.lst', { select: ['ID'] })
} catch (error) {
  console.log(`   ${describe(error)}`)
}

// 3. A batch where one command fails, without halting.
console.log('3. batch with isHaltOnError=false')
const batch = await $b24.callBatch([
  ['crm.item.get', { entityTypeId: EnumCrmEntityTypeId.deal, id: 1 }],
  ['crm.item.get', { entityTypeId: EnumCrmEntityTypeId.deal, id: 424242 }],
  ['crm.item.get', { entityTypeId: EnumCrmEntityTypeId.deal, id: 3 }]
], false)
console.log(`   isSuccess: ${batch.isSuccess}`)
console.log(`   errors: ${JSON.stringify(batch.getErrorMessages())}`)
console.log(`   deals loaded: ${batch.getData().map((row) => row.item.title).join(', ')}`)
for (const error of batch.getErrors()) {
  console.log(`   failed command: ${error.code} ${error.message}`)
}

// 4. The same batch, halting on the first error and returning AjaxResults.
console.log('4. batch with isHaltOnError=true, returnAjaxResult=true')
const halted = await $b24.actions.v2.batch.make({
  calls: [
    ['crm.item.get', { entityTypeId: EnumCrmEntityTypeId.deal, id: 1 }],
    ['crm.item.get', { entityTypeId: EnumCrmEntityTypeId.deal, id: 424242 }],
    ['crm.item.get', { entityTypeId: EnumCrmEntityTypeId.deal, id: 3 }]
  ],
  options: { isHaltOnError: true, returnAjaxResult: true }
})
console.log(`   isSuccess: ${halted.isSuccess}, rows answered: ${halted.getData().length}`)
for (const row of halted.getData()) {
  const text = row.isSuccess
    ? `deal ${row.getData().result.item.title}`
    : row.getErrorMessages().join('; ')
  console.log(`   ${row.getQuery().params.id}: ${row.isSuccess ? 'ok' : 'failed'} - ${text}`)
}

// 5. A filter on a field crm.item.list does not know.
console.log('5. fetchList with an invalid filter')
try {
  for await (const chunk of $b24.actions.v2.fetchList.make({
    method: 'crm.item.list',
    params: { entityTypeId: EnumCrmEntityTypeId.deal, filter: { colour: 'red' } },
    idKey: 'id',
    customKeyForResult: 'items'
  })) {
    console.log(`   unexpected chunk of ${chunk.length}`)
  }
} catch (error) {
  console.log(`   ${describe(error)}`)
}

// 6. A reusable helper: null for "not found", rethrow everything else.
// tasks.task.get answers a task you cannot see with an empty result, and an
// invalid id with HTTP 400 (ERROR_CORE).
async function findTask(taskId) {
  try {
    const response = await $b24.actions.v2.call.make({
      method: 'tasks.task.get',
      params: { taskId, select: ['ID', 'TITLE', 'STATUS'] }
    })
    return response.getData().result.task ?? null
  } catch (error) {
    if (error instanceof AjaxError && error.status === 400) {
      return null
    }
    throw error
  }
}

console.log('6. a helper that returns null when a task is missing')
for (const taskId of [2, 77, -1]) {
  const task = await findTask(taskId)
  console.log(`   task ${taskId}: ${task ? `${task.title} (status ${task.status})` : 'not found'}`)
}
