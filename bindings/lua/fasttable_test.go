package lua

import (
	"fmt"
	"testing"

	glua "github.com/yuin/gopher-lua"
)

// TestTableLayout pins the fast path to the gopher-lua version go.mod
// requires: if an upgrade changes LTable, this fails and says so (lists
// then fall back to RawSetString, which is correct but slower).
func TestTableLayout(t *testing.T) {
	if !tableLayoutOK {
		t.Fatal("glua.LTable no longer has the layout of tableLayout: update fasttable.go for this gopher-lua version")
	}
}

// TestObjectTableLikeRawSet checks that a table objectTable builds behaves
// exactly as one built with RawSetString: lookups, iteration order, and
// later changes through the normal API.
func TestObjectTableLikeRawSet(t *testing.T) {
	mt := &glua.LTable{Metatable: glua.LNil}
	names := []string{"b", "a", "c", "a", "d"}
	keys := make([]glua.LValue, len(names))
	vals := make([]glua.LValue, len(names))
	slow := &glua.LTable{Metatable: glua.LNil}
	for i, n := range names {
		keys[i] = glua.LString(n)
		vals[i] = glua.LNumber(i)
		slow.RawSetString(n, vals[i])
	}
	slow.Metatable = mt
	fast := objectTable(mt, names, keys, vals)
	steps := []func(*glua.LTable){
		func(*glua.LTable) {},
		func(t *glua.LTable) { t.RawSetString("c", glua.LNil) },
		func(t *glua.LTable) { t.RawSetString("e", glua.LString("new")) },
		func(t *glua.LTable) { t.RawSetString("c", glua.LTrue) },
		func(t *glua.LTable) { t.RawSetInt(1, glua.LString("one")) },
		func(t *glua.LTable) { t.RawSet(glua.LTrue, glua.LString("bool key")) },
	}
	for i, step := range steps {
		step(fast)
		step(slow)
		if got, want := dump(fast), dump(slow); got != want {
			t.Fatalf("after step %d: fast %s, RawSetString %s", i, got, want)
		}
		for _, n := range []string{"a", "b", "c", "d", "e", "x"} {
			if fast.RawGetString(n) != slow.RawGetString(n) {
				t.Errorf("after step %d: [%s] = %v, want %v", i, n, fast.RawGetString(n), slow.RawGetString(n))
			}
		}
	}
	if fast.Metatable != mt {
		t.Error("metatable lost")
	}
	if empty := objectTable(mt, nil, nil, nil); dump(empty) != "" || empty.Metatable != mt {
		t.Errorf("empty object: %s", dump(empty))
	}
}

func dump(t *glua.LTable) string {
	s := ""
	for k, v := t.Next(glua.LNil); k != glua.LNil; k, v = t.Next(k) {
		s += fmt.Sprintf("%v=%v ", k, v)
	}
	return s
}
