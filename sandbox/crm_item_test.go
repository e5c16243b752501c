package sandbox

import (
	"testing"
)

func TestCRMItem(t *testing.T) {
	p := StartTest(t, Options{})
	mustSeed(t, p, "deal", 60)
	mustSeed(t, p, "contact", 3)
	c := newTestClient(t, p)

	t.Run("list uses camelCase and real numbers", func(t *testing.T) {
		r := c.call("crm.item.list", m{"entityTypeId": 2, "select": []string{"id", "title", "opportunity", "stageId", "ufCrm_1700000000"}, "filter": m{">id": 1}})
		if r.status != 200 {
			t.Fatalf("%d %s", r.status, r.raw)
		}
		items := list(t, obj(t, r.result())["items"])
		first := obj(t, items[0])
		if first["id"] != 2.0 || first["title"] != "Deal #2" || first["opportunity"] != 158.88 || first["stageId"] != "PREPARATION" {
			t.Errorf("item %v", first)
		}
		if first["ufCrm_1700000000"] != "REF-00002" || first["entityTypeId"] != 2.0 {
			t.Errorf("item %v", first)
		}
		if _, ok := first["TITLE"]; ok {
			t.Error("legacy key in crm.item")
		}
		if r.body["total"] != 59.0 || r.body["next"] != 50.0 {
			t.Errorf("total %v next %v", r.body["total"], r.body["next"])
		}
	})
	t.Run("original UF names", func(t *testing.T) {
		r := c.ok("crm.item.list", m{"entityTypeId": 2, "select": []string{"ufCrm_1700000000"}, "filter": m{"id": 3}, "useOriginalUfNames": "Y"})
		item := obj(t, list(t, obj(t, r)["items"])[0])
		if item["UF_CRM_1700000000"] != "REF-00003" {
			t.Errorf("item %v", item)
		}
	})
	t.Run("same records as legacy", func(t *testing.T) {
		legacy := obj(t, c.ok("crm.deal.get", m{"id": 7}))
		item := obj(t, obj(t, c.ok("crm.item.get", m{"entityTypeId": 2, "id": 7}))["item"])
		if legacy["TITLE"] != item["title"] || legacy["ID"] != "7" || item["id"] != 7.0 || legacy["ASSIGNED_BY_ID"] != "2" || item["assignedById"] != 2.0 {
			t.Errorf("legacy %v\nitem %v", legacy, item)
		}
		if legacy["DATE_CREATE"] != item["createdTime"] {
			t.Errorf("dates %v vs %v", legacy["DATE_CREATE"], item["createdTime"])
		}
	})
	t.Run("add update delete", func(t *testing.T) {
		added := obj(t, obj(t, c.ok("crm.item.add", m{"entityTypeId": 3, "fields": m{"name": "Klaus", "lastName": "Weber", "ufCrm_55": "x"}}))["item"])
		id := added["id"]
		if added["name"] != "Klaus" || added["ufCrm_55"] != "x" {
			t.Errorf("added %v", added)
		}
		legacy := obj(t, c.ok("crm.contact.get", m{"id": id}))
		if legacy["LAST_NAME"] != "Weber" || legacy["UF_CRM_55"] != "x" {
			t.Errorf("legacy view %v", legacy)
		}
		updated := obj(t, obj(t, c.ok("crm.item.update", m{"entityTypeId": 3, "id": id, "fields": m{"lastName": "Wagner"}}))["item"])
		if updated["lastName"] != "Wagner" || updated["name"] != "Klaus" {
			t.Errorf("updated %v", updated)
		}
		r := c.call("crm.item.delete", m{"entityTypeId": 3, "id": id})
		if string(r.raw[:len(`{"result":[]`)]) != `{"result":[]` {
			t.Errorf("delete: %s", r.raw)
		}
		if r := c.call("crm.item.get", m{"entityTypeId": 3, "id": id}); r.status != 400 || r.errorCode() != "NOT_FOUND" {
			t.Errorf("get after delete: %d %s", r.status, r.raw)
		}
	})
	t.Run("errors", func(t *testing.T) {
		tests := []struct {
			name     string
			method   string
			params   m
			wantCode string
			wantDesc string
		}{
			{"unknown entity type", "crm.item.list", m{"entityTypeId": 1036}, "NOT_FOUND", "Smart process not found"},
			{"bad filter field", "crm.item.list", m{"entityTypeId": 4, "filter": m{">ddId": 2}}, "INVALID_ARG_VALUE", "Invalid filter: field 'ddId' is not allowed in filter"},
			{"legacy name in filter", "crm.item.list", m{"entityTypeId": 2, "filter": m{"ID": 2}}, "INVALID_ARG_VALUE", "Invalid filter: field 'ID' is not allowed in filter"},
			{"bad order field", "crm.item.list", m{"entityTypeId": 2, "order": m{"ID": "ASC"}}, "INVALID_ARG_VALUE", "Invalid order: field 'ID' is not allowed in order"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := c.call(tt.method, tt.params)
				if r.status != 400 || r.errorCode() != tt.wantCode || r.errorDescription() != tt.wantDesc {
					t.Errorf("got %d %s", r.status, r.raw)
				}
			})
		}
	})
	t.Run("logic OR group", func(t *testing.T) {
		r := c.ok("crm.item.list", m{"entityTypeId": 2, "select": []string{"id"}, "filter": m{
			"0":        m{"logic": "OR", "0": m{"stageId": "WON"}, "1": m{"stageId": "LOSE"}},
			"<=id":     14,
			"@stageId": []string{"WON", "LOSE", "NEW"},
		}})
		if got := ids(t, obj(t, r)["items"], "id"); !equalStrings(got, []string{"6", "7", "13", "14"}) {
			t.Errorf("got %v", got)
		}
	})
	t.Run("fields", func(t *testing.T) {
		fields := obj(t, obj(t, c.ok("crm.item.fields", m{"entityTypeId": 2}))["fields"])
		if f := obj(t, fields["stageId"]); f["upperName"] != "STAGE_ID" {
			t.Errorf("stageId %v", f)
		}
	})
}
