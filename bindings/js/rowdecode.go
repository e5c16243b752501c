package js

import (
	"encoding/binary"
	"slices"
	"unicode/utf8"

	"github.com/dop251/goja"

	"github.com/b24run/b24run/internal/jsonscan"
)

// rowDecoder is the part of a decoder that makes shaped rows (rows.go): the
// shapes it knows, scratch space for one row, and slabs the rows take their
// memory from, so that a page of rows costs a few allocations instead of a
// few per row.
type rowDecoder struct {
	last     *rowShape            // the shape of the last row: nil when it had none
	lastLen  int                  // how many keys the last row had; -1 before one
	known    map[string]*rowShape // shapes by their keys (shapeOf says how)
	id       []byte               // scratch: a shape's id
	skeleton rowSkeleton          // what the last row looked like (rowscan.go)
	keys     []string             // scratch: one row's keys

	rowSlab   []shapedRow
	startSlab []uint32 // scan writes a row's offsets at its start
	valueSlab []goja.Value
}

// Bounds of a decoder's row memory: the shapes it remembers, and how many
// rows a slab serves.
const (
	maxRowShapes = 256
	slabRows     = 64
)

// decodeRow converts one row of a list walk: an object becomes a shaped
// row, whose values are decoded when the script reads them; anything else,
// or an object with a repeated, array-index or non-UTF-8 key, is decoded as
// decode would. The row keeps data, which must not change afterwards: the hook's
// rows are slices of answer bodies nothing writes to again.
//
// The whole row is validated here (rowscan.go), as decode would, so a
// malformed row fails the walk when it arrives and never when a script
// reads it.
func (d *jsonDecoder) decodeRow(data []byte) (goja.Value, error) {
	i := jsonscan.SkipSpace(data, 0)
	if i == len(data) || data[i] != '{' {
		return d.decode(data)
	}
	rs, starts, err := d.rows.scan(d, data, i)
	if err != nil {
		return nil, err
	}
	if rs == nil {
		return d.decode(data)
	}
	return d.rt.NewDynamicObject(d.rows.newRow(rs, data, starts)), nil
}

// shapeOf finds or makes the shape of a row's keys; nil when a key repeats,
// is an array index or is not valid UTF-8.
func (rd *rowDecoder) shapeOf(d *jsonDecoder, keys []string) *rowShape {
	// The id is each key after its length: keys may hold any byte, NUL
	// included, and {} differs from {"": ...}.
	id := rd.id[:0]
	for _, k := range keys {
		id = append(binary.AppendUvarint(id, uint64(len(k))), k...)
	}
	rd.id = id
	if rs, ok := rd.known[string(id)]; ok {
		return rs
	}
	rs := &rowShape{dec: d, keys: slices.Clone(keys), index: make(map[string]int, len(keys))}
	for i, k := range keys {
		if _, dup := rs.index[k]; dup || isArrayIndex(k) || !utf8.ValidString(k) {
			// Ordinary objects list integer keys first, and take the last
			// of repeated keys: leave such rows to them. A key that is not
			// UTF-8 reaches scripts with U+FFFD in it, under which a shaped
			// row would not find it again.
			return nil
		}
		rs.index[k] = i
	}
	rs.cols.cols = make([]shapeColumn, len(keys))
	if rd.known == nil {
		rd.known = map[string]*rowShape{}
	}
	if len(rd.known) < maxRowShapes {
		rd.known[string(id)] = rs
	}
	return rs
}

// isArrayIndex reports whether key is a canonical array index ("0", "17").
func isArrayIndex(key string) bool {
	if key == "" || len(key) > 10 || (key[0] == '0' && len(key) > 1) {
		return false
	}
	n := 0
	for i := 0; i < len(key); i++ {
		if key[i] < '0' || key[i] > '9' {
			return false
		}
		n = n*10 + int(key[i]-'0')
	}
	return n < 1<<32-1
}

// newRow takes a row from the slab, with its offsets, which scan wrote
// where the offset slab starts.
func (rd *rowDecoder) newRow(rs *rowShape, data []byte, starts []uint32) *shapedRow {
	if len(rd.rowSlab) == 0 {
		rd.rowSlab = make([]shapedRow, slabRows)
	}
	row := &rd.rowSlab[0]
	rd.rowSlab = rd.rowSlab[1:]
	n := len(starts)
	row.shape, row.raw, row.at = rs, data, starts[:n:n]
	rd.startSlab = starts[n:cap(starts)]
	return row
}

// valueSlots takes n value slots from the slab, for a row that keeps or is
// given a value.
func (rd *rowDecoder) valueSlots(n int) []goja.Value {
	if len(rd.valueSlab) < n {
		rd.valueSlab = make([]goja.Value, slabRows*max(n, 1))
	}
	v := rd.valueSlab[:n:n]
	rd.valueSlab = rd.valueSlab[n:]
	return v
}
