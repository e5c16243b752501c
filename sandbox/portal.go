package sandbox

import (
	"context"
	"crypto/rand"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"
)

// Options configure a Portal. The zero value is a fast portal on a random loopback
// port with no limits, no simulated cost and no faults.
type Options struct {
	// Addr is the listen address; "" means "127.0.0.1:0".
	Addr string
	// TLS serves HTTPS with a freshly generated CA and a leaf certificate for
	// 127.0.0.1, ::1 and localhost; clients trust it through RootCAs.
	TLS bool
	// UserID is the webhook's user id; 0 means 1.
	UserID int
	// Secret is the webhook secret; "" means a random 16-character lowercase
	// alphanumeric string like the portal generates.
	Secret string
	// Limits are the cloud's request limits; the zero value has none.
	Limits Limits
	// Cost is the simulated server work per request; the zero value answers at once.
	Cost Cost
	// Faults injects random failures; the zero value injects none (Inject still
	// queues scripted ones).
	Faults Faults
	// Logger receives a debug line per request; nil discards. The secret is never
	// logged.
	Logger *slog.Logger
	// EventClient delivers outgoing events; nil means a client with a 30 s timeout.
	// Set it to reach handlers behind TLS with a private CA.
	EventClient *http.Client
}

// maxBodyBytes caps request bodies; larger bodies get 413 with a clear error.
const maxBodyBytes = 32 << 20

// Portal is a running in-memory Bitrix24 portal. All methods are safe for
// concurrent use.
type Portal struct {
	userID   int
	secret   string
	memberID string
	url      string
	cost     Cost
	omitOp   bool
	log      *slog.Logger

	ln    net.Listener
	srv   *http.Server
	certs *certBundle
	done  chan struct{}

	data      *store
	methods   methodTable
	v3methods methodTable
	bucket    *leakyBucket
	operating *operatingMeter
	faults    *faultState
	stats     *statsCollector
	events    *eventHub

	closeOnce sync.Once
	closeErr  error
}

// Start creates a portal and starts serving it; it listens before returning, so
// URL and WebhookURL are usable at once.
func Start(opts Options) (*Portal, error) {
	if err := validateOptions(opts); err != nil {
		return nil, err
	}
	p := &Portal{
		userID:    opts.UserID,
		secret:    opts.Secret,
		cost:      opts.Cost,
		omitOp:    opts.Limits.OmitOperating,
		log:       opts.Logger,
		done:      make(chan struct{}),
		data:      newStore(),
		methods:   v1Methods(),
		v3methods: v3Methods(),
		bucket:    newLeakyBucket(opts.Limits.Bucket),
		operating: newOperatingMeter(opts.Limits),
		faults:    newFaultState(opts.Faults),
		stats:     newStatsCollector(),
	}
	if p.userID == 0 {
		p.userID = 1
	}
	if p.log == nil {
		p.log = slog.New(slog.DiscardHandler)
	}
	var err error
	if p.secret == "" {
		if p.secret, err = randomSecret(); err != nil {
			return nil, err
		}
	}
	member := make([]byte, 16)
	if _, err := rand.Read(member); err != nil {
		return nil, fmt.Errorf("sandbox: generate member id: %w", err)
	}
	p.memberID = hex.EncodeToString(member)
	p.addWebhookUser()

	addr := opts.Addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	p.ln, err = net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("sandbox: listen on %s: %w", addr, err)
	}
	scheme := "http"
	p.srv = &http.Server{
		Handler:           http.HandlerFunc(p.serveHTTP),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          log.New(io.Discard, "", 0),
	}
	if opts.Logger != nil {
		p.srv.ErrorLog = slog.NewLogLogger(opts.Logger.Handler(), slog.LevelDebug)
	}
	if opts.TLS {
		p.certs, err = newCertBundle(p.ln.Addr(), opts.Addr)
		if err != nil {
			_ = p.ln.Close()
			return nil, err
		}
		p.srv.TLSConfig = p.certs.serverConfig()
		scheme = "https"
	}
	p.url = scheme + "://" + originHost(p.ln.Addr())
	p.events = newEventHub(p, opts.EventClient)
	go p.serve(opts.TLS)
	p.log.Debug("sandbox portal started", "url", p.url, "user_id", p.userID)
	return p, nil
}

func (p *Portal) serve(useTLS bool) {
	defer close(p.done)
	var err error
	if useTLS {
		err = p.srv.ServeTLS(p.ln, "", "")
	} else {
		err = p.srv.Serve(p.ln)
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		p.log.Error("sandbox portal stopped serving", "err", err)
	}
}

// StartTest starts a portal for a test and closes it when the test ends; it fails
// the test if the portal cannot start.
func StartTest(tb testing.TB, opts Options) *Portal {
	tb.Helper()
	p, err := Start(opts)
	if err != nil {
		tb.Fatalf("start sandbox portal: %v", err)
	}
	tb.Cleanup(func() {
		if err := p.Close(); err != nil {
			tb.Errorf("close sandbox portal: %v", err)
		}
	})
	return p
}

func validateOptions(o Options) error {
	switch {
	case o.UserID < 0:
		return fmt.Errorf("sandbox: UserID must not be negative, got %d", o.UserID)
	case o.Secret != "" && !validSecret(o.Secret):
		return errors.New("sandbox: Secret must be 1-64 characters of letters, digits, '_' or '-'")
	case o.Limits.Bucket.Burst < 0 || (o.Limits.Bucket.Burst > 0 && o.Limits.Bucket.Rate <= 0):
		return fmt.Errorf("sandbox: Bucket needs Burst >= 0 and, when on, Rate > 0 (got %+v)", o.Limits.Bucket)
	case o.Limits.OperatingBudget < 0 || o.Limits.OperatingWindow < 0:
		return errors.New("sandbox: operating budget and window must not be negative")
	case o.Faults.Rate < 0 || o.Faults.Rate > 1:
		return fmt.Errorf("sandbox: Faults.Rate must be within 0..1, got %v", o.Faults.Rate)
	case o.Faults.AfterExecution < 0 || o.Faults.AfterExecution > 1:
		return fmt.Errorf("sandbox: Faults.AfterExecution must be within 0..1, got %v", o.Faults.AfterExecution)
	}
	for _, k := range o.Faults.Kinds {
		if k < Fault500 || k > FaultSlow {
			return fmt.Errorf("sandbox: Faults.Kinds holds %v, which cannot be chosen at random", k)
		}
	}
	return nil
}

func validSecret(s string) bool {
	if len(s) > 64 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// randomSecret makes a 16-character lowercase alphanumeric secret, the shape of
// real webhook codes.
func randomSecret() (string, error) {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	buf := make([]byte, 16)
	if _, err := rand.Read(buf); err != nil {
		return "", fmt.Errorf("sandbox: generate webhook secret: %w", err)
	}
	for i, b := range buf {
		// 256 % 36 != 0 gives a slight bias, irrelevant for a test portal's secret.
		buf[i] = alphabet[int(b)%len(alphabet)]
	}
	return string(buf), nil
}

// originHost renders the listener address for URLs; an unspecified address is
// reached through loopback.
func originHost(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return addr.String()
	}
	ip := tcp.IP
	if ip == nil || ip.IsUnspecified() {
		if ip != nil && ip.To4() == nil {
			ip = net.IPv6loopback
		} else {
			ip = net.IPv4(127, 0, 0, 1)
		}
	}
	return net.JoinHostPort(ip.String(), strconv.Itoa(tcp.Port))
}

// Close stops the server, aborts event deliveries in flight and waits for them.
// It is safe to call more than once.
func (p *Portal) Close() error {
	p.closeOnce.Do(func() {
		err := p.srv.Close()
		<-p.done
		p.events.close()
		if err != nil {
			p.closeErr = fmt.Errorf("sandbox: close server: %w", err)
		}
	})
	return p.closeErr
}

// URL is the portal's origin, e.g. "https://127.0.0.1:41234".
func (p *Portal) URL() string { return p.url }

// WebhookURL is the inbound webhook base, origin + "/rest/{userID}/{secret}/", the
// value users paste into their configuration.
func (p *Portal) WebhookURL() string {
	return p.url + "/rest/" + strconv.Itoa(p.userID) + "/" + p.secret + "/"
}

// UserID is the webhook's user id; calls run as this user.
func (p *Portal) UserID() int { return p.userID }

// Secret is the webhook secret.
func (p *Portal) Secret() string { return p.secret }

// MemberID is the portal's member_id, sent in outgoing events' auth block.
func (p *Portal) MemberID() string { return p.memberID }

// CACertPEM is the PEM of the CA that signed the portal's certificate; nil without
// TLS. Write it to a file for clients configured with a CA bundle path.
func (p *Portal) CACertPEM() []byte {
	if p.certs == nil {
		return nil
	}
	return append([]byte(nil), p.certs.caPEM...)
}

// RootCAs is a pool holding only the portal's CA, for tls.Config.RootCAs; nil
// without TLS.
func (p *Portal) RootCAs() *x509.CertPool {
	if p.certs == nil {
		return nil
	}
	pool := x509.NewCertPool()
	pool.AddCert(p.certs.ca)
	return pool
}

// WriteCAFile writes CACertPEM to path (mode 0644).
func (p *Portal) WriteCAFile(path string) error {
	if p.certs == nil {
		return errors.New("sandbox: portal is not serving TLS, there is no CA")
	}
	if err := os.WriteFile(path, p.certs.caPEM, 0o644); err != nil {
		return fmt.Errorf("sandbox: write CA file: %w", err)
	}
	return nil
}

// HTTPClient returns a client that trusts the portal's CA (a plain client without
// TLS), with HTTP/2 enabled as a cloud portal has it.
func (p *Portal) HTTPClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	if p.certs != nil {
		tr.TLSClientConfig = p.certs.clientConfig()
		tr.ForceAttemptHTTP2 = true
	}
	return &http.Client{Transport: tr, Timeout: 2 * time.Minute}
}

// Inject queues a scripted fault; the next requests matching it fail as it says,
// before any random fault is considered.
func (p *Portal) Inject(f Fault) { p.faults.inject(f) }

// Stats returns a deep-copied snapshot of what the portal observed.
func (p *Portal) Stats() Stats { return p.stats.snapshot() }

// ResetStats zeroes the statistics (not the data, limits or operating counters).
func (p *Portal) ResetStats() { p.stats.reset() }

// Delete removes a record directly, without events or stats, e.g. to make id gaps
// that keyset paging must cope with. Entities are those of Seed plus
// "timeline_comment" and "notify".
func (p *Portal) Delete(entity string, id int) error {
	p.data.mu.Lock()
	defer p.data.mu.Unlock()
	t, err := p.data.table(entity)
	if err != nil {
		return err
	}
	if !t.remove(id) {
		return fmt.Errorf("sandbox: %s %d does not exist", entity, id)
	}
	return nil
}

// Count returns how many records of an entity exist (0 for an unknown entity).
func (p *Portal) Count(entity string) int {
	p.data.mu.Lock()
	defer p.data.mu.Unlock()
	t, err := p.data.table(entity)
	if err != nil {
		return 0
	}
	return t.size()
}

// FlushEvents waits until every outgoing event delivery started so far has ended,
// so tests can assert on Stats.Events after a write.
func (p *Portal) FlushEvents(ctx context.Context) error { return p.events.flush(ctx) }

// addWebhookUser creates the user the webhook belongs to, so user.current and
// profile answer from the start.
func (p *Portal) addWebhookUser() {
	p.data.mu.Lock()
	defer p.data.mu.Unlock()
	t := p.data.tables["user"]
	t.nextID = p.userID
	rec := t.insert(nil)
	for _, kv := range []struct {
		k string
		v any
	}{
		{"ACTIVE", true}, {"NAME", "Sandbox"}, {"LAST_NAME", "Admin"},
		{"EMAIL", "admin@sandbox.example"}, {"LAST_LOGIN", "2024-01-01T09:00:00+03:00"},
		{"DATE_REGISTER", "2024-01-01T00:00:00+03:00"}, {"IS_ONLINE", "Y"}, {"TIME_ZONE", ""},
		{"PERSONAL_GENDER", ""}, {"PERSONAL_BIRTHDAY", ""}, {"WORK_POSITION", "Administrator"},
		{"UF_DEPARTMENT", []any{1}}, {"USER_TYPE", "employee"},
	} {
		t.setByName(rec, kv.k, kv.v, p.data.loc)
	}
}
