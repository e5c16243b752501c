-- 12-junk-leads-cleanup.lua — delete the leads marked as junk.
--
-- Lists the junk leads with b24.callListMethod, deletes them with
-- b24.callBatch (up to 50 commands in one request; halt = true stops at the
-- first failure so nothing unexpected happens after an error), and counts
-- what is left with a single b24.callMethod and its total.
--
-- b24test: seed=lead:120

local leads = b24.callListMethod('crm.lead.list', {
  filter = {STATUS_ID = 'JUNK'},
  select = {'ID', 'TITLE', 'SOURCE_ID'},
})
print(('Junk leads found: %d'):format(#leads))

local bySource, sources = {}, {}
for _, lead in ipairs(leads) do
  if not bySource[lead.SOURCE_ID] then sources[#sources + 1] = lead.SOURCE_ID end
  bySource[lead.SOURCE_ID] = (bySource[lead.SOURCE_ID] or 0) + 1
end
table.sort(sources)
local parts = {}
for i, source in ipairs(sources) do parts[i] = source .. '=' .. bySource[source] end
print('By source: ' .. table.concat(parts, ', '))

if #leads > 50 then
  print('More than 50 junk leads: use callBatchByChunk for the rest.')
end
local calls = {}
for i = 1, math.min(50, #leads) do
  calls[i] = {'crm.lead.delete', {id = leads[i].ID}}
end
local deleted, errors = b24.callBatch(calls, true)
if errors then
  local messages = {}
  for i = 1, #calls do
    if errors[i] then messages[#messages + 1] = errors[i].message end
  end
  print('Stopped on an error: ' .. table.concat(messages, '; '))
end
local count = 0
for i = 1, #calls do
  if deleted[i] ~= nil then count = count + 1 end
end
print(('Deleted: %d'):format(count))

local remaining = b24.callMethod('crm.lead.list', {select = {'ID'}})
local stillJunk = b24.callMethod('crm.lead.list', {filter = {STATUS_ID = 'JUNK'}, select = {'ID'}})
print(('Leads left: %d, of which junk: %d'):format(remaining.total, stillJunk.total))
