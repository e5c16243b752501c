-- 10-timeline-comments.lua — leave a note in the timeline of every deal awaiting
-- its final invoice.
--
-- Finds the deals at the FINAL_INVOICE stage, then adds one timeline comment to
-- each with a single b24.callBatch request (commands as {method = ..., params =
-- ...} tables; halt = false runs every command whatever the others do). A
-- second, named batch reads the comments back to confirm them.
--
-- b24test: seed=deal:45

local DEAL = 2 -- crm.item.list entityTypeId of deals

local list = b24.callMethod('crm.item.list', {
  entityTypeId = DEAL,
  filter = {stageId = 'FINAL_INVOICE'},
  select = {'id', 'title', 'opportunity', 'currencyId'},
})
local deals = list.result.items
print(('Deals awaiting the final invoice: %d'):format(#deals))

local calls = {}
for i, deal in ipairs(deals) do
  calls[i] = {method = 'crm.timeline.comment.add', params = {fields = {
    ENTITY_ID = deal.id,
    ENTITY_TYPE = 'deal',
    COMMENT = ('Final invoice for %.2f %s sent. Follow up in 3 days.'):format(deal.opportunity, deal.currencyId),
  }}}
end
local added, failed = b24.callBatch(calls, false)
for i, deal in ipairs(deals) do
  if added[i] then
    print(('  %s: comment #%s added'):format(deal.title, added[i]))
  elseif failed and failed[i] then
    print(('  %s: failed - %s'):format(deal.title, failed[i].message))
  end
end

-- Read them back: one named command per deal, in the order written.
local check = {}
for _, deal in ipairs(deals) do
  check['deal' .. deal.id] = {'crm.timeline.comment.list', {
    filter = {ENTITY_ID = deal.id, ENTITY_TYPE = 'deal'},
    select = {'ID', 'COMMENT'},
  }}
end
local comments = b24.callBatch(check)
for name, rows in pairs(comments) do
  local ours = 0
  for _, row in ipairs(rows) do
    if row.COMMENT:sub(1, #'Final invoice') == 'Final invoice' then ours = ours + 1 end
  end
  print(('  %s: %d comment(s) in the timeline, reminder %s'):format(name, #rows, ours == 1 and 'confirmed' or 'missing'))
end
