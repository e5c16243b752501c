package js

import (
	"math"
	"slices"

	"github.com/dop251/goja"
)

// A list of 100,000 rows is where the cost of building JavaScript values
// decides how fast a script lists. Two costs dominate, and shaped rows avoid
// both:
//
//   - A goja object holds its properties in a Go map that grows as they are
//     added, which costs about ten times more than the rest of the
//     conversion. A shaped row is an object backed by goja's DynamicObject
//     that shares its keys (and their index) with every row of the same
//     shape and keeps only what is its own.
//   - A deal has some 25 fields and a script typically reads a few of them.
//     A shaped row keeps its JSON text (a slice of the answer body the hook
//     read, which nothing writes to afterwards) and where each value starts
//     in it, and decodes a value when the script first reads it. The row
//     was validated whole when it arrived (rowscan.go), so a late decode
//     cannot fail on the input.
//
// The text a row keeps is a slice of the answer body the hook read: a
// script that keeps some rows of a long list keeps their answers' bodies
// alive, which weigh about what those rows would once decoded in full.
//
// Values are decoded again on each read unless they must keep an identity
// or would be costly to rebuild: objects and arrays (row.PHONE.push(...)
// must persist, row.PHONE === row.PHONE must hold) and long strings are kept
// once read; short strings, numbers, booleans and null are values whose
// copies JavaScript cannot tell apart, and short strings come from the
// shape's column cache or the decoder's interned strings anyway.
//
// Shaped rows behave as ordinary objects for what scripts do with rows:
// reading, writing, adding and deleting properties, `in`, hasOwnProperty,
// Object.keys/values/entries, for...in, spread, Object.assign,
// JSON.stringify and console.log, with the keys in the portal's order and a
// key added (or deleted and added again) at the end. What goja's dynamic
// objects cannot do, shaped rows cannot either (TestShapedRowLimits pins
// it): Object.freeze, Object.seal and Object.preventExtensions throw a
// TypeError; Object.defineProperty throws for an accessor and for making a
// key non-enumerable, and makes any other property writable, enumerable
// and configurable whatever its descriptor says; a symbol key is not kept
// (row[Symbol.iterator] = f is ignored). Results of single calls and
// batches are plain objects, which can do all of that.

// rowShape is the keys of a family of rows, in order, and their index.
type rowShape struct {
	dec   *jsonDecoder // the decoder that reads the rows' values
	keys  []string
	index map[string]int
	cols  shape // the last short string read in each column (values only)
}

// shapedRow is one row: its JSON text, where each column's value starts in
// it, the values read or written so far, and the keys a script added.
type shapedRow struct {
	shape  *rowShape
	raw    []byte
	at     []uint32     // offset of each column's value in raw; gone once deleted
	values []goja.Value // kept or written values by column; nil until the first
	added  *addedKeys   // keys the script added, in order; nil until the first
	edited bool         // a column was deleted: Keys must skip it
}

// gone marks a deleted column in shapedRow.at: no row is 4 GiB long.
const gone = math.MaxUint32

var _ goja.DynamicObject = (*shapedRow)(nil)

// column returns the index of key among the shape's keys when the row still
// holds it.
func (r *shapedRow) column(key string) (int, bool) {
	i, ok := r.shape.index[key]
	return i, ok && r.at[i] != gone
}

func (r *shapedRow) Get(key string) goja.Value {
	i, ok := r.column(key)
	if !ok {
		return r.added.get(key)
	}
	if r.values != nil && r.values[i] != nil {
		return r.values[i]
	}
	return r.read(i)
}

// read decodes the value of column i from the row's text.
func (r *shapedRow) read(i int) goja.Value {
	d, start := r.shape.dec, int(r.at[i])
	var v goja.Value
	var end int
	var err error
	if r.raw[start] == '"' {
		v, end, err = r.shape.cols.column(d, r.raw, start, i)
	} else {
		v, end, err = d.value(r.raw, start, 0) // validated by jsonscan.Skip, which counts depth from the value
	}
	if err != nil {
		// The row was validated whole when it arrived: only a bug gets here.
		panic(d.rt.NewGoError(err))
	}
	if c := r.raw[start]; c == '{' || c == '[' || end-start > maxInternedLen+2 {
		r.keep(i, v)
	}
	return v
}

// keep stores the value of column i.
func (r *shapedRow) keep(i int, v goja.Value) {
	if r.values == nil {
		r.values = r.shape.dec.rows.valueSlots(len(r.at))
	}
	r.values[i] = v
}

func (r *shapedRow) Set(key string, v goja.Value) bool {
	if i, ok := r.column(key); ok {
		r.keep(i, v)
		return true
	}
	// A new key, or a deleted one coming back: at the end, as in an
	// ordinary object.
	r.added = r.added.set(key, v)
	return true
}

func (r *shapedRow) Has(key string) bool {
	if _, ok := r.column(key); ok {
		return true
	}
	return r.added.has(key)
}

func (r *shapedRow) Delete(key string) bool {
	if i, ok := r.column(key); ok {
		r.at[i] = gone
		if r.values != nil {
			r.values[i] = nil
		}
		r.edited = true
		return true
	}
	r.added.delete(key)
	return true
}

func (r *shapedRow) Keys() []string {
	if !r.edited && r.added == nil {
		return r.shape.keys
	}
	keys := make([]string, 0, len(r.shape.keys)+r.added.len())
	for i, k := range r.shape.keys {
		if r.at[i] != gone {
			keys = append(keys, k)
		}
	}
	return append(keys, r.added.names()...)
}

// addedKeys are the keys a script added to a row, in order, with their
// values. A nil *addedKeys is a row with none.
type addedKeys struct {
	keys   []string
	values []goja.Value
}

func (a *addedKeys) get(key string) goja.Value {
	if a == nil {
		return nil
	}
	if i := slices.Index(a.keys, key); i >= 0 {
		return a.values[i]
	}
	return nil
}

func (a *addedKeys) has(key string) bool {
	return a != nil && slices.Contains(a.keys, key)
}

// set updates or appends key, and returns the receiver, made when nil.
func (a *addedKeys) set(key string, v goja.Value) *addedKeys {
	if a == nil {
		a = &addedKeys{}
	}
	if i := slices.Index(a.keys, key); i >= 0 {
		a.values[i] = v
		return a
	}
	a.keys, a.values = append(a.keys, key), append(a.values, v)
	return a
}

func (a *addedKeys) delete(key string) {
	if a == nil {
		return
	}
	if i := slices.Index(a.keys, key); i >= 0 {
		a.keys = slices.Delete(a.keys, i, i+1)
		a.values = slices.Delete(a.values, i, i+1)
	}
}

func (a *addedKeys) len() int {
	if a == nil {
		return 0
	}
	return len(a.keys)
}

func (a *addedKeys) names() []string {
	if a == nil {
		return nil
	}
	return a.keys
}
