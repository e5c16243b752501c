-- lua_sandbox.lua — only the safe parts of the standard library exist.

local absent = {'io', 'debug', 'package', 'require', 'module', 'dofile', 'loadfile',
  'collectgarbage', 'coroutine', 'channel', '_printregs'}
for _, name in ipairs(absent) do
  print(name, _G[name] == nil)
end
for _, name in ipairs({'execute', 'exit', 'getenv', 'remove', 'rename', 'setenv', 'tmpname', 'setlocale'}) do
  print('os.' .. name, os[name] == nil)
end
for _, name in ipairs({'time', 'date', 'difftime', 'clock'}) do
  print('os.' .. name, type(os[name]))
end
print(type(os.time()), os.date('!%Y-%m-%d', 0), os.time({year = 2020, month = 1, day = 1, hour = 0}) > 0)
print(os.clock() >= 0, os.clock() < 10)
for _, lib in ipairs({'string', 'table', 'math'}) do
  print(lib, type(_G[lib]))
end
print(type(pcall), type(setmetatable), type(load), type(loadstring), type(select), type(unpack))

-- math.random has a generator of the run's own: seeding it is deterministic
math.randomseed(42)
local a = {math.random(100), math.random(100), math.random(5, 6)}
math.randomseed(42)
local b = {math.random(100), math.random(100), math.random(5, 6)}
print(a[1] == b[1] and a[2] == b[2] and a[3] == b[3], math.random() < 1)
print(pcall(math.random, 0))

-- deep recursion is a catchable error, not a crash
local function down(n) return down(n + 1) + 1 end
local ok, err = pcall(down, 1)
print(ok, (err:gsub('^.-:%d+: ', '')))

-- a large unpack does not overflow the registry
local many = {}
for i = 1, 100000 do many[i] = i end
print(select('#', unpack(many)))
