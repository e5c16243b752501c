package js

import (
	"errors"
	"math"
	"math/big"

	"github.com/dop251/goja"

	"github.com/b24run/b24run/hook"
)

// errCircular is what JSON.stringify would throw for params that refer to
// themselves; the SDK reports it as JSSDK_INVALID_PARAMS before any request.
var errCircular = errors.New("Parameters contain circular references")

// maxParamDepth bounds the nesting of params, as the hook's encoders do.
const maxParamDepth = 64

// exportParams converts a script's params into what the hook encodes,
// following JSON.stringify: object keys keep their order (hook.Object),
// undefined, functions and symbols are left out (null inside arrays),
// toJSON is honoured (so a Date becomes its ISO string), NaN and infinities
// become null, and integral numbers stay integers.
func (r *run) exportParams(v goja.Value) (any, error) {
	out, omit, err := r.exportValue(v, nil)
	if err != nil {
		return nil, err
	}
	if omit || out == nil {
		return hook.Object{}, nil
	}
	return out, nil
}

func (r *run) exportValue(v goja.Value, stack []*goja.Object) (any, bool, error) {
	if v == nil || goja.IsUndefined(v) {
		return nil, true, nil
	}
	if goja.IsNull(v) {
		return nil, false, nil
	}
	obj, ok := v.(*goja.Object)
	if !ok {
		switch x := v.Export().(type) {
		case bool:
			return x, false, nil
		case string:
			return x, false, nil
		case int64:
			return x, false, nil
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, false, nil
			}
			if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
				return int64(x), false, nil
			}
			return x, false, nil
		case *big.Int:
			return nil, false, errors.New("Do not know how to serialize a BigInt")
		}
		return nil, true, nil // a symbol
	}
	if _, isFn := goja.AssertFunction(obj); isFn {
		return nil, true, nil
	}
	if toJSON, ok := goja.AssertFunction(obj.Get("toJSON")); ok {
		res, err := toJSON(obj)
		if err != nil {
			return nil, false, err
		}
		if res != v {
			return r.exportValue(res, stack)
		}
	}
	for _, seen := range stack {
		if seen == obj {
			return nil, false, errCircular
		}
	}
	if len(stack) >= maxParamDepth {
		return nil, false, errCircular
	}
	stack = append(stack, obj)
	switch obj.ClassName() {
	case "Array":
		n := int(obj.Get("length").ToInteger())
		arr := make([]any, n)
		for i := range n {
			e, omit, err := r.exportValue(obj.Get(itoa(i)), stack)
			if err != nil {
				return nil, false, err
			}
			if !omit {
				arr[i] = e
			}
		}
		return arr, false, nil
	case "Number", "String", "Boolean":
		return r.exportValue(r.primitive(obj), stack)
	}
	keys := obj.Keys()
	out := make(hook.Object, 0, len(keys))
	for _, k := range keys {
		e, omit, err := r.exportValue(obj.Get(k), stack)
		if err != nil {
			return nil, false, err
		}
		if !omit {
			out = append(out, hook.Member{Key: k, Value: e})
		}
	}
	return out, false, nil
}

// primitive unboxes new Number(1), new String('a'), new Boolean(true).
func (r *run) primitive(obj *goja.Object) goja.Value {
	if valueOf, ok := goja.AssertFunction(obj.Get("valueOf")); ok {
		if v, err := valueOf(obj); err == nil {
			return v
		}
	}
	return goja.Undefined()
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	var b [20]byte
	n := len(b)
	for i > 0 {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	return string(b[n:])
}
