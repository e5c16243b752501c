package hook_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/b24run/b24run/hook"
	"github.com/b24run/b24run/sandbox"
)

func TestCallDecodesTheEnvelope(t *testing.T) {
	t.Parallel()
	p, c := portalClient(t, sandbox.Options{Limits: sandbox.Limits{OperatingBudget: time.Hour}})
	if err := p.Seed("deal", 60); err != nil {
		t.Fatal(err)
	}
	resp, err := c.Call(context.Background(), "crm.deal.list", map[string]any{"select": []string{"ID"}})
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	if err := json.Unmarshal(resp.Result, &rows); err != nil || len(rows) != 50 {
		t.Fatalf("result %s: %v", resp.Result, err)
	}
	if !resp.HasTotal || resp.Total != 60 || !resp.HasNext || resp.Next != 50 || !resp.Time.HasOperating || resp.Time.OperatingResetAt == 0 {
		t.Errorf("envelope %+v", resp)
	}
	_, err = c.Call(context.Background(), "no.such.method", nil)
	var e *hook.Error
	if !errors.As(err, &e) || e.Code != "ERROR_METHOD_NOT_FOUND" || e.Status != 404 || e.Method != "no.such.method" {
		t.Errorf("unknown method: %v", err)
	}
	_, err = c.Call(context.Background(), "crm.deal.get", map[string]any{"id": 999999})
	if !errors.As(err, &e) || e.Status != 400 || e.Description != "Not found" {
		t.Errorf("legacy not found: %v", err)
	}
}

func TestRetriesOfCallsThePortalDidNotRun(t *testing.T) {
	t.Parallel()
	p, c := portalClient(t, sandbox.Options{})
	ctx := context.Background()
	p.Inject(sandbox.Fault{Status: 503, Code: "QUERY_LIMIT_EXCEEDED", Description: "Too many requests", Count: 2})
	if _, err := c.Call(ctx, "crm.deal.add", map[string]any{"fields": map[string]any{"TITLE": "x"}}); err != nil {
		t.Fatalf("a write refused with QUERY_LIMIT_EXCEEDED is safe to repeat: %v", err)
	}
	if got := p.Count("deal"); got != 1 {
		t.Errorf("%d deals, want 1", got)
	}
	if st := c.Stats(); st.QueryLimitHits != 2 || st.Retries != 2 {
		t.Errorf("stats %+v", st)
	}
}

func TestOperationTimeLimitWaitsForTheReset(t *testing.T) {
	t.Parallel()
	// A tiny budget and window: the client must wait for the portal's reset
	// time instead of hammering a blocked method.
	p, c := portalClient(t, sandbox.Options{
		Limits: sandbox.Limits{OperatingBudget: 300 * time.Millisecond, OperatingWindow: 2 * time.Second},
		Cost:   sandbox.Cost{PerCommand: 100 * time.Millisecond},
	}, hook.WithLimits(hook.Limits{OperatingBudget: 300 * time.Millisecond, OperatingWindow: 2 * time.Second}))
	if err := p.Seed("deal", 5); err != nil {
		t.Fatal(err)
	}
	for i := range 8 {
		if _, err := c.Call(context.Background(), "crm.deal.list", nil); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if r := p.Stats().Rejected["OPERATION_TIME_LIMIT"]; r > 1 {
		t.Errorf("%d calls refused with OPERATION_TIME_LIMIT", r)
	}
}

func TestWritesAreNeverAppliedTwice(t *testing.T) {
	t.Parallel()
	// Every fault strikes after the portal ran the call: a client that
	// replays writes would apply them twice.
	p, c := portalClient(t, sandbox.Options{Faults: sandbox.Faults{Seed: 3, Rate: 0.3, AfterExecution: 1,
		Kinds: []sandbox.FaultKind{sandbox.Fault500, sandbox.Fault502HTML, sandbox.FaultReset}}})
	var ok, unknown atomic.Int64
	var wg sync.WaitGroup
	for i := range 60 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.Call(context.Background(), "crm.deal.add", map[string]any{"fields": map[string]any{"TITLE": fmt.Sprint("deal ", i)}})
			switch {
			case err == nil:
				ok.Add(1)
			case errors.Is(err, hook.ErrOutcomeUnknown):
				unknown.Add(1)
			default:
				t.Errorf("unexpected error: %v", err)
			}
		}()
	}
	wg.Wait()
	st := p.Stats()
	for rec, n := range st.Writes {
		if n != 1 {
			t.Errorf("%s applied %d times", rec, n)
		}
	}
	if unknown.Load() == 0 {
		t.Error("no fault struck a write")
	}
	if got := p.Count("deal"); int64(got) != ok.Load()+unknown.Load() {
		t.Errorf("%d deals for %d successes and %d unknown outcomes", got, ok.Load(), unknown.Load())
	}
	// Reads under the same faults are repeated until they succeed.
	for range 20 {
		if _, err := c.Call(context.Background(), "crm.deal.list", nil); err != nil {
			t.Errorf("read: %v", err)
		}
	}
}

func TestSharedClientStaysWithinTheBucket(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("takes about 25 s: the standard bucket drains 2 requests a second")
	}
	p := sandbox.StartTest(t, sandbox.Options{Limits: sandbox.StandardLimits()})
	c, err := hook.FromWebhookURL(p.WebhookURL(), hook.WithLoopbackHTTP(), hook.WithPlan(hook.PlanStandard))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 3 {
				method := []string{"user.current", "server.time", "profile"}[(g+i)%3]
				if _, err := c.Call(context.Background(), method, nil); err != nil {
					t.Errorf("goroutine %d: %v", g, err)
				}
			}
		}()
	}
	wg.Wait()
	st := p.Stats()
	if r := st.Rejected["QUERY_LIMIT_EXCEEDED"]; r != 0 || c.Stats().QueryLimitHits != 0 {
		t.Errorf("%d requests refused with QUERY_LIMIT_EXCEEDED", r)
	}
	if st.Executed != 96 {
		t.Errorf("%d requests executed, want 96", st.Executed)
	}
}

func TestBatchByChunkKeysErrorsByGlobalPosition(t *testing.T) {
	t.Parallel()
	p, c := portalClient(t, sandbox.Options{Cost: sandbox.Cost{PerCommand: time.Millisecond}})
	if err := p.Seed("contact", 2); err != nil {
		t.Fatal(err)
	}
	cmds := make([]hook.Command, 150)
	for i := range cmds {
		id := 2
		if i == 39 || i == 79 || i == 119 {
			id = 999999 // fails
		}
		cmds[i] = hook.Command{Method: "crm.item.get", Params: map[string]any{"entityTypeId": 3, "id": id}}
	}
	res, err := c.BatchByChunk(context.Background(), cmds, false)
	if err != nil {
		t.Fatal(err)
	}
	var failed []string
	for i, cr := range res.Commands {
		if cr.Key != fmt.Sprint(i) {
			t.Fatalf("command %d keyed %q", i, cr.Key)
		}
		if cr.Err != nil {
			failed = append(failed, cr.Key)
		} else if !bytes.Contains(cr.Result, []byte(`"id":2`)) {
			t.Fatalf("command %d result %s", i, cr.Result)
		}
	}
	if strings.Join(failed, ",") != "39,79,119" {
		t.Errorf("failed keys %v", failed)
	}
	if st := p.Stats(); st.MaxInFlight < 2 {
		t.Errorf("chunks did not overlap (max in flight %d)", st.MaxInFlight)
	}
}

func TestBatchHaltAndReferences(t *testing.T) {
	t.Parallel()
	p, c := portalClient(t, sandbox.Options{})
	if err := p.Seed("deal", 3); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	cmds := []hook.Command{
		{Name: "deal", Method: "crm.deal.get", Params: map[string]any{"id": 2}},
		{Name: "same", Method: "crm.deal.get", Params: map[string]any{"id": "$result[deal][ID]"}},
		{Name: "bad", Method: "crm.deal.get", Params: map[string]any{"id": 424242}},
		{Name: "after", Method: "user.current"},
	}
	res, err := c.Batch(ctx, cmds, true)
	if err != nil {
		t.Fatal(err)
	}
	r := res.Commands
	if !bytes.Contains(r[1].Result, []byte(`"ID":"2"`)) || r[2].Err == nil || r[3].Answered {
		t.Errorf("halt: %+v", r)
	}
	res, err = c.Batch(ctx, cmds, false)
	if err != nil {
		t.Fatal(err)
	}
	if r := res.Commands; r[2].Err == nil || !r[3].Answered || r[3].Err != nil || len(res.Failed()) != 1 {
		t.Errorf("no halt: %+v", r)
	}
}

func TestTheSecretNeverLeaks(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	p, c := portalClient(t, sandbox.Options{}, hook.WithLogger(logger), hook.WithRetries(1), hook.WithTimeout(300*time.Millisecond))
	secret := p.Secret()
	ctx := context.Background()
	var errs []error
	collect := func(_ any, err error) { errs = append(errs, err) }

	p.Inject(sandbox.Fault{Kind: sandbox.Fault502HTML, Count: 2})
	collect(c.Call(ctx, "crm.deal.list", nil))
	p.Inject(sandbox.Fault{Kind: sandbox.FaultReset, Count: 2})
	collect(c.Call(ctx, "crm.deal.add", map[string]any{"fields": map[string]any{"TITLE": "x"}}))
	p.Inject(sandbox.Fault{Kind: sandbox.FaultSlow, Count: 2})
	collect(c.Call(ctx, "server.time", nil))
	p.Inject(sandbox.Fault{Kind: sandbox.Fault500, Count: 1})
	collect(c.Call(ctx, "crm.deal.update", map[string]any{"id": 1}))
	collect(c.Call(ctx, "no.such.method", nil))
	collect(c.Batch(ctx, []hook.Command{{Method: "crm.deal.get", Params: map[string]any{"id": "$result[x][ID]"}}}, true))
	wrong, _ := hook.FromWebhookURL(strings.Replace(p.WebhookURL(), secret, "wrong"+secret[5:], 1), hook.WithLoopbackHTTP())
	collect(wrong.Call(ctx, "user.current", nil))
	collect(hook.FromWebhookURL("http://example.com/rest/1/" + secret))
	collect(hook.FromWebhookURL("https://example.com/rest/x/" + secret))
	collect(hook.New(hook.Params{B24URL: "https://example.com/rest/", UserID: 1, Secret: secret}))
	dead, _ := hook.FromWebhookURL("http://127.0.0.1:1/rest/1/"+secret, hook.WithLoopbackHTTP(), hook.WithRetries(0))
	collect(dead.Call(ctx, "user.current", nil))

	failures := 0
	for i, err := range errs {
		if err == nil {
			continue
		}
		failures++
		for _, text := range []string{err.Error(), fmt.Sprintf("%+v %#v", err, err)} {
			if strings.Contains(text, secret) {
				t.Errorf("error %d shows the secret: %s", i, text)
			}
		}
	}
	if failures < 8 {
		t.Errorf("only %d of the error paths failed", failures)
	}
	if strings.Contains(logs.String(), secret) {
		t.Error("the log shows the secret")
	}
	if !strings.Contains(logs.String(), "retrying") {
		t.Error("retries were not logged")
	}
}

func TestDryRunSendsOnlyReads(t *testing.T) {
	t.Parallel()
	rec := &writeRecorder{}
	p, c := portalClient(t, sandbox.Options{}, hook.WithDryRun(rec))
	if err := p.Seed("deal", 3); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	resp, err := c.Call(ctx, "crm.deal.add", map[string]any{"fields": map[string]any{"TITLE": "new"}})
	if err != nil || string(resp.Result) != "-1" {
		t.Fatalf("dry-run add: %v %s", err, resp.Result)
	}
	res, err := c.Batch(ctx, []hook.Command{
		{Name: "add", Method: "crm.deal.add", Params: map[string]any{"fields": map[string]any{"TITLE": "a"}}},
		{Name: "get", Method: "crm.deal.get", Params: map[string]any{"id": 1}},
		{Name: "upd", Method: "crm.deal.update", Params: map[string]any{"id": "$result[add]"}},
	}, true)
	if err != nil {
		t.Fatal(err)
	}
	if string(res.Commands[0].Result) != "-2" || !bytes.Contains(res.Commands[1].Result, []byte(`"ID":"1"`)) || string(res.Commands[2].Result) != "true" {
		t.Errorf("batch %+v", res.Commands)
	}
	if st := p.Stats(); len(st.Writes) != 0 || p.Count("deal") != 3 {
		t.Errorf("a write reached the portal: %+v", st.Writes)
	}
	if len(rec.calls) != 3 || rec.calls[2] != "crm.deal.update" {
		t.Errorf("recorded %v", rec.calls)
	}
}

// writeRecorder is a minimal DryRun: adds get fresh negative ids.
type writeRecorder struct {
	mu    sync.Mutex
	calls []string
}

func (w *writeRecorder) Write(_ context.Context, method string, _ any) (json.RawMessage, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.calls = append(w.calls, method)
	if strings.HasSuffix(method, ".add") {
		return json.RawMessage(fmt.Sprint(-len(w.calls))), nil
	}
	return json.RawMessage("true"), nil
}
