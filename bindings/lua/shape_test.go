package lua

import (
	"context"
	"fmt"
	"strings"
	"testing"

	glua "github.com/yuin/gopher-lua"
)

// TestShapedRowsAreIndependent decodes rows that share a shape, and so a
// key list and a key-index map (sharedkeys.go), changes them in every way
// a script can store into a table, each change on one row and then the
// same on another (a shared map would hide the second), and checks that
// every row then reads, iterates and encodes exactly as the same rows
// decoded one by one, which share nothing.
func TestShapedRowsAreIndependent(t *testing.T) {
	const changes = `
rows[3].EXTRA = 'a'; rows[4].EXTRA = 'b'
rawset(rows[5], 'RAW', 1); rawset(rows[6], 'RAW', 2); rows[6].RAW = 3
setmetatable(rows[7], {__index = function() return 'dflt' end}); rows[7].MT = 1; rows[8].MT = 2
table.insert(rows[9], 0, 'zero'); rows[10][0] = 'zero'; table.insert(rows[10], 'one')
local function set() G = 1 end
setfenv(set, rows[11]); set(); rows[12].G = 2
b24.object(rows[13]); rows[13].OBJ = 1; rows[14].OBJ = 2
rows[15].STAGE = nil; rows[15].STAGE = 'B'; rows[16].STAGE = nil; rows[16].ADDED = 1
rows[17].ID = 'same key, new value'; rows[18].ADDED = 2
for i = 19, 20 do rows[i][i] = i end
local out = {}
for i, row in ipairs(rows) do
  local keys = {}
  for k in pairs(row) do keys[#keys + 1] = tostring(k) end
  out[#out + 1] = json.encode(row) .. ' ' .. table.concat(keys, ',') .. ' ' ..
    tostring(rawget(row, 'ID')) .. ' ' .. tostring(row.MISSING) .. ' ' ..
    tostring(getmetatable(row) == getmetatable(b24.object{}))
end
result = table.concat(out, '\n')`
	run := func(shared bool) string {
		r := newRuntime(context.Background(), "t.lua", nil)
		defer r.close()
		rows := r.L.CreateTable(20, 0)
		for i := range 20 {
			dec := r.dec
			if !shared {
				dec = newDecoder(r.null, r.arrayMT, r.objectMT, r.shapedMT)
			}
			v, err := dec.decode(fmt.Appendf(nil, `{"ID":"%d","STAGE":"NEW","SUM":%d,"TAGS":["a"]}`, i+1, 10*i))
			if err != nil {
				t.Fatal(err)
			}
			rows.RawSetInt(i+1, v)
		}
		if shared && tableLayoutOK {
			a, b := rows.RawGetInt(3).(*glua.LTable), rows.RawGetInt(20).(*glua.LTable)
			if a.Metatable != r.shapedMT || b.Metatable != r.shapedMT || &layout(a).keys[0] != &layout(b).keys[0] {
				t.Fatal("rows of one shape do not share their keys: the fast path is not taken")
			}
		}
		r.L.SetGlobal("rows", rows)
		if err := r.L.DoString(changes); err != nil {
			t.Fatal(err)
		}
		return string(r.L.GetGlobal("result").(glua.LString))
	}
	shared, alone := run(true), run(false)
	if shared != alone {
		sl, al := strings.Split(shared, "\n"), strings.Split(alone, "\n")
		for i := range sl {
			if sl[i] != al[i] {
				t.Errorf("row %d: %s, decoded alone %s", i+1, sl[i], al[i])
			}
		}
	}
	if !strings.Contains(alone, `{"ID":"4","STAGE":"NEW","SUM":30,"TAGS":["a"],"EXTRA":"b"} ID,STAGE,SUM,TAGS,EXTRA 4 nil true`) {
		t.Errorf("unexpected output:\n%s", alone)
	}
}

// TestShapesFollowTheData decodes objects whose members change from one to
// the next (alternating shapes, a member more or less, the same names in
// another order, a repeated name, escaped names and values) with one
// decoder, and checks each against a decoder that has seen nothing.
func TestShapesFollowTheData(t *testing.T) {
	r := newRuntime(context.Background(), "t.lua", nil)
	defer r.close()
	docs := []string{
		`{"a":1,"b":"x"}`, `{"a":2,"b":"x"}`, `{"a":3,"b":"y"}`,
		`{"a":4}`, `{"a":5,"b":"x","c":null}`, `{"b":"x","a":6}`,
		`{"a":7,"a":8}`, `{"a":9,"a":10}`, `{"a":11,"b":"x"}`,
		`{"\u0061":12,"b":"\u0078"}`, `{"a":13,"b":"x\ny"}`, `{"a":14,"b":"x\ny"}`,
		`[{"p":1,"q":{"r":[1,{"s":2}]}},{"p":2,"q":{"r":[]}},{"p":3,"q":{"t":1}}]`,
		`{"a":15,"b":"` + strings.Repeat("long", 20) + `"}`, `{"a":16,"b":"` + strings.Repeat("long", 20) + `"}`,
	}
	for round := range 3 {
		for _, doc := range docs {
			warm, err := roundTrip(t, r, doc)
			if err != nil {
				t.Fatalf("%s: %v", doc, err)
			}
			cold := newRuntime(context.Background(), "t.lua", nil)
			want, err := roundTrip(t, cold, doc)
			cold.close()
			if err != nil || warm != want {
				t.Errorf("round %d, %s: %s after other rows, %s alone (%v)", round, doc, warm, want, err)
			}
		}
	}
}
