-- 01-crm-analytics.lua — sales funnel report over every deal on the portal.
--
-- Streams all deals with b24.fetchListMethod (keyset pagination, one page of
-- 50 rows per step, never the whole list in memory), groups them by stage and
-- prints the funnel: deals per stage, share of all deals, average ticket,
-- amounts per currency and the win rate.
--
-- b24test: seed=deal:300

local DEAL = 2 -- crm.item.list entityTypeId of deals

local STAGES = {
  {'NEW', 'New'},
  {'PREPARATION', 'Preparation'},
  {'PREPAYMENT_INVOICE', 'Prepayment invoice'},
  {'EXECUTING', 'Executing'},
  {'FINAL_INVOICE', 'Final invoice'},
  {'WON', 'Won'},
  {'LOSE', 'Lost'},
}

-- Deals of other pipelines have prefixed stages ("C2:WON").
local function baseStage(stageId)
  return stageId:match(':(.*)$') or stageId
end

local function loadAllDeals()
  local deals = {}
  local params = {entityTypeId = DEAL, select = {'id', 'stageId', 'opportunity', 'currencyId'}}
  for page in b24.fetchListMethod('crm.item.list', params, 'id', 'items') do
    for _, item in ipairs(page) do
      deals[#deals + 1] = {
        id = tonumber(item.id),
        stage = baseStage(item.stageId),
        opportunity = tonumber(item.opportunity) or 0,
        currency = item.currencyId ~= b24.null and item.currencyId or 'USD',
      }
    end
  end
  return deals
end

local function analyseFunnel(deals)
  local stages = {}
  for _, deal in ipairs(deals) do
    local stat = stages[deal.stage] or {count = 0, total = 0, byCurrency = {}}
    stat.count = stat.count + 1
    stat.total = stat.total + deal.opportunity
    stat.byCurrency[deal.currency] = (stat.byCurrency[deal.currency] or 0) + deal.opportunity
    stages[deal.stage] = stat
  end
  return stages
end

local function pad(s, n) return s .. string.rep(' ', n - #s) end
local function lpad(s, n) return string.rep(' ', n - #s) .. s end

local function printFunnel(stages, totalDeals)
  print(('Total deals: %d'):format(totalDeals))
  print('')
  print(('%s %s %s %s  Amount'):format(pad('Stage', 20), lpad('Deals', 6), lpad('Share', 7), lpad('Avg ticket', 11)))
  for _, stage in ipairs(STAGES) do
    local stat = stages[stage[1]]
    if stat then
      local currencies = {}
      for currency in pairs(stat.byCurrency) do currencies[#currencies + 1] = currency end
      table.sort(currencies)
      local amounts = {}
      for i, currency in ipairs(currencies) do
        amounts[i] = ('%.2f %s'):format(stat.byCurrency[currency], currency)
      end
      print(('%-20s %6d %6.1f%% %11.2f  %s'):format(stage[2], stat.count, stat.count / totalDeals * 100,
        stat.total / stat.count, table.concat(amounts, ', ')))
    end
  end

  local won = stages.WON and stages.WON.count or 0
  local lost = stages.LOSE and stages.LOSE.count or 0
  print('')
  print(('Open deals: %d'):format(totalDeals - won - lost))
  local rate = won + lost > 0 and won / (won + lost) * 100 or 0
  print(('Win rate:   %.1f%% (%d won, %d lost)'):format(rate, won, lost))
end

local deals = loadAllDeals()
printFunnel(analyseFunnel(deals), #deals)
