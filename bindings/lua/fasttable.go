package lua

import (
	"reflect"
	"unsafe"

	glua "github.com/yuin/gopher-lua"
)

// Building the tables of decoded JSON objects is most of what a list costs
// on the Lua side: LTable.RawSetString grows each table's key list and
// key-index map one member at a time and boxes every key anew, about 60
// allocations for a 26-field deal. The decoder knows every member before it
// builds a table, so when LTable has the layout below (gopher-lua v1.1.2,
// the version go.mod requires) it fills the table's fields directly, sized
// once and with the keys boxed once per run. tableLayoutOK is checked at
// start-up, field by field; any other layout falls back to RawSetString, so
// an upgrade of gopher-lua can make lists slower, never wrong.

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

// objectTable builds an object table from its members in order. keys are
// the names boxed as LValues (shared between tables), names the same as
// strings. A repeated name keeps its first position and its last value, as
// RawSetString does.
func objectTable(mt *glua.LTable, names []string, keys, vals []glua.LValue) *glua.LTable {
	t := &glua.LTable{}
	if !tableLayoutOK {
		t.Metatable = glua.LNil
		for i, name := range names {
			t.RawSetString(name, vals[i])
		}
		t.Metatable = mt
		return t
	}
	l := (*tableLayout)(unsafe.Pointer(t))
	l.Metatable = mt
	if len(names) == 0 {
		return t
	}
	l.strdict = make(map[string]glua.LValue, len(names))
	l.keys = make([]glua.LValue, 0, len(names))
	l.k2i = make(map[glua.LValue]int, len(names))
	for i, name := range names {
		if _, seen := l.strdict[name]; !seen {
			l.k2i[keys[i]] = len(l.keys)
			l.keys = append(l.keys, keys[i])
		}
		l.strdict[name] = vals[i]
	}
	return t
}
