package lua

import (
	"reflect"
	"unsafe"

	glua "github.com/yuin/gopher-lua"
)

// Building the tables of decoded JSON is most of what a list costs on the
// Lua side: LTable.RawSetString grows each table's key list and key-index
// map one member at a time and boxes every key anew, about 60 allocations
// for a 26-field deal. The decoder knows every member before it builds a
// table, so when LTable has the layout below (gopher-lua v1.1.2, the
// version go.mod requires) it fills the table's fields directly, sized once
// and with the keys boxed once per run; rows of a known shape (shape.go)
// share their key list and key-index map (sharedkeys.go). tableLayoutOK is
// checked at start-up, field by field; any other layout falls back to
// RawSetString and RawSetInt, so an upgrade of gopher-lua can make lists
// slower, never wrong.
//
// None of this needs an LState (LState.CreateTable is newLTable, nothing
// more) or writes anything but the new table, so these functions could run
// on any goroutine, as long as the table is not handed to a running script
// before it is finished and the shape it shares is not changed meanwhile.

// tableLayout mirrors the fields of glua.LTable.
type tableLayout struct {
	Metatable glua.LValue
	array     []glua.LValue
	dict      map[glua.LValue]glua.LValue
	strdict   map[string]glua.LValue
	keys      []glua.LValue
	k2i       map[glua.LValue]int
}

// tableLayoutOK reports whether glua.LTable has exactly tableLayout's
// fields, types and offsets. It is computed once and never changes.
var tableLayoutOK = sameLayout(reflect.TypeFor[glua.LTable](), reflect.TypeFor[tableLayout]())

func sameLayout(a, b reflect.Type) bool {
	if a.Size() != b.Size() || a.NumField() != b.NumField() {
		return false
	}
	for i := range a.NumField() {
		fa, fb := a.Field(i), b.Field(i)
		if fa.Name != fb.Name || fa.Type != fb.Type || fa.Offset != fb.Offset {
			return false
		}
	}
	return true
}

func layout(t *glua.LTable) *tableLayout { return (*tableLayout)(unsafe.Pointer(t)) }

// arrayTable builds an array table holding items (no nils: JSON's null is
// b24.null), in one allocation.
func arrayTable(mt *glua.LTable, items []glua.LValue) *glua.LTable {
	t := &glua.LTable{Metatable: glua.LNil}
	switch {
	case len(items) == 0:
	case tableLayoutOK:
		layout(t).array = append(make([]glua.LValue, 0, len(items)), items...)
	default:
		for i, v := range items {
			t.RawSetInt(i+1, v)
		}
	}
	t.Metatable = mt
	return t
}

// objectTable builds an object table from its members in order. keys are
// the names boxed as LValues (shared between tables), names the same as
// strings. A repeated name keeps its first position and its last value, as
// RawSetString does.
func objectTable(mt *glua.LTable, names []string, keys, vals []glua.LValue) *glua.LTable {
	t := &glua.LTable{Metatable: glua.LNil}
	if !tableLayoutOK {
		for i, name := range names {
			t.RawSetString(name, vals[i])
		}
		t.Metatable = mt
		return t
	}
	l := layout(t)
	l.Metatable = mt
	if len(names) == 0 {
		return t
	}
	l.strdict = make(map[string]glua.LValue, len(names))
	l.keys = make([]glua.LValue, 0, len(names))
	l.k2i = make(map[glua.LValue]int, len(names))
	for i, name := range names {
		n := len(l.strdict)
		if l.strdict[name] = vals[i]; len(l.strdict) > n {
			l.k2i[keys[i]] = len(l.keys)
			l.keys = append(l.keys, keys[i])
		}
	}
	return t
}

// shapedTable builds an object table of a known shape without duplicate
// names, given its values in order. Its key list and key-index map are the
// shape's own, shared with every table of the shape; mt must be shapedMT,
// which makes it copy the map before a new key is stored (sharedkeys.go).
// The key list needs no such care: its length is its capacity, so a member
// a script adds makes append copy it instead of writing into the list
// other tables share, and gopher-lua never writes a key list in place.
func shapedTable(mt *glua.LTable, s *shape, vals []glua.LValue) *glua.LTable {
	t := &glua.LTable{}
	l := layout(t)
	l.Metatable = mt
	l.strdict = make(map[string]glua.LValue, len(vals))
	for i, name := range s.names {
		l.strdict[name] = vals[i]
	}
	l.keys = s.keys
	l.k2i = s.k2i
	return t
}
