-- timeout_loop.lua — an endless loop is stopped by the run's timeout, and the
-- error says where the script was.
-- b24test: timeout=300ms error="timeout_loop.lua:8:"

print('start')
local n = 0
-- the loop
while true do n = n + 1 end
