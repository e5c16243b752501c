package sandbox

import (
	"sync"
	"testing"
	"time"
)

func TestLeakyBucket(t *testing.T) {
	// A slow drain keeps the test deterministic: nothing leaks out during it.
	p := StartTest(t, Options{Limits: Limits{Bucket: Bucket{Burst: 5, Rate: 0.01}}})
	c := newTestClient(t, p)
	for i := 0; i < 5; i++ {
		if r := c.call("crm.deal.add", m{"fields": m{"TITLE": "x"}}); r.status != 200 {
			t.Fatalf("request %d: %d %s", i, r.status, r.raw)
		}
	}
	// A batch is one request too.
	r := c.call("batch", m{"cmd": []string{"crm.deal.add?fields[TITLE]=y"}})
	if r.status != 503 || r.errorCode() != "QUERY_LIMIT_EXCEEDED" || r.errorDescription() != "Too many requests" {
		t.Fatalf("got %d %s", r.status, r.raw)
	}
	if r := c.call("crm.deal.add", m{"fields": m{"TITLE": "z"}}); r.status != 503 {
		t.Fatalf("got %d", r.status)
	}
	st := p.Stats()
	if p.Count("deal") != 5 || st.Executed != 5 || st.Rejected["QUERY_LIMIT_EXCEEDED"] != 2 || st.Calls["batch"] != 0 {
		t.Errorf("count %d stats %+v", p.Count("deal"), st)
	}
}

func TestLeakyBucketDrains(t *testing.T) {
	b := newLeakyBucket(Bucket{Burst: 2, Rate: 2})
	now := time.Unix(1000, 0)
	if !b.allow(now) || !b.allow(now) {
		t.Fatal("burst refused")
	}
	if b.allow(now) {
		t.Fatal("third request admitted")
	}
	// Refused requests do not raise the level: half a second frees one slot.
	if !b.allow(now.Add(500 * time.Millisecond)) {
		t.Fatal("slot not freed after 1/Rate")
	}
	if b.allow(now.Add(500 * time.Millisecond)) {
		t.Fatal("more than one slot freed")
	}
	if !b.allow(now.Add(time.Hour)) || !b.allow(now.Add(time.Hour)) || b.allow(now.Add(time.Hour)) {
		t.Fatal("bucket does not drain to empty and refill to Burst")
	}
}

func TestOperatingLimit(t *testing.T) {
	p := StartTest(t, Options{
		Limits: Limits{OperatingBudget: 100 * time.Millisecond, OperatingWindow: 10 * time.Minute},
		Cost:   Cost{PerRequest: 30 * time.Millisecond, PerCommand: 10 * time.Millisecond},
	})
	c := newTestClient(t, p)

	var ops []float64
	for i := 0; i < 3; i++ {
		r := c.call("crm.deal.list", nil)
		if r.status != 200 {
			t.Fatalf("call %d: %d %s", i, r.status, r.raw)
		}
		ops = append(ops, obj(t, r.body["time"])["operating"].(float64))
	}
	// 40ms per call: 0.04, 0.08, then 0.12 — the call that crosses 0.1 completes.
	for i, want := range []float64{0.04, 0.08, 0.12} {
		if d := ops[i] - want; d > 0.001 || d < -0.001 {
			t.Errorf("operating after call %d = %v, want %v", i+1, ops[i], want)
		}
	}
	r := c.call("crm.deal.list", nil)
	if r.status != 429 || r.errorCode() != "OPERATION_TIME_LIMIT" || r.errorDescription() != "Method is blocked due to operation time limit." {
		t.Fatalf("got %d %s", r.status, r.raw)
	}
	// Other methods keep working and have their own budget.
	r = c.call("crm.deal.add", m{"fields": m{"TITLE": "x"}})
	if r.status != 200 || obj(t, r.body["time"])["operating"].(float64) > 0.041 {
		t.Fatalf("other method: %d %s", r.status, r.raw)
	}
	st := p.Stats()
	if st.Rejected["OPERATION_TIME_LIMIT"] != 1 || st.Calls["crm.deal.list"] != 3 {
		t.Errorf("stats %+v", st)
	}
}

func TestOperatingBilledToBatch(t *testing.T) {
	p := StartTest(t, Options{
		Limits: Limits{OperatingBudget: 50 * time.Millisecond},
		Cost:   Cost{PerCommand: 10 * time.Millisecond},
	})
	c := newTestClient(t, p)
	r := c.call("batch", m{"cmd": m{"a": "crm.deal.list", "b": "crm.deal.list", "c": "crm.deal.list", "d": "crm.deal.list", "e": "crm.deal.list", "f": "crm.deal.list"}})
	if r.status != 200 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	times := obj(t, obj(t, r.result())["result_time"])
	if op := obj(t, times["a"])["operating"].(float64); op < 0.0099 || op > 0.0101 {
		t.Errorf("first row operating %v, want the batch's running 0.01", op)
	}
	if op := obj(t, times["f"])["operating"].(float64); op < 0.0599 || op > 0.0601 {
		t.Errorf("last row operating %v, want 0.06", op)
	}
	if r := c.call("batch", m{"cmd": []string{"server.time"}}); r.status != 429 {
		t.Errorf("second batch: %d %s", r.status, r.raw)
	}
	// The sub-commands were not billed to their own method.
	r = c.call("crm.deal.list", nil)
	if r.status != 200 || obj(t, r.body["time"])["operating"].(float64) > 0.011 {
		t.Errorf("crm.deal.list: %d %s", r.status, r.raw)
	}
}

func TestOperatingWindowExpires(t *testing.T) {
	m := newOperatingMeter(Limits{OperatingBudget: 3 * time.Second, OperatingWindow: 10 * time.Minute})
	t0 := time.Unix(10_000, 0)
	m.bill("crm.item.list", t0, 2*time.Second)
	m.bill("crm.item.list", t0.Add(30*time.Second), time.Second) // same one-minute bucket
	r := m.bill("crm.item.list", t0.Add(90*time.Second), time.Second)
	if r.total != 4*time.Second || !r.resetAt.Equal(t0.Add(10*time.Minute)) {
		t.Fatalf("reading %+v", r)
	}
	if !m.blocked("CRM.ITEM.LIST", t0.Add(2*time.Minute)) {
		t.Fatal("not blocked at 4s of 3s")
	}
	// The first bucket (3 s) expires ten minutes after it opened.
	after := t0.Add(10 * time.Minute)
	if m.blocked("crm.item.list", after) {
		t.Fatal("still blocked after the oldest bucket expired")
	}
	if r := m.read("crm.item.list", after); r.total != time.Second || !r.resetAt.Equal(t0.Add(90*time.Second+10*time.Minute)) {
		t.Fatalf("after expiry %+v", r)
	}
	if r := m.read("other", after); r.total != 0 || !r.resetAt.After(after) {
		t.Fatalf("unused method %+v", r)
	}
}

func TestCostSleepsAndOverlaps(t *testing.T) {
	p := StartTest(t, Options{Cost: Cost{PerRequest: 150 * time.Millisecond}})
	c := newTestClient(t, p)
	start := time.Now()
	r := c.call("server.time", nil)
	if el := time.Since(start); el < 150*time.Millisecond {
		t.Errorf("answered after %v, before the cost elapsed", el)
	}
	if proc := obj(t, r.body["time"])["processing"].(float64); proc < 0.15 {
		t.Errorf("processing %v", proc)
	}

	p.ResetStats()
	var wg sync.WaitGroup
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.call("server.time", nil)
		}()
	}
	wg.Wait()
	if st := p.Stats(); st.MaxInFlight < 2 {
		t.Errorf("MaxInFlight = %d; concurrent requests must overlap", st.MaxInFlight)
	}
}

func TestCostPerRowAndCount(t *testing.T) {
	cost := Cost{PerCommand: time.Millisecond, PerRow: time.Millisecond, Count: 10 * time.Millisecond, CountPerRecord: time.Microsecond}
	if got := cost.command(costMeter{rows: 50, counted: true, tableSize: 1000}); got != 62*time.Millisecond {
		t.Errorf("counted page cost %v", got)
	}
	if got := cost.command(costMeter{rows: 50}); got != 51*time.Millisecond {
		t.Errorf("uncounted page cost %v", got)
	}
	rc := RealisticCost()
	if rc.PerRequest+rc.command(costMeter{rows: 50}) != 65*time.Millisecond {
		t.Errorf("realistic start=-1 page: %v", rc.PerRequest+rc.command(costMeter{rows: 50}))
	}
	if StandardLimits().Bucket != (Bucket{50, 2}) || EnterpriseLimits().Bucket != (Bucket{250, 5}) || StandardLimits().OperatingBudget != 480*time.Second {
		t.Error("limit presets")
	}
}
