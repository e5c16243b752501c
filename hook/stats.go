package hook

import (
	"sync/atomic"
	"time"
)

// Stats are a Client's counters since it was built, for logs and /metrics.
type Stats struct {
	Requests        int64         // HTTP requests sent
	Retries         int64         // of those, repeats of a failed attempt
	Failures        int64         // calls that returned an error
	QueryLimitHits  int64         // 503 QUERY_LIMIT_EXCEEDED answers
	OperatingHits   int64         // 429 OPERATION_TIME_LIMIT answers
	ThrottleWait    time.Duration // time spent waiting for the limiters
	DryRunAnswered  int64         // calls answered by the dry-run hook
	OutcomeUnknowns int64         // writes that failed with an unknown outcome
}

type counters struct {
	requests, retries, failures, queryLimit, operating, throttleNanos, dryRun, unknown atomic.Int64
}

// Stats returns a snapshot of the counters.
func (c *Client) Stats() Stats {
	s := &c.stats
	return Stats{
		Requests: s.requests.Load(), Retries: s.retries.Load(), Failures: s.failures.Load(),
		QueryLimitHits: s.queryLimit.Load(), OperatingHits: s.operating.Load(),
		ThrottleWait:   time.Duration(s.throttleNanos.Load()),
		DryRunAnswered: s.dryRun.Load(), OutcomeUnknowns: s.unknown.Load(),
	}
}
