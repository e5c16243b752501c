package hook

import (
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
)

// Client is a Bitrix24 webhook client for one portal. It is safe for
// concurrent use, and meant to be shared: its limiters only protect the portal
// (and the webhook) when every caller goes through the same Client.
type Client struct {
	origin   string // scheme://host[:port]
	base     string // origin + /rest/{id}/{secret}
	userID   int
	secret   string
	scrubber *strings.Replacer

	http      *http.Client
	settings  settings
	limits    *limiter
	log       *slog.Logger
	inflight  chan struct{}
	stats     counters
	requestID atomic.Uint64
}

// FromWebhookURL builds a Client from a full webhook URL such as
// https://company.bitrix24.com/rest/1/k32t88gf3azpmwv3/ (or the REST v3 form
// /rest/api/1/...). It checks the URL as the official SDK does; the errors are
// *Error values whose messages never contain the URL.
func FromWebhookURL(webhookURL string, opts ...Option) (*Client, error) {
	s := defaultSettings()
	for _, o := range opts {
		o(&s)
	}
	p, err := parseWebhookURL(webhookURL, s.loopbackHTTP)
	if err != nil {
		return nil, err
	}
	return newClient(p, s)
}

// New builds a Client from the parts of a webhook. Unlike the official SDK it
// validates them: an https origin, a positive user id, a secret without '/'.
func New(p Params, opts ...Option) (*Client, error) {
	s := defaultSettings()
	for _, o := range opts {
		o(&s)
	}
	return newClient(p, s)
}

func newClient(p Params, s settings) (*Client, error) {
	origin, err := normalizeOrigin(p.B24URL, s.loopbackHTTP)
	if err != nil {
		return nil, err
	}
	if p.UserID <= 0 {
		return nil, &Error{Code: CodeParamsInvalid, Description: "userId must be a positive number"}
	}
	if p.Secret == "" || strings.ContainsAny(p.Secret, "/?# \t\r\n") {
		return nil, &Error{Code: CodeParamsInvalid, Description: "secret must be a non-empty webhook code"}
	}
	c := &Client{
		origin:   origin,
		base:     origin + "/rest/" + strconv.Itoa(p.UserID) + "/" + p.Secret,
		userID:   p.UserID,
		secret:   p.Secret,
		settings: s,
		log:      s.logger,
		inflight: make(chan struct{}, s.parallel),
	}
	c.scrubber = newScrubber(p.Secret)
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	c.limits = newLimiter(s.limits, s.operatingWait)
	if c.http, err = buildHTTPClient(s); err != nil {
		return nil, err
	}
	return c, nil
}

// newScrubber replaces the secret, raw and escaped, wherever it appears. It
// is the last line of defence: messages are built without the URL already.
func newScrubber(secret string) *strings.Replacer {
	pairs := []string{secret, "***"}
	if esc := url.PathEscape(secret); esc != secret {
		pairs = append(pairs, esc, "***")
	}
	if esc := url.QueryEscape(secret); esc != secret {
		pairs = append(pairs, esc, "***")
	}
	return strings.NewReplacer(pairs...)
}

func buildHTTPClient(s settings) (*http.Client, error) {
	roots, err := s.tlsRoots()
	if err != nil {
		return nil, err
	}
	var hc http.Client
	if s.httpClient != nil {
		hc = *s.httpClient
	} else {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.MaxIdleConnsPerHost = s.parallel + 4
		if roots != nil {
			tr.TLSClientConfig = &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}
		}
		hc.Transport = tr
	}
	if roots != nil && s.httpClient != nil {
		return nil, errors.New("hook: WithHTTPClient cannot be combined with WithRootCAs or WithCAFile; configure the client's transport instead")
	}
	// A portal that changed its domain answers 302. Following it would turn
	// the POST into a GET without a body; report the move instead.
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &hc, nil
}

// TargetOrigin returns the portal origin (https://company.bitrix24.com); it
// holds no secret and may be shown to scripts.
func (c *Client) TargetOrigin() string { return c.origin }

// UserID returns the id of the user the webhook acts as.
func (c *Client) UserID() int { return c.userID }

// Redact removes the webhook secret from s. Packages that print text derived
// from portal traffic pass it through here.
func (c *Client) Redact(s string) string { return c.scrubber.Replace(s) }

// String describes the client without its secret.
func (c *Client) String() string {
	return fmt.Sprintf("hook.Client(%s, user %d)", c.origin, c.userID)
}

// GoString keeps %#v from printing the secret.
func (c *Client) GoString() string { return c.String() }
