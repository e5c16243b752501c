package js

import (
	"slices"

	"github.com/dop251/goja"
)

// A list of 100,000 rows is where the cost of building JavaScript objects
// decides how fast a script lists: a goja object holds its properties in a
// Go map that grows as they are added, which costs about ten times more than
// the rest of the conversion. Rows of list walks are therefore built as
// shaped rows: objects backed by goja's DynamicObject that share their keys
// with every row of the same shape and keep only their values.
//
// Shaped rows behave as ordinary objects for what scripts do with rows:
// reading, writing, adding and deleting properties, Object.keys/entries,
// for...in, spread, JSON.stringify, `in`, hasOwnProperty and console.log,
// with the keys in the portal's order. What goja's dynamic objects cannot
// do: be frozen, sealed or made non-extensible, and hold accessor,
// read-only or non-enumerable properties or symbol keys. Results of single
// calls and batches are plain objects.

// rowShape is the keys of a family of rows, in order, and their index.
type rowShape struct {
	keys  []string
	index map[string]int
}

// shapedRow is one row: its values by the shape's key index, and the keys a
// script added or deleted.
type shapedRow struct {
	shape  *rowShape
	values []goja.Value // nil where the script deleted the key
	extra  []string     // keys added by the script, in order
	extraV []goja.Value
	edited bool // some key was deleted: Keys must skip the holes
}

var _ goja.DynamicObject = (*shapedRow)(nil)

// live returns the index of key among the shape's keys when the row still
// holds it.
func (r *shapedRow) live(key string) (int, bool) {
	i, ok := r.shape.index[key]
	return i, ok && r.values[i] != nil
}

func (r *shapedRow) Get(key string) goja.Value {
	if i, ok := r.live(key); ok {
		return r.values[i]
	}
	if i := slices.Index(r.extra, key); i >= 0 {
		return r.extraV[i]
	}
	return nil
}

func (r *shapedRow) Set(key string, v goja.Value) bool {
	if i, ok := r.live(key); ok {
		r.values[i] = v
		return true
	}
	if i := slices.Index(r.extra, key); i >= 0 {
		r.extraV[i] = v
		return true
	}
	// A new key, or a deleted one coming back: at the end, as in an
	// ordinary object.
	r.extra = append(r.extra, key)
	r.extraV = append(r.extraV, v)
	return true
}

func (r *shapedRow) Has(key string) bool {
	if _, ok := r.live(key); ok {
		return true
	}
	return slices.Contains(r.extra, key)
}

func (r *shapedRow) Delete(key string) bool {
	if i, ok := r.live(key); ok {
		r.values[i] = nil
		r.edited = true
		return true
	}
	if i := slices.Index(r.extra, key); i >= 0 {
		r.extra = slices.Delete(r.extra, i, i+1)
		r.extraV = slices.Delete(r.extraV, i, i+1)
	}
	return true
}

func (r *shapedRow) Keys() []string {
	if !r.edited && len(r.extra) == 0 {
		return r.shape.keys
	}
	keys := make([]string, 0, len(r.shape.keys)+len(r.extra))
	for i, k := range r.shape.keys {
		if r.values[i] != nil {
			keys = append(keys, k)
		}
	}
	return append(keys, r.extra...)
}
