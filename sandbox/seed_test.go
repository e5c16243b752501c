package sandbox

import (
	"reflect"
	"testing"
)

func TestSeedDeterminism(t *testing.T) {
	dump := func() map[string]any {
		p := StartTest(t, Options{})
		c := newTestClient(t, p)
		for _, e := range seedEntities() {
			mustSeed(t, p, e, 3)
		}
		mustSeed(t, p, "deal", 2) // ids continue: 4, 5
		out := map[string]any{}
		out["deals"] = c.ok("crm.deal.list", m{"select": []string{"*", "UF_*", "CONTACT_IDS"}})
		out["contacts"] = c.ok("crm.contact.list", m{"select": []string{"*", "PHONE", "EMAIL"}})
		out["companies"] = c.ok("crm.company.list", nil)
		out["leads"] = c.ok("crm.lead.list", m{"select": []string{"*", "PHONE"}})
		out["tasks"] = c.ok("tasks.task.list", nil)
		out["users"] = c.ok("user.get", nil)
		return out
	}
	a, b := dump(), dump()
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("seeded data differs between portals:\n%v\n%v", a, b)
	}
	deals := list(t, a["deals"])
	if len(deals) != 5 {
		t.Fatalf("%d deals", len(deals))
	}
	if first := obj(t, deals[0]); first["STAGE_ID"] != "NEW" || first["CURRENCY_ID"] != "USD" {
		t.Errorf("deal 1 %v", first)
	}
	d := obj(t, deals[4])
	want := map[string]any{"ID": "5", "TITLE": "Deal #5", "STAGE_ID": "FINAL_INVOICE", "CURRENCY_ID": "USD", "ASSIGNED_BY_ID": "5",
		"CATEGORY_ID": "0", "CLOSED": "N", "DATE_CREATE": "2024-01-01T14:00:00+03:00", "UF_CRM_1700000000": "REF-00005"}
	for k, v := range want {
		if d[k] != v {
			t.Errorf("deal 5 %s = %v, want %v", k, d[k], v)
		}
	}
	contact := obj(t, list(t, a["contacts"])[0])
	if len(list(t, contact["PHONE"])) != 1 || contact["NAME"] == "" {
		t.Errorf("contact %v", contact)
	}
	task := obj(t, list(t, obj(t, a["tasks"])["tasks"])[0])
	if task["title"] != "Task #1" || task["responsibleId"] != "1" || task["deadline"] == nil {
		t.Errorf("task %v", task)
	}
	users := list(t, a["users"])
	if len(users) != 4 { // the webhook user plus three
		t.Errorf("%d users", len(users))
	}
}

func TestSeedFuncDeleteCount(t *testing.T) {
	p := StartTest(t, Options{})
	c := newTestClient(t, p)
	err := p.SeedFunc("deal", 4, func(i int, f map[string]any) {
		f["STAGE_ID"] = "WON"
		f["UF_CRM_CUSTOM"] = i
		if i == 0 {
			f["PHONE"] = []map[string]any{{"VALUE": "ignored for deals"}}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Delete("deal", 2); err != nil {
		t.Fatal(err)
	}
	if err := p.Delete("deal", 2); err == nil {
		t.Error("deleting twice must fail")
	}
	if p.Count("deal") != 3 || p.Count("nope") != 0 {
		t.Errorf("count %d", p.Count("deal"))
	}
	rows := list(t, c.ok("crm.deal.list", m{"select": []string{"ID", "STAGE_ID", "UF_*"}}))
	if got := ids(t, rows, "ID"); !equalStrings(got, []string{"1", "3", "4"}) {
		t.Errorf("ids %v", got)
	}
	last := obj(t, rows[2])
	if last["STAGE_ID"] != "WON" || last["UF_CRM_CUSTOM"] != "3" {
		t.Errorf("adjusted fields %v", last)
	}
	if err := p.Seed("invoice", 1); err == nil {
		t.Error("unknown entity accepted")
	}
	if err := p.Delete("invoice", 1); err == nil {
		t.Error("unknown entity accepted")
	}
	if st := p.Stats(); len(st.Writes) != 0 || st.Requests != 1 {
		t.Errorf("seeding must not show in stats: %+v", st)
	}
}
