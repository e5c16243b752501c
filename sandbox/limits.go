package sandbox

import (
	"sync"
	"time"
)

// Limits configures the two request limits of a cloud portal (b24-rest-facts.md §4).
// The zero value disables both, which keeps ordinary tests fast; tests of a client's
// throttling turn them on with StandardLimits or EnterpriseLimits.
type Limits struct {
	// Bucket is the per-portal leaky bucket; a zero Burst turns it off.
	Bucket Bucket
	// OperatingBudget is the per-(webhook, method) execution-time budget inside
	// OperatingWindow; 0 turns it off (the cloud uses 480 s).
	OperatingBudget time.Duration
	// OperatingWindow is the accounting window; 0 means 10 minutes. It is split into
	// ten buckets, like the portal's one-minute buckets.
	OperatingWindow time.Duration
	// OmitOperating mimics on-premise portals, whose `time` block has no operating
	// and operating_reset_at fields (peers.md pain point 24).
	OmitOperating bool
}

// Bucket is a leaky bucket: every request adds one, the level drains at Rate per
// second, and a request that would lift it above Burst is refused with 503
// QUERY_LIMIT_EXCEEDED.
type Bucket struct {
	Burst int     // requests
	Rate  float64 // requests per second
}

// StandardLimits are the cloud limits of every plan below Enterprise: a 50-request
// bucket draining at 2 requests/s and a 480 s operating budget.
func StandardLimits() Limits {
	return Limits{Bucket: Bucket{Burst: 50, Rate: 2}, OperatingBudget: 480 * time.Second}
}

// EnterpriseLimits are the cloud limits of Enterprise plans: a 250-request bucket
// draining at 5 requests/s and a 480 s operating budget.
func EnterpriseLimits() Limits {
	return Limits{Bucket: Bucket{Burst: 250, Rate: 5}, OperatingBudget: 480 * time.Second}
}

// leakyBucket implements Bucket. It is shared by all requests of a portal, as the
// real limit is per portal (and source IP).
type leakyBucket struct {
	mu    sync.Mutex
	cfg   Bucket
	level float64
	last  time.Time
}

func newLeakyBucket(cfg Bucket) *leakyBucket { return &leakyBucket{cfg: cfg} }

// allow drains the bucket up to now and admits the request if one more unit keeps
// the level within Burst. A refused request does not raise the level, so a client
// that backs off recovers at Rate.
func (b *leakyBucket) allow(now time.Time) bool {
	if b.cfg.Burst <= 0 {
		return true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.last.IsZero() {
		b.level -= now.Sub(b.last).Seconds() * b.cfg.Rate
		if b.level < 0 {
			b.level = 0
		}
	}
	b.last = now
	if b.level+1 > float64(b.cfg.Burst) {
		return false
	}
	b.level++
	return true
}
