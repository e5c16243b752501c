package js

import (
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/b24run/b24run/internal/jsonscan"
)

// rowsPage is a page of rows as a list walk delivers them, with what lazy
// decoding must get right: escapes (in keys and values, including a value
// whose JSON text repeats the previous row's but decodes differently from
// it), nested multi-fields, numbers next to numeric strings, -0, integers
// beyond 2^53, empty containers, a row of another shape, one whose keys
// come in another order, and rows that cannot be shaped (a repeated key, an
// array-index key).
const rowsPage = `[
 {"ID":"1","TITLE":"say \"hi\"\n\u00e9\ud83d\ude00","N":12,"F":1.5,"Z":-0,"BIG":12345678901234567890,"NUMSTR":"12","OK":true,"NO":null,
  "PHONE":[{"ID":"7","VALUE":"+1 555","VALUE_TYPE":"WORK"},{"ID":"8","VALUE":"+1 556","VALUE_TYPE":"HOME"}],"EMPTY":{},"LIST":[],"LONG":"` + longText + `","esc\u0041pe":"k"},
 {"ID":"2","TITLE":"a\\nb","N":-7,"F":2e3,"Z":0,"BIG":9007199254740993,"NUMSTR":"-0","OK":false,"NO":null,
  "PHONE":[],"EMPTY":{"A":{"B":[1,{"C":"d"}]}},"LIST":[1,"2",null],"LONG":"short","esc\u0041pe":"k"},
 {"ID":"3","TITLE":"a\\nb","N":0,"F":0.1,"Z":-0.0,"BIG":1e300,"NUMSTR":"1e3","OK":true,"NO":"null",
  "PHONE":[{"VALUE":"x"}],"EMPTY":{},"LIST":[[]],"LONG":"","esc\u0041pe":"\u006b"},
 {"TITLE":"reordered","ID":"4"},
 {"ID":"5"},
 {"ID":"6","ID":"6b"},
 {"ID":"7","2":"two","1":"one"},
 {}
]`

const longText = "a long comment that is longer than the interning limit of thirty-two bytes, with \\\"escapes\\\""

// rowScripts each turn the rows into a string. Run on shaped rows and on
// JSON.parse's objects, they must give the same.
var rowScripts = map[string]string{
	"untouched stringify": `return rows.map((r) => JSON.stringify(r)).join('\n')`,
	"read then stringify": `return rows.map((r) => [r.TITLE, r.LONG, typeof r.N, typeof r.NUMSTR, JSON.stringify(r)].join('|')).join('\n')`,
	"escaped strings":     `return rows.map((r) => JSON.stringify([r.TITLE, r.LONG, r.escApe, r['esc\u0041pe']])).join('\n')`,
	"numbers":             `return rows.map((r) => [r.N, r.F, Object.is(r.Z, -0), r.BIG, r.BIG === 12345678901234567890, r.NUMSTR, typeof r.NUMSTR, r.NUMSTR === '12'].join(',')).join('\n')`,
	"literals":            `return rows.map((r) => [r.OK, r.NO, r.NO === null, typeof r.NO, r.MISSING === undefined].join(',')).join('\n')`,
	"nested": `return rows.map((r) => {
  if (!r.PHONE) return 'none';
  const same = r.PHONE === r.PHONE && r.EMPTY === r.EMPTY;
  r.PHONE.push({ VALUE: 'added' });
  if (r.PHONE[0]) r.PHONE[0].VALUE = 'changed';
  r.EMPTY.NEW = 1;
  return [same, r.PHONE.length, r.PHONE.map((p) => p.VALUE).join('/'), JSON.stringify(r.EMPTY), JSON.stringify(r)].join('|');
}).join('\n')`,
	"write before first read": `return rows.map((r) => { r.TITLE = 'new'; r.PHONE = 1; return [r.TITLE, r.PHONE, JSON.stringify(r)].join('|'); }).join('\n')`,
	"write after first read":  `return rows.map((r) => { const t = r.TITLE; r.TITLE = t + '!'; r.N = (r.N ?? 0) + 1; return [t, r.TITLE, r.N, JSON.stringify(r)].join('|'); }).join('\n')`,
	"delete and add": `return rows.map((r) => {
  const before = ['TITLE' in r, r.hasOwnProperty('TITLE'), Object.prototype.hasOwnProperty.call(r, 'ID')];
  delete r.TITLE;
  delete r.NOPE;
  r.EXTRA = 'x';
  const mid = ['TITLE' in r, r.TITLE, Object.keys(r).join(',')];
  r.TITLE = 'back';
  delete r.EXTRA;
  r.LIST = undefined;
  return [before, mid, Object.keys(r).join(','), JSON.stringify(r), 'LIST' in r].join('|');
}).join('\n')`,
	"delete only": `return rows.map((r) => { delete r.ID; delete r.PHONE; return [Object.keys(r).join(','), JSON.stringify(r), r.ID, 'ID' in r].join('|'); }).join('\n')`,
	"enumerate": `return rows.map((r) => {
  const forIn = [];
  for (const k in r) forIn.push(k);
  const { ID, ...rest } = r;
  return [forIn.join(','), Object.keys(r).join(','), JSON.stringify(Object.entries(r)), JSON.stringify(Object.values(r)),
    ID, Object.keys(rest).join(','), JSON.stringify({ ...r, ID: 'copy' }), JSON.stringify(Object.assign({}, r))].join('|');
}).join('\n')`,
	"absent keys": `return rows.map((r) => [r.NOPE, 'NOPE' in r, r.hasOwnProperty('NOPE'), r.constructor === Object, typeof r.toString].join(',')).join('\n')`,
}

// decodeRows decodes a page as list walks do: each row a subslice of the
// page handed to decodeRow.
func decodeRows(t *testing.T, d *jsonDecoder, page string) goja.Value {
	t.Helper()
	var rows []any
	if _, err := jsonscan.Array([]byte(page), 0, func(row []byte) error {
		v, err := d.decodeRow(row)
		rows = append(rows, v)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return d.rt.NewArray(rows...)
}

func runRowScript(t *testing.T, rt *goja.Runtime, script string, rows goja.Value) string {
	t.Helper()
	fn, err := rt.RunString(`(function (rows) {` + script + `})`)
	if err != nil {
		t.Fatal(err)
	}
	call, _ := goja.AssertFunction(fn)
	out, err := call(goja.Undefined(), rows)
	if err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func TestShapedRowsBehaveAsJSONParse(t *testing.T) {
	for name, script := range rowScripts {
		t.Run(name, func(t *testing.T) {
			rt := goja.New()
			d := newJSONDecoder(rt)
			parsed, err := rt.RunString(`JSON.parse(` + "`" + strings.ReplaceAll(rowsPage, `\`, `\\`) + "`" + `)`)
			if err != nil {
				t.Fatal(err)
			}
			want := runRowScript(t, rt, script, parsed)
			// Twice over the same decoder: the second pass meets shapes and
			// column caches the first one filled.
			for pass := range 2 {
				if got := runRowScript(t, rt, script, decodeRows(t, d, rowsPage)); got != want {
					t.Errorf("pass %d:\n got %s\nwant %s", pass, got, want)
				}
			}
		})
	}
}

// TestShapedRowsAreLazy checks that a row decodes a value when it is first
// read, not before, and keeps objects once read.
func TestShapedRowsAreLazy(t *testing.T) {
	rt := goja.New()
	d := newJSONDecoder(rt)
	v, err := d.decodeRow([]byte(`{"A":"x","B":{"C":1},"D":"` + longText + `","E":2}`))
	if err != nil {
		t.Fatal(err)
	}
	sr := probeRow(v)
	if sr == nil {
		t.Fatal("not a shaped row")
	}
	if sr.values != nil {
		t.Fatal("values decoded before any read")
	}
	obj := v.(*goja.Object)
	if obj.Get("A").String() != "x" || sr.values != nil {
		t.Error("a short string read was kept (or misread)")
	}
	b := obj.Get("B")
	if sr.values == nil || sr.values[1] != b || obj.Get("B") != b {
		t.Error("a nested object read was not kept")
	}
	if obj.Get("D"); sr.values[2] == nil {
		t.Error("a long string read was not kept")
	}
	if sr.values[3] != nil {
		t.Error("an unread value was decoded")
	}
}

// probeRow digs the shaped row out of a value, or nil.
func probeRow(v goja.Value) *shapedRow {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	sr, _ := o.Export().(*shapedRow)
	return sr
}

// TestShapedRowLimits pins what shaped rows cannot do that plain objects
// can (rows.go says so): freezing, sealing and non-extensibility throw,
// accessors and non-enumerable keys throw, descriptors' flags are ignored
// and symbol keys are not kept.
func TestShapedRowLimits(t *testing.T) {
	rt := goja.New()
	d := newJSONDecoder(rt)
	for op, want := range map[string]string{
		"Object.freeze(row)":            "TypeError",
		"Object.seal(row)":              "TypeError",
		"Object.preventExtensions(row)": "TypeError",
		"Object.defineProperty(row, 'x', { get() { return 1 } })":                "TypeError",
		"Object.defineProperty(row, 'ID', { enumerable: false })":                "TypeError",
		"Object.defineProperty(row, 'x', { value: 1 }); Object.keys(row).join()": "ID,x",
		"row[Symbol.iterator] = 1; typeof row[Symbol.iterator]":                  "undefined",
	} {
		row, err := d.decodeRow([]byte(`{"ID":"1"}`))
		if err != nil {
			t.Fatal(err)
		}
		_ = rt.Set("row", row)
		res, err := rt.RunString(`(() => { try { return String(eval(` + "`" + op + "`" + `)) } catch (e) { return e instanceof TypeError ? 'TypeError' : String(e) } })()`)
		if err != nil {
			t.Fatal(err)
		}
		if got := res.String(); got != want {
			t.Errorf("%s: %s, want %s", op, got, want)
		}
	}
}

// TestShapedRowAfterAFailedRow checks that a row that fails half way leaves
// nothing behind that the next row could be mistaken for: its keys went into
// the row skeleton before it failed.
func TestShapedRowAfterAFailedRow(t *testing.T) {
	rt := goja.New()
	d := newJSONDecoder(rt)
	for _, c := range []struct{ row, want string }{
		{`{"a":1,"b":2}`, `{"a":1,"b":2}`},
		{`{"a:":1,"b":2`, ""},
		{`{"a:":1,"b":2}`, `{"a:":1,"b":2}`},
		{`{"a:":1,"b":[}`, ""},
		{`{"a":1,"b":2}`, `{"a":1,"b":2}`},
		{`{"a":1,"b":2} x`, ""},
		{`{"a":1,"b":2}`, `{"a":1,"b":2}`},
	} {
		v, err := d.decodeRow([]byte(c.row))
		if c.want == "" {
			if err == nil {
				t.Errorf("%s: want an error", c.row)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", c.row, err)
		}
		_ = rt.Set("row", v)
		if got, _ := rt.RunString(`JSON.stringify(row) + Object.keys(row).map((k) => row[k]).join()`); got.String() != c.want+"1,2" {
			t.Errorf("%s: got %s", c.row, got)
		}
	}
}
