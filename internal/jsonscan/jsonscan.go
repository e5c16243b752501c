// Package jsonscan is the JSON lexer the rest of b24run builds on: the hook
// splits the portal's answers with it, and the script bindings turn them into
// JavaScript and Lua values with it.
//
// It works on byte slices in one pass, validates as it goes, and hands back
// subslices of its input instead of copies, so that a 2 MB batch answer is
// read once rather than once per level of encoding/json's RawMessage
// unmarshalling (each of which validates the whole input again). It builds
// no values of its own: callers decide what a string or a number becomes.
package jsonscan

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxDepth is the nesting depth Skip, Object and Array accept by default:
// deeper documents are hostile, not data.
const MaxDepth = 512

// SyntaxError is malformed JSON.
type SyntaxError struct {
	Offset int // byte offset of the problem
	Msg    string
}

// Error gives the offset and what was wrong there.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid JSON at offset %d: %s", e.Offset, e.Msg)
}

func syntaxError(offset int, msg string) error { return &SyntaxError{Offset: offset, Msg: msg} }

// plain marks the bytes a string scan may pass over without a second look:
// everything but the quote, the backslash and control characters.
var plain = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= 0x20 && c != '"' && c != '\\'
	}
	return t
}()

// SkipSpace returns the index of the first byte at or after i that is not
// JSON white space.
func SkipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// String scans the string whose opening quote is data[i]. It returns the
// raw contents between the quotes (escapes not decoded), whether they hold
// escapes, and the index after the closing quote. Control characters are
// errors; other bytes, invalid UTF-8 included, pass as they are.
func String(data []byte, i int) (raw []byte, escaped bool, end int, err error) {
	if i >= len(data) || data[i] != '"' {
		return nil, false, i, syntaxError(i, "expected a string")
	}
	start := i + 1
	for j := start; j < len(data); {
		// Most bytes of a string need no attention: skip them in a tight loop.
		for j < len(data) && plain[data[j]] {
			j++
		}
		if j >= len(data) {
			break
		}
		c := data[j]
		switch {
		case c == '"':
			return data[start:j], escaped, j + 1, nil
		case c == '\\':
			escaped = true
			if j+1 >= len(data) {
				return nil, false, j, syntaxError(i, "unterminated string")
			}
			switch data[j+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				j += 2
			case 'u':
				if _, ok := hex4(data[j+2:]); !ok {
					return nil, false, j, syntaxError(j, `invalid \u escape`)
				}
				j += 6
			default:
				return nil, false, j, syntaxError(j, fmt.Sprintf("invalid escape \\%c", data[j+1]))
			}
		case c < 0x20:
			return nil, false, j, syntaxError(j, "control character in a string")
		default:
			j++
		}
	}
	return nil, false, len(data), syntaxError(i, "unterminated string")
}

// Unescape decodes the escapes of a string's raw contents (as String
// returns them). A lone surrogate becomes U+FFFD, as in encoding/json.
func Unescape(raw []byte) (string, error) {
	out, err := AppendUnescaped(make([]byte, 0, len(raw)), raw)
	return string(out), err
}

// AppendUnescaped appends the decoded contents of raw to dst.
func AppendUnescaped(dst, raw []byte) ([]byte, error) {
	for i := 0; i < len(raw); {
		c := raw[i]
		if c != '\\' {
			dst = append(dst, c)
			i++
			continue
		}
		if i+1 >= len(raw) {
			return dst, syntaxError(i, "escape at the end of a string")
		}
		e := raw[i+1]
		i += 2
		switch e {
		case '"', '\\', '/':
			dst = append(dst, e)
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r, ok := hex4(raw[i:])
			if !ok {
				return dst, syntaxError(i, `invalid \u escape`)
			}
			i += 4
			if utf16.IsSurrogate(r) {
				// Only a high surrogate pairs with a following low one; a
				// lone surrogate of either kind is U+FFFD on its own.
				lo := utf8.RuneError
				if r < 0xdc00 && i+1 < len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
					if next, ok := hex4(raw[i+2:]); ok && next >= 0xdc00 && next <= 0xdfff {
						lo = next
						i += 6
					}
				}
				r = utf16.DecodeRune(r, lo)
			}
			dst = utf8.AppendRune(dst, r)
		default:
			return dst, syntaxError(i-1, fmt.Sprintf("invalid escape \\%c", e))
		}
	}
	return dst, nil
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
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
			return 0, false
		}
	}
	return r, true
}

// Number scans the number that starts at data[i]. It returns its text,
// whether it is an integer (no fraction, no exponent) and the index after it.
func Number(data []byte, i int) (text []byte, integer bool, end int, err error) {
	start := i
	if i < len(data) && data[i] == '-' {
		i++
	}
	digits := i
	if i < len(data) && data[i] == '0' {
		i++
	} else {
		i = skipDigits(data, i)
	}
	if i == digits {
		return nil, false, i, syntaxError(start, "invalid number")
	}
	integer = true
	if i < len(data) && data[i] == '.' {
		integer = false
		if j := skipDigits(data, i+1); j == i+1 {
			return nil, false, j, syntaxError(start, "invalid number")
		} else {
			i = j
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		integer = false
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		j := skipDigits(data, i)
		if j == i {
			return nil, false, j, syntaxError(start, "invalid number")
		}
		i = j
	}
	return data[start:i], integer, i, nil
}

func skipDigits(data []byte, i int) int {
	for i < len(data) && data[i] >= '0' && data[i] <= '9' {
		i++
	}
	return i
}

// Int reads the text of an integer number (as Number returns it) with at
// most 15 digits, which any float64 holds exactly; ok is false otherwise, and
// callers parse the text as a float. "-0" is not an int: it is the float -0.
func Int(text []byte) (n int64, ok bool) {
	neg := len(text) > 0 && text[0] == '-'
	digits := text
	if neg {
		digits = text[1:]
	}
	if len(digits) == 0 || len(digits) > 15 {
		return 0, false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		if n == 0 {
			return 0, false
		}
		n = -n
	}
	return n, true
}

// Float reads the text of any number.
func Float(text []byte) (float64, error) {
	f, err := strconv.ParseFloat(string(text), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, err
	}
	return f, nil
}

// Literal checks that data at i holds word (true, false, null) and returns
// the index after it.
func Literal(data []byte, i int, word string) (int, error) {
	if len(data)-i < len(word) || string(data[i:i+len(word)]) != word {
		return i, syntaxError(i, "expected "+word)
	}
	return i + len(word), nil
}

// Skip validates the value that starts at data[i] (after white space) and
// returns the index after it.
func Skip(data []byte, i int) (int, error) {
	return skip(data, SkipSpace(data, i), 0)
}

func skip(data []byte, i, depth int) (int, error) {
	if i >= len(data) {
		return i, syntaxError(i, "unexpected end of input")
	}
	switch c := data[i]; {
	case c == '{':
		return object(data, i, depth+1, func([]byte, bool, []byte) error { return nil })
	case c == '[':
		return array(data, i, depth+1, func([]byte) error { return nil })
	case c == '"':
		_, _, end, err := String(data, i)
		return end, err
	case c == '-' || c >= '0' && c <= '9':
		_, _, end, err := Number(data, i)
		return end, err
	case c == 't':
		return Literal(data, i, "true")
	case c == 'f':
		return Literal(data, i, "false")
	case c == 'n':
		return Literal(data, i, "null")
	}
	return i, syntaxError(i, fmt.Sprintf("unexpected %q", data[i]))
}

// Object walks the object that starts at data[i] (after white space),
// calling fn with each member's raw key (escapes not decoded; escaped says
// whether it has any) and value bytes, and returns the index after the
// object. An error from fn stops the walk and is returned.
func Object(data []byte, i int, fn func(key []byte, escaped bool, value []byte) error) (int, error) {
	return object(data, SkipSpace(data, i), 1, fn)
}

func object(data []byte, i, depth int, fn func(key []byte, escaped bool, value []byte) error) (int, error) {
	if depth > MaxDepth {
		return i, syntaxError(i, fmt.Sprintf("nested deeper than %d levels", MaxDepth))
	}
	if i >= len(data) || data[i] != '{' {
		return i, syntaxError(i, "expected an object")
	}
	i = SkipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return i + 1, nil
	}
	for {
		key, escaped, end, err := String(data, i)
		if err != nil {
			return end, err
		}
		i = SkipSpace(data, end)
		if i >= len(data) || data[i] != ':' {
			return i, syntaxError(i, "expected ':'")
		}
		start := SkipSpace(data, i+1)
		if i, err = skip(data, start, depth); err != nil {
			return i, err
		}
		if err := fn(key, escaped, data[start:i]); err != nil {
			return i, err
		}
		i = SkipSpace(data, i)
		if i >= len(data) {
			return i, syntaxError(i, "unterminated object")
		}
		switch data[i] {
		case ',':
			i = SkipSpace(data, i+1)
		case '}':
			return i + 1, nil
		default:
			return i, syntaxError(i, "expected ',' or '}'")
		}
	}
}

// Array walks the array that starts at data[i] (after white space), calling
// fn with each element's bytes, and returns the index after the array.
func Array(data []byte, i int, fn func(elem []byte) error) (int, error) {
	return array(data, SkipSpace(data, i), 1, fn)
}

func array(data []byte, i, depth int, fn func([]byte) error) (int, error) {
	if depth > MaxDepth {
		return i, syntaxError(i, fmt.Sprintf("nested deeper than %d levels", MaxDepth))
	}
	if i >= len(data) || data[i] != '[' {
		return i, syntaxError(i, "expected an array")
	}
	i = SkipSpace(data, i+1)
	if i < len(data) && data[i] == ']' {
		return i + 1, nil
	}
	for {
		start := i
		var err error
		if i, err = skip(data, start, depth); err != nil {
			return i, err
		}
		if err := fn(data[start:i]); err != nil {
			return i, err
		}
		i = SkipSpace(data, i)
		if i >= len(data) {
			return i, syntaxError(i, "unterminated array")
		}
		switch data[i] {
		case ',':
			i = SkipSpace(data, i+1)
		case ']':
			return i + 1, nil
		default:
			return i, syntaxError(i, "expected ',' or ']'")
		}
	}
}

// Whole checks that data holds one value and nothing but white space
// around it, and returns the value's bytes.
func Whole(data []byte) ([]byte, error) {
	start := SkipSpace(data, 0)
	end, err := Skip(data, start)
	if err != nil {
		return nil, err
	}
	if rest := SkipSpace(data, end); rest != len(data) {
		return nil, syntaxError(rest, "unexpected data after the value")
	}
	return data[start:end], nil
}

// Key decodes a raw key as Object hands it over.
func Key(raw []byte, escaped bool) (string, error) {
	if !escaped {
		return string(raw), nil
	}
	return Unescape(raw)
}
