package sandbox

import (
	"strings"
	"sync"
	"time"
)

// defaultOperatingWindow is the cloud's accounting window for operating time.
const defaultOperatingWindow = 10 * time.Minute

// operatingBuckets is the number of buckets the window is split into.
const operatingBuckets = 10

// operatingMeter tracks execution time per HTTP-level method of the portal's one
// webhook, the way b24-rest-facts.md §4.2 describes: a bucket opens at the first
// call after the previous bucket's slot (window/10) has passed, and each bucket's
// seconds leave the total once the window has elapsed since it opened.
type operatingMeter struct {
	mu      sync.Mutex
	budget  time.Duration
	window  time.Duration
	slot    time.Duration
	methods map[string][]opBucket
}

type opBucket struct {
	start time.Time
	used  time.Duration
}

// opReading is a method's running total and the time its oldest bucket expires,
// as reported in `time.operating` and `time.operating_reset_at`.
type opReading struct {
	total   time.Duration
	resetAt time.Time
}

func newOperatingMeter(l Limits) *operatingMeter {
	window := l.OperatingWindow
	if window <= 0 {
		window = defaultOperatingWindow
	}
	return &operatingMeter{
		budget:  l.OperatingBudget,
		window:  window,
		slot:    window / operatingBuckets,
		methods: make(map[string][]opBucket),
	}
}

// blocked reports whether method has used its budget; the portal checks before
// running a call, so the call that crosses the budget still completes.
func (m *operatingMeter) blocked(method string, now time.Time) bool {
	if m.budget <= 0 {
		return false
	}
	return m.read(method, now).total >= m.budget
}

// bill adds d to method's current bucket and returns the new reading.
func (m *operatingMeter) bill(method string, now time.Time, d time.Duration) opReading {
	key := strings.ToLower(method)
	m.mu.Lock()
	defer m.mu.Unlock()
	buckets := m.expire(key, now)
	if d > 0 {
		if n := len(buckets); n > 0 && now.Sub(buckets[n-1].start) < m.slot {
			buckets[n-1].used += d
		} else {
			buckets = append(buckets, opBucket{start: now, used: d})
		}
		m.methods[key] = buckets
	}
	return m.reading(buckets, now)
}

// read returns method's reading without billing anything.
func (m *operatingMeter) read(method string, now time.Time) opReading {
	key := strings.ToLower(method)
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.reading(m.expire(key, now), now)
}

// expire drops buckets whose window has passed; callers hold mu.
func (m *operatingMeter) expire(key string, now time.Time) []opBucket {
	buckets := m.methods[key]
	i := 0
	for i < len(buckets) && !now.Before(buckets[i].start.Add(m.window)) {
		i++
	}
	if i > 0 {
		buckets = append([]opBucket(nil), buckets[i:]...)
		if len(buckets) == 0 {
			delete(m.methods, key)
		} else {
			m.methods[key] = buckets
		}
	}
	return buckets
}

// reading sums live buckets. With none, the reset time is a window from now, so the
// field is always a positive timestamp as on the cloud.
func (m *operatingMeter) reading(buckets []opBucket, now time.Time) opReading {
	r := opReading{resetAt: now.Add(m.window)}
	for _, b := range buckets {
		r.total += b.used
	}
	if len(buckets) > 0 {
		r.resetAt = buckets[0].start.Add(m.window)
	}
	return r
}
