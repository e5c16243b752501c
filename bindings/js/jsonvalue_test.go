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
	`{"":0}`, `[{},{"":1},{}]`, `{"a\u0000":1,"b":2}`, `{"a":"x\"","b":"x\\"}`,
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

// FuzzJSONDecoder checks that whatever JSON.parse accepts, decode and
// decodeRow give the same value, a shaped row read value by value in
// reverse order (lazily, out of order) as well as whole; and that input
// decode accepts, decodeRow accepts too, without panicking on the rest.
func FuzzJSONDecoder(f *testing.F) {
	for _, c := range decodeCases {
		f.Add(c)
	}
	rt := goja.New()
	d := newJSONDecoder(rt)
	parse, _ := goja.AssertFunction(rt.Get("JSON").ToObject(rt).Get("parse"))
	stringify, _ := goja.AssertFunction(rt.Get("JSON").ToObject(rt).Get("stringify"))
	probeFn, err := rt.RunString(`(function (v) {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  return JSON.stringify(Object.keys(v).reverse().map((k) => [k, v[k]])) + JSON.stringify(v);
})`)
	if err != nil {
		f.Fatal(err)
	}
	probe, _ := goja.AssertFunction(probeFn)
	f.Fuzz(func(t *testing.T, s string) {
		want, perr := parse(nil, rt.ToValue(s))
		got, err := d.decode([]byte(s))
		row, rowErr := d.decodeRow([]byte(s))
		if err == nil && rowErr != nil {
			t.Fatalf("%q: decode accepts it, decodeRow says %v", s, rowErr)
		}
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
		if g, _ := stringify(nil, row); g.String() != w.String() {
			t.Fatalf("%q: decodeRow got %s, want %s", s, g, w)
		}
		if row, err = d.decodeRow([]byte(s)); err != nil {
			t.Fatalf("%q: decodeRow again: %v", s, err)
		}
		pw, _ := probe(nil, want)
		if pg, err := probe(nil, row); err != nil || pg.String() != pw.String() {
			t.Fatalf("%q: decodeRow read lazily gives %v (%v), want %s", s, pg, err, pw)
		}
	})
}
