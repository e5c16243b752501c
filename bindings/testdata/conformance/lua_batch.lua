-- lua_batch.lua — callBatch and callBatchByChunk return results and errors
-- keyed like the commands.
-- b24test: seed=deal:120

-- a list of commands: results[i], errors[i]
local res, errs = b24.callBatch({
  {'crm.deal.get', {id = 1}},
  {method = 'crm.deal.get', params = {id = 2}},
  {'user.current'},
})
print(res[1].ID, res[2].ID, res[3].NAME, errs)

-- halt (the default): the failing command stops the rest
res, errs = b24.callBatch({
  {'crm.deal.get', {id = 1}},
  {'crm.deal.get', {id = 999}},
  {'crm.deal.get', {id = 3}},
})
print(res[1].ID, res[2], res[3], errs[1], tostring(errs[2]), errs[3])

-- halt = false: every command runs
res, errs = b24.callBatch({
  {'crm.deal.get', {id = 1}},
  {'crm.deal.get', {id = 999}},
  {'crm.deal.get', {id = 3}},
  {'no.such.method'},
}, false)
print(res[1].ID, res[2], res[3].ID, res[4])
for i = 1, 4 do
  if errs[i] then print(i, errs[i].code, errs[i].description) end
end

-- named commands, and $result references between them
res, errs = b24.callBatch({
  first = {'crm.deal.list', {select = {'ID'}, order = {ID = 'ASC'}}},
  deal = {'crm.deal.get', {id = '$result[first][0][ID]'}},
})
print(#res.first, res.deal.ID, res.deal.TITLE, errs)

-- returnPayload: each result is the command's payload
res = b24.callBatch({list = {'crm.deal.list', {select = {'ID'}}}}, true, true)
print(#res.list.result, res.list.total, res.list.next, type(res.list.time))

-- the portal's limits on a batch are errors before any request
print(pcall(b24.callBatch, {}))
local big = {}
for i = 1, 51 do big[i] = {'user.current'} end
print(pcall(b24.callBatch, big))

-- callBatchByChunk: any number of commands, keyed by position in the list
local cmds = {}
for i = 1, 120 do
  local id = i
  if i == 40 or i == 80 or i == 120 then id = 100000 + i end
  cmds[i] = {'crm.deal.update', {id = id, fields = {COMMENTS = 'batch ' .. i}}}
end
res, errs = b24.callBatchByChunk(cmds, false)
local ok, failed = 0, {}
for i = 1, 120 do
  if res[i] ~= nil then ok = ok + 1 end
  if errs and errs[i] then failed[#failed + 1] = i end
end
print('updated', ok, 'failed at', table.concat(failed, ','))
print(b24.callMethod('crm.deal.get', {id = 5}).result.COMMENTS)

res, errs = b24.callBatchByChunk({})
print(next(res), errs)

-- named commands in chunks
res, errs = b24.callBatchByChunk({a = {'crm.deal.get', {id = 1}}, b = {'crm.deal.get', {id = 2}}})
print(res.a.ID, res.b.ID, errs)
