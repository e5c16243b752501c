-- 05-deals-report.lua — open pipeline per sales manager, printed as a table.
--
-- Loads the open deals with b24.callListMethod (it walks every page for you
-- and reports progress through a callback), looks the managers' names up with
-- one user.get call, and prints deals and amounts per manager and currency.
-- Redirect stdout to keep the report: `b24run run 05-deals-report.lua > pipeline.txt`.
--
-- b24test: seed=deal:200,user:6

local progress = {}
local deals = b24.callListMethod('crm.deal.list', {
  filter = {CLOSED = 'N'},
  select = {'ID', 'TITLE', 'STAGE_ID', 'OPPORTUNITY', 'CURRENCY_ID', 'ASSIGNED_BY_ID'},
}, function(percent) progress[#progress + 1] = percent end)
print(('Loaded %d open deals (progress: %s%%)'):format(#deals, table.concat(progress, '% ')))

-- Legacy crm.deal.* methods return every value as a string.
local byManager, managerIds, currencySet = {}, {}, {}
for _, deal in ipairs(deals) do
  local managerId = tonumber(deal.ASSIGNED_BY_ID)
  local row = byManager[managerId]
  if not row then
    row = {deals = 0, amounts = {}}
    byManager[managerId] = row
    managerIds[#managerIds + 1] = managerId
  end
  row.deals = row.deals + 1
  row.amounts[deal.CURRENCY_ID] = (row.amounts[deal.CURRENCY_ID] or 0) + tonumber(deal.OPPORTUNITY)
  currencySet[deal.CURRENCY_ID] = true
end
table.sort(managerIds)

local names = {}
for _, user in ipairs(b24.callMethod('user.get', {filter = {ID = managerIds}}).result) do
  names[tonumber(user.ID)] = user.NAME .. ' ' .. user.LAST_NAME
end

local currencies = {}
for currency in pairs(currencySet) do currencies[#currencies + 1] = currency end
table.sort(currencies)

local function line(cells)
  local out = {}
  for i, cell in ipairs(cells) do
    out[i] = i == 1 and ('%-22s'):format(cell) or ('%12s'):format(cell)
  end
  return table.concat(out, ' ')
end

local function header()
  local cells = {'Manager', 'Deals'}
  for _, currency in ipairs(currencies) do cells[#cells + 1] = currency end
  return cells
end

local rule = string.rep('-', 22 + 13 * (1 + #currencies))
print('')
print(line(header()))
print(rule)
local totals = {deals = 0, amounts = {}}
for _, id in ipairs(managerIds) do
  local row = byManager[id]
  totals.deals = totals.deals + row.deals
  local cells = {names[id] or ('user #' .. id), tostring(row.deals)}
  for _, currency in ipairs(currencies) do
    totals.amounts[currency] = (totals.amounts[currency] or 0) + (row.amounts[currency] or 0)
    cells[#cells + 1] = ('%.2f'):format(row.amounts[currency] or 0)
  end
  print(line(cells))
end
print(rule)
local cells = {'Total', tostring(totals.deals)}
for _, currency in ipairs(currencies) do cells[#cells + 1] = ('%.2f'):format(totals.amounts[currency]) end
print(line(cells))
