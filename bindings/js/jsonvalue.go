package js

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// jsonDecoder turns the raw JSON the hook hands over into native goja values
// in one pass over the bytes, without an intermediate Go tree.
//
// Why not JSON.parse: goja's JSON.parse reads through encoding/json's token
// API and costs several times more (reference/embedding.md §1.6); a script
// listing 100,000 deals would spend longer converting than the Go core spends
// fetching. Why not wrapped Go maps (rt.ToValue(map[string]any)): scripts
// would see Go maps with random key order and slices whose push does not
// persist. The values built here are what JSON.parse would build: plain
// objects with their keys in order, arrays, strings, numbers (integers up to
// 2^53 as integers), booleans and null.
//
// A decoder belongs to one runtime and is used on its goroutine only. It
// interns object keys and short strings, which repeat in every row of a
// list, so a page of rows allocates little beyond the objects themselves.
type jsonDecoder struct {
	rt      *goja.Runtime
	keys    map[string]string
	strs    map[string]goja.Value
	scratch []any // element stack shared by nested arrays
	shapes  []shape
	// Shaped rows (rows.go): the shape of the last row, the known shapes,
	// and scratch space for one row's keys and values.
	rowShape  *rowShape
	rowShapes map[string]*rowShape
	rowKeys   []string
	rowVals   []goja.Value
	rowSlab   []shapedRow  // rows handed out in chunks: one allocation per page
	valSlab   []goja.Value // their values, likewise
	data      []byte
	pos       int
	depth     int
}

// shape remembers the last object decoded at one nesting depth: its keys in
// order and the last string value of each. The rows of a list page share
// their keys, and many columns repeat their values (stages, currencies,
// flags), so most keys and many values are recognised by one comparison of
// bytes, without hashing.
type shape struct {
	keys   []string
	raws   []string // the last string value of each column, as JSON text
	values []goja.Value
}

// Bounds of the interning caches: enough for the columns and enumerations
// of any list, small enough that free-text values cannot bloat them.
const (
	maxInternedKeys    = 4096
	maxInternedStrings = 8192
	maxInternedLen     = 32
	maxJSONDepth       = 512
)

var errJSONSyntax = errors.New("invalid JSON")

func newJSONDecoder(rt *goja.Runtime) *jsonDecoder {
	return &jsonDecoder{rt: rt, keys: make(map[string]string, 64), strs: make(map[string]goja.Value, 256)}
}

// decode converts one JSON document. Empty input is undefined (a batch row
// that carried no result).
func (d *jsonDecoder) decode(data []byte) (goja.Value, error) {
	d.data, d.pos, d.depth = data, 0, 0
	defer func() { d.data = nil }()
	d.skipSpace()
	if d.pos >= len(d.data) {
		return goja.Undefined(), nil
	}
	v, err := d.value()
	if err != nil {
		return nil, err
	}
	d.skipSpace()
	if d.pos != len(d.data) {
		return nil, d.syntaxError("unexpected data after the value")
	}
	return v, nil
}

func (d *jsonDecoder) syntaxError(what string) error {
	return fmt.Errorf("%w at offset %d: %s", errJSONSyntax, d.pos, what)
}

func (d *jsonDecoder) skipSpace() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

func (d *jsonDecoder) value() (goja.Value, error) {
	if d.pos >= len(d.data) {
		return nil, d.syntaxError("unexpected end")
	}
	switch c := d.data[d.pos]; {
	case c == '{':
		return d.object()
	case c == '[':
		return d.array()
	case c == '"':
		s, err := d.str(false)
		if err != nil {
			return nil, err
		}
		return d.stringValue(s), nil
	case c == 't':
		return d.literal("true", d.rt.ToValue(true))
	case c == 'f':
		return d.literal("false", d.rt.ToValue(false))
	case c == 'n':
		return d.literal("null", goja.Null())
	case c == '-' || (c >= '0' && c <= '9'):
		return d.number()
	}
	return nil, d.syntaxError(fmt.Sprintf("unexpected character %q", d.data[d.pos]))
}

func (d *jsonDecoder) literal(word string, v goja.Value) (goja.Value, error) {
	if len(d.data)-d.pos < len(word) || string(d.data[d.pos:d.pos+len(word)]) != word {
		return nil, d.syntaxError("invalid literal")
	}
	d.pos += len(word)
	return v, nil
}

func (d *jsonDecoder) enter() error {
	d.depth++
	if d.depth > maxJSONDepth {
		return d.syntaxError("nested too deeply")
	}
	return nil
}

func (d *jsonDecoder) object() (goja.Value, error) {
	if err := d.enter(); err != nil {
		return nil, err
	}
	d.pos++ // {
	obj := d.rt.NewObject()
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		d.depth--
		return obj, nil
	}
	for len(d.shapes) <= d.depth {
		d.shapes = append(d.shapes, shape{})
	}
	sh := &d.shapes[d.depth]
	for col := 0; ; col++ {
		d.skipSpace()
		if d.pos >= len(d.data) || d.data[d.pos] != '"' {
			return nil, d.syntaxError("expected a key")
		}
		key, err := d.key(sh, col)
		if err != nil {
			return nil, err
		}
		d.skipSpace()
		if d.pos >= len(d.data) || d.data[d.pos] != ':' {
			return nil, d.syntaxError("expected ':'")
		}
		d.pos++
		d.skipSpace()
		var v goja.Value
		if d.pos < len(d.data) && d.data[d.pos] == '"' {
			v, err = d.column(sh, col)
		} else {
			v, err = d.value()
			sh = &d.shapes[d.depth] // nested values may have grown d.shapes
		}
		if err != nil {
			return nil, err
		}
		if key == "__proto__" {
			// JSON.parse makes an own property; Set would change the prototype.
			err = obj.DefineDataProperty(key, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
		} else {
			err = obj.Set(key, v)
		}
		if err != nil {
			return nil, err
		}
		d.skipSpace()
		if d.pos >= len(d.data) {
			return nil, d.syntaxError("unexpected end in an object")
		}
		switch d.data[d.pos] {
		case ',':
			d.pos++
		case '}':
			d.pos++
			d.depth--
			return obj, nil
		default:
			return nil, d.syntaxError("expected ',' or '}'")
		}
	}
}

// key reads the key of column col, recognising the key the last object at
// this depth had there.
func (d *jsonDecoder) key(sh *shape, col int) (string, error) {
	if col < len(sh.keys) {
		k := sh.keys[col]
		end := d.pos + 1 + len(k)
		if end < len(d.data) && d.data[end] == '"' && string(d.data[d.pos+1:end]) == k {
			d.pos = end + 1
			return k, nil
		}
	}
	k, err := d.str(true)
	if err != nil {
		return "", err
	}
	for len(sh.keys) <= col {
		sh.keys = append(sh.keys, "")
		sh.raws = append(sh.raws, "")
		sh.values = append(sh.values, nil)
	}
	sh.keys[col], sh.raws[col], sh.values[col] = k, "", nil
	return k, nil
}

// column reads a string value of column col, reusing the last value of the
// column when it repeats.
func (d *jsonDecoder) column(sh *shape, col int) (goja.Value, error) {
	if col < len(sh.values) && sh.values[col] != nil {
		raw := sh.raws[col]
		end := d.pos + 1 + len(raw)
		if end < len(d.data) && d.data[end] == '"' && string(d.data[d.pos+1:end]) == raw {
			d.pos = end + 1
			return sh.values[col], nil
		}
	}
	start := d.pos + 1
	s, err := d.str(false)
	if err != nil {
		return nil, err
	}
	v := d.stringValue(s)
	if col < len(sh.values) && len(s) <= maxInternedLen && d.pos-1-start == len(s) {
		sh.raws[col], sh.values[col] = s, v
	}
	return v, nil
}

func (d *jsonDecoder) array() (goja.Value, error) {
	if err := d.enter(); err != nil {
		return nil, err
	}
	d.pos++ // [
	base := len(d.scratch)
	defer func() {
		clear(d.scratch[base:])
		d.scratch = d.scratch[:base]
	}()
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == ']' {
		d.pos++
		d.depth--
		return d.rt.NewArray(), nil
	}
	for {
		d.skipSpace()
		v, err := d.value()
		if err != nil {
			return nil, err
		}
		d.scratch = append(d.scratch, v)
		d.skipSpace()
		if d.pos >= len(d.data) {
			return nil, d.syntaxError("unexpected end in an array")
		}
		switch d.data[d.pos] {
		case ',':
			d.pos++
		case ']':
			d.pos++
			d.depth--
			return d.rt.NewArray(d.scratch[base:]...), nil
		default:
			return nil, d.syntaxError("expected ',' or ']'")
		}
	}
}

// str reads a JSON string at d.pos. Keys are interned; short values are
// interned by stringValue.
func (d *jsonDecoder) str(key bool) (string, error) {
	d.pos++ // opening quote
	start := d.pos
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		switch {
		case c == '"':
			raw := d.data[start:d.pos]
			d.pos++
			if key {
				return d.internKey(raw), nil
			}
			return string(raw), nil
		case c == '\\':
			return d.escapedStr(start)
		case c < 0x20:
			return "", d.syntaxError("control character in a string")
		}
		d.pos++
	}
	return "", d.syntaxError("unterminated string")
}

func (d *jsonDecoder) internKey(raw []byte) string {
	if s, ok := d.keys[string(raw)]; ok {
		return s
	}
	s := string(raw)
	if len(d.keys) < maxInternedKeys {
		d.keys[s] = s
	}
	return s
}

// escapedStr finishes a string holding escapes, from its first byte.
func (d *jsonDecoder) escapedStr(start int) (string, error) {
	buf := append([]byte(nil), d.data[start:d.pos]...)
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		switch {
		case c == '"':
			d.pos++
			return string(buf), nil
		case c < 0x20:
			return "", d.syntaxError("control character in a string")
		case c != '\\':
			buf = append(buf, c)
			d.pos++
			continue
		}
		if d.pos+1 >= len(d.data) {
			break
		}
		esc := d.data[d.pos+1]
		d.pos += 2
		switch esc {
		case '"', '\\', '/':
			buf = append(buf, esc)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := d.hex4()
			if !ok {
				return "", d.syntaxError("invalid \\u escape")
			}
			if utf16.IsSurrogate(r) {
				// A pair joins; a lone surrogate cannot live in a Go string
				// and becomes U+FFFD.
				lo := utf8.RuneError
				if d.pos+1 < len(d.data) && d.data[d.pos] == '\\' && d.data[d.pos+1] == 'u' {
					save := d.pos
					d.pos += 2
					if next, ok := d.hex4(); ok && next >= 0xdc00 && next <= 0xdfff {
						lo = next
					} else {
						d.pos = save
					}
				}
				r = utf16.DecodeRune(r, lo)
			}
			buf = utf8.AppendRune(buf, r)
		default:
			return "", d.syntaxError("invalid escape")
		}
	}
	return "", d.syntaxError("unterminated string")
}

func (d *jsonDecoder) hex4() (rune, bool) {
	if d.pos+4 > len(d.data) {
		return 0, false
	}
	var r rune
	for _, c := range d.data[d.pos : d.pos+4] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		default:
			return 0, false
		}
	}
	d.pos += 4
	return r, true
}

// stringValue makes a JS string, sharing the value of short strings seen
// before (stage ids, currencies, dates, "Y"/"N").
func (d *jsonDecoder) stringValue(s string) goja.Value {
	if len(s) > maxInternedLen {
		return d.rt.ToValue(s)
	}
	if v, ok := d.strs[s]; ok {
		return v
	}
	v := d.rt.ToValue(s)
	if len(d.strs) < maxInternedStrings {
		d.strs[s] = v
	}
	return v
}

// maxSafeInteger is 2^53: larger integers lose precision as JS numbers, so
// they are made floats, as JSON.parse makes them.
const maxSafeInteger = 1 << 53

func (d *jsonDecoder) number() (goja.Value, error) {
	start := d.pos
	if d.data[d.pos] == '-' {
		d.pos++
	}
	intStart := d.pos
	for d.pos < len(d.data) && d.data[d.pos] >= '0' && d.data[d.pos] <= '9' {
		d.pos++
	}
	if d.pos == intStart || (d.data[intStart] == '0' && d.pos-intStart > 1) {
		return nil, d.syntaxError("invalid number")
	}
	isInt := true
	if d.pos < len(d.data) && d.data[d.pos] == '.' {
		isInt = false
		d.pos++
		fracStart := d.pos
		for d.pos < len(d.data) && d.data[d.pos] >= '0' && d.data[d.pos] <= '9' {
			d.pos++
		}
		if d.pos == fracStart {
			return nil, d.syntaxError("invalid number")
		}
	}
	if d.pos < len(d.data) && (d.data[d.pos] == 'e' || d.data[d.pos] == 'E') {
		isInt = false
		d.pos++
		if d.pos < len(d.data) && (d.data[d.pos] == '+' || d.data[d.pos] == '-') {
			d.pos++
		}
		expStart := d.pos
		for d.pos < len(d.data) && d.data[d.pos] >= '0' && d.data[d.pos] <= '9' {
			d.pos++
		}
		if d.pos == expStart {
			return nil, d.syntaxError("invalid number")
		}
	}
	text := d.data[start:d.pos]
	if isInt && len(text) <= 16 {
		var n int64
		for _, c := range text[intStart-start:] {
			n = n*10 + int64(c-'0')
		}
		if text[0] == '-' {
			if n == 0 {
				return d.rt.ToValue(math.Copysign(0, -1)), nil
			}
			n = -n
		}
		if n <= maxSafeInteger && n >= -maxSafeInteger {
			return d.rt.ToValue(n), nil
		}
	}
	f, err := strconv.ParseFloat(string(text), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return nil, d.syntaxError("invalid number")
	}
	return d.rt.ToValue(f), nil
}

// maxRowShapes bounds the distinct row shapes a decoder remembers.
const maxRowShapes = 256

// decodeRow converts one row of a list walk: an object becomes a shaped row
// (rows.go); anything else, or an object with a repeated key, is decoded as
// decode would.
func (d *jsonDecoder) decodeRow(data []byte) (goja.Value, error) {
	d.data, d.pos, d.depth = data, 0, 0
	defer func() { d.data = nil }()
	d.skipSpace()
	if d.pos >= len(d.data) || d.data[d.pos] != '{' {
		return d.decode(data)
	}
	row, ok, err := d.shapedRow()
	if err != nil {
		return nil, err
	}
	if !ok {
		return d.decode(data)
	}
	d.skipSpace()
	if d.pos != len(d.data) {
		return nil, d.syntaxError("unexpected data after the value")
	}
	return d.rt.NewDynamicObject(row), nil
}

// shapedRow parses the object at d.pos into a shaped row. ok is false for
// an object a shaped row cannot represent (a repeated or integer key).
func (d *jsonDecoder) shapedRow() (*shapedRow, bool, error) {
	d.pos++ // {
	d.depth++
	keys, vals := d.rowKeys[:0], d.rowVals[:0]
	defer func() {
		clear(vals)
		d.rowKeys, d.rowVals = keys[:0], vals[:0]
	}()
	for len(d.shapes) <= d.depth {
		d.shapes = append(d.shapes, shape{})
	}
	sh := &d.shapes[d.depth]
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
	} else {
		for col := 0; ; col++ {
			d.skipSpace()
			if d.pos >= len(d.data) || d.data[d.pos] != '"' {
				return nil, false, d.syntaxError("expected a key")
			}
			key, err := d.key(sh, col)
			if err != nil {
				return nil, false, err
			}
			d.skipSpace()
			if d.pos >= len(d.data) || d.data[d.pos] != ':' {
				return nil, false, d.syntaxError("expected ':'")
			}
			d.pos++
			d.skipSpace()
			var v goja.Value
			if d.pos < len(d.data) && d.data[d.pos] == '"' {
				v, err = d.column(sh, col)
			} else {
				v, err = d.value()
				sh = &d.shapes[d.depth]
			}
			if err != nil {
				return nil, false, err
			}
			keys, vals = append(keys, key), append(vals, v)
			d.skipSpace()
			if d.pos >= len(d.data) {
				return nil, false, d.syntaxError("unexpected end in an object")
			}
			if d.data[d.pos] == ',' {
				d.pos++
				continue
			}
			if d.data[d.pos] != '}' {
				return nil, false, d.syntaxError("expected ',' or '}'")
			}
			d.pos++
			break
		}
	}
	d.depth--
	rs, ok := d.shapeOf(keys)
	if !ok {
		return nil, false, nil
	}
	return d.newRow(rs, vals), true, nil
}

// newRow takes a row and its values from the decoder's slabs, so that a
// page of rows costs a few allocations instead of a few per row.
func (d *jsonDecoder) newRow(rs *rowShape, vals []goja.Value) *shapedRow {
	const slabRows = 64
	if len(d.rowSlab) == 0 {
		d.rowSlab = make([]shapedRow, slabRows)
	}
	if len(d.valSlab) < len(vals) {
		d.valSlab = make([]goja.Value, max(len(vals), slabRows*len(vals)))
	}
	row := &d.rowSlab[0]
	d.rowSlab = d.rowSlab[1:]
	row.shape = rs
	row.values = d.valSlab[:len(vals):len(vals)]
	d.valSlab = d.valSlab[len(vals):]
	copy(row.values, vals)
	return row
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

// shapeOf finds or makes the shape of a row's keys; ok is false when a key
// repeats.
func (d *jsonDecoder) shapeOf(keys []string) (*rowShape, bool) {
	if rs := d.rowShape; rs != nil && slices.Equal(rs.keys, keys) {
		return rs, true
	}
	id := strings.Join(keys, "\x00")
	if rs, ok := d.rowShapes[id]; ok {
		d.rowShape = rs
		return rs, true
	}
	rs := &rowShape{keys: slices.Clone(keys), index: make(map[string]int, len(keys))}
	for i, k := range keys {
		if _, dup := rs.index[k]; dup || isArrayIndex(k) {
			// Ordinary objects list integer keys first: leave such rows to
			// them, as well as rows with a repeated key.
			return nil, false
		}
		rs.index[k] = i
	}
	if d.rowShapes == nil {
		d.rowShapes = map[string]*rowShape{}
	}
	if len(d.rowShapes) < maxRowShapes {
		d.rowShapes[id] = rs
	}
	d.rowShape = rs
	return rs, true
}
