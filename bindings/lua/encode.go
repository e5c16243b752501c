package lua

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"

	glua "github.com/yuin/gopher-lua"

	"github.com/b24run/b24run/hook"
)

// encoder turns Lua values into the Go values the hook core encodes
// (hook.Object, []any, string, int64, float64, bool, nil): request params,
// batch commands and json.encode all go through it, so a table means the
// same thing to the portal and to json.encode.
//
// The mapping, the mirror of decoder's:
//   - a table whose keys are exactly 1..n is an array; a table marked with
//     b24.array{} is always an array and one marked with b24.object{} always
//     an object; an unmarked empty table is an object ({}), as in lua-cjson;
//   - any other table is an object; its members keep the table's key order
//     (gopher-lua iterates keys in insertion order, so a request is the same
//     bytes every run), integer keys are written as decimal strings;
//   - b24.null is null; integral numbers are integers (no ".0"), others are
//     written as JavaScript writes them;
//   - functions, userdata other than b24.null, cycles and non-string,
//     non-number keys are errors that name the path to the bad value.
type encoder struct {
	null     glua.LValue
	arrayMT  *glua.LTable
	objectMT *glua.LTable
	shapedMT *glua.LTable   // objects too (sharedkeys.go)
	stack    []*glua.LTable // tables being encoded, to catch cycles
	// budget is how many more bytes of strings the value may hold: a
	// table holding one long string a million times is small in Lua and
	// huge as JSON.
	budget int
}

// maxEncodeDepth bounds nesting; the hook core refuses deeper params anyway.
const maxEncodeDepth = 64

// encodeError is a value that cannot be sent, with the path to it.
type encodeError struct {
	path []string // innermost last
	msg  string
}

func (e *encodeError) Error() string {
	if len(e.path) == 0 {
		return e.msg
	}
	var b strings.Builder
	for i, p := range slices.Backward(e.path) {
		if i < len(e.path)-1 && !strings.HasPrefix(p, "[") {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String() + ": " + e.msg
}

// at records that err happened under key.
func at(err error, key string) error {
	var ee *encodeError
	if errors.As(err, &ee) {
		ee.path = append(ee.path, key)
	}
	return err
}

// value converts any Lua value.
func (e *encoder) value(v glua.LValue) (any, error) {
	switch v := v.(type) {
	case *glua.LNilType:
		return nil, nil
	case glua.LBool:
		return bool(v), nil
	case glua.LString:
		if err := e.spend(len(v)); err != nil {
			return nil, err
		}
		return string(v), nil
	case glua.LNumber:
		if err := e.spend(8); err != nil {
			return nil, err
		}
		return number(v), nil
	case *glua.LTable:
		return e.table(v)
	case *glua.LUserData:
		if glua.LValue(v) == e.null {
			return nil, nil
		}
	}
	return nil, &encodeError{msg: "cannot encode a " + v.Type().String()}
}

// spend takes n bytes from the budget.
func (e *encoder) spend(n int) error {
	e.budget -= n + 1
	if e.budget < 0 {
		return &encodeError{msg: "the value is too large to encode (its strings exceed the run's limit on string size)"}
	}
	return nil
}

// number returns an integral Lua number as an int64, so that it is written
// without a fraction, and any other as a float64.
func number(n glua.LNumber) any {
	f := float64(n)
	if f == math.Trunc(f) && math.Abs(f) < 1<<63 {
		return int64(f)
	}
	return f
}

// object converts a table that must be an object: request params.
func (e *encoder) object(t *glua.LTable) (hook.Object, error) {
	v, err := e.table(t)
	if err != nil {
		return nil, err
	}
	obj, ok := v.(hook.Object)
	if !ok {
		return nil, &encodeError{msg: "expected a table of named fields, got a list"}
	}
	return obj, nil
}

func (e *encoder) table(t *glua.LTable) (any, error) {
	if len(e.stack) >= maxEncodeDepth {
		return nil, &encodeError{msg: "tables nested deeper than " + strconv.Itoa(maxEncodeDepth) + " levels"}
	}
	if slices.Contains(e.stack, t) {
		return nil, &encodeError{msg: "circular reference"}
	}
	e.stack = append(e.stack, t)
	defer func() { e.stack = e.stack[:len(e.stack)-1] }()

	n, maxIndex, named := 0, 0, false
	for k, _ := t.Next(glua.LNil); k != glua.LNil; k, _ = t.Next(k) {
		n++
		if i, ok := arrayIndex(k); ok {
			maxIndex = max(maxIndex, i)
		} else {
			named = true
		}
	}
	isArray := t.Metatable == e.arrayMT
	if t.Metatable != e.objectMT && t.Metatable != e.shapedMT && !isArray {
		isArray = n > 0 && !named && maxIndex == n
	}
	if isArray {
		if named || maxIndex != n {
			return nil, &encodeError{msg: "a table marked with b24.array has keys other than 1.." + strconv.Itoa(n) + " (use b24.null for a missing element)"}
		}
		arr := make([]any, n)
		for i := range arr {
			v, err := e.value(t.RawGet(glua.LNumber(i + 1)))
			if err != nil {
				return nil, at(err, "["+strconv.Itoa(i+1)+"]")
			}
			arr[i] = v
		}
		return arr, nil
	}
	obj := make(hook.Object, 0, n)
	for k, lv := t.Next(glua.LNil); k != glua.LNil; k, lv = t.Next(k) {
		var key string
		switch k := k.(type) {
		case glua.LString:
			key = string(k)
		case glua.LNumber:
			key = hook.FormatNumber(float64(k))
		default:
			return nil, &encodeError{msg: "a table key must be a string or a number, got a " + k.Type().String()}
		}
		if err := e.spend(len(key)); err != nil {
			return nil, err
		}
		v, err := e.value(lv)
		if err != nil {
			return nil, at(err, key)
		}
		obj = append(obj, hook.Member{Key: key, Value: v})
	}
	return obj, nil
}

// arrayIndex reports whether k is a positive integer key.
func arrayIndex(k glua.LValue) (int, bool) {
	n, ok := k.(glua.LNumber)
	if !ok || n < 1 || float64(n) != math.Trunc(float64(n)) || n > math.MaxInt32 {
		return 0, false
	}
	return int(n), true
}
