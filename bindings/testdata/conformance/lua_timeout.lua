-- lua_timeout.lua — an endless loop is stopped by the run's timeout, even
-- when the script catches every error it sees.
-- b24test: timeout=300ms error="run timed out"

print('looping')
local n = 0
while true do
  pcall(function()
    while true do n = n + 1 end
  end)
end
