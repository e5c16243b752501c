package hook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Object is a JSON object whose members keep their order. Bitrix24 does not
// care about key order, but the official SDK sends keys in insertion order and
// b24run reproduces its requests byte for byte, so script bindings build
// params as Objects. A nil Object is an empty object.
type Object []Member

// Member is one key and value of an Object.
type Member struct {
	Key   string
	Value any
}

// Get returns the value stored under key.
func (o Object) Get(key string) (any, bool) {
	for _, m := range o {
		if m.Key == key {
			return m.Value, true
		}
	}
	return nil, false
}

// Set stores v under key, replacing an existing member in place or appending
// a new one at the end.
func (o *Object) Set(key string, v any) {
	for i := range *o {
		if (*o)[i].Key == key {
			(*o)[i].Value = v
			return
		}
	}
	*o = append(*o, Member{key, v})
}

// Delete removes the member stored under key, if any.
func (o *Object) Delete(key string) {
	for i := range *o {
		if (*o)[i].Key == key {
			*o = append((*o)[:i:i], (*o)[i+1:]...)
			return
		}
	}
}

// lookupFold finds the members whose key equals name case-insensitively. The
// portal folds the case of top-level keys of legacy methods and keeps the last
// one it sees, so two spellings of one key silently lose conditions.
func (o Object) lookupFold(name string) (idx int, count int) {
	idx = -1
	for i, m := range o {
		if strings.EqualFold(m.Key, name) {
			if idx < 0 {
				idx = i
			}
			count++
		}
	}
	return idx, count
}

// Clone returns a copy of o that shares no Object or slice with it, so that a
// caller may change the copy's nested members freely.
func (o Object) Clone() Object {
	if o == nil {
		return nil
	}
	out := make(Object, len(o))
	for i, m := range o {
		out[i] = Member{m.Key, cloneValue(m.Value)}
	}
	return out
}

func cloneValue(v any) any {
	switch v := v.(type) {
	case Object:
		return v.Clone()
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = cloneValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = cloneValue(e)
		}
		return out
	default:
		return v
	}
}

// MarshalJSON encodes o with its members in order.
func (o Object) MarshalJSON() ([]byte, error) {
	return AppendJSON(nil, o)
}

// DecodeJSON decodes one JSON value keeping the order of object members:
// objects become Object, arrays []any, numbers json.Number (so that ids larger
// than 2^53 and the portal's exact decimals survive), strings, bools and nil.
func DecodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, fmt.Errorf("decode JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("decode JSON: unexpected data after the value")
	}
	return v, nil
}

func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			obj := Object{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				key, _ := kt.(string)
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				obj = append(obj, Member{key, v})
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return obj, nil
		case '[':
			arr := []any{}
			for dec.More() {
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				arr = append(arr, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return arr, nil
		}
		return nil, fmt.Errorf("unexpected delimiter %q", t)
	default:
		return t, nil
	}
}

// toObject turns caller params into an Object that the list and batch
// machinery may rewrite. It accepts the shapes the encoders accept.
func toObject(params any) (Object, error) {
	switch p := params.(type) {
	case nil:
		return Object{}, nil
	case Object:
		return p.Clone(), nil
	case map[string]any:
		return mapToObject(p), nil
	case json.RawMessage:
		if len(bytes.TrimSpace(p)) == 0 {
			return Object{}, nil
		}
		v, err := DecodeJSON(p)
		if err != nil {
			return nil, err
		}
		if o, ok := v.(Object); ok {
			return o, nil
		}
		return nil, fmt.Errorf("params must be a JSON object, got %s", kindOf(v))
	default:
		// Structs and typed maps: round-trip through encoding/json.
		raw, err := AppendJSON(nil, params)
		if err != nil {
			return nil, err
		}
		return toObject(json.RawMessage(raw))
	}
}

func mapToObject(m map[string]any) Object {
	keys := sortedKeys(m)
	out := make(Object, 0, len(m))
	for _, k := range keys {
		out = append(out, Member{k, cloneValue(m[k])})
	}
	return out
}

func kindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case Object, map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case bool:
		return "boolean"
	default:
		return "number"
	}
}
