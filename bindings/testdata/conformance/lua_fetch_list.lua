-- lua_fetch_list.lua — fetchListMethod yields one page per step, break is
-- safe, failures raise error tables.
-- b24test: seed=deal:260

local pages, rows, lastID = 0, 0, 0
for page in b24.fetchListMethod('crm.deal.list', {select = {'ID', 'TITLE'}}) do
  pages = pages + 1
  rows = rows + #page
  for _, deal in ipairs(page) do
    assert(tonumber(deal.ID) > lastID, 'rows come in id order')
    lastID = tonumber(deal.ID)
  end
end
print('pages', pages, 'rows', rows, 'last', lastID)

-- break out of a loop, and of a loop that only breaks
local first
for page in b24.fetchListMethod('crm.deal.list', {select = {'ID'}}) do
  first = page[1].ID
  break
end
print('first', first)
if rows == 0 then return end
for page in b24.fetchListMethod('crm.deal.list') do break end
print('after a loop that only breaks')

-- a filter, and the keys of crm.item.list
local n = 0
for page in b24.fetchListMethod('crm.deal.list', {filter = {['>ID'] = 200}, select = {'ID'}}) do
  n = n + #page
end
print('filtered', n)
n = 0
for page in b24.fetchListMethod('crm.item.list', {entityTypeId = 2, select = {'id', 'title'}}, 'id', 'items') do
  n = n + #page
  assert(page[1].id ~= nil and page[1].title ~= nil)
end
print('crm.item.list', n)

-- many loops left open: the oldest are closed, new ones still work
local opened = {}
for i = 1, 20 do
  local it = b24.fetchListMethod('crm.deal.list', {select = {'ID'}})
  assert(#it() == 50)
  opened[i] = it
end
print('newest still open', #opened[20]())
local ok, err = pcall(opened[1])
print('oldest closed', ok, (tostring(err):gsub('^.-:%d+: ', '')))

-- an iterator that ended keeps returning nil
local it = b24.fetchListMethod('crm.deal.list', {filter = {['>ID'] = 250}, select = {'ID'}})
print(#it(), it() == nil, it() == nil)

-- a failing walk raises the portal's error table
ok, err = pcall(function()
  for page in b24.fetchListMethod('no.such.method') do end
end)
print(ok, tostring(err))
