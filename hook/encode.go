package hook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// This file holds the two encoders of request parameters: JSON for the body of
// a single call, and the PHP-bracket query string of a batch command. Both
// follow what the official JS SDK puts on the wire (JSON.stringify and
// qs.stringify), because its documented examples must behave the same here.
//
// Accepted values: nil, bool, string, every Go integer and float type,
// json.Number, json.RawMessage, time.Time, Object, []any, map[string]any,
// and, through reflection, other slices and string-keyed maps. Anything else
// goes through encoding/json.

// AppendJSON appends the JSON encoding of v to buf as JSON.stringify would
// write it: object members in order, no HTML escaping, numbers as JavaScript
// prints them, NaN and infinities as null, times as ISO strings in UTC with
// milliseconds.
func AppendJSON(buf []byte, v any) ([]byte, error) {
	return appendJSON(buf, v, 0)
}

// maxDepth bounds the nesting of params; deeper values are almost certainly a
// cycle built by a script, which must fail with an error, not a stack overflow.
const maxDepth = 64

func appendJSON(buf []byte, v any, depth int) ([]byte, error) {
	if depth > maxDepth {
		return buf, fmt.Errorf("params nested deeper than %d levels (a circular reference?)", maxDepth)
	}
	switch v := v.(type) {
	case nil:
		return append(buf, "null"...), nil
	case bool:
		return strconv.AppendBool(buf, v), nil
	case string:
		return appendJSONString(buf, v), nil
	case json.Number:
		if v == "" {
			return append(buf, '0'), nil
		}
		return append(buf, v...), nil
	case json.RawMessage:
		if len(v) == 0 {
			return append(buf, "null"...), nil
		}
		var b bytes.Buffer
		if err := json.Compact(&b, v); err != nil {
			return buf, fmt.Errorf("raw JSON param: %w", err)
		}
		return append(buf, b.Bytes()...), nil
	case time.Time:
		return appendJSONString(buf, isoTime(v)), nil
	case Object:
		buf = append(buf, '{')
		for i, m := range v {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = appendJSONString(buf, m.Key)
			buf = append(buf, ':')
			var err error
			if buf, err = appendJSON(buf, m.Value, depth+1); err != nil {
				return buf, err
			}
		}
		return append(buf, '}'), nil
	case map[string]any:
		buf = append(buf, '{')
		for i, k := range sortedKeys(v) {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = appendJSONString(buf, k)
			buf = append(buf, ':')
			var err error
			if buf, err = appendJSON(buf, v[k], depth+1); err != nil {
				return buf, err
			}
		}
		return append(buf, '}'), nil
	case []any:
		buf = append(buf, '[')
		for i, e := range v {
			if i > 0 {
				buf = append(buf, ',')
			}
			var err error
			if buf, err = appendJSON(buf, e, depth+1); err != nil {
				return buf, err
			}
		}
		return append(buf, ']'), nil
	}
	if s, ok := numberString(v); ok {
		if s == "" {
			return append(buf, "null"...), nil
		}
		return append(buf, s...), nil
	}
	if g, ok := generic(v); ok {
		return appendJSON(buf, g, depth)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return buf, fmt.Errorf("encode %T param: %w", v, err)
	}
	return append(buf, bytes.TrimRight(b.Bytes(), "\n")...), nil
}

// appendJSONString writes s as a JSON string the way JSON.stringify does:
// only the quote, the backslash and control characters are escaped.
func appendJSONString(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			buf = append(buf, c)
			i++
			continue
		}
		switch c {
		case '"', '\\':
			buf = append(buf, '\\', c)
		case '\b':
			buf = append(buf, '\\', 'b')
		case '\f':
			buf = append(buf, '\\', 'f')
		case '\n':
			buf = append(buf, '\\', 'n')
		case '\r':
			buf = append(buf, '\\', 'r')
		case '\t':
			buf = append(buf, '\\', 't')
		default:
			if c < 0x20 {
				buf = append(buf, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
				break
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				buf = append(buf, `\ufffd`...)
			} else {
				buf = append(buf, s[i:i+size]...)
			}
			i += size
			continue
		}
		i++
	}
	return append(buf, '"')
}

// AppendQuery appends params as the query string of a batch command, the way
// the official SDK builds it with qs.stringify: PHP-style indexed brackets at
// every depth, keys and values percent-encoded per RFC 3986 (space is %20),
// booleans as true/false, null as "key=", empty arrays and objects left out,
// member order kept. `$result[...]` references are ordinary strings here; the
// portal decodes them before it substitutes.
func AppendQuery(buf []byte, params any) ([]byte, error) {
	obj, ok := params.(Object)
	if !ok {
		switch p := params.(type) {
		case nil:
			return buf, nil
		case map[string]any:
			obj = mapToObject(p)
		default:
			var err error
			if obj, err = toObject(params); err != nil {
				return buf, err
			}
		}
	}
	first := true
	for _, m := range obj {
		var err error
		if buf, err = appendQueryValue(buf, m.Key, m.Value, &first, 0); err != nil {
			return buf, err
		}
	}
	return buf, nil
}

func appendQueryValue(buf []byte, key string, v any, first *bool, depth int) ([]byte, error) {
	if depth > maxDepth {
		return buf, fmt.Errorf("params nested deeper than %d levels (a circular reference?)", maxDepth)
	}
	pair := func(value string) []byte {
		if !*first {
			buf = append(buf, '&')
		}
		*first = false
		buf = appendEscaped(buf, key)
		buf = append(buf, '=')
		return appendEscaped(buf, value)
	}
	switch v := v.(type) {
	case nil:
		return pair(""), nil
	case bool:
		return pair(strconv.FormatBool(v)), nil
	case string:
		return pair(v), nil
	case json.Number:
		return pair(string(v)), nil
	case time.Time:
		return pair(isoTime(v)), nil
	case json.RawMessage:
		decoded, err := DecodeJSON(v)
		if err != nil {
			return buf, err
		}
		return appendQueryValue(buf, key, decoded, first, depth)
	case Object:
		var err error
		for _, m := range v {
			if buf, err = appendQueryValue(buf, key+"["+m.Key+"]", m.Value, first, depth+1); err != nil {
				return buf, err
			}
		}
		return buf, nil
	case map[string]any:
		return appendQueryValue(buf, key, mapToObject(v), first, depth)
	case []any:
		var err error
		for i, e := range v {
			if buf, err = appendQueryValue(buf, key+"["+strconv.Itoa(i)+"]", e, first, depth+1); err != nil {
				return buf, err
			}
		}
		return buf, nil
	}
	if s, ok := numberString(v); ok {
		return pair(s), nil
	}
	if g, ok := generic(v); ok {
		return appendQueryValue(buf, key, g, first, depth)
	}
	raw, err := AppendJSON(nil, v)
	if err != nil {
		return buf, err
	}
	return appendQueryValue(buf, key, json.RawMessage(raw), first, depth)
}

// appendEscaped percent-encodes s as encodeURIComponent does, and also
// escapes ! ' ( ) *: only A-Z a-z 0-9 - . _ ~ stay literal (RFC 3986).
func appendEscaped(buf []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '-' || c == '.' || c == '_' || c == '~' {
			buf = append(buf, c)
			continue
		}
		buf = append(buf, '%', hex[c>>4], hex[c&0xf])
	}
	return buf
}

// numberString formats Go numbers as JavaScript prints them. It reports false
// for non-numbers; it returns "" for NaN and infinities, which JSON.stringify
// writes as null.
func numberString(v any) (string, bool) {
	switch n := v.(type) {
	case int:
		return strconv.Itoa(n), true
	case int8:
		return strconv.FormatInt(int64(n), 10), true
	case int16:
		return strconv.FormatInt(int64(n), 10), true
	case int32:
		return strconv.FormatInt(int64(n), 10), true
	case int64:
		return strconv.FormatInt(n, 10), true
	case uint:
		return strconv.FormatUint(uint64(n), 10), true
	case uint8:
		return strconv.FormatUint(uint64(n), 10), true
	case uint16:
		return strconv.FormatUint(uint64(n), 10), true
	case uint32:
		return strconv.FormatUint(uint64(n), 10), true
	case uint64:
		return strconv.FormatUint(n, 10), true
	case float32:
		return FormatNumber(float64(n)), true
	case float64:
		return FormatNumber(n), true
	}
	return "", false
}

// FormatNumber writes f the way JavaScript's Number.prototype.toString does
// (ECMA-262 Number::toString): 1.5, 0.000001, 1e-7, 1e+21, 12345678901234.
// NaN and infinities give "", which callers turn into null.
func FormatNumber(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return ""
	}
	if f == 0 {
		return "0"
	}
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	// Shortest round-trip digits and exponent: d.ddddde±x.
	e := strconv.FormatFloat(f, 'e', -1, 64)
	mant, expStr, _ := strings.Cut(e, "e")
	digits := strings.Replace(mant, ".", "", 1)
	exp, _ := strconv.Atoi(expStr)
	k := len(digits)
	n := exp + 1 // value = 0.digits × 10^n
	var out string
	switch {
	case k <= n && n <= 21:
		out = digits + strings.Repeat("0", n-k)
	case 0 < n && n <= 21:
		out = digits[:n] + "." + digits[n:]
	case -6 < n && n <= 0:
		out = "0." + strings.Repeat("0", -n) + digits
	default:
		expSign := "+"
		if n-1 < 0 {
			expSign = "-"
		}
		ex := strconv.Itoa(abs(n - 1))
		if k == 1 {
			out = digits + "e" + expSign + ex
		} else {
			out = digits[:1] + "." + digits[1:] + "e" + expSign + ex
		}
	}
	return sign + out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// isoTime formats t as Date.prototype.toISOString does.
func isoTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// generic converts typed slices and string-keyed maps ([]string, []int,
// map[string]string, ...) into []any and map[string]any, so Go callers need
// not build []any by hand.
func generic(v any) (any, bool) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		if rv.Kind() == reflect.Slice && rv.Type().Elem().Kind() == reflect.Uint8 {
			return nil, false // []byte: let encoding/json base64 it
		}
		out := make([]any, rv.Len())
		for i := range out {
			out[i] = rv.Index(i).Interface()
		}
		return out, true
	case reflect.Map:
		if rv.Type().Key().Kind() != reflect.String {
			return nil, false
		}
		out := make(map[string]any, rv.Len())
		iter := rv.MapRange()
		for iter.Next() {
			out[iter.Key().String()] = iter.Value().Interface()
		}
		return out, true
	case reflect.Pointer:
		if rv.IsNil() {
			return nil, true
		}
	}
	return nil, false
}
