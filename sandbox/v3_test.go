package sandbox

import (
	"strings"
	"testing"
)

func TestV3(t *testing.T) {
	p := StartTest(t, Options{})
	mustSeed(t, p, "task", 5)
	c := newTestClient(t, p)
	v3 := strings.Replace(p.WebhookURL(), "/rest/", "/rest/api/", 1)
	post := func(method, body string) *response {
		return c.post(v3+method, "application/json", []byte(body))
	}
	v3Error := func(r *response) (string, string) {
		e, _ := r.body["error"].(map[string]any)
		code, _ := e["code"].(string)
		msg, _ := e["message"].(string)
		return code, msg
	}

	t.Run("get", func(t *testing.T) {
		r := post("tasks.task.get", `{"id":2,"select":["id","title"]}`)
		item := obj(t, obj(t, r.result())["item"])
		if r.status != 200 || item["id"] != 2.0 || item["title"] != "Task #2" || len(item) != 2 {
			t.Fatalf("%d %s", r.status, r.raw)
		}
		if tm := obj(t, r.body["time"]); tm["operating_reset_at"].(float64) <= 0 {
			t.Errorf("time %v", tm)
		}
	})
	t.Run("not found", func(t *testing.T) {
		for _, body := range []string{`{"id":3000}`, `{"id":-1}`} {
			r := post("tasks.task.get", body)
			if code, _ := v3Error(r); r.status != 400 || code != "BITRIX_REST_V3_EXCEPTION_ENTITYNOTFOUNDEXCEPTION" {
				t.Errorf("%s: %d %s", body, r.status, r.raw)
			}
		}
	})
	t.Run("query string is not read", func(t *testing.T) {
		r := c.get(v3 + "tasks.task.get?id=2")
		code, _ := v3Error(r)
		if r.status != 400 || code != "BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION" || !strings.Contains(string(r.raw), "Required field `id` is not specified") {
			t.Errorf("%d %s", r.status, r.raw)
		}
	})
	t.Run("form body refused", func(t *testing.T) {
		r := c.post(v3+"tasks.task.get", "application/x-www-form-urlencoded", []byte("id=2"))
		if code, _ := v3Error(r); r.status != 400 || code != "BITRIX_REST_V3_EXCEPTION_INVALIDJSONEXCEPTION" {
			t.Errorf("%d %s", r.status, r.raw)
		}
	})
	t.Run("auth failure", func(t *testing.T) {
		r := c.post(strings.Replace(v3, p.Secret(), "wrongsecret", 1)+"tasks.task.get", "application/json", []byte(`{"id":2}`))
		code, msg := v3Error(r)
		if r.status != 401 || code != "BITRIX_REST_V3_EXCEPTION_ACCESSDENIEDEXCEPTION" || msg != "Access denied" {
			t.Errorf("%d %s", r.status, r.raw)
		}
	})
	t.Run("v1-only method", func(t *testing.T) {
		r := post("server.time", `{}`)
		if code, _ := v3Error(r); r.status != 404 || code != "BITRIX_REST_V3_EXCEPTION_METHODNOTFOUNDEXCEPTION" {
			t.Errorf("%d %s", r.status, r.raw)
		}
	})
	t.Run("list, add, update, delete", func(t *testing.T) {
		r := post("tasks.task.list", `{"select":["id"],"filter":[["id",">",2],["status","in",[2,3,4]]],"order":{"id":"DESC"},"pagination":{"page":1,"limit":2}}`)
		if got := ids(t, obj(t, r.result())["items"], "id"); !equalStrings(got, []string{"5", "3"}) {
			t.Errorf("list %v (%s)", got, r.raw)
		}
		if _, ok := r.body["total"]; ok {
			t.Error("v3 lists have no total")
		}
		r = post("tasks.task.add", `{"fields":{"title":"v3 task","responsibleId":4}}`)
		item := obj(t, obj(t, r.result())["item"])
		if item["id"] != 6.0 || item["responsibleId"] != 4.0 {
			t.Errorf("add %s", r.raw)
		}
		r = post("tasks.task.update", `{"id":6,"fields":{"title":"renamed"}}`)
		if obj(t, r.result())["result"] != true {
			t.Errorf("update %s", r.raw)
		}
		r = post("tasks.task.delete", `{"id":6}`)
		if obj(t, r.result())["result"] != true || p.Count("task") != 5 {
			t.Errorf("delete %s", r.raw)
		}
		r = post("tasks.task.list", `{"filter":[["nope","=",1]]}`)
		if code, _ := v3Error(r); code != "BITRIX_REST_V3_EXCEPTION_UNKNOWNDTOPROPERTYEXCEPTION" {
			t.Errorf("unknown field %s", r.raw)
		}
	})
	t.Run("batch", func(t *testing.T) {
		r := post("batch", `[{"method":"tasks.task.get","query":{"id":1,"select":["id"]}},{"method":"tasks.task.get","query":{"id":2,"select":["id"]},"as":"B"}]`)
		rows := list(t, r.result())
		if r.status != 200 || len(rows) != 2 || obj(t, obj(t, rows[1])["item"])["id"] != 2.0 {
			t.Fatalf("%d %s", r.status, r.raw)
		}
		r = post("batch", `{"0":{"method":"tasks.task.get","query":{"id":1}},"1":{"method":"tasks.task.get","query":{"id":99}}}`)
		if code, _ := v3Error(r); r.status != 400 || code != "BITRIX_REST_V3_EXCEPTION_ENTITYNOTFOUNDEXCEPTION" {
			t.Errorf("failing batch %d %s", r.status, r.raw)
		}
	})
}
