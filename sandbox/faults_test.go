package sandbox

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// rawAdd posts crm.deal.add with its own client and returns the status, content
// type and body, or the transport error.
func rawAdd(p *Portal, client *http.Client) (int, string, string, error) {
	resp, err := client.Post(p.WebhookURL()+"crm.deal.add", "application/json", strings.NewReader(`{"fields":{"TITLE":"f"}}`))
	if err != nil {
		return 0, "", "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), string(body), err
}

func TestScriptedFaults(t *testing.T) {
	tests := []struct {
		kind       FaultKind
		after      bool
		wantStatus int // 0: transport error
		wantBody   string
	}{
		{Fault500, false, 500, `{"error":"INTERNAL_SERVER_ERROR","error_description":"Internal server error"}`},
		{Fault500, true, 500, `{"error":"INTERNAL_SERVER_ERROR","error_description":"Internal server error"}`},
		{Fault502HTML, false, 502, "<center><h1>502 Bad Gateway</h1></center>"},
		{Fault502HTML, true, 502, "<center><h1>502 Bad Gateway</h1></center>"},
		{FaultReset, false, 0, ""},
		{FaultReset, true, 0, ""},
	}
	for _, tt := range tests {
		name := tt.kind.String() + map[bool]string{false: " before", true: " after"}[tt.after]
		t.Run(name, func(t *testing.T) {
			p := StartTest(t, Options{})
			p.Inject(Fault{Kind: tt.kind, AfterExecution: tt.after})
			client := &http.Client{Timeout: 10 * time.Second}
			status, ctype, body, err := rawAdd(p, client)
			if tt.wantStatus == 0 {
				if err == nil {
					t.Fatalf("want a transport error, got %d %s", status, body)
				}
			} else {
				if err != nil || status != tt.wantStatus || !strings.Contains(body, tt.wantBody) {
					t.Fatalf("got %d %q %v", status, body, err)
				}
				if tt.kind == Fault502HTML && !strings.HasPrefix(ctype, "text/html") {
					t.Errorf("content type %q", ctype)
				}
			}
			wantCount := map[bool]int{false: 0, true: 1}[tt.after]
			st := p.Stats()
			if p.Count("deal") != wantCount || st.Writes["deal:1"] != wantCount || st.Executed != wantCount {
				t.Errorf("count %d, writes %v, executed %d; want %d", p.Count("deal"), st.Writes, st.Executed, wantCount)
			}
			if st.Faults[tt.kind] != 1 {
				t.Errorf("faults %v", st.Faults)
			}
			// The fault is used up; the next request succeeds.
			if status, _, body, err := rawAdd(p, client); err != nil || status != 200 {
				t.Errorf("next request: %d %s %v", status, body, err)
			}
		})
	}
}

func TestSlowFault(t *testing.T) {
	t.Run("before, patient client", func(t *testing.T) {
		p := StartTest(t, Options{Faults: Faults{SlowDelay: 200 * time.Millisecond}})
		p.Inject(Fault{Kind: FaultSlow})
		start := time.Now()
		status, _, body, err := rawAdd(p, http.DefaultClient)
		if err != nil || status != 200 || time.Since(start) < 200*time.Millisecond {
			t.Fatalf("got %d %s %v after %v", status, body, err, time.Since(start))
		}
		if p.Count("deal") != 1 || p.Stats().Faults[FaultSlow] != 1 {
			t.Errorf("count %d stats %+v", p.Count("deal"), p.Stats())
		}
	})
	t.Run("before, impatient client: never runs", func(t *testing.T) {
		p := StartTest(t, Options{Faults: Faults{SlowDelay: 300 * time.Millisecond}})
		p.Inject(Fault{Kind: FaultSlow})
		if _, _, _, err := rawAdd(p, &http.Client{Timeout: 50 * time.Millisecond}); err == nil {
			t.Fatal("want a timeout")
		}
		time.Sleep(500 * time.Millisecond)
		if p.Count("deal") != 0 || p.Stats().Executed != 0 {
			t.Errorf("the request ran after its client gave up")
		}
	})
	t.Run("after, impatient client: ran, answer lost", func(t *testing.T) {
		p := StartTest(t, Options{Faults: Faults{SlowDelay: 5 * time.Second}})
		p.Inject(Fault{Kind: FaultSlow, AfterExecution: true, Method: "CRM.DEAL.ADD"})
		if _, _, _, err := rawAdd(p, &http.Client{Timeout: 100 * time.Millisecond}); err == nil {
			t.Fatal("want a timeout")
		}
		if p.Count("deal") != 1 || p.Stats().Writes["deal:1"] != 1 {
			t.Errorf("count %d writes %v", p.Count("deal"), p.Stats().Writes)
		}
	})
}

func TestCustomFault(t *testing.T) {
	p := StartTest(t, Options{})
	c := newTestClient(t, p)
	p.Inject(Fault{Method: "crm.deal.add", Count: 2, Status: 503, Code: "QUERY_LIMIT_EXCEEDED", Description: "Too many requests"})
	if r := c.call("server.time", nil); r.status != 200 {
		t.Fatalf("unmatched method hit: %d", r.status)
	}
	for i := 0; i < 2; i++ {
		r := c.call("crm.deal.add", m{"fields": m{"TITLE": "x"}})
		if r.status != 503 || r.errorCode() != "QUERY_LIMIT_EXCEEDED" {
			t.Fatalf("attempt %d: %d %s", i, r.status, r.raw)
		}
	}
	if r := c.call("crm.deal.add", m{"fields": m{"TITLE": "x"}}); r.status != 200 {
		t.Fatalf("third attempt: %d %s", r.status, r.raw)
	}
	if st := p.Stats(); st.Faults[FaultCustom] != 2 || p.Count("deal") != 1 {
		t.Errorf("stats %+v", st)
	}
}

func TestRandomFaultsAreSeeded(t *testing.T) {
	run := func(seed int64) string {
		p := StartTest(t, Options{Faults: Faults{Seed: seed, Rate: 0.5, Kinds: []FaultKind{Fault500, Fault502HTML}, AfterExecution: 0.5}})
		var out bytes.Buffer
		for i := 0; i < 40; i++ {
			status, _, _, err := rawAdd(p, http.DefaultClient)
			if err != nil {
				t.Fatal(err)
			}
			out.WriteString(map[int]string{200: ".", 500: "5", 502: "2"}[status])
		}
		st := p.Stats()
		if st.Faults[Fault500]+st.Faults[Fault502HTML] == 0 || st.Faults[Fault500]+st.Faults[Fault502HTML] == 40 {
			t.Errorf("rate 0.5 gave %v", st.Faults)
		}
		if p.Count("deal") <= strings.Count(out.String(), ".") {
			// Some faults struck after execution, so more deals exist than successes.
			t.Errorf("after-execution faults applied no writes: %d deals, %s", p.Count("deal"), out.String())
		}
		return out.String()
	}
	a, b := run(42), run(42)
	if a != b {
		t.Errorf("same seed, different faults:\n%s\n%s", a, b)
	}
	if c := run(7); c == a {
		t.Errorf("different seeds gave the same sequence %s", c)
	}
}
