package js

import (
	"github.com/dop251/goja"

	"github.com/b24run/b24run/internal/jsonscan"
)

// The rows of a list page repeat the same keys in the same order, and many
// columns repeat a few values (stages, currencies, flags, "Y"/"N"). The
// decoder recognises them instead of building them again: keys and short
// strings are interned per decoder, and a shape remembers the last object at
// each depth so that most keys and many values are recognised by one
// comparison of bytes, without hashing.

// Bounds of the interning caches: enough for the columns and enumerations
// of any list, small enough that free-text values cannot bloat them.
const (
	maxInternedKeys    = 4096
	maxInternedStrings = 8192
	maxInternedLen     = 32
)

// shape is the last object decoded at one depth, column by column.
type shape struct {
	cols []shapeColumn
}

// shapeColumn is one key of a shape and the last short string value seen
// under it, each with the JSON text it was read from (between the quotes,
// escapes as they were), so that a repeat is recognised by comparing bytes.
type shapeColumn struct {
	rawKey, key string
	raw         string     // the last short string value
	value       goja.Value // its JS value; nil when none
}

// shapeAt returns the shape of depth, growing the list as objects nest. The
// pointer is good until the next call.
func (d *jsonDecoder) shapeAt(depth int) *shape {
	for len(d.shapes) <= depth {
		d.shapes = append(d.shapes, shape{})
	}
	return &d.shapes[depth]
}

// key reads the key of column col, whose opening quote is data[i],
// recognising the key the last object had there. It returns the offset
// after the closing quote.
func (sh *shape) key(d *jsonDecoder, data []byte, i, col int) (string, int, error) {
	if col < len(sh.cols) {
		if end, ok := sameText(data, i, sh.cols[col].rawKey); ok {
			return sh.cols[col].key, end, nil
		}
	}
	raw, escaped, end, err := jsonscan.String(data, i)
	if err != nil {
		if i >= len(data) || data[i] != '"' {
			err = syntaxError(i, "expected a key")
		}
		return "", end, err
	}
	k, err := d.internKey(raw, escaped)
	if err != nil {
		return "", end, err
	}
	for len(sh.cols) <= col {
		sh.cols = append(sh.cols, shapeColumn{})
	}
	c := shapeColumn{rawKey: k, key: k}
	if escaped {
		c.rawKey = string(raw)
	}
	sh.cols[col] = c
	return k, end, nil
}

// column reads the string value of column col whose opening quote is
// data[i], reusing the column's last value when it repeats.
func (sh *shape) column(d *jsonDecoder, data []byte, i, col int) (goja.Value, int, error) {
	if col < len(sh.cols) && sh.cols[col].value != nil {
		if end, ok := sameText(data, i, sh.cols[col].raw); ok {
			return sh.cols[col].value, end, nil
		}
	}
	raw, escaped, end, err := jsonscan.String(data, i)
	if err != nil {
		return nil, end, err
	}
	s, v, err := d.text(raw, escaped)
	if err != nil || col >= len(sh.cols) || len(raw) > maxInternedLen {
		return v, end, err
	}
	if escaped {
		s = string(raw)
	}
	sh.cols[col].raw, sh.cols[col].value = s, v
	return v, end, nil
}

// sameText reports whether the string whose opening quote is data[i] has
// exactly the contents raw (JSON text, as a shape keeps it), and returns
// the offset after its closing quote. A raw that came out of a valid string
// never ends inside an escape, so the quote after it closes the string.
func sameText[T string | []byte](data []byte, i int, raw T) (int, bool) {
	end := i + 1 + len(raw)
	if end < len(data) && data[end] == '"' && data[i] == '"' && string(data[i+1:end]) == string(raw) {
		return end + 1, true
	}
	return i, false
}

// internKey makes a key a string, sharing the string of a key seen before.
func (d *jsonDecoder) internKey(raw []byte, escaped bool) (string, error) {
	if escaped {
		return jsonscan.Unescape(raw)
	}
	if s, ok := d.keys[string(raw)]; ok {
		return s, nil
	}
	k := string(raw)
	if len(d.keys) < maxInternedKeys {
		d.keys[k] = k
	}
	return k, nil
}

// interned is a short string and its JS value.
type interned struct {
	s string
	v goja.Value
}

// stringValue makes the JS string of a JSON string's raw contents.
func (d *jsonDecoder) stringValue(raw []byte, escaped bool) (goja.Value, error) {
	_, v, err := d.text(raw, escaped)
	return v, err
}

// text decodes a JSON string's raw contents into a Go string and its JS
// value, sharing the value of short strings seen before (stage ids,
// currencies, dates, "Y"/"N").
func (d *jsonDecoder) text(raw []byte, escaped bool) (string, goja.Value, error) {
	if escaped {
		var err error
		if d.unescaped, err = jsonscan.AppendUnescaped(d.unescaped[:0], raw); err != nil {
			return "", nil, err
		}
		raw = d.unescaped
	}
	if len(raw) > maxInternedLen {
		s := string(raw)
		return s, d.rt.ToValue(s), nil
	}
	if in, ok := d.strs[string(raw)]; ok {
		return in.s, in.v, nil
	}
	in := interned{s: string(raw)}
	in.v = d.rt.ToValue(in.s)
	if len(d.strs) < maxInternedStrings {
		d.strs[in.s] = in
	}
	return in.s, in.v, nil
}
