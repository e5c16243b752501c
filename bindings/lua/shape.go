package lua

import (
	"maps"
	"slices"

	glua "github.com/yuin/gopher-lua"
)

// Object shapes. The rows of a list have the same members in the same
// order, page after page, and so do the objects nested in them at one
// depth (a deal's phones, a task's tags). The decoder remembers the member
// lists it met last at each depth, and uses them twice: while it reads an
// object, to recognise each name by comparing bytes with the name the last
// object had at that position, without hashing it; and when it builds the
// table, to share the list of boxed keys and the key-index map (see
// shapedTable and sharedkeys.go) instead of building both.

const (
	// shapedDepths is how deep shapes are remembered: rows are at depth 1
	// and what they nest a little deeper.
	shapedDepths = 8
	// shapesPerDepth is how many shapes a depth remembers, most recently
	// used first, for rows that alternate between a few kinds of object.
	shapesPerDepth = 4
	// maxShapeMembers bounds the member list a shape copies.
	maxShapeMembers = 256
)

// shapes are the shapes of a decoder.
type shapes [shapedDepths][]*shape

// shape is one member list. Its names, keys and k2i never change once
// made, so tables may share them.
type shape struct {
	names []string
	keys  []glua.LValue // the names, boxed; length == capacity
	// k2i is the key-index map tables of this shape share; nil until the
	// shape repeats (an object met once costs nothing more), and for good
	// when a name repeats (then its tables are built member by member,
	// with RawSetString's rules for repeated names).
	k2i map[glua.LValue]int
	// cols are what the members held lately (the decoder's, unlike the
	// rest, which tables share).
	cols []column
}

// guess is the shape most likely for the next object at depth: the last
// one met there.
func (s *shapes) guess(depth int) *shape {
	if depth >= shapedDepths || len(s[depth]) == 0 {
		return nil
	}
	return s[depth][0]
}

// table builds the table of an object at depth with the given members.
// guess, when not nil, is the shape the members are known to match.
func (s *shapes) table(depth int, guess *shape, mt, shapedMT *glua.LTable, names []string, keys, vals []glua.LValue) *glua.LTable {
	if !tableLayoutOK || depth >= shapedDepths || len(names) == 0 || len(names) > maxShapeMembers {
		return objectTable(mt, names, keys, vals)
	}
	sh := guess
	if sh == nil {
		if sh = s.find(depth, names); sh == nil {
			s.add(depth, names, keys)
			return objectTable(mt, names, keys, vals)
		}
	}
	if sh.k2i != nil {
		return shapedTable(shapedMT, sh, vals)
	}
	t := objectTable(mt, names, sh.keys, vals)
	if l := layout(t); len(l.keys) == len(names) {
		sh.k2i = maps.Clone(l.k2i) // t is not out yet: nothing changed it
	}
	return t
}

// find returns the shape at depth with exactly these names, now the most
// recently used, or nil.
func (s *shapes) find(depth int, names []string) *shape {
	list := s[depth]
	for i, sh := range list {
		if slices.Equal(sh.names, names) {
			copy(list[1:i+1], list[:i])
			list[0] = sh
			return sh
		}
	}
	return nil
}

// add remembers a new shape at depth, forgetting the least recently used
// one when the depth has its fill.
func (s *shapes) add(depth int, names []string, keys []glua.LValue) {
	sh := &shape{names: append([]string(nil), names...), keys: make([]glua.LValue, len(keys)), cols: make([]column, len(names))}
	copy(sh.keys, keys)
	list := s[depth]
	if len(list) < shapesPerDepth {
		list = append(list, nil)
	}
	copy(list[1:], list)
	list[0] = sh
	s[depth] = list
}

// column is what one member of a shape held lately. A member often holds
// the same string row after row (a currency, a stage, a flag), so the last
// one is compared first; a member whose strings keep missing the cache (an
// id, a title, a date) stops using it, so that it neither pays for the
// lookups nor fills the cache with values that never repeat.
type column struct {
	last   glua.LValue // an LString, or nil
	misses uint8
}

// uniqueAfter is how many cache misses in a row make a column's values
// unique.
const uniqueAfter = 16

// columnString converts the string that starts at data[i], the value of
// column c.
func (d *decoder) columnString(i int, c *column) (glua.LValue, int, error) {
	text, end, err := d.stringText(i)
	if err != nil {
		return nil, end, err
	}
	if last, ok := c.last.(glua.LString); ok && string(last) == string(text) {
		return c.last, end, nil
	}
	var v glua.LValue
	if c.misses >= uniqueAfter || len(text) > maxCachedString {
		v = glua.LString(text)
	} else if cached, ok := d.strs[string(text)]; ok {
		v, c.misses = cached, 0
	} else {
		v = d.remember(string(text))
		c.misses++
	}
	c.last = v
	return v, end, nil
}
