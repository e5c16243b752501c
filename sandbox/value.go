package sandbox

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// object is an ordered string-keyed map: the sandbox's model of a PHP array.
//
// Request parameters, batch results and response bodies all go through it because
// key order matters on a portal (the order of `order` keys decides the sort, the
// order of batch commands decides execution order) and because PHP serialises an
// array whose keys are exactly 0..n-1 as a JSON list and an empty array as `[]`.
// Values are nil, bool, string, json.Number, int, int64, float64, []any or *object.
type object struct {
	keys []string
	vals map[string]any
	next int // PHP's next free integer key, used by `name[]=` appends
}

func newObject() *object { return &object{vals: make(map[string]any)} }

// objectOf builds an object from alternating key/value arguments; it keeps the
// literal response shapes in method code short and ordered.
func objectOf(kv ...any) *object {
	o := newObject()
	for i := 0; i+1 < len(kv); i += 2 {
		k, _ := kv[i].(string)
		o.set(k, kv[i+1])
	}
	return o
}

func (o *object) len() int {
	if o == nil {
		return 0
	}
	return len(o.keys)
}

func (o *object) get(k string) (any, bool) {
	if o == nil {
		return nil, false
	}
	v, ok := o.vals[k]
	return v, ok
}

// value returns the value under k, or nil.
func (o *object) value(k string) any {
	v, _ := o.get(k)
	return v
}

// set stores v under k, keeping k's position when it already exists.
func (o *object) set(k string, v any) {
	if _, ok := o.vals[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.vals[k] = v
	if n, ok := canonicalIndex(k); ok && n >= o.next {
		o.next = n + 1
	}
}

// push appends v under PHP's next free integer key.
func (o *object) push(v any) {
	o.set(strconv.Itoa(o.next), v)
}

func (o *object) del(k string) {
	if _, ok := o.vals[k]; !ok {
		return
	}
	delete(o.vals, k)
	for i, key := range o.keys {
		if key == k {
			o.keys = append(o.keys[:i], o.keys[i+1:]...)
			break
		}
	}
}

// isList reports whether the keys are exactly "0".."n-1" in order, which is when
// PHP's json_encode writes a JSON array.
func (o *object) isList() bool {
	for i, k := range o.keys {
		if k != strconv.Itoa(i) {
			return false
		}
	}
	return true
}

// canonicalIndex reports whether k is a canonical non-negative decimal integer, the
// form PHP turns into an integer array key.
func canonicalIndex(k string) (int, bool) {
	if k == "" || len(k) > 9 || (len(k) > 1 && k[0] == '0') {
		return 0, false
	}
	n := 0
	for i := 0; i < len(k); i++ {
		c := k[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// asObject views a PHP array (object or list) as an object; lists get keys 0..n-1.
func asObject(v any) (*object, bool) {
	switch t := v.(type) {
	case *object:
		return t, true
	case []any:
		o := newObject()
		for _, e := range t {
			o.push(e)
		}
		return o, true
	}
	return nil, false
}

// asList views a PHP array (object or list) as its values in order. A scalar is not
// a list; callers that accept either use listOrSingle.
func asList(v any) ([]any, bool) {
	switch t := v.(type) {
	case []any:
		return t, true
	case *object:
		out := make([]any, 0, len(t.keys))
		for _, k := range t.keys {
			out = append(out, t.vals[k])
		}
		return out, true
	}
	return nil, false
}

// listOrSingle returns v's values when it is an array, otherwise v as one element
// (nil gives none).
func listOrSingle(v any) []any {
	if l, ok := asList(v); ok {
		return l
	}
	if v == nil {
		return nil
	}
	return []any{v}
}

// foldKeys lower-cases the top-level keys the way legacy CRM methods read their
// parameters: either case works and, when both are sent, the later key silently wins
// (peers.md pain point 21).
func foldKeys(o *object) *object {
	out := newObject()
	if o == nil {
		return out
	}
	for _, k := range o.keys {
		out.set(strings.ToLower(k), o.vals[k])
	}
	return out
}

// phpString converts a scalar the way PHP's string cast does.
func phpString(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case json.Number:
		return t.String()
	case bool:
		if t {
			return "1"
		}
		return ""
	case int:
		return strconv.Itoa(t)
	case int64:
		return strconv.FormatInt(t, 10)
	case float64:
		return formatFloat(t)
	case *object, []any:
		return "Array"
	}
	return ""
}

// formatFloat prints a float the shortest way that round-trips, like PHP 8.
func formatFloat(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return strconv.FormatInt(int64(f), 10)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// phpFloat converts a value the way PHP's float cast does: the longest numeric
// prefix of a string counts, anything else is 0.
func phpFloat(v any) float64 {
	switch t := v.(type) {
	case nil:
		return 0
	case bool:
		if t {
			return 1
		}
		return 0
	case int:
		return float64(t)
	case int64:
		return float64(t)
	case float64:
		return t
	case json.Number:
		return numericPrefix(string(t))
	case string:
		return numericPrefix(t)
	}
	return 0
}

// phpInt converts a value the way PHP's int cast does ("12abc" is 12, "abc" is 0,
// "1.9" is 1). Filters rely on it: an unresolved "$result[...]" compares as 0.
func phpInt(v any) int64 {
	switch t := v.(type) {
	case int:
		return int64(t)
	case int64:
		return t
	case string, json.Number:
		s := phpString(t)
		if n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
			return n
		}
		return clampToInt64(numericPrefix(s))
	}
	return clampToInt64(phpFloat(v))
}

func clampToInt64(f float64) int64 {
	switch {
	case math.IsNaN(f):
		return 0
	case f >= math.MaxInt64:
		return math.MaxInt64
	case f <= math.MinInt64:
		return math.MinInt64
	}
	return int64(f)
}

// numericPrefix parses the leading number of s after optional whitespace, as PHP's
// numeric-string rules do; no number gives 0.
func numericPrefix(s string) float64 {
	s = strings.TrimLeft(s, " \t\n\r\v\f")
	end := 0
	if end < len(s) && (s[end] == '+' || s[end] == '-') {
		end++
	}
	digits := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
		digits++
	}
	if end < len(s) && s[end] == '.' {
		end++
		for end < len(s) && s[end] >= '0' && s[end] <= '9' {
			end++
			digits++
		}
	}
	if digits == 0 {
		return 0
	}
	if end < len(s) && (s[end] == 'e' || s[end] == 'E') {
		e := end + 1
		if e < len(s) && (s[e] == '+' || s[e] == '-') {
			e++
		}
		start := e
		for e < len(s) && s[e] >= '0' && s[e] <= '9' {
			e++
		}
		if e > start {
			end = e
		}
	}
	// The prefix is well-formed, so the only possible error is a range error, for
	// which ParseFloat already returns ±Inf or 0 — the values PHP would produce.
	f, _ := strconv.ParseFloat(s[:end], 64)
	return f
}

// isNumeric reports whether v is a number or a string that is entirely numeric.
func isNumeric(v any) bool {
	switch t := v.(type) {
	case int, int64, float64:
		return true
	case json.Number:
		return true
	case string:
		_, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
		return err == nil && strings.TrimSpace(t) != ""
	}
	return false
}

// truthy reads the booleans Bitrix accepts in parameters: true/false, 1/0, "Y"/"N",
// "true"/"false".
func truthy(v any) bool {
	switch t := v.(type) {
	case bool:
		return t
	case nil:
		return false
	case string:
		switch strings.ToLower(strings.TrimSpace(t)) {
		case "", "0", "n", "false", "no", "off":
			return false
		}
		return true
	}
	return phpFloat(v) != 0
}

// isEmpty reports PHP's empty(): nil, "", "0", 0, false and empty arrays.
func isEmpty(v any) bool {
	switch t := v.(type) {
	case nil:
		return true
	case string:
		return t == "" || t == "0"
	case bool:
		return !t
	case *object:
		return t.len() == 0
	case []any:
		return len(t) == 0
	}
	return phpFloat(v) == 0
}
