package hook

import (
	"crypto/x509"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"time"
)

// Plan names a Bitrix24 tariff group whose REST limits differ.
type Plan string

// The plans with distinct limits (b24-rest-facts §4.1).
const (
	PlanStandard   Plan = "standard"
	PlanEnterprise Plan = "enterprise"
)

// Limits are the portal limits a Client keeps to on its own, so that it does
// not provoke QUERY_LIMIT_EXCEEDED or OPERATION_TIME_LIMIT.
type Limits struct {
	// Burst and Rate describe the portal's leaky bucket: Burst requests at
	// once, then Rate requests a second. Rate 0 turns client-side pacing off.
	Burst int
	Rate  float64
	// OperatingBudget is the seconds of execution time the portal allows one
	// method of one webhook within OperatingWindow. 0 turns tracking off.
	OperatingBudget time.Duration
	OperatingWindow time.Duration
}

// PlanLimits returns the documented limits of a plan; anything but
// PlanEnterprise gets the standard ones.
func PlanLimits(p Plan) Limits {
	l := Limits{Burst: 50, Rate: 2, OperatingBudget: 480 * time.Second, OperatingWindow: 10 * time.Minute}
	if p == PlanEnterprise {
		l.Burst, l.Rate = 250, 5
	}
	return l
}

// ParsePlan reads a plan name from configuration.
func ParsePlan(s string) (Plan, error) {
	switch Plan(s) {
	case PlanStandard, PlanEnterprise:
		return Plan(s), nil
	}
	return "", fmt.Errorf("unknown plan %q (want %q or %q)", s, PlanStandard, PlanEnterprise)
}

// An Option configures a Client.
type Option func(*settings)

type settings struct {
	limits        Limits
	httpClient    *http.Client
	rootCAs       *x509.CertPool
	caFile        string
	timeout       time.Duration
	retries       int
	backoff       time.Duration
	maxBackoff    time.Duration
	logger        *slog.Logger
	loopbackHTTP  bool
	dryRun        DryRun
	parallel      int
	userAgent     string
	maxBodyBytes  int64
	operatingWait time.Duration
}

func defaultSettings() settings {
	return settings{
		limits:        PlanLimits(PlanStandard),
		timeout:       75 * time.Second, // the cloud portal cuts requests at 60 s
		retries:       4,
		backoff:       time.Second,
		maxBackoff:    30 * time.Second,
		parallel:      16,
		userAgent:     "b24run",
		maxBodyBytes:  256 << 20,
		operatingWait: 10 * time.Second,
	}
}

// WithPlan sets the limits of a tariff plan.
func WithPlan(p Plan) Option { return func(s *settings) { s.limits = PlanLimits(p) } }

// WithLimits sets every limit at once (custom or self-hosted portals).
func WithLimits(l Limits) Option { return func(s *settings) { s.limits = l } }

// WithRateLimit sets the leaky bucket: burst requests, then perSecond.
// perSecond 0 turns client-side pacing off.
func WithRateLimit(burst int, perSecond float64) Option {
	return func(s *settings) { s.limits.Burst, s.limits.Rate = burst, perSecond }
}

// WithHTTPClient sends requests through c (its redirect policy is replaced:
// a POST must never be silently turned into a GET by a redirect).
func WithHTTPClient(c *http.Client) Option { return func(s *settings) { s.httpClient = c } }

// WithRootCAs trusts the certificates in pool instead of the system's.
func WithRootCAs(pool *x509.CertPool) Option { return func(s *settings) { s.rootCAs = pool } }

// WithCAFile trusts the PEM certificates in file in addition to the system's,
// for portals behind a corporate CA. SSL_CERT_FILE works as in any Go program.
func WithCAFile(file string) Option { return func(s *settings) { s.caFile = file } }

// WithTimeout bounds one HTTP attempt (default 75 s).
func WithTimeout(d time.Duration) Option { return func(s *settings) { s.timeout = d } }

// WithRetries sets how many times a failed call may be repeated (default 4).
func WithRetries(n int) Option { return func(s *settings) { s.retries = max(0, n) } }

// WithBackoff sets the first and the longest wait between retries of failures
// other than the portal's limits (default 1 s and 30 s, with ±10% jitter).
func WithBackoff(first, longest time.Duration) Option {
	return func(s *settings) { s.backoff, s.maxBackoff = first, longest }
}

// WithLogger logs requests at debug level and retries at warn level. No
// record contains the webhook URL or secret.
func WithLogger(l *slog.Logger) Option { return func(s *settings) { s.logger = l } }

// WithLoopbackHTTP allows plain http:// for localhost and loopback addresses
// only; the sandbox portal is the one use. Every other portal needs HTTPS.
func WithLoopbackHTTP() Option { return func(s *settings) { s.loopbackHTTP = true } }

// WithDryRun answers every call that may write through d instead of the
// portal; reads still go to the portal.
func WithDryRun(d DryRun) Option { return func(s *settings) { s.dryRun = d } }

// WithParallel bounds the requests one Client has in flight at once, and so
// the id ranges List walks and the chunks BatchByChunk sends in parallel
// (default 16). The rate limiter still paces them.
func WithParallel(n int) Option { return func(s *settings) { s.parallel = max(1, n) } }

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option { return func(s *settings) { s.userAgent = ua } }

// WithMaxResponseBytes bounds the size of one answer (default 256 MiB).
func WithMaxResponseBytes(n int64) Option { return func(s *settings) { s.maxBodyBytes = n } }

func (s *settings) tlsRoots() (*x509.CertPool, error) {
	if s.caFile == "" {
		return s.rootCAs, nil
	}
	pem, err := os.ReadFile(s.caFile)
	if err != nil {
		return nil, fmt.Errorf("read CA file: %w", err)
	}
	pool := s.rootCAs
	if pool == nil {
		if pool, err = x509.SystemCertPool(); err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("CA file %s holds no PEM certificate", s.caFile)
	}
	return pool, nil
}
