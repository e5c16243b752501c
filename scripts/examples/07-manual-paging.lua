-- 07-manual-paging.lua — page through a list by hand.
--
-- b24.callMethod returns one page (50 rows); its payload's next says where the
-- next page starts (nil on the last one) and total how many rows match.
-- Paging by hand lets you stop early or do something between pages. The
-- script counts companies per industry and type.
--
-- b24test: seed=company:130

local COMPANY = 4 -- crm.item.list entityTypeId of companies

local byIndustry, byType = {}, {}
local params = {entityTypeId = COMPANY, order = {id = 'asc'}, select = {'id', 'title', 'industry', 'typeId'}}

local page = b24.callMethod('crm.item.list', params, 0)
print(('Companies on the portal: %d'):format(page.total))

local pageNo = 1
while true do
  local items = page.result.items
  print(('page %d: %d companies, #%d..#%d, more: %s')
    :format(pageNo, #items, items[1].id, items[#items].id, tostring(page.next ~= nil)))
  for _, company in ipairs(items) do
    byIndustry[company.industry] = (byIndustry[company.industry] or 0) + 1
    byType[company.typeId] = (byType[company.typeId] or 0) + 1
  end
  if page.next == nil then break end
  page = b24.callMethod('crm.item.list', params, page.next)
  pageNo = pageNo + 1
end

local function printCounts(title, counts)
  print(title)
  local keys = {}
  for key in pairs(counts) do keys[#keys + 1] = key end
  table.sort(keys)
  for _, key in ipairs(keys) do
    print(('  %-15s %d'):format(key, counts[key]))
  end
end

print('')
printCounts('By industry:', byIndustry)
printCounts('By type:', byType)
