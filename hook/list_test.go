package hook_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/b24run/b24run/hook"
	"github.com/b24run/b24run/sandbox"
)

// portalClient starts a sandbox portal and a client for it.
func portalClient(t *testing.T, opts sandbox.Options, hopts ...hook.Option) (*sandbox.Portal, *hook.Client) {
	t.Helper()
	p := sandbox.StartTest(t, opts)
	base := []hook.Option{hook.WithLoopbackHTTP(), hook.WithRateLimit(0, 0), hook.WithBackoff(2*time.Millisecond, 20*time.Millisecond)}
	c, err := hook.FromWebhookURL(p.WebhookURL(), append(base, hopts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return p, c
}

// ids reads the id field of every row.
func ids(t *testing.T, rows []json.RawMessage, key string) []int {
	t.Helper()
	out := make([]int, len(rows))
	for i, r := range rows {
		var m map[string]any
		if err := json.Unmarshal(r, &m); err != nil {
			t.Fatal(err)
		}
		switch v := m[key].(type) {
		case string:
			out[i], _ = strconv.Atoi(v)
		case float64:
			out[i] = int(v)
		default:
			t.Fatalf("row %d has no %s: %s", i, key, r)
		}
	}
	return out
}

// seq is 1..n.
func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i + 1
	}
	return out
}

func TestListEveryRowOnce(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 49, 50, 51, 2499, 2500, 2501, 10000} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			t.Parallel()
			p, c := portalClient(t, sandbox.Options{})
			if err := p.Seed("deal", n); err != nil {
				t.Fatal(err)
			}
			for _, s := range []hook.Strategy{hook.StrategyAuto, hook.StrategyChain, hook.StrategyPages, hook.StrategyOffset} {
				if s == hook.StrategyPages && n > 2501 {
					continue // 200 requests prove nothing more
				}
				before := p.Stats().Requests
				rows, err := c.List(context.Background(), "crm.deal.list", map[string]any{"select": []string{"ID", "TITLE"}},
					hook.ListOptions{Strategy: s})
				if err != nil {
					t.Fatalf("%v: %v", s, err)
				}
				if got := ids(t, rows, "ID"); !slices.Equal(got, seq(n)) {
					t.Fatalf("%v: %d rows, want ids 1..%d in order, each once", s, len(got), n)
				}
				if s == hook.StrategyAuto {
					reqs := p.Stats().Requests - before
					if limit := 2 + (n+2499)/2500; reqs > limit { // the issue: 10,000 rows in at most 6, 100,000 in 42
						t.Errorf("%d rows took %d requests, want at most %d", n, reqs, limit)
					}
				}
			}
		})
	}
}

func TestFetchStopsWhenTheLoopBreaks(t *testing.T) {
	t.Parallel()
	p, c := portalClient(t, sandbox.Options{})
	if err := p.Seed("deal", 20000); err != nil {
		t.Fatal(err)
	}
	pages := 0
	for page, err := range c.Fetch(context.Background(), "crm.deal.list", nil, hook.ListOptions{Parallel: 4}) {
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Rows) != 50 {
			t.Fatalf("page of %d rows", len(page.Rows))
		}
		if pages++; pages == 3 {
			break
		}
	}
	time.Sleep(50 * time.Millisecond)
	after := p.Stats().Requests
	time.Sleep(100 * time.Millisecond)
	if p.Stats().Requests != after {
		t.Error("requests continue after the consumer stopped")
	}
	if after > 1+2*4 {
		t.Errorf("%d requests for 3 pages", after)
	}
}

func TestListFiltersAndBounds(t *testing.T) {
	t.Parallel()
	p, c := portalClient(t, sandbox.Options{})
	if err := p.Seed("deal", 3000); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	// The one-page-per-request walk is the reference: the simplest correct one.
	cases := []map[string]any{
		{"filter": map[string]any{"STAGE_ID": "WON"}},
		{"filter": map[string]any{"@STAGE_ID": []string{"WON", "LOSE"}, ">OPPORTUNITY": 100}},
		{"FILTER": map[string]any{">ID": 100, "<=ID": 2222}},
		{"filter": map[string]any{">=ID": 2950}, "select": []string{"TITLE"}},
		{"filter": map[string]any{"%TITLE": "7"}},
	}
	for i, params := range cases {
		want, err := c.List(ctx, "crm.deal.list", params, hook.ListOptions{Strategy: hook.StrategyPages})
		if err != nil {
			t.Fatalf("case %d reference: %v", i, err)
		}
		if len(want) == 0 {
			t.Fatalf("case %d matches nothing", i)
		}
		for _, s := range []hook.Strategy{hook.StrategyRanges, hook.StrategyChain, hook.StrategyOffset} {
			got, err := c.List(ctx, "crm.deal.list", params, hook.ListOptions{Strategy: s})
			if err != nil {
				t.Fatalf("case %d %v: %v", i, s, err)
			}
			if !slices.Equal(ids(t, got, "ID"), ids(t, want, "ID")) {
				t.Errorf("case %d %v: %d rows, want %d", i, s, len(got), len(want))
			}
		}
	}
	if _, err := c.List(ctx, "crm.deal.list", map[string]any{"filter": map[string]any{}, "FILTER": map[string]any{}}, hook.ListOptions{}); err == nil {
		t.Error("two spellings of filter accepted")
	}
}

func TestListSparseIDs(t *testing.T) {
	t.Parallel()
	p, c := portalClient(t, sandbox.Options{})
	if err := p.Seed("deal", 12000); err != nil {
		t.Fatal(err)
	}
	// A dense head, a sparse middle, a gap, a dense tail: the density of the
	// first page says nothing of the rest.
	var want []int
	for id := 1; id <= 12000; id++ {
		keep := id <= 60 || (id < 6000 && id%37 == 0) || id > 9000
		if !keep {
			if err := p.Delete("deal", id); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want = append(want, id)
	}
	rows, err := c.List(context.Background(), "crm.deal.list", nil, hook.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(t, rows, "ID"); !slices.Equal(got, want) {
		t.Fatalf("%d rows, want %d", len(got), len(want))
	}
}

func TestListKeyQuirks(t *testing.T) {
	t.Parallel()
	p, c := portalClient(t, sandbox.Options{})
	for _, e := range []string{"deal", "task"} {
		if err := p.Seed(e, 130); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	cases := []struct {
		method string
		params map[string]any
		opts   hook.ListOptions
		key    string
	}{
		{"crm.item.list", map[string]any{"entityTypeId": 2, "select": []string{"id", "title"}}, hook.ListOptions{}, "id"},
		{"crm.item.list", map[string]any{"entityTypeId": 2}, hook.ListOptions{IDKey: "ID"}, "id"}, // the JS SDK's default key
		{"tasks.task.list", map[string]any{"select": []string{"ID", "TITLE"}}, hook.ListOptions{}, "id"},
		{"tasks.task.list", nil, hook.ListOptions{IDKey: "id", CursorKey: "ID", ResultKey: "tasks", Strategy: hook.StrategyPages}, "id"},
	}
	for _, tc := range cases {
		rows, err := c.List(ctx, tc.method, tc.params, tc.opts)
		if err != nil {
			t.Fatalf("%s %+v: %v", tc.method, tc.opts, err)
		}
		if got := ids(t, rows, tc.key); !slices.Equal(got, seq(130)) {
			t.Errorf("%s %+v: %d rows", tc.method, tc.opts, len(got))
		}
	}
}

func TestListCallerOrder(t *testing.T) {
	t.Parallel()
	p, c := portalClient(t, sandbox.Options{})
	if err := p.Seed("deal", 3100); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	rows, err := c.List(ctx, "crm.deal.list", map[string]any{"order": map[string]any{"OPPORTUNITY": "DESC"}, "select": []string{"ID", "OPPORTUNITY"}}, hook.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var amounts []float64
	for _, r := range rows {
		var m struct{ OPPORTUNITY string }
		_ = json.Unmarshal(r, &m)
		f, _ := strconv.ParseFloat(m.OPPORTUNITY, 64)
		amounts = append(amounts, f)
	}
	if len(rows) != 3100 || !slices.IsSortedFunc(amounts, func(a, b float64) int { return -compare(a, b) }) {
		t.Errorf("%d rows, sorted by amount descending: %v", len(rows), slices.IsSortedFunc(amounts, func(a, b float64) int { return -compare(a, b) }))
	}
	got := ids(t, rows, "ID")
	slices.Sort(got)
	if !slices.Equal(got, seq(3100)) {
		t.Error("offset walk lost or repeated rows")
	}
	desc, err := c.List(ctx, "crm.deal.list", map[string]any{"order": map[string]any{"ID": "desc"}}, hook.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := seq(3100)
	slices.Reverse(want)
	if !slices.Equal(ids(t, desc, "ID"), want) {
		t.Error("descending id walk")
	}
}

func compare(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestListCursorThatDoesNotAdvance(t *testing.T) {
	t.Parallel()
	// A method that ignores the id filter answers the same page forever.
	requests := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests++
		var rows []string
		for i := 1; i <= 50; i++ {
			rows = append(rows, fmt.Sprintf(`{"ID":"%d"}`, i))
		}
		page := "[" + strings.Join(rows, ",") + "]"
		if strings.HasSuffix(r.URL.Path, "/batch") {
			var body struct{ Cmd map[string]string }
			_ = json.NewDecoder(r.Body).Decode(&body)
			var parts []string
			for k := range body.Cmd {
				parts = append(parts, fmt.Sprintf("%q:%s", k, page))
			}
			fmt.Fprintf(w, `{"result":{"result":{%s},"result_error":[]},"time":{}}`, strings.Join(parts, ","))
			return
		}
		fmt.Fprintf(w, `{"result":%s,"time":{}}`, page)
	}))
	defer srv.Close()
	c, _ := hook.FromWebhookURL(srv.URL+"/rest/1/s3cr3t/", hook.WithLoopbackHTTP(), hook.WithRateLimit(0, 0))
	for _, s := range []hook.Strategy{hook.StrategyRanges, hook.StrategyChain, hook.StrategyPages} {
		requests = 0
		_, err := c.List(context.Background(), "stuck.list", nil, hook.ListOptions{Strategy: s, Parallel: 1})
		if !errors.Is(err, hook.ErrCursorStalled) {
			t.Errorf("%v: want ErrCursorStalled, got %v", s, err)
		}
		if requests > 3 {
			t.Errorf("%v: %d requests before giving up", s, requests)
		}
	}
}

func TestListUnderFaults(t *testing.T) {
	t.Parallel()
	p, c := portalClient(t, sandbox.Options{Faults: sandbox.Faults{Seed: 7, Rate: 0.10, AfterExecution: 0.5, SlowDelay: 50 * time.Millisecond}},
		hook.WithRetries(8), hook.WithTimeout(2*time.Second))
	if err := p.Seed("deal", 10000); err != nil {
		t.Fatal(err)
	}
	for _, s := range []hook.Strategy{hook.StrategyRanges, hook.StrategyChain, hook.StrategyOffset} {
		rows, err := c.List(context.Background(), "crm.deal.list", map[string]any{"select": []string{"ID"}}, hook.ListOptions{Strategy: s})
		if err != nil {
			t.Fatalf("%v: %v", s, err)
		}
		if !slices.Equal(ids(t, rows, "ID"), seq(10000)) {
			t.Fatalf("%v: %d rows", s, len(rows))
		}
	}
	st := p.Stats()
	if faults := st.Faults[sandbox.Fault500] + st.Faults[sandbox.Fault502HTML] + st.Faults[sandbox.FaultReset]; faults == 0 {
		t.Error("no faults were injected")
	}
}

func TestListMaxRows(t *testing.T) {
	t.Parallel()
	p, c := portalClient(t, sandbox.Options{})
	if err := p.Seed("deal", 300); err != nil {
		t.Fatal(err)
	}
	_, err := c.List(context.Background(), "crm.deal.list", nil, hook.ListOptions{MaxRows: 120})
	if err == nil || !strings.Contains(err.Error(), "more than 120 rows") {
		t.Errorf("got %v", err)
	}
}

func TestListProgress(t *testing.T) {
	t.Parallel()
	p, c := portalClient(t, sandbox.Options{})
	if err := p.Seed("deal", 120); err != nil {
		t.Fatal(err)
	}
	var seen []hook.Progress
	_, err := c.List(context.Background(), "crm.deal.list", nil, hook.ListOptions{Count: true, Progress: func(pr hook.Progress) { seen = append(seen, pr) }})
	if err != nil {
		t.Fatal(err)
	}
	want := []hook.Progress{{Rows: 50, Total: 120}, {Rows: 100, Total: 120}, {Rows: 120, Total: 120}}
	if !slices.Equal(seen, want) {
		t.Errorf("progress %+v, want %+v", seen, want)
	}
}

func TestListErrorIsThePortals(t *testing.T) {
	t.Parallel()
	p, c := portalClient(t, sandbox.Options{})
	if err := p.Seed("deal", 10); err != nil {
		t.Fatal(err)
	}
	_, err := c.List(context.Background(), "crm.item.list", map[string]any{"entityTypeId": 2, "filter": map[string]any{"colour": "red"}}, hook.ListOptions{})
	var e *hook.Error
	if !errors.As(err, &e) || e.Code != "INVALID_ARG_VALUE" || e.Status != 400 {
		t.Errorf("got %#v, want the portal's own 400 INVALID_ARG_VALUE", err)
	}
}
