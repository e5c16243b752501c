package jsonscan

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWholeAgreesWithEncodingJSON(t *testing.T) {
	cases := []string{
		`{}`, `[]`, `0`, `-0`, `1.5e+3`, `"x"`, `true`, `null`, ` {"a" : [1, 2, {"b": null}], "c": "\u00e9\n"} `,
		`{"a":1,}`, `[1,]`, `01`, `1.`, `.5`, `-`, `"\x"`, "\"\x01\"", `{"a" 1}`, `[1 2]`, `{"a":1} x`, `tru`, `"abc`,
		`[` + strings.Repeat(`[`, 600) + strings.Repeat(`]`, 600) + `]`, `1e`, `{"a":}`, `nul`, `[-01]`, `"\ud83d\ude80"`,
	}
	for _, c := range cases {
		_, err := Whole([]byte(c))
		valid := json.Valid([]byte(c))
		if strings.Count(c, "[") > MaxDepth {
			valid = false // deeper than we accept
		}
		if (err == nil) != valid {
			t.Errorf("Whole(%.40q) err = %v, encoding/json valid = %v", c, err, valid)
		}
	}
}

func TestObjectAndArrayHandSubslices(t *testing.T) {
	doc := []byte(`{"result":{"items":[{"id":1},{"id":2}]},"total":"2","t\u00e9":true}`)
	got := map[string]string{}
	end, err := Object(doc, 0, func(key []byte, escaped bool, value []byte) error {
		k, err := Key(key, escaped)
		got[k] = string(value)
		return err
	})
	if err != nil || end != len(doc) {
		t.Fatal(end, err)
	}
	if got["result"] != `{"items":[{"id":1},{"id":2}]}` || got["total"] != `"2"` || got["té"] != "true" {
		t.Errorf("%v", got)
	}
	var elems []string
	if _, err := Array([]byte(` [ 1 , "a" , [2] ] `), 0, func(e []byte) error { elems = append(elems, string(e)); return nil }); err != nil {
		t.Fatal(err)
	}
	if strings.Join(elems, "|") != `1|"a"|[2]` {
		t.Errorf("%q", elems)
	}
}

func TestUnescapeAndNumbers(t *testing.T) {
	for raw, want := range map[string]string{
		`a\"b\\c\/d\b\f\n\r\t`: "a\"b\\c/d\b\f\n\r\t", `\u00e9\u0041`: "éA", `\ud83d\ude80`: "🚀", `\ud83d`: "\ufffd", `\ud83dx`: "\ufffdx",
		`\udc00\udc00`: "\ufffd\ufffd", `\udc00\ud83d\ude80`: "\ufffd🚀",
	} {
		got, err := Unescape([]byte(raw))
		if err != nil || got != want {
			t.Errorf("Unescape(%q) = %q, %v; want %q", raw, got, err, want)
		}
	}
	for _, bad := range []string{`\x`, `\u12`, `\`} {
		if _, err := Unescape([]byte(bad)); err == nil {
			t.Errorf("Unescape(%q) accepted", bad)
		}
	}
	for text, want := range map[string]int64{"0": 0, "-7": -7, "123456789012345": 123456789012345} {
		if n, ok := Int([]byte(text)); !ok || n != want {
			t.Errorf("Int(%s) = %d %v", text, n, ok)
		}
	}
	for _, text := range []string{"-0", "1234567890123456", "1.5", ""} {
		if _, ok := Int([]byte(text)); ok {
			t.Errorf("Int(%q) should defer to Float", text)
		}
	}
}

func FuzzWhole(f *testing.F) {
	for _, s := range []string{`{"a":[1,2,{"b":"c\u00e9"}]}`, `[1e5,-0.5,true,false,null]`, `"\ud83d\ude80"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Whole(data)
		if err == nil && !json.Valid(data) {
			t.Fatalf("accepted invalid JSON %q", data)
		}
		if err != nil && json.Valid(data) && !strings.Contains(err.Error(), "nested deeper") {
			t.Fatalf("rejected valid JSON %q: %v", data, err)
		}
		if err == nil && !json.Valid(v) {
			t.Fatal("the value bytes are not the whole value")
		}
		// Strings decode as encoding/json decodes them.
		if err == nil && len(v) > 0 && v[0] == '"' {
			raw, escaped, _, _ := String(v, 0)
			got, err := Key(raw, escaped)
			var want string
			// Invalid UTF-8 passes through here, where encoding/json
			// replaces it: compare only valid input.
			if utf8.Valid(v) && json.Unmarshal(v, &want) == nil && (err != nil || got != want) {
				t.Fatalf("string %q: got %q, want %q", v, got, want)
			}
		}
	})
}
