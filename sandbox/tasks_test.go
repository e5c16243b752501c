package sandbox

import (
	"testing"
)

func TestTasks(t *testing.T) {
	p := StartTest(t, Options{})
	mustSeed(t, p, "task", 60)
	c := newTestClient(t, p)

	t.Run("add", func(t *testing.T) {
		task := obj(t, obj(t, c.ok("tasks.task.add", m{"fields": m{"TITLE": "Call back", "RESPONSIBLE_ID": 3, "DEADLINE": "2025-12-31T23:59:59", "UF_CRM_TASK": []string{"D_10"}}}))["task"])
		if task["id"] != "61" || task["title"] != "Call back" || task["responsibleId"] != "3" || task["status"] != "2" {
			t.Errorf("task %v", task)
		}
		if task["deadline"] != "2025-12-31T23:59:59+03:00" {
			t.Errorf("deadline %v", task["deadline"])
		}
		if crm := list(t, task["ufCrmTask"]); len(crm) != 1 || crm[0] != "D_10" {
			t.Errorf("ufCrmTask %v", task["ufCrmTask"])
		}
	})
	t.Run("add without title", func(t *testing.T) {
		r := c.call("tasks.task.add", m{"fields": m{"RESPONSIBLE_ID": 1}})
		if r.status != 400 || r.errorCode() != "ERROR_CORE" || r.errorDescription() != "Task title is not specified<br>" {
			t.Errorf("got %d %s", r.status, r.raw)
		}
		if r := c.call("tasks.task.add", m{}); r.status != 400 || r.errorCode() != "100" {
			t.Errorf("no fields: %d %s", r.status, r.raw)
		}
	})
	t.Run("list returns lower-case id but filters by upper-case ID", func(t *testing.T) {
		r := c.call("tasks.task.list", m{"filter": m{">ID": 55}, "order": m{"ID": "asc"}, "select": []string{"ID", "TITLE"}})
		if r.status != 200 {
			t.Fatalf("%d %s", r.status, r.raw)
		}
		rows := obj(t, r.result())["tasks"]
		if got := ids(t, rows, "id"); !equalStrings(got, seq(56, 61)) {
			t.Errorf("got %v", got)
		}
		row := obj(t, list(t, rows)[0])
		if _, ok := row["ID"]; ok || row["title"] != "Task #56" {
			t.Errorf("row %v", row)
		}
		if r.body["total"] != 6.0 {
			t.Errorf("total %v", r.body["total"])
		}
	})
	t.Run("a lower-case filter key is silently ignored", func(t *testing.T) {
		r := c.call("tasks.task.list", m{"filter": m{">id": 55}, "select": []string{"ID"}})
		if got := ids(t, obj(t, r.result())["tasks"], "id"); len(got) != 50 || got[0] != "1" {
			t.Errorf("got %v", got)
		}
		if r.body["next"] != 50.0 {
			t.Errorf("next %v", r.body["next"])
		}
	})
	t.Run("order desc and status filter", func(t *testing.T) {
		r := c.ok("tasks.task.list", m{"filter": m{"STATUS": 5, "<ID": 20}, "order": m{"ID": "DESC"}, "select": []string{"ID"}})
		if got := ids(t, obj(t, r)["tasks"], "id"); !equalStrings(got, []string{"16", "12", "8", "4"}) {
			t.Errorf("got %v", got)
		}
	})
	t.Run("get", func(t *testing.T) {
		task := obj(t, obj(t, c.ok("tasks.task.get", m{"taskId": 2, "select": []string{"ID", "TITLE"}}))["task"])
		if len(task) != 2 || task["id"] != "2" || task["title"] != "Task #2" {
			t.Errorf("task %v", task)
		}
		r := c.call("tasks.task.get", m{"taskId": 999})
		if r.status != 200 || string(r.raw[:len(`{"result":[]`)]) != `{"result":[]` {
			t.Errorf("invisible task: %d %s", r.status, r.raw)
		}
		if r := c.call("tasks.task.get", m{"taskId": -1}); r.status != 400 {
			t.Errorf("negative id: %d %s", r.status, r.raw)
		}
	})
	t.Run("update and delete", func(t *testing.T) {
		r := obj(t, c.ok("tasks.task.update", m{"taskId": 3, "fields": m{"TITLE": "Renamed", "STATUS": 5}}))
		if r["task"] != true {
			t.Errorf("update %v", r)
		}
		task := obj(t, obj(t, c.ok("tasks.task.get", m{"taskId": 3}))["task"])
		if task["title"] != "Renamed" || task["closedDate"] == nil {
			t.Errorf("task %v", task)
		}
		if r := obj(t, c.ok("tasks.task.delete", m{"taskId": 3})); r["task"] != true {
			t.Errorf("delete %v", r)
		}
		if r := c.call("tasks.task.delete", m{"taskId": 3}); r.status != 400 || r.errorCode() != "ERROR_CORE" {
			t.Errorf("second delete: %d %s", r.status, r.raw)
		}
	})
	st := p.Stats()
	if st.Writes["task:61"] != 1 || st.Writes["task:3"] != 2 {
		t.Errorf("writes %v", st.Writes)
	}
}

func TestMiscMethods(t *testing.T) {
	p := StartTest(t, Options{UserID: 9})
	mustSeed(t, p, "user", 12)
	c := newTestClient(t, p)

	me := obj(t, c.ok("user.current", nil))
	if me["ID"] != "9" || me["ACTIVE"] != true || len(list(t, me["UF_DEPARTMENT"])) != 1 {
		t.Errorf("user.current %v", me)
	}
	if prof := obj(t, c.ok("profile", nil)); prof["ID"] != "9" || prof["ADMIN"] != true {
		t.Errorf("profile %v", prof)
	}
	if s, _ := c.ok("server.time", nil).(string); len(s) != len("2006-01-02T15:04:05+03:00") {
		t.Errorf("server.time %q", s)
	}
	if sc := list(t, c.ok("scope", nil)); len(sc) == 0 {
		t.Error("empty scope")
	}
	methods := list(t, c.ok("methods", nil))
	found := false
	for _, name := range methods {
		found = found || name == "crm.deal.list"
	}
	if !found {
		t.Error("methods lacks crm.deal.list")
	}
	if g := obj(t, c.ok("method.get", m{"name": "crm.deal.list"})); g["isExisting"] != true {
		t.Errorf("method.get %v", g)
	}
	if g := obj(t, c.ok("method.get", m{"name": "no.such"})); g["isExisting"] != false {
		t.Errorf("method.get %v", g)
	}

	r := c.call("user.get", m{"FILTER": m{"ACTIVE": true}, "sort": "ID", "order": "DESC"})
	users := ids(t, r.result(), "ID")
	if r.body["total"] != 11.0 || users[0] != "21" || users[len(users)-1] != "9" {
		t.Errorf("user.get total %v ids %v", r.body["total"], users)
	}
	if got := ids(t, c.ok("user.get", m{"ID": 12}), "ID"); !equalStrings(got, []string{"12"}) {
		t.Errorf("user.get by top-level key: %v", got)
	}

	id := c.ok("im.notify.system.add", m{"USER_ID": 5, "MESSAGE": "Hello"})
	if id != 1.0 {
		t.Errorf("notify id %v", id)
	}
	if id := c.ok("im.notify", m{"to": 5, "message": "Hi", "type": "SYSTEM"}); id != 2.0 {
		t.Errorf("im.notify id %v", id)
	}
	if r := c.call("im.notify.system.add", m{"MESSAGE": "x"}); r.status != 400 || r.errorCode() != "USER_ID_EMPTY" {
		t.Errorf("no user: %s", r.raw)
	}
	if r := c.call("event.bind", m{"event": "OnCrmDealAdd"}); r.status != 403 || r.errorCode() != "WRONG_AUTH_TYPE" {
		t.Errorf("event.bind: %s", r.raw)
	}
	if p.Stats().Writes["notify:2"] != 1 || p.Count("notify") != 2 {
		t.Errorf("writes %v", p.Stats().Writes)
	}
}

func TestTimelineComment(t *testing.T) {
	p := StartTest(t, Options{})
	mustSeed(t, p, "deal", 2)
	c := newTestClient(t, p)
	id := c.ok("crm.timeline.comment.add", m{"fields": m{"ENTITY_ID": 2, "ENTITY_TYPE": "deal", "COMMENT": "New comment"}})
	if id != 1.0 {
		t.Fatalf("id %v", id)
	}
	if r := c.call("crm.timeline.comment.add", m{"FIELDS": m{"ENTITY_ID": 2, "ENTITY_TYPE": "deal", "COMMENT": "x"}}); r.status != 400 {
		t.Errorf("upper-case FIELDS must be refused: %d %s", r.status, r.raw)
	}
	if r := c.call("crm.timeline.comment.add", m{"fields": m{"ENTITY_ID": 99, "ENTITY_TYPE": "deal", "COMMENT": "x"}}); r.status != 400 {
		t.Errorf("missing entity: %d %s", r.status, r.raw)
	}
	rows := c.ok("crm.timeline.comment.list", m{"filter": m{"ENTITY_ID": 2, "ENTITY_TYPE": "deal"}})
	if got := ids(t, rows, "COMMENT"); !equalStrings(got, []string{"New comment"}) {
		t.Errorf("list %v", got)
	}
	if p.Stats().Writes["timeline_comment:1"] != 1 {
		t.Errorf("writes %v", p.Stats().Writes)
	}
}
