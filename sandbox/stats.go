package sandbox

import (
	"maps"
	"strconv"
	"strings"
	"sync"
)

// Stats is what the portal observed, for tests to assert on client behaviour
// (how many requests, which ones ran, which writes were applied how often).
type Stats struct {
	// Requests counts HTTP requests received on /rest/.
	Requests int
	// Executed counts HTTP requests that ran (not refused by auth, limits or a
	// before-execution fault).
	Executed int
	// Calls counts method executions by lower-cased name, batch sub-commands
	// included; "batch" itself is counted too.
	Calls map[string]int
	// Rejected counts requests refused before running, by error code:
	// QUERY_LIMIT_EXCEEDED, OPERATION_TIME_LIMIT, INVALID_CREDENTIALS,
	// ERROR_METHOD_NOT_FOUND, ERROR_BATCH_LENGTH_EXCEEDED, ...
	Rejected map[string]int
	// Errors counts error answers of method executions by code (batch sub-commands
	// included); legacy CRM errors have the empty code "".
	Errors map[string]int
	// Faults counts injected faults by kind.
	Faults map[FaultKind]int
	// Counted counts list calls that counted their total (start >= 0).
	Counted int
	// Writes counts writes applied per record, keyed "deal:17", "task:3",
	// "timeline_comment:5", "notify:2"; add, update and delete each count 1. A value
	// above 1 after one logical write reveals a duplicated (retried) write.
	Writes map[string]int
	// MaxInFlight is the highest number of concurrently executing requests seen.
	MaxInFlight int
	// Events counts outgoing event deliveries.
	Events EventStats
}

// EventStats counts outgoing event deliveries; there are no retries, so each event
// and handler pair is either Sent or Failed exactly once.
type EventStats struct {
	Sent   int // handler answered 2xx
	Failed int // transport error or non-2xx answer
}

// statsCollector is the mutable side of Stats.
type statsCollector struct {
	mu       sync.Mutex
	s        Stats
	inFlight int
}

func newStatsCollector() *statsCollector {
	c := &statsCollector{}
	c.reset()
	return c
}

func (c *statsCollector) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.s = Stats{
		Calls:    map[string]int{},
		Rejected: map[string]int{},
		Errors:   map[string]int{},
		Faults:   map[FaultKind]int{},
		Writes:   map[string]int{},
	}
	// MaxInFlight restarts from the requests executing right now.
	c.s.MaxInFlight = c.inFlight
}

func (c *statsCollector) snapshot() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.s
	s.Calls = maps.Clone(c.s.Calls)
	s.Rejected = maps.Clone(c.s.Rejected)
	s.Errors = maps.Clone(c.s.Errors)
	s.Faults = maps.Clone(c.s.Faults)
	s.Writes = maps.Clone(c.s.Writes)
	return s
}

func (c *statsCollector) update(f func(s *Stats)) {
	c.mu.Lock()
	f(&c.s)
	c.mu.Unlock()
}

func (c *statsCollector) request()                { c.update(func(s *Stats) { s.Requests++ }) }
func (c *statsCollector) reject(code string)      { c.update(func(s *Stats) { s.Rejected[code]++ }) }
func (c *statsCollector) fault(kind FaultKind)    { c.update(func(s *Stats) { s.Faults[kind]++ }) }
func (c *statsCollector) methodError(code string) { c.update(func(s *Stats) { s.Errors[code]++ }) }

func (c *statsCollector) call(method string) {
	key := strings.ToLower(method)
	c.update(func(s *Stats) { s.Calls[key]++ })
}

func (c *statsCollector) event(ok bool) {
	c.update(func(s *Stats) {
		if ok {
			s.Events.Sent++
		} else {
			s.Events.Failed++
		}
	})
}

// begin marks a request as executing; end must follow.
func (c *statsCollector) begin() {
	c.update(func(s *Stats) {
		s.Executed++
		c.inFlight++
		if c.inFlight > s.MaxInFlight {
			s.MaxInFlight = c.inFlight
		}
	})
}

func (c *statsCollector) end() { c.update(func(*Stats) { c.inFlight-- }) }

// effects merges what one method execution did.
func (c *statsCollector) effects(m costMeter, writes []writeRef) {
	if !m.counted && len(writes) == 0 {
		return
	}
	c.update(func(s *Stats) {
		if m.counted {
			s.Counted++
		}
		for _, w := range writes {
			s.Writes[w.entity+":"+strconv.Itoa(w.id)]++
		}
	})
}

// writeRef names one applied write.
type writeRef struct {
	entity string
	id     int
}
