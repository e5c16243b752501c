-- lua_string_caps.lua — builtins that can build huge strings are bounded
-- by the run's string limit (16 MiB by default) before they allocate.

local ok, err = pcall(string.rep, 'x', 1e9)
print(ok, err)
ok, err = pcall(function() return ('ab'):rep(2^40) end)
print(ok, err)
print(#string.rep('ab', 3), string.rep('ab', 3), string.rep('x', 0), string.rep('x', -1))

-- table.concat adds the sizes up first
local big = string.rep('y', 4 * 1024 * 1024)
local t = {}
for i = 1, 8 do t[i] = big end
ok, err = pcall(table.concat, t)
print(ok, err)
print(table.concat({1, 2, 3}, ', '), table.concat({'a', 'b', 'c'}, '-', 2, 3), table.concat({}))

-- gsub stops growing at the limit
ok, err = pcall(string.gsub, big, 'y', 'zzzzzz')
print(ok, err)
print(string.gsub('hello world', 'o', '0'))
print(string.gsub('hello world', '(%w+)', '<%1>'))
print(string.gsub('hello', '', '-'))
print(string.gsub('abc', '%w', {a = 'A', b = false}))
print(string.gsub('abc', '%w', function(c) if c == 'b' then return nil end return c:upper() end))
print(string.gsub('hello world', '%w+', '%0 %0', 1))
print(string.gsub('50%', '%%', '%%%%'))
print(string.gsub('abc', '^a', 'X'))
print(string.gsub('a,b,,c', ',', ';'))

-- gmatch finds matches one at a time
local words = {}
for w in string.gmatch('one two  three', '%a+') do words[#words + 1] = w end
print(#words, table.concat(words, '|'))
for k, v in string.gmatch('a=1, b=2', '(%w+)=(%w+)') do print(k, v) end

-- string.format: Lua 5.1's two-digit widths
ok, err = pcall(string.format, '%999999d', 1)
print(ok, err)
print(string.format('%5.2f|%-4s|%03d|%x|%q', 3.14159, 'ab', 7, 255, 'a"b'))

-- load with a reader function is bounded too
ok, err = pcall(load, function() return big end)
print(ok, err)
print(load('return 1 + 1')(), loadstring('return ...')('arg'))
print(load('syntax error here'))

-- os.date takes formats of a sensible length only
print(pcall(os.date, string.rep('%c', 1000)))
print(os.date('!%Y-%m-%d %H:%M:%S', 86400))
