-- lua_call_list.lua — callListMethod returns every row as one array.
-- b24test: seed=deal:130,task:60

local deals = b24.callListMethod('crm.deal.list', {select = {'ID', 'TITLE'}})
print(#deals, deals[1].ID, deals[1].TITLE, deals[#deals].ID)

local items = b24.callListMethod('crm.item.list', {entityTypeId = 2, select = {'id'}}, 'items')
print(#items, type(items[1].id), items[1].id)

local tasks = b24.callListMethod('tasks.task.list', {select = {'ID', 'TITLE'}})
print(#tasks, tasks[60].id)

local none = b24.callListMethod('crm.deal.list', {filter = {['>ID'] = 100000}})
print(#none, json.encode(none))

local ordered = b24.callListMethod('crm.deal.list', {order = {TITLE = 'DESC'}, select = {'ID', 'TITLE'}, filter = {['<=ID'] = 12}})
local titles = {}
for i, d in ipairs(ordered) do titles[i] = d.TITLE end
print(table.concat(titles, ', '))

print(pcall(b24.callListMethod, 'no.such.method'))
