package hook

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// recorder is an HTTP server that records what the client puts on the wire
// and answers with a fixed body. It checks the encoder's bytes, not the
// portal's behaviour (that is the sandbox's job).
type recorder struct {
	mu     sync.Mutex
	reqs   []recorded
	answer func(r recorded) (int, string)
}

type recorded struct {
	Method, Path, ContentType string
	Body                      []byte
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	got := recorded{r.Method, r.URL.Path, r.Header.Get("Content-Type"), body}
	rec.mu.Lock()
	rec.reqs = append(rec.reqs, got)
	rec.mu.Unlock()
	status, answer := 200, `{"result":{"result":[],"result_error":[],"result_total":[],"result_next":[],"result_time":[]},"time":{}}`
	if rec.answer != nil {
		status, answer = rec.answer(got)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, answer)
}

func newRecorder(t *testing.T, answer func(recorded) (int, string)) (*recorder, *Client) {
	t.Helper()
	rec := &recorder{answer: answer}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	c, err := FromWebhookURL(srv.URL+"/rest/1/vectorsecret/", WithLoopbackHTTP(), WithRateLimit(0, 0), WithBackoff(time.Millisecond, 5*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	return rec, c
}

func TestBatchFormVectors(t *testing.T) {
	vec := loadVectors(t)
	forms := map[string][]Command{
		"array of tuples":  {{Method: "crm.deal.get", Params: Object{{"id", 1}}}, {Method: "user.current"}},
		"array of objects": {{Method: "crm.deal.get", Params: map[string]any{"id": 1}}, {Method: "user.current"}},
		"named commands":   {{Name: "deal", Method: "crm.deal.get", Params: Object{{"id", 1}}}, {Name: "me", Method: "user.current"}},
	}
	for _, f := range vec.Forms {
		t.Run(f.Name, func(t *testing.T) {
			rec, c := newRecorder(t, nil)
			if _, err := c.Batch(context.Background(), forms[f.Name], f.Halt); err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			if err := json.Compact(&want, f.Body); err != nil {
				t.Fatal(err)
			}
			got := rec.reqs[0]
			if string(got.Body) != want.String() || got.Path != f.Path || got.Method != "POST" || got.ContentType != "application/json" {
				t.Errorf("sent %s %s %s\n%s\nwant POST %s application/json\n%s", got.Method, got.Path, got.ContentType, got.Body, f.Path, want.String())
			}
		})
	}
}

func TestSingleCallOnTheWire(t *testing.T) {
	vec := loadVectors(t).SingleCall
	rec, c := newRecorder(t, func(recorded) (int, string) { return 200, `{"result":[],"time":{}}` })
	params := Object{{"filter", Object{{">ID", 5}}}, {"select", []any{"ID"}}, {"nul", nil}, {"emptyArr", []any{}},
		{"when", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}}
	if _, err := c.Call(context.Background(), "crm.deal.list", params); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Call(context.Background(), "imbot.v2.Bot.register", nil); err != nil {
		t.Fatal(err)
	}
	if got := rec.reqs[0]; string(got.Body) != vec.Body || got.Path != vec.Path {
		t.Errorf("sent %s %s, want %s %s", got.Path, got.Body, vec.Path, vec.Body)
	}
	if got := rec.reqs[1]; got.Path != "/rest/1/vectorsecret/imbot.v2.Bot.register" || string(got.Body) != "{}" {
		t.Errorf("method name or empty params changed on the wire: %s %s", got.Path, got.Body)
	}
}

func TestBatchRejectedBeforeSending(t *testing.T) {
	rec, c := newRecorder(t, nil)
	many := make([]Command, 51)
	for i := range many {
		many[i] = Command{Method: "user.current"}
	}
	cases := map[string][]Command{
		"empty":     nil,
		"51":        many,
		"mixed":     {{Name: "a", Method: "x.get"}, {Method: "y.get"}},
		"duplicate": {{Name: "a", Method: "x.get"}, {Name: "a", Method: "y.get"}},
		"no method": {{Method: ""}},
	}
	for name, cmds := range cases {
		if _, err := c.Batch(context.Background(), cmds, true); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if len(rec.reqs) != 0 {
		t.Errorf("%d requests sent for invalid batches", len(rec.reqs))
	}
}

func TestBatchAnswerShapes(t *testing.T) {
	// Numeric keys make PHP answer with arrays; named keys with objects; an
	// error may be a bare string; halt leaves later commands unanswered.
	answers := map[string]string{
		"arrays":  `{"result":{"result":[{"ID":"1"},null],"result_error":[],"result_total":[],"result_next":[],"result_time":[{"start":1},{"start":2}]},"time":{"start":1}}`,
		"objects": `{"result":{"result":{"0":{"ID":"1"}},"result_error":{"1":{"error":"NOT_FOUND","error_description":"Not found"}},"result_total":{"0":"7"},"result_next":{"0":50},"result_time":{}},"time":{}}`,
		"bare":    `{"result":{"result":[],"result_error":{"0":"SOME_CODE"},"result_total":[],"result_next":[],"result_time":[]},"time":{}}`,
	}
	for name, body := range answers {
		t.Run(name, func(t *testing.T) {
			_, c := newRecorder(t, func(recorded) (int, string) { return 200, body })
			res, err := c.Batch(context.Background(), []Command{{Method: "crm.deal.get"}, {Method: "crm.deal.get"}, {Method: "crm.deal.get"}}, true)
			if err != nil {
				t.Fatal(err)
			}
			r := res.Commands
			switch name {
			case "arrays":
				if !r[0].Answered || string(r[0].Result) != `{"ID":"1"}` || !r[1].Answered || string(r[1].Result) != "null" || r[2].Answered || r[1].Time.Start != 2 {
					t.Errorf("%+v", r)
				}
			case "objects":
				if r[0].Total != 7 || !r[0].HasNext || r[0].Next != 50 || r[1].Err == nil || r[1].Err.Code != "NOT_FOUND" || r[1].Key != "1" {
					t.Errorf("%+v", r)
				}
			case "bare":
				if r[0].Err == nil || r[0].Err.Code != "SOME_CODE" || len(res.Failed()) != 1 {
					t.Errorf("%+v", r)
				}
			}
		})
	}
}

func TestRedirectIsReportedNotFollowed(t *testing.T) {
	rec, c := newRecorder(t, nil)
	_ = rec
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://new.bitrix24.com"+r.URL.Path, http.StatusFound)
	}))
	defer srv.Close()
	c, _ = FromWebhookURL(srv.URL+"/rest/1/vectorsecret/", WithLoopbackHTTP(), WithRateLimit(0, 0))
	_, err := c.Call(context.Background(), "crm.deal.add", nil)
	if err == nil || !strings.Contains(err.Error(), "https://new.bitrix24.com") || strings.Contains(err.Error(), "vectorsecret") {
		t.Fatalf("got %v", err)
	}
}
