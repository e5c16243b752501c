package hook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"os"
	"strings"
	"syscall"
	"time"
)

// Call sends one REST method and returns its answer. params may be nil, an
// Object, a map, a struct or raw JSON; they travel as the JSON body of a POST
// to {portal}/rest/{user}/{secret}/{method}, with the method name exactly as
// given.
//
// A portal error comes back as *Error, also when the portal answered HTTP 200
// with an error body. See the package doc for what is retried.
func (c *Client) Call(ctx context.Context, method string, params any) (*Response, error) {
	if strings.TrimSpace(method) == "" {
		return nil, &Error{Code: CodeInvalidParams, Description: "method name is empty", Status: 400}
	}
	if c.settings.dryRun != nil && !IsReadOnly(method) {
		return c.dryRunCall(ctx, method, params)
	}
	if params == nil {
		params = Object{}
	}
	body, err := AppendJSON(nil, params)
	if err != nil {
		return nil, &Error{Code: CodeInvalidParams, Description: err.Error(), Status: 400, Method: method}
	}
	return c.post(ctx, method, body, IsReadOnly(method), "")
}

// post sends body to method with the limiters and retries, and returns the
// decoded answer. replaySafe says whether a call that may have run can be
// sent again.
//
// detail, when set, describes the content of the call in log records (the
// methods inside a batch).
func (c *Client) post(ctx context.Context, method string, body []byte, replaySafe bool, detail string) (*Response, error) {
	for attempt := 0; ; attempt++ {
		resp, err := c.attempt(ctx, method, body, detail)
		if err == nil {
			return resp, nil
		}
		var herr *Error
		if !errors.As(err, &herr) {
			c.stats.failures.Add(1)
			return nil, err // the caller's context ended
		}
		wait, retry := c.retryDecision(herr, attempt, replaySafe)
		if !retry || attempt >= c.settings.retries {
			if replaySafe {
				herr.OutcomeUnknown = false // a read changes nothing: its outcome does not matter
			}
			if herr.OutcomeUnknown {
				c.stats.unknown.Add(1)
			}
			c.stats.failures.Add(1)
			return nil, herr
		}
		herr.OutcomeUnknown = false
		c.stats.retries.Add(1)
		c.log.LogAttrs(ctx, slogWarn, "retrying Bitrix24 call",
			attrMethod(method), attrDetail(detail), attrCode(herr.Code), attrStatus(herr.Status), attrAttempt(attempt+1), attrWait(wait))
		if err := sleep(ctx, wait); err != nil {
			c.stats.failures.Add(1)
			return nil, err
		}
	}
}

// retryDecision says whether a failed attempt is repeated and after how long.
// It marks errors whose call may have run without replay as OutcomeUnknown.
func (c *Client) retryDecision(e *Error, attempt int, replaySafe bool) (time.Duration, bool) {
	switch {
	case strings.EqualFold(e.Code, CodeQueryLimit) || (e.Status == 503 && !strings.EqualFold(e.Code, "OVERLOAD_LIMIT")):
		// The portal did not run it. Its bucket is fuller than ours thinks.
		c.stats.queryLimit.Add(1)
		c.limits.drain()
		base := c.limits.refillInterval() + time.Second
		return time.Duration(float64(base) * pow(1.5, attempt)), true
	case strings.EqualFold(e.Code, CodeOperatingLimit) || e.Status == 429:
		c.stats.operating.Add(1)
		return c.limits.blockMethod(e.Method), true
	case e.Status == 0 && !e.OutcomeUnknown:
		return c.backoff(attempt), true // never reached the portal
	case e.Status == 0 || e.Status == 408 || e.Status >= 500:
		if strings.EqualFold(e.Code, "PORTAL_DELETED") || strings.EqualFold(e.Code, "OVERLOAD_LIMIT") {
			return 0, false
		}
		if !replaySafe {
			e.OutcomeUnknown = true
			return 0, false
		}
		return c.backoff(attempt), true
	}
	return 0, false
}

// backoff is the wait before retry attempt+1 of a transient failure:
// exponential from the first backoff, capped, with ±10% jitter.
func (c *Client) backoff(attempt int) time.Duration {
	d := min(c.settings.maxBackoff, time.Duration(float64(c.settings.backoff)*pow(2, attempt)))
	jitter := 1 + (rand.Float64()*0.2 - 0.1)
	return time.Duration(float64(d) * jitter)
}

func pow(b float64, n int) float64 {
	r := 1.0
	for range n {
		r *= b
	}
	return r
}

// attempt sends one HTTP request. It returns *Error for every failure except
// the end of the caller's context.
func (c *Client) attempt(ctx context.Context, method string, body []byte, detail string) (*Response, error) {
	select {
	case c.inflight <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-c.inflight }()

	billed := method // a batch is billed to "batch" (peers.md pain point 24)
	waited, err := c.limits.acquire(ctx, billed)
	c.stats.throttleNanos.Add(int64(waited))
	if err != nil {
		return nil, err
	}
	var answerTime *Time
	defer func() { c.limits.release(billed, answerTime) }()

	actx, cancel := context.WithTimeout(ctx, c.settings.timeout)
	defer cancel()
	var wrote bool
	trace := &httptrace.ClientTrace{WroteRequest: func(i httptrace.WroteRequestInfo) { wrote = i.Err == nil }}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(actx, trace), http.MethodPost,
		c.base+"/"+escapeMethod(method), bytes.NewReader(body))
	if err != nil {
		return nil, &Error{Code: CodeInvalidParams, Description: "cannot build the request for this method name", Status: 400, Method: method}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.settings.userAgent)

	start := time.Now()
	c.stats.requests.Add(1)
	httpResp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, c.transportError(method, err, wrote)
	}
	defer httpResp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(httpResp.Body, c.settings.maxBodyBytes+1))
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, c.transportError(method, err, true)
	}
	if int64(len(raw)) > c.settings.maxBodyBytes {
		return nil, &Error{Code: CodeUnexpected, Description: fmt.Sprintf("the answer is larger than %d bytes", c.settings.maxBodyBytes), Status: httpResp.StatusCode, Method: method}
	}
	c.log.LogAttrs(ctx, slogDebug, "Bitrix24 call", attrMethod(method), attrDetail(detail), attrStatus(httpResp.StatusCode),
		attrDuration(time.Since(start)), attrBytes(len(raw)))

	if httpResp.StatusCode >= 300 && httpResp.StatusCode < 400 {
		return nil, c.redirectError(method, httpResp)
	}
	resp, perr := parseEnvelope(method, httpResp.StatusCode, raw)
	if perr != nil {
		var e *Error
		errors.As(perr, &e)
		e.Description = c.Redact(e.Description)
		return nil, e
	}
	answerTime = &resp.Time
	return resp, nil
}

// transportError turns a failed exchange into an *Error without the URL that
// net/http puts in every error. wrote reports whether the whole request left
// this process: only then may the portal have run it.
func (c *Client) transportError(method string, err error, wrote bool) *Error {
	var uerr *url.Error
	if errors.As(err, &uerr) {
		err = uerr.Err // "Post \"https://.../rest/1/secret/...\": ..." without the URL part
	}
	desc := c.Redact(err.Error())
	e := &Error{Code: CodeNetwork, Description: desc, Method: method, cause: errors.New(desc)}
	var nerr net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) || (errors.As(err, &nerr) && nerr.Timeout()) {
		e.Code, e.Status, e.Description = CodeTimeout, 408, "Request timeout exceeded"
	}
	// Refused or unreachable: certainly not executed, whatever wrote says.
	if errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.ENETUNREACH) {
		wrote = false
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		wrote = false
	}
	e.OutcomeUnknown = wrote
	return e
}

func (c *Client) redirectError(method string, resp *http.Response) *Error {
	dest := "another address"
	if loc, err := resp.Location(); err == nil {
		dest = loc.Scheme + "://" + loc.Host // never the path: it carries the secret
	}
	return &Error{
		Code:        "PORTAL_MOVED",
		Description: fmt.Sprintf("the portal answered %d and moved to %s; update the webhook URL", resp.StatusCode, dest),
		Status:      resp.StatusCode,
		Method:      method,
	}
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
