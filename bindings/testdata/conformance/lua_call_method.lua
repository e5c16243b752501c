-- lua_call_method.lua — callMethod returns the payload: result, total and
-- next when the portal sends them, and time.
-- b24test: seed=deal:60

local page = b24.callMethod('crm.deal.list', {select = {'ID'}, order = {ID = 'ASC'}})
print(#page.result, page.total, page.next, type(page.time), type(page.time.start), type(page.time.duration))

local second = b24.callMethod('crm.deal.list', {select = {'ID'}, order = {ID = 'ASC'}}, page.next)
print(#second.result, second.result[1].ID, second.total, second.next)

local me = b24.callMethod('user.current')
print(me.result.ID, me.result.NAME, me.total, me.next)

local deal = b24.callMethod('crm.deal.get', {id = 7}).result
print(deal.ID, deal.TITLE, type(deal.OPPORTUNITY))

local added = b24.callMethod('crm.deal.add', {fields = {TITLE = 'From Lua', OPPORTUNITY = 1500.5, CURRENCY_ID = 'EUR'}})
print(type(added.result), added.result)
local back = b24.callMethod('crm.deal.get', {id = added.result}).result
print(back.TITLE, back.OPPORTUNITY, back.CURRENCY_ID)
print(b24.callMethod('crm.deal.update', {id = added.result, fields = {TITLE = 'Renamed'}}).result)
print(b24.callMethod('crm.deal.get', {id = added.result}).result.TITLE)

print(b24.getTargetOrigin():match('^https?://[%w%.%-]+:?%d*$') ~= nil)
