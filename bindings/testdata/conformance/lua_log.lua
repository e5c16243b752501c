-- lua_log.lua — log.* write structured records; print writes a line.
-- b24test: log='level=WARN msg="slow page" script=lua_log.lua ms=1200'

print('a', 1, 2.5, true, nil, b24.null, {} ~= nil)
log.info('deal moved', {id = 42, stage = 'WON', amount = 10.5, won = true, tags = b24.array{'a', 'b'}})
log.warn('slow page', 'ms', 1200)
log.debug('details', {payload = {x = 1}})
log.error('odd', 'key')
print('done')
