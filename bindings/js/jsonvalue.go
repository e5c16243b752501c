package js

import (
	"fmt"

	"github.com/dop251/goja"

	"github.com/b24run/b24run/internal/jsonscan"
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
// objects with their keys in order, arrays, strings, numbers, booleans and
// null (jsonnumber.go says which numbers).
//
// The lexing (white space, strings and escapes, the number grammar, the
// literals, the depth bound) is internal/jsonscan's, the lexer the hook
// splits the same answers with, so that the two agree on what valid JSON
// is. What is left here is what only JavaScript needs: the descent that
// builds goja objects and arrays, the interning of keys and short strings
// (jsonintern.go) and the shaped rows of list walks (rows.go, rowdecode.go,
// rowscan.go).
//
// A decoder belongs to one runtime and is used on its goroutine only. It
// holds no position of its own (every step takes the input and an offset
// and returns the offset after what it read), so the lazy values of shaped
// rows can be decoded long after the page that carried them.
type jsonDecoder struct {
	rt        *goja.Runtime
	literals  [3]literal
	keys      map[string]string   // interned object keys
	strs      map[string]interned // interned short strings
	unescaped []byte              // scratch: a string being unescaped
	shapes    []shape             // the last object seen at each depth
	scratch   []any               // element stack shared by nested arrays
	rows      rowDecoder          // shaped rows of list walks (rowdecode.go)
}

// literal is one of JSON's three words and the value it stands for.
type literal struct {
	word  string
	value goja.Value
}

func newJSONDecoder(rt *goja.Runtime) *jsonDecoder {
	return &jsonDecoder{
		rt: rt,
		literals: [3]literal{
			{"true", rt.ToValue(true)},
			{"false", rt.ToValue(false)},
			{"null", goja.Null()},
		},
		keys: make(map[string]string, 64),
		strs: make(map[string]interned, 256),
		rows: rowDecoder{lastLen: -1},
	}
}

func syntaxError(offset int, msg string) error {
	return &jsonscan.SyntaxError{Offset: offset, Msg: msg}
}

// decode converts one JSON document. Empty input is undefined (a batch row
// that carried no result).
func (d *jsonDecoder) decode(data []byte) (goja.Value, error) {
	i := jsonscan.SkipSpace(data, 0)
	if i == len(data) {
		return goja.Undefined(), nil
	}
	v, end, err := d.value(data, i, 0)
	if err != nil {
		return nil, err
	}
	if end = jsonscan.SkipSpace(data, end); end != len(data) {
		return nil, syntaxError(end, "unexpected data after the value")
	}
	return v, nil
}

// value converts the value that starts at data[i], depth containers deep,
// and returns the offset after it.
func (d *jsonDecoder) value(data []byte, i, depth int) (goja.Value, int, error) {
	if i >= len(data) {
		return nil, i, syntaxError(i, "unexpected end of input")
	}
	c := data[i]
	if c == '{' || c == '[' {
		if depth >= jsonscan.MaxDepth {
			return nil, i, syntaxError(i, fmt.Sprintf("nested deeper than %d levels", jsonscan.MaxDepth))
		}
		if c == '{' {
			return d.object(data, i, depth+1)
		}
		return d.array(data, i, depth+1)
	}
	if c == '"' {
		raw, escaped, end, err := jsonscan.String(data, i)
		if err != nil {
			return nil, end, err
		}
		v, err := d.stringValue(raw, escaped)
		return v, end, err
	}
	if c == '-' || c >= '0' && c <= '9' {
		return d.number(data, i)
	}
	for _, l := range d.literals {
		if c == l.word[0] {
			end, err := jsonscan.Literal(data, i, l.word)
			return l.value, end, err
		}
	}
	return nil, i, syntaxError(i, fmt.Sprintf("unexpected %q", c))
}

// separator reads what follows a member or an element: a comma (more to
// come) or the closing bracket of its container (last reports so). It
// returns the offset of the next member or element, or the one after the
// container.
func separator(data []byte, i int, closing byte) (next int, last bool, err error) {
	i = jsonscan.SkipSpace(data, i)
	switch {
	case i < len(data) && data[i] == ',':
		return jsonscan.SkipSpace(data, i+1), false, nil
	case i < len(data) && data[i] == closing:
		return i + 1, true, nil
	}
	return i, false, syntaxError(i, fmt.Sprintf("expected ',' or '%c'", closing))
}

// object builds the object that starts at data[i]. Keys and string values
// are read through the shape of the last object at this depth, which the
// rows of a page share.
func (d *jsonDecoder) object(data []byte, i, depth int) (goja.Value, int, error) {
	obj := d.rt.NewObject()
	if i = jsonscan.SkipSpace(data, i+1); i < len(data) && data[i] == '}' {
		return obj, i + 1, nil
	}
	for col := 0; ; col++ {
		key, end, err := d.shapeAt(depth).key(d, data, i, col)
		if err != nil {
			return nil, end, err
		}
		var v goja.Value
		if v, end, err = d.member(data, end, depth, col); err != nil {
			return nil, end, err
		}
		if key == "__proto__" {
			// JSON.parse makes an own property; Set would change the prototype.
			err = obj.DefineDataProperty(key, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
		} else {
			err = obj.Set(key, v)
		}
		if err != nil {
			return nil, end, err
		}
		last := false
		if i, last, err = separator(data, end, '}'); err != nil {
			return nil, i, err
		}
		if last {
			return obj, i, nil
		}
	}
}

// member reads the colon after a key and the value after it, a string
// value through its column of the shape at depth.
func (d *jsonDecoder) member(data []byte, i, depth, col int) (goja.Value, int, error) {
	if i = jsonscan.SkipSpace(data, i); i >= len(data) || data[i] != ':' {
		return nil, i, syntaxError(i, "expected ':'")
	}
	i = jsonscan.SkipSpace(data, i+1)
	if i < len(data) && data[i] == '"' {
		return d.shapeAt(depth).column(d, data, i, col)
	}
	return d.value(data, i, depth)
}

// array builds the array that starts at data[i], its elements gathered on
// the decoder's scratch stack so that nested arrays share one buffer.
func (d *jsonDecoder) array(data []byte, i, depth int) (goja.Value, int, error) {
	if i = jsonscan.SkipSpace(data, i+1); i < len(data) && data[i] == ']' {
		return d.rt.NewArray(), i + 1, nil
	}
	base := len(d.scratch)
	defer func() {
		clear(d.scratch[base:])
		d.scratch = d.scratch[:base]
	}()
	for {
		v, end, err := d.value(data, i, depth)
		if err != nil {
			return nil, end, err
		}
		d.scratch = append(d.scratch, v)
		last := false
		if i, last, err = separator(data, end, ']'); err != nil {
			return nil, i, err
		}
		if last {
			return d.rt.NewArray(d.scratch[base:]...), i, nil
		}
	}
}
