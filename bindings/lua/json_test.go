package lua

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	glua "github.com/yuin/gopher-lua"

	"github.com/b24run/b24run/hook"
	"github.com/b24run/b24run/internal/jsonscan"
)

// roundTrip decodes text and encodes the result again.
func roundTrip(t testing.TB, r *runtime, text string) (string, error) {
	t.Helper()
	return roundTripWith(t, r, r.dec, text)
}

// roundTripWith is roundTrip with another decoder of r.
func roundTripWith(t testing.TB, r *runtime, dec *decoder, text string) (string, error) {
	t.Helper()
	v, err := dec.decode([]byte(text))
	if err != nil {
		return "", err
	}
	g, err := r.encoder().value(v)
	if err != nil {
		t.Fatalf("encode %s: %v", text, err)
	}
	out, err := hook.AppendJSON(nil, g)
	if err != nil {
		t.Fatalf("append %s: %v", text, err)
	}
	return string(out), nil
}

func TestJSONRoundTrip(t *testing.T) {
	r := newRuntime(context.Background(), "t.lua", nil)
	defer r.close()
	for _, tc := range []struct{ in, want string }{
		{`null`, `null`},
		{` true `, `true`},
		{`[1,null,3]`, `[1,null,3]`},
		{`[null]`, `[null]`},
		{`[]`, `[]`},
		{`{}`, `{}`},
		{`{"a":null,"b":[],"c":{}}`, `{"a":null,"b":[],"c":{}}`},
		{`{"z":1,"a":2,"m":{"y":1,"b":2}}`, `{"z":1,"a":2,"m":{"y":1,"b":2}}`},
		{`{"1":"a","2":"b"}`, `{"1":"a","2":"b"}`},
		{`[1.5,-0.25,1e21,1e-7,100,-0]`, `[1.5,-0.25,1e+21,1e-7,100,0]`},
		{`9007199254740993`, `"9007199254740993"`},
		{`-9007199254740993`, `"-9007199254740993"`},
		{`9007199254740992`, `9007199254740992`},
		{`123456789012345678901234567890`, `"123456789012345678901234567890"`},
		{`"\u00e9\ud83d\ude00\n\t\"\\\/"`, `"é😀\n\t\"\\/"`},
		{`"\ud800x"`, `"` + "\uFFFD" + `x"`},
		{`"<&>"`, `"<&>"`},
		{`[[[[]]]]`, `[[[[]]]]`},
	} {
		got, err := roundTrip(t, r, tc.in)
		if err != nil || got != tc.want {
			t.Errorf("%s: got %s, %v; want %s", tc.in, got, err, tc.want)
		}
	}
}

func TestDecodeRejects(t *testing.T) {
	r := newRuntime(context.Background(), "t.lua", nil)
	defer r.close()
	for _, in := range []string{
		``, ` `, `{`, `[1,]`, `{"a"}`, `{"a":1,}`, `{a:1}`, `01`, `1.`, `.5`, `1e`, `-`, `+1`,
		`"\x"`, `"\u12"`, "\"a\nb\"", `tru`, `nulll`, `[1] [2]`, `'a'`, `NaN`,
		strings.Repeat("[", jsonscan.MaxDepth+1) + strings.Repeat("]", jsonscan.MaxDepth+1),
	} {
		if _, err := r.dec.decode([]byte(in)); err == nil {
			t.Errorf("%q: decoded without error", in)
		}
	}
}

// TestDecodeLongArray checks that an array is decoded only as long as a
// Lua table holds it as a sequence (arrayindex.go).
func TestDecodeLongArray(t *testing.T) {
	r := newRuntime(context.Background(), "t.lua", nil)
	defer r.close()
	longest := "[" + strings.Repeat("0,", maxSequence-1) + "0]"
	v, err := r.dec.decode([]byte(longest))
	if err != nil {
		t.Fatal(err)
	}
	if n := v.(*glua.LTable).Len(); n != maxSequence {
		t.Errorf("length %d, want %d", n, maxSequence)
	}
	if _, err := r.dec.decode([]byte("[0," + longest[1:])); err == nil || !strings.Contains(err.Error(), "more than 1048575 elements") {
		t.Errorf("one element more: %v", err)
	}
}

func TestDecodeValues(t *testing.T) {
	r := newRuntime(context.Background(), "t.lua", nil)
	defer r.close()
	v, err := r.dec.decode([]byte(`{"arr":[1,null,"x"],"n":null,"big":12345678901234567890,"f":0.5}`))
	if err != nil {
		t.Fatal(err)
	}
	obj := v.(*glua.LTable)
	if obj.Metatable != r.objectMT {
		t.Error("an object is not marked as one")
	}
	arr := obj.RawGetString("arr").(*glua.LTable)
	if arr.Metatable != r.arrayMT || arr.Len() != 3 || arr.RawGetInt(2) != r.null || arr.RawGetInt(3) != glua.LString("x") {
		t.Errorf("array: len %d, [2]=%v, [3]=%v", arr.Len(), arr.RawGetInt(2), arr.RawGetInt(3))
	}
	if obj.RawGetString("n") != r.null {
		t.Errorf("null member is %v", obj.RawGetString("n"))
	}
	if obj.RawGetString("big") != glua.LString("12345678901234567890") {
		t.Errorf("big = %#v", obj.RawGetString("big"))
	}
	if obj.RawGetString("f") != glua.LNumber(0.5) {
		t.Errorf("f = %#v", obj.RawGetString("f"))
	}
}

func TestEncode(t *testing.T) {
	r := newRuntime(context.Background(), "t.lua", nil)
	defer r.close()
	for _, tc := range []struct{ src, want string }{
		{`return {}`, `{}`},
		{`return b24.array{}`, `[]`},
		{`return b24.object{}`, `{}`},
		{`return {1, 2, 3}`, `[1,2,3]`},
		{`return {1, b24.null, 3}`, `[1,null,3]`},
		{`return {[2] = 'b'}`, `{"2":"b"}`},
		{`return {[1] = 'a', [2] = 'b', n = 1}`, `{"1":"a","2":"b","n":1}`},
		{`return b24.object{1, 2}`, `{"1":1,"2":2}`},
		{`return {[1.5] = 'x'}`, `{"1.5":"x"}`},
		{`return {b = 1, a = 2}`, `{"b":1,"a":2}`},
		{`local t = {}; t.z = 1; t.a = 2; return t`, `{"z":1,"a":2}`},
		{`return 2^53`, `9007199254740992`},
		{`return 1/0`, `null`},
		{`return 3`, `3`},
		{`return -0.5`, `-0.5`},
		{`return 'é\0'`, `"é\u0000"`},
		{`return true`, `true`},
		{`return nil`, `null`},
	} {
		if err := r.L.DoString(tc.src); err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		v := r.L.Get(-1)
		r.L.Pop(1)
		g, err := r.encoder().value(v)
		if err != nil {
			t.Errorf("%s: %v", tc.src, err)
			continue
		}
		out, _ := hook.AppendJSON(nil, g)
		if string(out) != tc.want {
			t.Errorf("%s: got %s, want %s", tc.src, out, tc.want)
		}
	}
}

func TestEncodeRejects(t *testing.T) {
	r := newRuntime(context.Background(), "t.lua", nil)
	defer r.close()
	for _, tc := range []struct{ src, want string }{
		{`return {f = print}`, `f: cannot encode a function`},
		{`return {a = {b = {print}}}`, `a.b[1]: cannot encode a function`},
		{`local t = {}; t.t = t; return t`, `t: circular reference`},
		{`return {[true] = 1}`, `a table key must be a string or a number`},
		{`return b24.array{x = 1}`, `marked with b24.array`},
		{`local t = {}; for i = 1, 100 do t = {t} end; return t`, `nested deeper`},
		{`local s = string.rep('x', 1024 * 1024); local t = {}; for i = 1, 20 do t[i] = s end; return t`, `too large`},
	} {
		if err := r.L.DoString(tc.src); err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		v := r.L.Get(-1)
		r.L.Pop(1)
		_, err := r.encoder().value(v)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error containing %q", tc.src, err, tc.want)
		}
	}
}

// FuzzDecode holds the decoder to encoding/json's idea of valid JSON, and
// checks that what it decodes encodes to valid JSON that decodes to the
// same encoding again. The runtime's decoder has seen every input before
// (its caches and shapes are warm), and must decode each as a new decoder
// does.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"a":[1,null,{"b":"c"}]}`, `[]`, `"\u00e9"`, `1e400`, `-0.0`, `{"":""}`, `[1,2`, "\"\xff\"",
		`[{"a":1,"b":"x"},{"a":2,"b":"x"},{"a":3,"b":"y","c":[{"d":1},{"d":2}]},{"b":"x","a":4}]`} {
		f.Add([]byte(s))
	}
	r := newRuntime(context.Background(), "fuzz.lua", nil)
	defer r.close()
	f.Fuzz(func(t *testing.T, data []byte) {
		once, err := roundTrip(t, r, string(data))
		if valid := json.Valid(data); valid != (err == nil) {
			t.Fatalf("json.Valid = %v, decode error = %v", valid, err)
		}
		if err != nil {
			return
		}
		if fresh, _ := roundTripWith(t, r, newDecoder(r.null, r.arrayMT, r.objectMT, r.shapedMT), string(data)); fresh != once {
			t.Fatalf("%q: %q after other inputs, %q alone", data, once, fresh)
		}
		if !json.Valid([]byte(once)) {
			t.Fatalf("re-encoded %q is not valid JSON", once)
		}
		// Invalid UTF-8 is written as \ufffd the first time, as the
		// character itself after that: stable from the second encoding on.
		twice, err := roundTrip(t, r, once)
		if err != nil {
			t.Fatalf("%q -> %q does not decode: %v", data, once, err)
		}
		if thrice, err := roundTrip(t, r, twice); err != nil || thrice != twice {
			t.Fatalf("not stable: %q -> %q -> %q -> %q (%v)", data, once, twice, thrice, err)
		}
	})
}
