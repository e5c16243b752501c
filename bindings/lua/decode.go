package lua

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	glua "github.com/yuin/gopher-lua"
)

// decoder turns JSON text into Lua values in one pass, with no intermediate
// Go values: it is how portal answers and event payloads reach scripts, so
// it is on the hot path of every list.
//
// The mapping keeps what gopher-json loses (reference/embedding.md §1.6):
//   - null is the runtime's null sentinel (b24.null), never nil, so arrays
//     keep their positions and objects keep their members;
//   - every array and object table carries the array or object marker
//     metatable, so an empty one encodes back as [] or {};
//   - members keep their order (gopher-lua iterates a table's keys in
//     insertion order);
//   - integers beyond 2^53, which a float64 cannot hold exactly, stay
//     strings of their digits instead of silently changing value.
//
// A decoder is owned by one runtime and reused for every decode of the run:
// its scratch stacks and its caches of short strings and small integers
// make repeated rows cheap. It is not safe for concurrent use.
type decoder struct {
	L        *glua.LState
	null     glua.LValue
	arrayMT  *glua.LTable
	objectMT *glua.LTable

	data  []byte
	pos   int
	depth int

	vals  []glua.LValue // scratch: values of the arrays and objects being built
	names []string      // scratch: member names of the objects being built
	keys  []glua.LValue // scratch: the same names, boxed

	strs map[string]glua.LValue // short strings seen, as ready LValues
	ints [smallInts]glua.LValue // small non-negative integers, as ready LValues
}

const (
	// maxDecodeDepth bounds nesting, so that hostile input ("[[[[...")
	// fails with an error instead of exhausting the Go stack.
	maxDecodeDepth = 512
	// smallInts is how many small integers have a cached LValue.
	smallInts = 1024
	// maxCachedString and maxStringCache bound the short-string cache: ids,
	// flags ("Y"/"N"), currencies and stage names repeat in every row.
	maxCachedString = 32
	maxStringCache  = 8192
)

func newDecoder(L *glua.LState, null glua.LValue, arrayMT, objectMT *glua.LTable) *decoder {
	d := &decoder{L: L, null: null, arrayMT: arrayMT, objectMT: objectMT, strs: make(map[string]glua.LValue, 256)}
	for i := range d.ints {
		d.ints[i] = glua.LNumber(i)
	}
	return d
}

// decode converts one JSON document. The input must hold exactly one value,
// optionally surrounded by white space.
func (d *decoder) decode(data []byte) (v glua.LValue, err error) {
	d.data, d.pos, d.depth = data, 0, 0
	defer func() {
		// A failed decode leaves values on the scratch stacks; drop them
		// so that they can be collected.
		d.data = nil
		clear(d.vals[:cap(d.vals)])
		clear(d.names[:cap(d.names)])
		clear(d.keys[:cap(d.keys)])
		d.vals, d.names, d.keys = d.vals[:0], d.names[:0], d.keys[:0]
	}()
	d.skipSpace()
	v, err = d.value()
	if err != nil {
		return nil, err
	}
	d.skipSpace()
	if d.pos < len(d.data) {
		return nil, d.errorf("unexpected %q after the value", d.data[d.pos])
	}
	return v, nil
}

func (d *decoder) errorf(format string, args ...any) error {
	return fmt.Errorf("invalid JSON at offset %d: %s", d.pos, fmt.Sprintf(format, args...))
}

var errEnd = errors.New("unexpected end of input")

func (d *decoder) skipSpace() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

func (d *decoder) value() (glua.LValue, error) {
	if d.pos >= len(d.data) {
		return nil, d.errorf("%v", errEnd)
	}
	switch c := d.data[d.pos]; {
	case c == '{':
		return d.object()
	case c == '[':
		return d.array()
	case c == '"':
		return d.stringValue()
	case c == '-' || c >= '0' && c <= '9':
		return d.number()
	case c == 't':
		return glua.LTrue, d.literal("true")
	case c == 'f':
		return glua.LFalse, d.literal("false")
	case c == 'n':
		return d.null, d.literal("null")
	default:
		return nil, d.errorf("unexpected %q", c)
	}
}

func (d *decoder) literal(word string) error {
	if len(d.data)-d.pos < len(word) || string(d.data[d.pos:d.pos+len(word)]) != word {
		return d.errorf("expected %s", word)
	}
	d.pos += len(word)
	return nil
}

func (d *decoder) enter() error {
	d.depth++
	if d.depth > maxDecodeDepth {
		return d.errorf("nested deeper than %d levels", maxDecodeDepth)
	}
	return nil
}

func (d *decoder) array() (glua.LValue, error) {
	if err := d.enter(); err != nil {
		return nil, err
	}
	d.pos++ // [
	base := len(d.vals)
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == ']' {
		d.pos++
	} else {
		for {
			d.skipSpace()
			v, err := d.value()
			if err != nil {
				return nil, err
			}
			d.vals = append(d.vals, v)
			d.skipSpace()
			if d.pos >= len(d.data) {
				return nil, d.errorf("%v", errEnd)
			}
			c := d.data[d.pos]
			d.pos++
			if c == ']' {
				break
			}
			if c != ',' {
				d.pos--
				return nil, d.errorf("expected ',' or ']' in an array, got %q", c)
			}
		}
	}
	items := d.vals[base:]
	t := d.L.CreateTable(len(items), 0)
	for i, v := range items {
		t.RawSetInt(i+1, v)
	}
	t.Metatable = d.arrayMT
	clear(items)
	d.vals = d.vals[:base]
	d.depth--
	return t, nil
}

func (d *decoder) object() (glua.LValue, error) {
	if err := d.enter(); err != nil {
		return nil, err
	}
	d.pos++ // {
	vbase, kbase := len(d.vals), len(d.names)
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
	} else {
		for {
			d.skipSpace()
			if d.pos >= len(d.data) || d.data[d.pos] != '"' {
				return nil, d.errorf("expected a member name")
			}
			name, key, err := d.key()
			if err != nil {
				return nil, err
			}
			d.skipSpace()
			if d.pos >= len(d.data) || d.data[d.pos] != ':' {
				return nil, d.errorf("expected ':' after a member name")
			}
			d.pos++
			d.skipSpace()
			v, err := d.value()
			if err != nil {
				return nil, err
			}
			d.names = append(d.names, name)
			d.keys = append(d.keys, key)
			d.vals = append(d.vals, v)
			d.skipSpace()
			if d.pos >= len(d.data) {
				return nil, d.errorf("%v", errEnd)
			}
			c := d.data[d.pos]
			d.pos++
			if c == '}' {
				break
			}
			if c != ',' {
				d.pos--
				return nil, d.errorf("expected ',' or '}' in an object, got %q", c)
			}
		}
	}
	names, keys, vals := d.names[kbase:], d.keys[kbase:], d.vals[vbase:]
	t := objectTable(d.objectMT, names, keys, vals)
	clear(vals)
	clear(keys)
	clear(names)
	d.vals, d.names, d.keys = d.vals[:vbase], d.names[:kbase], d.keys[:kbase]
	d.depth--
	return t, nil
}

// key reads a member name, as a string and boxed; names repeat in every
// row, so they come from the string cache when short.
func (d *decoder) key() (string, glua.LValue, error) {
	raw, escaped, err := d.scanString()
	if err != nil {
		return "", nil, err
	}
	if escaped {
		s, err := unescape(raw)
		return s, glua.LString(s), err
	}
	if len(raw) > maxCachedString {
		s := string(raw)
		return s, glua.LString(s), nil
	}
	v, ok := d.strs[string(raw)]
	if !ok {
		v = d.remember(string(raw))
	}
	return string(v.(glua.LString)), v, nil
}

func (d *decoder) stringValue() (glua.LValue, error) {
	raw, escaped, err := d.scanString()
	if err != nil {
		return nil, err
	}
	if escaped {
		s, err := unescape(raw)
		if err != nil {
			return nil, err
		}
		return glua.LString(s), nil
	}
	if len(raw) <= maxCachedString {
		if v, ok := d.strs[string(raw)]; ok {
			return v, nil
		}
		return d.remember(string(raw)), nil
	}
	return glua.LString(raw), nil
}

func (d *decoder) remember(s string) glua.LValue {
	v := glua.LValue(glua.LString(s))
	if len(d.strs) < maxStringCache {
		d.strs[s] = v
	}
	return v
}

// scanString moves past a JSON string and returns its raw contents (without
// quotes) and whether it holds escapes. It rejects control characters and
// invalid UTF-8 is passed through as the bytes it is.
func (d *decoder) scanString() (raw []byte, escaped bool, err error) {
	d.pos++ // opening quote
	start := d.pos
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		switch {
		case c == '"':
			raw = d.data[start:d.pos]
			d.pos++
			return raw, escaped, nil
		case c == '\\':
			escaped = true
			d.pos += 2
		case c < 0x20:
			return nil, false, d.errorf("control character %q in a string", c)
		default:
			d.pos++
		}
	}
	return nil, false, d.errorf("unterminated string")
}

// unescape decodes the escapes of a JSON string's raw contents. Lone
// surrogates become U+FFFD, as encoding/json does.
func unescape(raw []byte) (string, error) {
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); {
		c := raw[i]
		if c != '\\' {
			out = append(out, c)
			i++
			continue
		}
		if i+1 >= len(raw) {
			return "", errors.New("invalid JSON: bad escape at the end of a string")
		}
		e := raw[i+1]
		i += 2
		switch e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, n, ok := hex4(raw[i:])
			if !ok {
				return "", errors.New(`invalid JSON: bad \u escape`)
			}
			i += n
			if utf16.IsSurrogate(r) {
				r2, n2, ok2 := rune(0), 0, false
				if i+1 < len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
					r2, n2, ok2 = hex4(raw[i+2:])
				}
				if dec := utf16.DecodeRune(r, r2); ok2 && dec != utf8.RuneError {
					r = dec
					i += 2 + n2
				} else {
					r = utf8.RuneError
				}
			}
			out = utf8.AppendRune(out, r)
		default:
			return "", fmt.Errorf("invalid JSON: bad escape \\%c", e)
		}
	}
	return string(out), nil
}

func hex4(b []byte) (rune, int, bool) {
	if len(b) < 4 {
		return 0, 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, 0, false
		}
	}
	return r, 4, true
}

// maxExactInt is the largest integer a float64 (a Lua number) holds exactly.
const maxExactInt = 1 << 53

func (d *decoder) number() (glua.LValue, error) {
	start := d.pos
	if d.data[d.pos] == '-' {
		d.pos++
	}
	digits := d.pos
	if d.pos < len(d.data) && d.data[d.pos] == '0' {
		d.pos++
	} else {
		for d.pos < len(d.data) && d.data[d.pos] >= '0' && d.data[d.pos] <= '9' {
			d.pos++
		}
	}
	if d.pos == digits {
		return nil, d.errorf("bad number")
	}
	integer := true
	if d.pos < len(d.data) && d.data[d.pos] == '.' {
		integer = false
		d.pos++
		n := d.pos
		for d.pos < len(d.data) && d.data[d.pos] >= '0' && d.data[d.pos] <= '9' {
			d.pos++
		}
		if d.pos == n {
			return nil, d.errorf("bad number")
		}
	}
	if d.pos < len(d.data) && (d.data[d.pos] == 'e' || d.data[d.pos] == 'E') {
		integer = false
		d.pos++
		if d.pos < len(d.data) && (d.data[d.pos] == '+' || d.data[d.pos] == '-') {
			d.pos++
		}
		n := d.pos
		for d.pos < len(d.data) && d.data[d.pos] >= '0' && d.data[d.pos] <= '9' {
			d.pos++
		}
		if d.pos == n {
			return nil, d.errorf("bad number")
		}
	}
	text := d.data[start:d.pos]
	if integer {
		if len(text) <= 15 {
			var n int64
			for _, c := range text[digits-start:] {
				n = n*10 + int64(c-'0')
			}
			if start != digits {
				n = -n
			} else if n < smallInts {
				return d.ints[n], nil
			}
			return glua.LNumber(n), nil
		}
		n, err := strconv.ParseInt(string(text), 10, 64)
		if err != nil || n > maxExactInt || n < -maxExactInt {
			// Too large for a Lua number to hold exactly: keep the digits.
			return glua.LString(text), nil
		}
		return glua.LNumber(n), nil
	}
	f, err := strconv.ParseFloat(string(text), 64)
	if err != nil && !math.IsInf(f, 0) {
		return nil, d.errorf("bad number %q", text)
	}
	return glua.LNumber(f), nil
}
