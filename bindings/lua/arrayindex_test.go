package lua_test

import (
	"context"
	"runtime"
	"testing"

	"github.com/b24run/b24run/bindings"
)

// TestLargeIndexIsCheap checks that a huge integer key is one hash entry,
// not an array part grown to reach it (2.3 GB for this one with
// gopher-lua's default MaxArrayIndex), and that the table still works as
// a table; and that integer keys below the bound still make a sequence.
func TestLargeIndexIsCheap(t *testing.T) {
	prog := compile(t, "bomb.lua", `
local t = {}
t[60000000] = 1
assert(t[60000000] == 1, 'lost the value')
assert(#t == 0, 'length ' .. #t)
local n = 0
for k, v in pairs(t) do n = n + 1; assert(k == 60000000 and v == 1) end
assert(n == 1, 'pairs saw ' .. n)
t[60000000] = nil
assert(t[60000000] == nil)

local s = {}
for i = 1, 1000 do s[#s + 1] = i end
s[1001] = 'x'
assert(#s == 1001 and s[1001] == 'x')
local m = 0
for _ in ipairs(s) do m = m + 1 end
assert(m == 1001)`)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := prog.Run(context.Background(), &bindings.Env{}); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
		t.Errorf("the run allocated %d MiB", grew>>20)
	}
}
