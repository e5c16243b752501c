package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/b24run/b24run/hook"
)

func TestPlanAnswersWritesPlausibly(t *testing.T) {
	p := &Plan{}
	ctx := context.Background()
	cases := []struct {
		method string
		params any
		want   string
	}{
		{"crm.deal.add", map[string]any{"fields": map[string]any{"TITLE": "x"}}, `-1`},
		{"crm.deal.update", map[string]any{"id": 5}, `true`},
		{"crm.item.add", hook.Object{{Key: "entityTypeId", Value: 2}, {Key: "fields", Value: hook.Object{{Key: "title", Value: "x"}}}}, `{"item":{"id":-2,"title":"x"}}`},
		{"crm.item.update", map[string]any{"id": 9, "fields": map[string]any{"stageId": "WON"}}, `{"item":{"id":9,"stageId":"WON"}}`},
		{"crm.item.delete", map[string]any{"id": 9}, `[]`},
		{"tasks.task.add", map[string]any{"fields": map[string]any{"TITLE": "t"}}, `{"task":{"id":"-3","TITLE":"t"}}`},
		{"tasks.task.update", nil, `{"task":true}`},
		{"im.notify.system.add", nil, `-4`},
		{"crm.timeline.comment.add", nil, `-5`},
		{"something.odd", nil, `true`},
	}
	for _, c := range cases {
		got, err := p.Write(ctx, c.method, c.params)
		if err != nil || string(got) != c.want {
			t.Errorf("%s: got %s %v, want %s", c.method, got, err, c.want)
		}
	}
	var table, lines bytes.Buffer
	if err := p.WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(table.String(), "10 write(s)") || !strings.Contains(table.String(), `crm.deal.add              1      {"fields":{"TITLE":"x"}}`) {
		t.Errorf("table:\n%s", table.String())
	}
	if err := p.WriteJSONLines(&lines); err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(strings.TrimSpace(lines.String()), "\n")
	var first PlanEntry
	if len(rows) != 10 || json.Unmarshal([]byte(rows[0]), &first) != nil || first.Seq != 1 || first.Method != "crm.deal.add" {
		t.Errorf("JSON lines:\n%s", lines.String())
	}
}

func TestNewEvent(t *testing.T) {
	ev, err := NewEvent("onCrmDealAdd", json.RawMessage(`{"FIELDS":{"ID":"7"}}`), "https://x.bitrix24.com", timeZero)
	if err != nil {
		t.Fatal(err)
	}
	got := string(ev.JSON())
	if got != `{"event":"ONCRMDEALADD","event_handler_id":"0","data":{"FIELDS":{"ID":"7"}},"ts":"0","auth":{"client_endpoint":"https://x.bitrix24.com/rest/","domain":"x.bitrix24.com","member_id":"","server_endpoint":"https://oauth.bitrix.info/rest/"}}` {
		t.Errorf("event %s", got)
	}
	if strings.Contains(got, "application_token") {
		t.Error("the token must not reach scripts")
	}
	if _, err := NewEvent("X", json.RawMessage(`{bad`), "", timeZero); err == nil {
		t.Error("bad data accepted")
	}
	if _, err := NewEvent(" ", nil, "", timeZero); err == nil {
		t.Error("empty event name accepted")
	}
}

var timeZero = time.Unix(0, 0)
