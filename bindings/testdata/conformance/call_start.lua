-- call_start.lua — paging by hand: the third argument of callMethod, a
-- params.start winning over it, and following payload.next to the end.
-- b24test: seed=deal:120

local params = {select = {'ID'}, order = {ID = 'ASC'}}
local first = b24.callMethod('crm.deal.list', params)
print(('%s %d %s'):format(first.result[1].ID, first.total, tostring(first.next ~= nil)))

local second = b24.callMethod('crm.deal.list', params, 50)
print(second.result[1].ID)

-- A start in the params beats the argument; without one the argument applies.
local third = b24.callMethod('crm.deal.list', {select = {'ID'}, order = {ID = 'ASC'}, start = 0}, 100)
print(third.result[1].ID)
local fourth = b24.callMethod('crm.deal.list', {select = {'ID'}, order = {ID = 'ASC'}, start = nil}, 100)
print(('%s %d %s'):format(fourth.result[1].ID, #fourth.result, tostring(fourth.next ~= nil)))

local page, pages, rows = first, 0, 0
while page do
  pages = pages + 1
  rows = rows + #page.result
  page = page.next ~= nil and b24.callMethod('crm.deal.list', params, page.next)
end
print(('%d %d %s'):format(pages, rows, tostring(page)))
print(json.encode(params))
