package sandbox

import (
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Faults makes a share of requests fail the ways real portals and their proxies
// fail, so clients' retry and idempotency logic can be tested. Decisions come from a
// PRNG seeded with Seed: the same request sequence gets the same faults.
type Faults struct {
	Seed int64
	// Rate is the fraction (0..1) of requests that passed auth and limits and get a
	// fault.
	Rate float64
	// Kinds are chosen uniformly; empty means all of Fault500, Fault502HTML,
	// FaultReset and FaultSlow.
	Kinds []FaultKind
	// AfterExecution is the fraction (0..1) of faults that strike after the request
	// ran: its writes are applied but the answer is lost, which is what makes
	// blind retries of writes dangerous.
	AfterExecution float64
	// SlowDelay is how long FaultSlow holds the answer; 0 means 2 s.
	SlowDelay time.Duration
}

// FaultKind is a way a request can fail.
type FaultKind int

const (
	// Fault500 answers 500 {"error":"INTERNAL_SERVER_ERROR","error_description":"Internal server error"}.
	Fault500 FaultKind = iota + 1
	// Fault502HTML answers an nginx-style text/html 502 Bad Gateway page, which
	// clients must not try to decode as JSON.
	Fault502HTML
	// FaultReset closes the connection without answering.
	FaultReset
	// FaultSlow answers normally after Faults.SlowDelay, respecting the request's
	// context, so clients' timeouts can be tested.
	FaultSlow
	// FaultCustom is the Stats.Faults key for scripted faults that carry their own
	// Status and Code; it is never chosen at random.
	FaultCustom
)

// String names the kind for logs and test output.
func (k FaultKind) String() string {
	switch k {
	case Fault500:
		return "500"
	case Fault502HTML:
		return "502-html"
	case FaultReset:
		return "reset"
	case FaultSlow:
		return "slow"
	case FaultCustom:
		return "custom"
	}
	return fmt.Sprintf("FaultKind(%d)", int(k))
}

// Fault is one scripted fault for deterministic tests: the next matching requests
// fail this way. Scripted faults take precedence over random ones.
type Fault struct {
	// Kind is how the request fails; without Status, anything but Fault500,
	// Fault502HTML, FaultReset or FaultSlow means Fault500.
	Kind FaultKind
	// Method matches the HTTP-level method case-insensitively ("batch",
	// "crm.deal.add"); "" matches any.
	Method string
	// Count is how many requests it hits; 0 means 1.
	Count          int
	AfterExecution bool
	// Status, Code and Description, when Status is set, replace Kind with a custom
	// JSON error answer, e.g. 503 QUERY_LIMIT_EXCEEDED or 429 OPERATION_TIME_LIMIT.
	Status      int
	Code        string
	Description string
}

// defaultSlowDelay is FaultSlow's delay when Faults.SlowDelay is 0.
const defaultSlowDelay = 2 * time.Second

// allFaultKinds lists the kinds chosen at random when Faults.Kinds is empty.
func allFaultKinds() []FaultKind {
	return []FaultKind{Fault500, Fault502HTML, FaultReset, FaultSlow}
}

// faultPlan is the decision for one request.
type faultPlan struct {
	kind   FaultKind // FaultCustom for a scripted Status/Code answer
	after  bool
	status int
	code   string
	desc   string
}

// faultState holds the seeded PRNG and the queue of scripted faults.
type faultState struct {
	mu     sync.Mutex
	cfg    Faults
	kinds  []FaultKind
	rng    *rand.Rand
	queue  []Fault
	slowBy time.Duration
}

func newFaultState(cfg Faults) *faultState {
	kinds := append([]FaultKind(nil), cfg.Kinds...)
	if len(kinds) == 0 {
		kinds = allFaultKinds()
	}
	slow := cfg.SlowDelay
	if slow <= 0 {
		slow = defaultSlowDelay
	}
	seed := uint64(cfg.Seed)
	return &faultState{
		cfg:    cfg,
		kinds:  kinds,
		rng:    rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		slowBy: slow,
	}
}

func (s *faultState) inject(f Fault) {
	if f.Count <= 0 {
		f.Count = 1
	}
	if f.Status == 0 && (f.Kind < Fault500 || f.Kind > FaultSlow) {
		f.Kind = Fault500 // a Fault without a usable Kind or Status is a plain 500
	}
	s.mu.Lock()
	s.queue = append(s.queue, f)
	s.mu.Unlock()
}

// decide returns the fault for a request to method, or nil. Scripted faults are
// consumed first; otherwise the PRNG draws, but only when Rate > 0, so enabling
// scripted faults does not shift a seeded sequence.
func (s *faultState) decide(method string) *faultPlan {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.queue {
		f := &s.queue[i]
		if f.Method != "" && !strings.EqualFold(f.Method, method) {
			continue
		}
		plan := &faultPlan{kind: f.Kind, after: f.AfterExecution}
		if f.Status != 0 {
			plan.kind, plan.status, plan.code, plan.desc = FaultCustom, f.Status, f.Code, f.Description
		}
		f.Count--
		if f.Count == 0 {
			s.queue = append(s.queue[:i], s.queue[i+1:]...)
		}
		return plan
	}
	if s.cfg.Rate <= 0 || s.rng.Float64() >= s.cfg.Rate {
		return nil
	}
	plan := &faultPlan{kind: s.kinds[s.rng.IntN(len(s.kinds))]}
	plan.after = s.rng.Float64() < s.cfg.AfterExecution
	return plan
}

// badGatewayPage is what nginx in front of a portal sends when PHP is unavailable.
const badGatewayPage = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n" +
	"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"

// writeFault answers (or drops) the request as plan says. It is not used for
// FaultSlow, which only delays a normal answer. Errors keep the v1 shape on
// /rest/api/ too, since the v3 shape of system errors is unverified.
func writeFault(w http.ResponseWriter, plan *faultPlan) {
	switch plan.kind {
	case FaultCustom:
		writeError(w, newError(plan.status, plan.code, plan.desc))
	case Fault502HTML:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte(badGatewayPage))
	case FaultReset:
		resetConnection(w)
	default:
		writeError(w, errInternal())
	}
}

// resetConnection drops the connection without an answer. HTTP/1 connections are
// hijacked and closed with SO_LINGER 0, so the client sees a reset; HTTP/2 streams
// cannot be hijacked, so the handler aborts, which net/http turns into a stream
// reset (http.ErrAbortHandler is the documented way to do that).
func resetConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	raw := conn
	if nc, ok := conn.(interface{ NetConn() net.Conn }); ok {
		raw = nc.NetConn()
	}
	if tcp, ok := raw.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}
