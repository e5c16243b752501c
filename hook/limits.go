package hook

import (
	"context"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// limiter keeps one Client inside the portal's two limits:
//
//   - the leaky bucket (b24-rest-facts §4.1): a token bucket of the same
//     size and rate, minus a safety margin, because the portal sees requests
//     when they arrive and network jitter bunches them up;
//   - the per-method operating time (§4.2): the portal reports, in every
//     answer, the running total of seconds charged to the method within its
//     window and when the oldest minute drops out. A method close to its
//     budget waits for that moment instead of being refused with 429.
//
// Both are shared by every goroutine of the Client.
type limiter struct {
	bucket *rate.Limiter // nil when pacing is off
	budget float64       // seconds; 0 when tracking is off
	// minWait is how long a method is blocked after a 429 when the portal
	// gave no reset time.
	minWait time.Duration

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every change of methods
	methods map[string]*methodBudget
}

// bucketMargin is how many tokens of the portal's bucket the client leaves
// unused: arrival jitter of up to margin/rate seconds stays harmless.
const bucketMargin = 2

// methodBudget is what the client knows of one method's operating time.
type methodBudget struct {
	operating    float64   // last running total reported, seconds
	finish       float64   // time.finish of the answer it came from
	resetAt      time.Time // when the oldest minute of the window drops out
	cost         float64   // moving average of one call's duration, seconds
	inflight     int
	stale        bool      // the reset passed: the total is unknown until the next answer
	blockedUntil time.Time // set after a 429
}

func newLimiter(l Limits, minWait time.Duration) *limiter {
	lim := &limiter{
		budget:  l.OperatingBudget.Seconds(),
		minWait: minWait,
		changed: make(chan struct{}),
		methods: map[string]*methodBudget{},
	}
	if l.Rate > 0 {
		burst := max(1, l.Burst-bucketMargin)
		lim.bucket = rate.NewLimiter(rate.Limit(l.Rate), burst)
	}
	return lim
}

// acquire waits until method may be sent and returns how long it waited.
// Every successful acquire must be followed by one release.
func (l *limiter) acquire(ctx context.Context, method string) (time.Duration, error) {
	start := time.Now()
	if err := l.waitOperating(ctx, method); err != nil {
		return time.Since(start), err
	}
	if l.bucket != nil {
		if err := l.bucket.Wait(ctx); err != nil {
			l.release(method, nil)
			return time.Since(start), ctxErr(ctx, err)
		}
	}
	return time.Since(start), nil
}

// waitOperating blocks while the method is over (or about to go over) its
// budget, then counts the call as in flight.
func (l *limiter) waitOperating(ctx context.Context, method string) error {
	key := strings.ToLower(method)
	for {
		l.mu.Lock()
		m := l.methods[key]
		if m == nil {
			m = &methodBudget{}
			l.methods[key] = m
		}
		now := time.Now()
		var until time.Time
		switch {
		case now.Before(m.blockedUntil):
			until = m.blockedUntil
		case l.budget > 0 && m.stale && m.inflight > 0:
			// One call at a time learns the new total after a reset.
			until = time.Time{}
		case l.budget > 0 && !m.stale && m.operating+float64(m.inflight+1)*m.cost >= l.budget-5:
			if now.Before(m.resetAt) {
				until = m.resetAt.Add(time.Second)
			} else if m.inflight > 0 {
				until = time.Time{} // an answer in flight will tell
			} else {
				m.stale = true
				m.inflight++
				l.mu.Unlock()
				return nil
			}
		default:
			m.inflight++
			l.mu.Unlock()
			return nil
		}
		changed := l.changed
		l.mu.Unlock()

		if err := waitUntil(ctx, until, changed); err != nil {
			return err
		}
	}
}

// release ends an in-flight call and records what its answer said of the
// method's operating time (t is nil when there was no answer).
func (l *limiter) release(method string, t *Time) {
	key := strings.ToLower(method)
	l.mu.Lock()
	defer l.mu.Unlock()
	m := l.methods[key]
	if m == nil {
		return
	}
	m.inflight = max(0, m.inflight-1)
	if t != nil && t.HasOperating {
		if t.Finish >= m.finish || m.stale {
			m.operating, m.finish = t.Operating, t.Finish
			if t.OperatingResetAt > 0 {
				m.resetAt = time.Unix(t.OperatingResetAt, 0)
			}
			m.stale = false
		}
		d := max(t.Duration, t.Processing)
		if m.cost == 0 {
			m.cost = d
		} else {
			m.cost = 0.8*m.cost + 0.2*d
		}
	}
	l.notify()
}

// blockMethod keeps method from being sent after the portal refused it with
// OPERATION_TIME_LIMIT, until its window frees some time, and returns the wait.
func (l *limiter) blockMethod(method string) time.Duration {
	key := strings.ToLower(method)
	l.mu.Lock()
	defer l.mu.Unlock()
	m := l.methods[key]
	if m == nil {
		m = &methodBudget{}
		l.methods[key] = m
	}
	now := time.Now()
	until := now.Add(l.minWait)
	if m.resetAt.After(now) {
		until = m.resetAt.Add(time.Second)
	}
	if until.After(m.blockedUntil) {
		m.blockedUntil = until
	}
	m.stale = true
	l.notify()
	return time.Until(m.blockedUntil)
}

// drain empties the token bucket after the portal said QUERY_LIMIT_EXCEEDED:
// something else shares the portal's bucket, so ours is too optimistic.
func (l *limiter) drain() {
	if l.bucket == nil {
		return
	}
	now := time.Now()
	if n := int(l.bucket.TokensAt(now)); n > 0 {
		l.bucket.AllowN(now, n)
	}
}

// refillInterval is the time the portal's bucket needs to free one request.
func (l *limiter) refillInterval() time.Duration {
	if l.bucket == nil || l.bucket.Limit() <= 0 {
		return 500 * time.Millisecond
	}
	return time.Duration(float64(time.Second) / float64(l.bucket.Limit()))
}

// waitUntil sleeps until the deadline (none when zero), a change, or ctx ends.
func waitUntil(ctx context.Context, until time.Time, changed <-chan struct{}) error {
	var timer <-chan time.Time
	if !until.IsZero() {
		t := time.NewTimer(time.Until(until))
		defer t.Stop()
		timer = t.C
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-changed:
	case <-timer:
	}
	return nil
}

func (l *limiter) notify() {
	close(l.changed)
	l.changed = make(chan struct{})
}

func ctxErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}
