package sandbox

import (
	"fmt"
	"strings"
	"testing"
)

// batchParts splits a batch answer into its five maps (each a JSON object or, for
// keys 0..n-1 or when empty, a JSON array).
func batchParts(t *testing.T, r *response) (result, errs, total, next, times any) {
	t.Helper()
	if r.status != 200 {
		t.Fatalf("batch status %d: %s", r.status, r.raw)
	}
	outer := obj(t, r.result())
	return outer["result"], outer["result_error"], outer["result_total"], outer["result_next"], outer["result_time"]
}

func TestBatch(t *testing.T) {
	p := StartTest(t, Options{})
	mustSeed(t, p, "deal", 120)
	c := newTestClient(t, p)

	t.Run("named commands with references", func(t *testing.T) {
		r := c.post(p.WebhookURL()+"batch", "application/json", []byte(`{"halt":0,"cmd":{
			"me":"user.current",
			"page":"crm.deal.list?filter%5B%3EID%5D=10&select%5B0%5D=ID&select%5B1%5D=TITLE&start=0",
			"next":"crm.deal.list?filter[>ID]=$result[page][49][ID]&select[]=ID&start=-1",
			"one":"crm.deal.get?id=$result[page][0][ID]",
			"title":"crm.deal.add?fields[TITLE]=Copy of $result[one][TITLE] by $result[me][NAME]",
			"whole":"crm.deal.update?id=$result[title]&fields[COMMENTS]=x"
		}}`))
		result, errs, total, next, times := batchParts(t, r)
		res := obj(t, result)
		if got := ids(t, res["page"], "ID"); len(got) != 50 || got[0] != "11" || got[49] != "60" {
			t.Errorf("page %v", got)
		}
		if got := ids(t, res["next"], "ID"); len(got) != 50 || got[0] != "61" {
			t.Errorf("next page %v", got)
		}
		if obj(t, res["one"])["ID"] != "11" {
			t.Errorf("one %v", res["one"])
		}
		newID := res["title"]
		deal := obj(t, c.ok("crm.deal.get", m{"id": newID}))
		if deal["TITLE"] != "Copy of Deal #11 by Sandbox" || deal["COMMENTS"] != "x" {
			t.Errorf("chained deal %v", deal)
		}
		if errsList, ok := errs.([]any); !ok || len(errsList) != 0 {
			t.Errorf("result_error %v, want []", errs)
		}
		if tt := obj(t, total); tt["page"] != 110.0 || tt["next"] != 0.0 || len(tt) != 2 {
			t.Errorf("result_total %v", tt)
		}
		if nx := obj(t, next); nx["page"] != 50.0 || len(nx) != 1 {
			t.Errorf("result_next %v", nx)
		}
		row := obj(t, obj(t, times)["me"])
		for _, k := range []string{"start", "finish", "duration", "processing", "date_start", "date_finish", "operating", "operating_reset_at"} {
			if _, ok := row[k]; !ok {
				t.Errorf("result_time.me.%s missing", k)
			}
		}
	})

	t.Run("unresolved references stay literal", func(t *testing.T) {
		r := c.call("batch", m{"halt": 0, "cmd": m{
			"bad":   "crm.deal.get?id=0",
			"a":     "crm.deal.add?fields[TITLE]=$result[bad][TITLE]",
			"b":     "crm.deal.add?fields[TITLE]=x$result[nope][0]y",
			"c":     "crm.deal.add?fields[TITLE]=$result[a][7]",
			"index": "crm.deal.list?filter[>ID]=$result[bad][49][ID]&filter[<ID]=3&select[]=ID",
		}})
		result, errs, _, _, _ := batchParts(t, r)
		res := obj(t, result)
		for key, want := range map[string]string{"a": "$result[bad][TITLE]", "b": "x$result[nope][0]y", "c": "$result[a][7]"} {
			deal := obj(t, c.ok("crm.deal.get", m{"id": res[key]}))
			if deal["TITLE"] != want {
				t.Errorf("%s: TITLE %q, want %q", key, deal["TITLE"], want)
			}
		}
		// The literal compares as 0 in a numeric filter, so the list starts at the top.
		if got := ids(t, res["index"], "ID"); !equalStrings(got, []string{"1", "2"}) {
			t.Errorf("index: %v", got)
		}
		if e := obj(t, obj(t, errs)["bad"]); e["error"] != "" || e["error_description"] != "ID is not defined or invalid." {
			t.Errorf("error row %v", e)
		}
	})

	t.Run("halt stops at the first failure", func(t *testing.T) {
		before := p.Count("deal")
		body := `{"halt":1,"cmd":{"a":"crm.deal.add?fields[TITLE]=h1","b":"crm.deal.get?id=999999","c":"crm.deal.add?fields[TITLE]=h2"}}`
		result, errs, _, _, times := batchParts(t, c.post(p.WebhookURL()+"batch", "application/json", []byte(body)))
		if res := obj(t, result); len(res) != 1 || res["a"] == nil {
			t.Errorf("result %v", res)
		}
		if e := obj(t, errs); len(e) != 1 || obj(t, e["b"])["error_description"] != "Not found" {
			t.Errorf("errors %v", e)
		}
		if tm := obj(t, times); len(tm) != 2 {
			t.Errorf("result_time %v", tm)
		}
		if p.Count("deal") != before+1 {
			t.Errorf("command after the failure ran")
		}
	})

	t.Run("halt off runs everything", func(t *testing.T) {
		for _, halt := range []any{0, false, "0", "false"} {
			r := c.call("batch", m{"halt": halt, "cmd": []string{"crm.deal.get?id=1", "crm.deal.get?id=999999", "crm.deal.get?id=2"}})
			result, errs, _, _, _ := batchParts(t, r)
			// Keys 0 and 2 are not 0..n-1, so PHP prints an object.
			res := obj(t, result)
			if len(res) != 2 || res["0"] == nil || res["2"] == nil {
				t.Errorf("halt=%v: result %v", halt, res)
			}
			if e := obj(t, errs); e["1"] == nil {
				t.Errorf("halt=%v: errors %v", halt, e)
			}
		}
	})

	t.Run("array commands give array maps", func(t *testing.T) {
		r := c.call("batch", m{"halt": 1, "cmd": []string{"crm.deal.get?id=1", "user.current?"}})
		result, errs, total, next, times := batchParts(t, r)
		if l := list(t, result); len(l) != 2 {
			t.Errorf("result %v", l)
		}
		if l := list(t, times); len(l) != 2 {
			t.Errorf("result_time %v", l)
		}
		for name, v := range map[string]any{"result_error": errs, "result_total": total, "result_next": next} {
			if l, ok := v.([]any); !ok || len(l) != 0 {
				t.Errorf("%s = %v, want []", name, v)
			}
		}
	})

	t.Run("form-encoded batch", func(t *testing.T) {
		q := "halt=0&cmd[first]=" + phpURLEncode("crm.deal.get?id=5") + "&cmd[second]=" + phpURLEncode("crm.deal.get?id=$result[first][ID]")
		r := c.form("batch", q)
		result, _, _, _, _ := batchParts(t, r)
		if obj(t, obj(t, result)["second"])["ID"] != "5" {
			t.Errorf("result %v", result)
		}
		// The docs' GET form: the command is encoded twice.
		r = c.get(p.WebhookURL() + "batch?cmd[0]=crm.deal.get%3Fid%3D%2524result%255Bx%255D&cmd[x]=x")
		_, errs, _, _, _ := batchParts(t, r)
		if e := obj(t, errs); e["0"] == nil || e["x"] == nil {
			t.Errorf("errors %v", e)
		}
	})

	t.Run("more than 50 commands", func(t *testing.T) {
		cmds := make([]string, 51)
		for i := range cmds {
			cmds[i] = "server.time"
		}
		before := p.Stats()
		r := c.call("batch", m{"cmd": cmds})
		if r.status != 400 || r.errorCode() != "ERROR_BATCH_LENGTH_EXCEEDED" || r.errorDescription() != "Max batch length exceeded" {
			t.Errorf("got %d %s", r.status, r.raw)
		}
		after := p.Stats()
		if after.Calls["server.time"] != before.Calls["server.time"] || after.Executed != before.Executed ||
			after.Rejected["ERROR_BATCH_LENGTH_EXCEEDED"] != 1 {
			t.Errorf("rejected batch: before %+v after %+v", before, after)
		}
		r = c.call("batch", m{"cmd": cmds[:50]})
		if r.status != 200 {
			t.Errorf("50 commands: %d", r.status)
		}
	})

	t.Run("nested batch and unknown method", func(t *testing.T) {
		r := c.call("batch", m{"cmd": m{"inner": "batch?cmd[0]=server.time", "nope": "no.such.method?x=1", "ok": "server.time"}})
		result, errs, _, _, _ := batchParts(t, r)
		e := obj(t, errs)
		if obj(t, e["inner"])["error"] != "ERROR_BATCH_METHOD_NOT_ALLOWED" {
			t.Errorf("inner %v", e["inner"])
		}
		if obj(t, e["nope"])["error"] != "ERROR_METHOD_NOT_FOUND" {
			t.Errorf("nope %v", e["nope"])
		}
		if obj(t, result)["ok"] == nil {
			t.Errorf("result %v", result)
		}
	})

	t.Run("wrapped list references", func(t *testing.T) {
		r := c.call("batch", m{"halt": 1, "cmd": m{
			"p1": "crm.item.list?entityTypeId=2&select[]=id&order[id]=ASC&filter[>id]=0&start=-1",
			"p2": "crm.item.list?entityTypeId=2&select[]=id&order[id]=ASC&filter[>id]=$result[p1][items][49][id]&start=-1",
		}})
		result, _, total, _, _ := batchParts(t, r)
		if got := ids(t, obj(t, obj(t, result)["p2"])["items"], "id"); len(got) != 50 || got[0] != "51" {
			t.Errorf("p2 %v", got)
		}
		if tt := obj(t, total); tt["p1"] != 0.0 {
			t.Errorf("result_total %v", tt)
		}
	})

	t.Run("stats count batch and sub-commands", func(t *testing.T) {
		p.ResetStats()
		c.call("batch", m{"cmd": []string{"server.time", "server.time", "crm.deal.add?fields[TITLE]=s"}})
		st := p.Stats()
		if st.Calls["batch"] != 1 || st.Calls["server.time"] != 2 || st.Calls["crm.deal.add"] != 1 || st.Executed != 1 || st.Requests != 1 {
			t.Errorf("stats %+v", st)
		}
	})

	t.Run("empty cmd", func(t *testing.T) {
		r := c.call("batch", m{})
		if r.status != 200 || !strings.Contains(string(r.raw), `"result":{"result":[],"result_error":[]`) {
			t.Errorf("got %d %s", r.status, r.raw)
		}
	})
}

func TestSubstituteRefs(t *testing.T) {
	results := objectOf(
		"u", objectOf("ID", "5", "DEPT", []any{int64(7)}, "ok", true),
		"l", []any{objectOf("ID", "1")},
	)
	tests := []struct {
		in   string
		want any
	}{
		{"plain", "plain"},
		{"$result[u][ID]", "5"},
		{"id=$result[u][ID];", "id=5;"},
		{"$result[u][DEPT]", []any{int64(7)}},
		{"x$result[u][DEPT]", "x$result[u][DEPT]"},
		{"$result[u][DEPT][0]", int64(7)},
		{"$result[l][0][ID]-$result[l][1][ID]", "1-$result[l][1][ID]"},
		{"$result[u]", results.vals["u"]},
		{"$result[", "$result["},
		{"$result[u", "$result[u"},
		{"$result[u][ok]", true},
		{"$result[missing][x]", "$result[missing][x]"},
		{"$result[u][ID][deeper]", "$result[u][ID][deeper]"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := substituteRefs(tt.in, results)
			if fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}
