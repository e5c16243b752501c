package lua

import (
	"fmt"

	glua "github.com/yuin/gopher-lua"

	"github.com/b24run/b24run/internal/jsonscan"
)

// decoder turns JSON text into Lua values in one pass, with no intermediate
// Go values: it is how portal answers and event payloads reach scripts, so
// it is on the hot path of every list.
//
// The lexing (white space, strings and their escapes, the number grammar,
// literals) is internal/jsonscan's, the lexer the hook reads the same
// answers with, so that both agree on what valid JSON is. What is left here
// is what only Lua needs: the recursive descent that builds tables (not
// jsonscan.Object and Array, which validate each member before handing it
// over, so that a nested value would be read once for every level above
// it), and the mapping, which keeps what gopher-json loses
// (reference/embedding.md §1.6):
//   - null is the runtime's null sentinel (b24.null), never nil, so arrays
//     keep their positions and objects keep their members;
//   - every array and object table carries the array or object marker
//     metatable, so an empty one encodes back as [] or {};
//   - members keep their order (gopher-lua iterates a table's keys in
//     insertion order);
//   - integers beyond 2^53, which a float64 cannot hold exactly, stay
//     strings of their digits instead of silently changing value.
//
// A decoder never touches an LState: the tables it builds are plain Go
// values that no script can see until the caller hands them over. A
// decoder is owned by one runtime and reused for every decode of the run:
// its scratch stacks, its cache of short strings and its object shapes
// (shape.go) make repeated rows cheap. It is not safe for concurrent use.
type decoder struct {
	null     glua.LValue
	arrayMT  *glua.LTable
	objectMT *glua.LTable
	shapedMT *glua.LTable // objectMT for tables that share their key index

	data  []byte
	depth int

	vals  []glua.LValue // scratch: values of the arrays and objects being built
	names []string      // scratch: member names of the objects being built
	keys  []glua.LValue // scratch: the same names, boxed
	text  []byte        // scratch: a string being unescaped

	strs   map[string]glua.LValue // short strings seen, as ready LValues
	shapes shapes                 // member lists of recent objects, by depth
}

func newDecoder(null glua.LValue, arrayMT, objectMT, shapedMT *glua.LTable) *decoder {
	return &decoder{null: null, arrayMT: arrayMT, objectMT: objectMT, shapedMT: shapedMT, strs: make(map[string]glua.LValue, 256)}
}

// decode converts one JSON document. The input must hold exactly one value,
// optionally surrounded by white space.
func (d *decoder) decode(data []byte) (glua.LValue, error) {
	d.data, d.depth = data, 0
	defer d.release()
	v, end, err := d.value(jsonscan.SkipSpace(data, 0))
	if err != nil {
		return nil, err
	}
	if end = jsonscan.SkipSpace(data, end); end < len(data) {
		return nil, syntaxError(end, fmt.Sprintf("unexpected %q after the value", data[end]))
	}
	return v, nil
}

// release forgets the input, and the values a failed decode left on the
// scratch stacks, so that they can be collected.
func (d *decoder) release() {
	d.data = nil
	clear(d.vals[:cap(d.vals)])
	clear(d.names[:cap(d.names)])
	clear(d.keys[:cap(d.keys)])
	d.vals, d.names, d.keys = d.vals[:0], d.names[:0], d.keys[:0]
}

func syntaxError(offset int, msg string) error {
	return &jsonscan.SyntaxError{Offset: offset, Msg: msg}
}

// stoppedAt moves a lexing error of jsonscan to end, where reading
// stopped: scripts have always been told that a string is unterminated at
// the end of the text, not at its opening quote.
func stoppedAt(err error, end int) error {
	if se, ok := err.(*jsonscan.SyntaxError); ok && se.Offset != end {
		return syntaxError(end, se.Msg)
	}
	return err
}

// value converts the value that starts at data[i] and returns the index
// after it.
func (d *decoder) value(i int) (glua.LValue, int, error) {
	if i >= len(d.data) {
		return nil, i, syntaxError(i, "unexpected end of input")
	}
	switch c := d.data[i]; c {
	case '{':
		return d.object(i)
	case '[':
		return d.array(i)
	case '"':
		return d.stringValue(i)
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return d.number(i)
	case 't':
		return d.literal(i, "true", glua.LTrue)
	case 'f':
		return d.literal(i, "false", glua.LFalse)
	case 'n':
		return d.literal(i, "null", d.null)
	default:
		return nil, i, syntaxError(i, fmt.Sprintf("unexpected %q", c))
	}
}

// literal reads word (true, false or null), which stands for v.
func (d *decoder) literal(i int, word string, v glua.LValue) (glua.LValue, int, error) {
	end, err := jsonscan.Literal(d.data, i, word)
	return v, end, err
}

// enter counts one more level of nesting: hostile input ("[[[[...") fails
// with an error instead of exhausting the Go stack.
func (d *decoder) enter(i int) error {
	if d.depth++; d.depth > jsonscan.MaxDepth {
		return syntaxError(i, fmt.Sprintf("nested deeper than %d levels", jsonscan.MaxDepth))
	}
	return nil
}

// separator reads what follows an element of an array or object at
// data[i]: a comma (more is true, next is the start of the next element)
// or the closing bracket (next is the index after it).
func (d *decoder) separator(i int, closing byte) (next int, more bool, err error) {
	i = jsonscan.SkipSpace(d.data, i)
	switch {
	case i >= len(d.data):
		return i, false, syntaxError(i, "unexpected end of input")
	case d.data[i] == ',':
		return jsonscan.SkipSpace(d.data, i+1), true, nil
	case d.data[i] == closing:
		return i + 1, false, nil
	}
	return i, false, syntaxError(i, fmt.Sprintf("expected ',' or '%c', got %q", closing, d.data[i]))
}

// opening moves past the bracket at data[i] and reports whether the
// container is empty (then next is the index after its closing bracket).
func (d *decoder) opening(i int, closing byte) (next int, empty bool, err error) {
	if err := d.enter(i); err != nil {
		return i, false, err
	}
	i = jsonscan.SkipSpace(d.data, i+1)
	if i < len(d.data) && d.data[i] == closing {
		return i + 1, true, nil
	}
	return i, false, nil
}

func (d *decoder) array(i int) (glua.LValue, int, error) {
	i, empty, err := d.opening(i, ']')
	if err != nil {
		return nil, i, err
	}
	base := len(d.vals)
	for more := !empty; more; {
		var v glua.LValue
		if v, i, err = d.value(i); err != nil {
			return nil, i, err
		}
		d.vals = append(d.vals, v)
		if i, more, err = d.separator(i, ']'); err != nil {
			return nil, i, err
		}
	}
	items := d.vals[base:]
	if len(items) > maxSequence {
		// A longer table is no Lua sequence (arrayindex.go).
		return nil, i, syntaxError(i, fmt.Sprintf("an array of more than %d elements", maxSequence))
	}
	t := arrayTable(d.arrayMT, items)
	clear(items)
	d.vals = d.vals[:base]
	d.depth--
	return t, i, nil
}

func (d *decoder) object(i int) (glua.LValue, int, error) {
	i, empty, err := d.opening(i, '}')
	if err != nil {
		return nil, i, err
	}
	vbase, kbase := len(d.vals), len(d.names)
	guess := d.shapes.guess(d.depth)
	for more := !empty; more; {
		raw, escaped, end, err := jsonscan.String(d.data, i)
		if err != nil {
			return nil, end, stoppedAt(err, end)
		}
		// Rows repeat the members of the last object at their depth:
		// one comparison of bytes recognises a name without hashing it.
		n := len(d.names) - kbase
		if guess != nil && !escaped && n < len(guess.names) && string(raw) == guess.names[n] {
			d.names, d.keys = append(d.names, guess.names[n]), append(d.keys, guess.keys[n])
		} else {
			guess = nil
			name, key, err := d.key(raw, escaped)
			if err != nil {
				return nil, end, err
			}
			d.names, d.keys = append(d.names, name), append(d.keys, key)
		}
		if i = jsonscan.SkipSpace(d.data, end); i >= len(d.data) || d.data[i] != ':' {
			return nil, i, syntaxError(i, "expected ':' after a member name")
		}
		var v glua.LValue
		if i = jsonscan.SkipSpace(d.data, i+1); guess != nil && i < len(d.data) && d.data[i] == '"' {
			v, i, err = d.columnString(i, &guess.cols[n])
		} else {
			v, i, err = d.value(i)
		}
		if err != nil {
			return nil, i, err
		}
		d.vals = append(d.vals, v)
		if i, more, err = d.separator(i, '}'); err != nil {
			return nil, i, err
		}
	}
	names, keys, vals := d.names[kbase:], d.keys[kbase:], d.vals[vbase:]
	if guess != nil && len(names) != len(guess.names) {
		guess = nil
	}
	t := d.shapes.table(d.depth, guess, d.objectMT, d.shapedMT, names, keys, vals)
	clear(vals)
	clear(keys)
	clear(names)
	d.vals, d.names, d.keys = d.vals[:vbase], d.names[:kbase], d.keys[:kbase]
	d.depth--
	return t, i, nil
}
