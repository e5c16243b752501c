-- lua_json_mapping.lua — JSON <-> Lua without surprises: null never shifts an
-- array, empty tables say what they are, integers stay integers, members keep
-- their order.

-- null inside arrays and objects
local v = json.decode('{"a":[1,null,3],"b":null,"c":{},"d":[],"e":12345678901234567890,"f":-0.5,"g":1e2}')
print(#v.a, v.a[2] == b24.null, v.a[3], v.b == b24.null, v.missing == nil)
print(tostring(b24.null), type(b24.null), b24.null == json.null)
print(json.encode(v))

-- empty tables: unmarked is an object, b24.array / b24.object decide
print(json.encode({}), json.encode(b24.array{}), json.encode(b24.object{}), json.encode(b24.array()))
print(json.encode({list = b24.array{}, map = b24.object{}}))

-- decoded empties keep their kind through a round trip
local rt = json.decode('{"items":[],"fields":{}}')
print(json.encode(rt))
table.insert(rt.items, 'x')
print(json.encode(rt))

-- sequences are arrays, anything else is an object with string keys
print(json.encode({1, 2, 3}), json.encode({[1] = 'a', [3] = 'c'}), json.encode({1, 2, x = 3}))

-- numbers: integers without a fraction, large ids without losing digits
print(json.encode({1, 2.5, 1e15, -7, 2^53, 0.1 + 0.2}))
print(type(v.e), v.e, json.encode(v.e))
print(1e15, 2^31, 10 / 2)

-- strings: escapes as JSON.stringify writes them, non-ASCII kept
print(json.encode('quote " backslash \\ newline \n tab \t bell \a é ✓'))
print(json.decode('"\\u00e9\\ud83d\\ude00\\n"') == 'é😀\n')

-- member order follows insertion
local ordered = {}
ordered.zeta = 1
ordered.alpha = 2
ordered.mid = 3
print(json.encode(ordered))
print(json.encode({TITLE = 'x', OPPORTUNITY = 10, CURRENCY_ID = 'USD'}))

-- indentation as JSON.stringify(value, null, 2)
print(json.encode({a = 1, b = b24.array{}, c = {d = b24.null}}, 2))

-- what cannot be encoded says where
local cyclic = {}
cyclic.self = cyclic
for _, bad in ipairs({{f = print}, {deep = {list = {1, print}}}, cyclic}) do
  local ok, err = pcall(json.encode, bad)
  print(ok, err)
end

-- invalid JSON
for _, text in ipairs({'{"a":}', '[1,2', 'nul', '"unterminated', '{"a":1} x'}) do
  local ok, err = pcall(json.decode, text)
  print(ok, err)
end

-- b24.array refuses tables that are not lists
print(pcall(json.encode, b24.array({x = 1})))
print(pcall(b24.array, setmetatable({}, {})))
