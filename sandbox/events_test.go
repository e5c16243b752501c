package sandbox

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"
)

// delivery is one request an event handler received.
type delivery struct {
	contentType string
	body        string
}

func eventSink(t *testing.T, status int) (*httptest.Server, chan delivery) {
	t.Helper()
	ch := make(chan delivery, 16)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ch <- delivery{contentType: r.Header.Get("Content-Type"), body: string(body)}
		w.WriteHeader(status)
	}))
	t.Cleanup(srv.Close)
	return srv, ch
}

func waitDelivery(t *testing.T, ch chan delivery) delivery {
	t.Helper()
	select {
	case d := <-ch:
		return d
	case <-time.After(10 * time.Second):
		t.Fatal("no event delivered")
	}
	return delivery{}
}

func TestOutgoingEvents(t *testing.T) {
	p := StartTest(t, Options{})
	sink, ch := eventSink(t, 200)
	p.AddEventHandler(sink.URL+"/b24/handler", "jvh9y1ulvt2m6k5or90v9mg8nn32ozas", "OnCrmDealAdd", "ONCRMDEALUPDATE", "OnTaskAdd")
	c := newTestClient(t, p)

	id := c.ok("crm.deal.add", m{"fields": m{"TITLE": "evented"}})
	d := waitDelivery(t, ch)
	if d.contentType != "application/x-www-form-urlencoded" {
		t.Errorf("content type %q", d.contentType)
	}
	host := strings.TrimPrefix(p.URL(), "http://")
	pattern := `^event=ONCRMDEALADD&event_handler_id=1&data%5BFIELDS%5D%5BID%5D=1&ts=\d+` +
		`&auth%5Bdomain%5D=` + regexp.QuoteMeta(phpURLEncode(host)) +
		`&auth%5Bclient_endpoint%5D=` + regexp.QuoteMeta(phpURLEncode(p.URL()+"/rest/")) +
		`&auth%5Bserver_endpoint%5D=https%3A%2F%2Foauth.bitrix.info%2Frest%2F` +
		`&auth%5Bmember_id%5D=[0-9a-f]{32}&auth%5Bapplication_token%5D=jvh9y1ulvt2m6k5or90v9mg8nn32ozas$`
	if !regexp.MustCompile(pattern).MatchString(d.body) {
		t.Errorf("wire body:\n%s\ndoes not match\n%s", d.body, pattern)
	}
	if id != 1.0 {
		t.Errorf("id %v", id)
	}

	// Batch writes fire events too; crm.item on a deal is a deal event.
	c.call("batch", m{"cmd": []string{"crm.item.update?entityTypeId=2&id=1&fields[title]=x"}})
	if d := waitDelivery(t, ch); !strings.HasPrefix(d.body, "event=ONCRMDEALUPDATE&") {
		t.Errorf("update body %s", d.body)
	}
	c.ok("tasks.task.add", m{"fields": m{"TITLE": "t"}})
	d = waitDelivery(t, ch)
	parsed := canonical(parsePHPQuery(d.body)).(map[string]any)
	data := parsed["data"].(map[string]any)
	if parsed["event"] != "ONTASKADD" || data["FIELDS_AFTER"].(map[string]any)["ID"] != "1" || data["FIELDS_BEFORE"] != "undefined" {
		t.Errorf("task event %v", parsed)
	}
	// Not subscribed: no delivery.
	c.ok("crm.deal.delete", m{"id": 1})
	if err := p.FlushEvents(context.Background()); err != nil {
		t.Fatal(err)
	}
	select {
	case d := <-ch:
		t.Errorf("unexpected delivery %s", d.body)
	default:
	}
	if st := p.Stats(); st.Events.Sent != 3 || st.Events.Failed != 0 {
		t.Errorf("events %+v", st.Events)
	}
}

func TestEventFailuresAreNotRetried(t *testing.T) {
	p := StartTest(t, Options{})
	sink, ch := eventSink(t, 500)
	p.AddEventHandler(sink.URL, "tok", "ONCRMCONTACTADD")
	p.AddEventHandler("http://127.0.0.1:1/unreachable", "tok", "ONCRMCONTACTADD")
	newTestClient(t, p).ok("crm.contact.add", m{"fields": m{"NAME": "x"}})
	waitDelivery(t, ch)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := p.FlushEvents(ctx); err != nil {
		t.Fatal(err)
	}
	if st := p.Stats(); st.Events.Failed != 2 || st.Events.Sent != 0 {
		t.Errorf("events %+v", st.Events)
	}
	select {
	case <-ch:
		t.Error("a failed delivery was retried")
	case <-time.After(100 * time.Millisecond):
	}
}

func TestSendEvent(t *testing.T) {
	p := StartTest(t, Options{})
	sink, ch := eventSink(t, 202)
	status, err := p.SendEvent(context.Background(), sink.URL, "tok", "onCrmDealUpdate", map[string]any{"FIELDS": map[string]any{"ID": 7}})
	if err != nil || status != 202 {
		t.Fatalf("status %d err %v", status, err)
	}
	d := waitDelivery(t, ch)
	if !strings.HasPrefix(d.body, "event=ONCRMDEALUPDATE&event_handler_id=") || !strings.Contains(d.body, "&data%5BFIELDS%5D%5BID%5D=7&") {
		t.Errorf("body %s", d.body)
	}
	if _, err := p.SendEvent(context.Background(), "http://127.0.0.1:1/", "tok", "X", nil); err == nil {
		t.Error("unreachable handler gave no error")
	}
	if st := p.Stats(); st.Events.Sent != 1 || st.Events.Failed != 1 {
		t.Errorf("events %+v", st.Events)
	}
}
