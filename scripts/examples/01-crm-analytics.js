// 01-crm-analytics.js — sales funnel report over every deal on the portal.
//
// Streams all deals with actions.v2.fetchList (keyset pagination, 50 rows per
// request, never the whole list in memory), groups them by stage and prints
// the funnel: deals per stage, share of all deals, average ticket, amounts per
// currency and the win rate.
//
// b24test: seed=deal:300

import { B24Hook, EnumCrmEntityTypeId } from '@bitrix24/b24jssdk'

const $b24 = B24Hook.fromWebhookUrl(process.env.BITRIX24_WEBHOOK_URL)

const STAGE_NAMES = {
  NEW: 'New',
  PREPARATION: 'Preparation',
  PREPAYMENT_INVOICE: 'Prepayment invoice',
  EXECUTING: 'Executing',
  FINAL_INVOICE: 'Final invoice',
  WON: 'Won',
  LOSE: 'Lost'
}

// Deals of other pipelines have prefixed stages ("C2:WON").
const baseStage = (stageId) => (stageId.includes(':') ? stageId.split(':')[1] : stageId)

async function loadAllDeals() {
  const deals = []
  const generator = $b24.actions.v2.fetchList.make({
    method: 'crm.item.list',
    params: {
      entityTypeId: EnumCrmEntityTypeId.deal,
      select: ['id', 'stageId', 'opportunity', 'currencyId']
    },
    idKey: 'id',
    customKeyForResult: 'items'
  })
  for await (const chunk of generator) {
    for (const item of chunk) {
      deals.push({
        id: Number(item.id),
        stage: baseStage(item.stageId),
        opportunity: Number(item.opportunity ?? 0),
        currency: item.currencyId ?? 'USD'
      })
    }
  }
  return deals
}

function analyseFunnel(deals) {
  const stages = new Map()
  for (const deal of deals) {
    const stat = stages.get(deal.stage) ?? { count: 0, total: 0, byCurrency: {} }
    stat.count += 1
    stat.total += deal.opportunity
    stat.byCurrency[deal.currency] = (stat.byCurrency[deal.currency] ?? 0) + deal.opportunity
    stages.set(deal.stage, stat)
  }
  return stages
}

function printFunnel(stages, totalDeals) {
  console.log(`Total deals: ${totalDeals}`)
  console.log('')
  console.log(`${'Stage'.padEnd(20)} ${'Deals'.padStart(6)} ${'Share'.padStart(7)} ${'Avg ticket'.padStart(11)}  Amount`)
  for (const [stageId, title] of Object.entries(STAGE_NAMES)) {
    const stat = stages.get(stageId)
    if (!stat) continue
    const share = (stat.count / totalDeals) * 100
    const avg = stat.total / stat.count
    const amounts = Object.keys(stat.byCurrency).sort()
      .map((currency) => `${stat.byCurrency[currency].toFixed(2)} ${currency}`)
      .join(', ')
    console.log(`${title.padEnd(20)} ${String(stat.count).padStart(6)} ${share.toFixed(1).padStart(6)}% ${avg.toFixed(2).padStart(11)}  ${amounts}`)
  }

  const won = stages.get('WON')?.count ?? 0
  const lost = stages.get('LOSE')?.count ?? 0
  const open = totalDeals - won - lost
  console.log('')
  console.log(`Open deals: ${open}`)
  console.log(`Win rate:   ${won + lost > 0 ? ((won / (won + lost)) * 100).toFixed(1) : '0.0'}% (${won} won, ${lost} lost)`)
}

async function main() {
  const deals = await loadAllDeals()
  printFunnel(analyseFunnel(deals), deals.length)
}

main().catch((error) => {
  console.error('[crm-analytics failed]', error instanceof Error ? `${error.name}: ${error.message}` : String(error))
  process.exitCode = 1
})
