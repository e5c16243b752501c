package lua

import (
	"maps"

	glua "github.com/yuin/gopher-lua"
)

// Shared keys. The rows of a list that share a shape (shape.go) share more
// than their key list: they share the key-index map too, which gopher-lua
// needs to iterate a table in insertion order. Copying that map for every
// row was a fifth of what a row cost, in time and in memory that a
// 100,000-row callListMethod keeps live.
//
// The list of keys is safe to share as it is (its length is its capacity,
// so gopher-lua's append copies it). The map is not: gopher-lua writes into
// it when a key the table does not have yet is stored, and a second row
// that then adds the same key would find it there and leave it out of its
// own key list, so pairs and json.encode would skip it. So a table that
// shares the map is marked with its own metatable, shapedMT, and gets a map
// of its own (own) before anything can store a new key in it:
//
//   - an assignment (t.k = v, t[k] = v, a global of a function whose
//     environment is the table) stores a new key only through __newindex,
//     which shapedMT has: it makes the table its own, then stores the key;
//   - rawset, setmetatable and table.insert, the library functions that
//     store into a table without __newindex (table.insert does for a
//     position outside the array part), make the table its own first;
//   - b24.array and b24.object do, before they change the metatable;
//   - the binding's own Go code stores only into tables it has just made.
//
// shapedMT is protected (__metatable): getmetatable(row) returns the object
// marker, as it does for any decoded object, so no script can reach
// shapedMT to remove its __newindex, and the setmetatable wrapper is what
// lets a script replace it all the same. Once its own, a table has the
// object marker as its metatable, and is an object table like any other.

// newShapedMeta makes shapedMT. It needs objectMT.
func (r *runtime) newShapedMeta() *glua.LTable {
	mt := r.L.CreateTable(0, 3)
	mt.RawSetString("__name", glua.LString("b24.object"))
	mt.RawSetString("__metatable", r.objectMT)
	mt.RawSetString("__newindex", r.L.NewFunction(func(L *glua.LState) int {
		t := L.CheckTable(1)
		r.own(t)
		L.RawSet(t, L.CheckAny(2), L.CheckAny(3))
		return 0
	}))
	return mt
}

// own gives a table that shares its key-index map one of its own, and the
// object marker for a metatable. Other tables are left as they are.
func (r *runtime) own(t *glua.LTable) {
	if t.Metatable != r.shapedMT {
		return
	}
	l := layout(t)
	l.k2i = maps.Clone(l.k2i)
	t.Metatable = r.objectMT
}

// guardSharedKeys wraps the library functions that store into a table
// without __newindex, so that they make it its own first.
func (r *runtime) guardSharedKeys() {
	L := r.L
	base := L.G.Global
	table := L.GetGlobal("table").(*glua.LTable)
	for _, f := range []struct {
		lib  *glua.LTable
		name string
	}{{base, "rawset"}, {base, "setmetatable"}, {table, "insert"}} {
		fn := f.lib.RawGetString(f.name).(*glua.LFunction).GFunction
		f.lib.RawSetString(f.name, L.NewFunction(func(L *glua.LState) int {
			if t, ok := L.Get(1).(*glua.LTable); ok {
				r.own(t)
			}
			return fn(L)
		}))
	}
}
