-- lua_rules_load.lua — on() and schedule() register handlers; a rule's top
-- level runs for every delivery, so portal calls there are refused (here
-- the run is an event delivery: the load phase cannot call the portal).
-- b24test: seed=deal:3 event=onCrmDealUpdate data='{"FIELDS":{"ID":"2"}}'

local ok, err = pcall(b24.callMethod, 'crm.deal.get', {id = 1})
print('at load:', ok, err.code)
print(pcall(b24.callListMethod, 'crm.deal.list'))
print(b24.getTargetOrigin() ~= '')

on('ONCRMDEALADD', function(event)
  print('not this one')
end)

on('onCrmDealUpdate', function(event)
  print('event', event.event, event.data.FIELDS.ID, type(event.ts), event.auth.domain)
  local deal = b24.callMethod('crm.deal.get', {id = event.data.FIELDS.ID}).result
  print('deal', deal.ID, deal.TITLE)
end)

on('ONCRMDEALUPDATE', function(event)
  print('second handler', event.data.FIELDS.ID)
end)

schedule('*/15 * * * *', function()
  print('not run for an event')
end)
