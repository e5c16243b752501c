package lua

import (
	"bytes"
	"encoding/json"
	"strings"

	glua "github.com/yuin/gopher-lua"

	"github.com/b24run/b24run/hook"
)

// jsonModule is the json global: the same mapping as the portal's answers
// and requests (see decoder and encoder), so that what a script decodes it
// can encode back unchanged.
//
//	json.encode(value [, indent]) -> string
//	json.decode(text) -> value
//	json.null
//
// indent is a number of spaces (at most 10) or a string, as the third
// argument of JavaScript's JSON.stringify, and the output is the bytes
// JSON.stringify writes for an object with the same members in the same
// order (JavaScript alone moves integer-like keys to the front).
func (r *runtime) jsonModule() *glua.LTable {
	m := r.L.CreateTable(0, 3)
	r.L.SetFuncs(m, map[string]glua.LGFunction{
		"encode": r.jsonEncode,
		"decode": r.jsonDecode,
	})
	m.RawSetString("null", r.null)
	return m
}

func (r *runtime) jsonEncode(L *glua.LState) int {
	if L.GetTop() < 1 {
		args{L, "json.encode"}.typeError(1, "value")
	}
	v, err := r.encoder().value(L.Get(1))
	if err != nil {
		L.RaiseError("json.encode: %s", err.Error())
	}
	out, err := hook.AppendJSON(nil, v)
	if err != nil {
		L.RaiseError("json.encode: %s", err.Error())
	}
	if indent := jsonIndent(L.Get(2)); indent != "" {
		var b bytes.Buffer
		if err := json.Indent(&b, out, "", indent); err != nil {
			L.RaiseError("json.encode: %s", err.Error())
		}
		out = b.Bytes()
	}
	L.Push(glua.LString(out))
	return 1
}

// jsonIndent reads JSON.stringify's space argument.
func jsonIndent(v glua.LValue) string {
	switch v := v.(type) {
	case glua.LNumber:
		return strings.Repeat(" ", min(10, max(0, int(v))))
	case glua.LString:
		return string(v)[:min(10, len(v))]
	}
	return ""
}

func (r *runtime) jsonDecode(L *glua.LState) int {
	s := args{L, "json.decode"}.string(1)
	v, err := r.dec.decode([]byte(s))
	if err != nil {
		L.RaiseError("json.decode: %s", err.Error())
	}
	L.Push(v)
	return 1
}
