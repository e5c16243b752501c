package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// testClient talks to a portal over real HTTP, as other packages' tests do.
type testClient struct {
	t    testing.TB
	p    *Portal
	http *http.Client
}

func newTestClient(t testing.TB, p *Portal) *testClient {
	return &testClient{t: t, p: p, http: &http.Client{Timeout: 30 * time.Second}}
}

// response is a decoded portal answer.
type response struct {
	status int
	header http.Header
	raw    []byte
	body   map[string]any
}

func (r *response) result() any { return r.body["result"] }

func (r *response) errorCode() string {
	s, _ := r.body["error"].(string)
	return s
}

func (r *response) errorDescription() string {
	s, _ := r.body["error_description"].(string)
	return s
}

// do sends a request and decodes a JSON answer (a non-JSON answer leaves body nil).
func (c *testClient) do(req *http.Request) *response {
	c.t.Helper()
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, redactPath(req.URL.Path), err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatalf("read body: %v", err)
	}
	r := &response{status: resp.StatusCode, header: resp.Header, raw: raw}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(raw, &r.body); err != nil {
			c.t.Fatalf("decode %s: %v", raw, err)
		}
	}
	return r
}

func redactPath(p string) string {
	parts := strings.Split(p, "/")
	if len(parts) > 3 {
		parts[3] = "***"
	}
	return strings.Join(parts, "/")
}

// call POSTs params as JSON to a v1 method.
func (c *testClient) call(method string, params any) *response {
	c.t.Helper()
	return c.post(c.p.WebhookURL()+method, "application/json", jsonBody(c.t, params))
}

func (c *testClient) post(u, contentType string, body []byte) *response {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return c.do(req)
}

func (c *testClient) get(u string) *response {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	return c.do(req)
}

// form POSTs an urlencoded body to a v1 method.
func (c *testClient) form(method string, values string) *response {
	c.t.Helper()
	return c.post(c.p.WebhookURL()+method, "application/x-www-form-urlencoded", []byte(values))
}

// ok calls a method and fails the test unless it answers 200; it returns result.
func (c *testClient) ok(method string, params any) any {
	c.t.Helper()
	r := c.call(method, params)
	if r.status != http.StatusOK {
		c.t.Fatalf("%s: status %d: %s", method, r.status, r.raw)
	}
	return r.result()
}

func jsonBody(t testing.TB, v any) []byte {
	t.Helper()
	if v == nil {
		return []byte("{}")
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// m is shorthand for JSON objects in tests.
type m = map[string]any

// list asserts v is a JSON array.
func list(t testing.TB, v any) []any {
	t.Helper()
	l, ok := v.([]any)
	if !ok {
		t.Fatalf("want a JSON array, got %T %v", v, v)
	}
	return l
}

// obj asserts v is a JSON object.
func obj(t testing.TB, v any) map[string]any {
	t.Helper()
	o, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("want a JSON object, got %T %v", v, v)
	}
	return o
}

// ids extracts the given key of every row as a string.
func ids(t testing.TB, rows any, key string) []string {
	t.Helper()
	var out []string
	for _, r := range list(t, rows) {
		out = append(out, fmt.Sprint(obj(t, r)[key]))
	}
	return out
}

func seq(from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, fmt.Sprint(i))
	}
	return out
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// query builds an urlencoded string keeping the given order.
func query(kv ...string) string {
	var parts []string
	for i := 0; i+1 < len(kv); i += 2 {
		parts = append(parts, url.QueryEscape(kv[i])+"="+url.QueryEscape(kv[i+1]))
	}
	return strings.Join(parts, "&")
}

func mustSeed(t testing.TB, p *Portal, entity string, n int) {
	t.Helper()
	if err := p.Seed(entity, n); err != nil {
		t.Fatal(err)
	}
}
