package js

import (
	"testing"

	"github.com/dop251/goja"
)

// decodeCases are JSON documents whose conversion must equal JSON.parse's.
var decodeCases = []string{
	`null`, `true`, `false`, `0`, `-0`, `1`, `-17`, `1.5`, `1e3`, `-2.5E-3`,
	`9007199254740992`, `9007199254740993`, `12345678901234567890`,
	`""`, `"plain"`, `"a\"b\\c\/d\b\f\n\r\t"`, `"\u0041\u00e9\u4e2d"`, `"\ud83d\ude00"`, `"Привет"`,
	`[]`, `{}`, `[1,[2,[3,[]]],{}]`, ` { "z" : 1 , "a" : [ 1 , null , 3 ] } `,
	`{"b":1,"2":2,"a":3,"1":4}`, `{"a":1,"a":2}`, `{"__proto__":{"x":1},"y":2}`,
	`[{"ID":"1","T":null},{"ID":"2","T":"x"},{"ID":"3"},{"T":"y","ID":"4"}]`,
}

func TestJSONDecoderMatchesJSONParse(t *testing.T) {
	rt := goja.New()
	d := newJSONDecoder(rt)
	parse, _ := goja.AssertFunction(rt.Get("JSON").ToObject(rt).Get("parse"))
	stringify, _ := goja.AssertFunction(rt.Get("JSON").ToObject(rt).Get("stringify"))
	for _, c := range decodeCases {
		for _, rows := range []bool{false, true} {
			var got goja.Value
			var err error
			if rows {
				got, err = d.decodeRow([]byte(c))
			} else {
				got, err = d.decode([]byte(c))
			}
			if err != nil {
				t.Errorf("%s: %v", c, err)
				continue
			}
			want, err := parse(nil, rt.ToValue(c))
			if err != nil {
				t.Fatal(err)
			}
			g, _ := stringify(nil, got)
			w, _ := stringify(nil, want)
			if g.String() != w.String() {
				t.Errorf("%s (rows %v): got %s, want %s", c, rows, g, w)
			}
			if rows && c == `{"__proto__":{"x":1},"y":2}` {
				continue
			}
			if obj, ok := got.(*goja.Object); ok && c[0] == '{' && obj.Prototype() != rt.Get("Object").ToObject(rt).Get("prototype").(*goja.Object) {
				t.Errorf("%s: the prototype changed", c)
			}
		}
	}
	for _, bad := range []string{`{`, `[1,]`, `{"a" 1}`, `01`, `"\x"`, `tru`, `1 2`, "\"\x01\"", `-`, `1.`, `.5`} {
		if _, err := d.decode([]byte(bad)); err == nil {
			t.Errorf("%q: want a syntax error", bad)
		}
	}
}

func FuzzJSONDecoder(f *testing.F) {
	for _, c := range decodeCases {
		f.Add(c)
	}
	rt := goja.New()
	d := newJSONDecoder(rt)
	parse, _ := goja.AssertFunction(rt.Get("JSON").ToObject(rt).Get("parse"))
	stringify, _ := goja.AssertFunction(rt.Get("JSON").ToObject(rt).Get("stringify"))
	f.Fuzz(func(t *testing.T, s string) {
		want, perr := parse(nil, rt.ToValue(s))
		got, err := d.decode([]byte(s))
		if perr != nil || s == "" {
			return // JSON.parse and the decoder may disagree on what is invalid; only valid JSON must match
		}
		if err != nil {
			t.Fatalf("%q: JSON.parse accepts it, the decoder says %v", s, err)
		}
		w, _ := stringify(nil, want)
		if g, _ := stringify(nil, got); g.String() != w.String() {
			t.Fatalf("%q: got %s, want %s", s, g, w)
		}
		row, err := d.decodeRow([]byte(s))
		if err != nil {
			t.Fatalf("%q: decodeRow: %v", s, err)
		}
		if g, _ := stringify(nil, row); g.String() != w.String() {
			t.Fatalf("%q: decodeRow got %s, want %s", s, g, w)
		}
	})
}
