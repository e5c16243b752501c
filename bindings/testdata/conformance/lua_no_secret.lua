-- lua_no_secret.lua — nothing a script can reach holds the webhook's secret:
-- every string reachable from the globals and every error the portal and the
-- client raise go to the log, which the suite searches for the secret (as
-- it searches the output and the run's error of every fixture).
-- b24test: seed=deal:3 log="walked"

local seen, strings = {}, 0
local function walk(v, path)
  if type(v) == 'string' then
    strings = strings + 1
    log.debug('string', {path = path, value = v})
  elseif type(v) == 'table' and not seen[v] then
    seen[v] = true
    for k, x in pairs(v) do walk(x, path .. '.' .. tostring(k)) end
    local mt = getmetatable(v)
    if mt ~= nil then walk(mt, path .. '<mt>') end
  end
end
walk(_G, '_G')
walk(getmetatable(''), '<string mt>')
log.info('walked', {strings = strings})

local failures = {
  function() return b24.callMethod('') end,
  function() return b24.callMethod('../../profile') end,
  function() return b24.callMethod('crm.deal.get?id=1&auth=x') end,
  function() return b24.callMethod('no such method', {x = 1}) end,
  function() return b24.callBatch({{'crm.deal.get', {id = 'x'}}, {'../oops'}}, false) end,
  function() return b24.callListMethod('no.such.method') end,
  function() for _ in b24.fetchListMethod('crm.deal.list', {filter = {['>ID'] = 'abc'}}) do end end,
}
local failed = 0
for i, f in ipairs(failures) do
  local ok, res, errs = pcall(f)
  if not ok then
    failed = failed + 1
    log.info('failure', {n = i, text = tostring(res), json = type(res) == 'table' and json.encode(res) or ''})
  elseif errs then
    for k, e in pairs(errs) do log.info('row failure', {n = i, key = k, text = tostring(e)}) end
  end
end
print('origin is an origin:', b24.getTargetOrigin():match('^https?://[^/]+$') ~= nil)
print('strings walked:', strings > 3, 'calls that failed:', failed)
