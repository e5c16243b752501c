package sandbox

import (
	"bytes"
	"log/slog"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

func TestAuth(t *testing.T) {
	p := StartTest(t, Options{UserID: 7, Secret: "abcdefgh12345678"})
	c := newTestClient(t, p)
	tests := []struct {
		name       string
		path       string
		wantStatus int
		wantCode   string
	}{
		{"valid", "/rest/7/abcdefgh12345678/server.time", 200, ""},
		{"wrong user", "/rest/8/abcdefgh12345678/server.time", 401, "INVALID_CREDENTIALS"},
		{"wrong secret", "/rest/7/abcdefgh12345679/server.time", 401, "INVALID_CREDENTIALS"},
		{"non-numeric user", "/rest/x/abcdefgh12345678/server.time", 401, "INVALID_CREDENTIALS"},
		{"empty secret", "/rest/7//server.time", 401, "INVALID_CREDENTIALS"},
		{"user id left out", "/rest/abcdefgh12345678/server.time", 404, "ERROR_METHOD_NOT_FOUND"},
		{"oauth style without token", "/rest/server.time", 401, "NO_AUTH_FOUND"},
		{"wrong secret, unknown method", "/rest/7/nope/no.such.method", 401, "INVALID_CREDENTIALS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.get(p.URL() + tt.path)
			if r.status != tt.wantStatus || r.errorCode() != tt.wantCode {
				t.Fatalf("got %d %q (%s), want %d %q", r.status, r.errorCode(), r.raw, tt.wantStatus, tt.wantCode)
			}
			if tt.wantCode == "INVALID_CREDENTIALS" && r.errorDescription() != "Invalid request credentials" {
				t.Errorf("description %q", r.errorDescription())
			}
		})
	}
	st := p.Stats()
	if st.Rejected["INVALID_CREDENTIALS"] != 5 || st.Executed != 1 || st.Requests != len(tests) {
		t.Errorf("stats: %+v", st)
	}
}

func TestDefaultsAndWebhookURL(t *testing.T) {
	p := StartTest(t, Options{})
	if p.UserID() != 1 {
		t.Errorf("UserID = %d", p.UserID())
	}
	if len(p.Secret()) != 16 || strings.Trim(p.Secret(), "abcdefghijklmnopqrstuvwxyz0123456789") != "" {
		t.Errorf("secret %q is not 16 lowercase alphanumerics", p.Secret())
	}
	if want := p.URL() + "/rest/1/" + p.Secret() + "/"; p.WebhookURL() != want {
		t.Errorf("WebhookURL = %q", p.WebhookURL())
	}
	if !strings.HasPrefix(p.URL(), "http://127.0.0.1:") {
		t.Errorf("URL = %q", p.URL())
	}
	if p.CACertPEM() != nil || p.RootCAs() != nil {
		t.Error("CA material without TLS")
	}
	if _, err := Start(Options{Secret: "has/slash"}); err == nil {
		t.Error("a secret with '/' was accepted")
	}
	if _, err := Start(Options{Faults: Faults{Rate: 2}}); err == nil {
		t.Error("Faults.Rate 2 was accepted")
	}
}

func TestMethodLookup(t *testing.T) {
	p := StartTest(t, Options{})
	c := newTestClient(t, p)
	tests := []struct {
		name, method string
		wantStatus   int
	}{
		{"plain", "server.time", 200},
		{"json suffix", "server.time.json", 200},
		{"trailing slash", "server.time/", 200},
		{"json suffix and slash", "server.time.json/", 200},
		{"mixed case", "Server.Time", 200},
		{"upper case", "USER.CURRENT", 200},
		{"unknown", "no.such.method", 404},
		{"xml is not supported", "server.time.xml", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.get(p.WebhookURL() + tt.method)
			if r.status != tt.wantStatus {
				t.Fatalf("status %d: %s", r.status, r.raw)
			}
			if tt.wantStatus == 404 && (r.errorCode() != "ERROR_METHOD_NOT_FOUND" || r.errorDescription() != "Method not found!") {
				t.Errorf("body %s", r.raw)
			}
		})
	}
}

func TestEnvelope(t *testing.T) {
	p := StartTest(t, Options{})
	c := newTestClient(t, p)
	r := c.call("server.time", nil)
	if ct := r.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	tm := obj(t, r.body["time"])
	for _, k := range []string{"start", "finish", "duration", "processing", "date_start", "date_finish", "operating", "operating_reset_at"} {
		if _, ok := tm[k]; !ok {
			t.Errorf("time.%s missing in %s", k, r.raw)
		}
	}
	if reset, _ := tm["operating_reset_at"].(float64); reset <= 0 {
		t.Errorf("operating_reset_at %v", tm["operating_reset_at"])
	}
	if ds, _ := tm["date_start"].(string); !strings.HasSuffix(ds, "+03:00") {
		t.Errorf("date_start %q has not the portal offset", ds)
	}
	if _, ok := r.body["total"]; ok {
		t.Error("total on a non-list method")
	}

	onPrem := StartTest(t, Options{Limits: Limits{OmitOperating: true}})
	r = newTestClient(t, onPrem).call("server.time", nil)
	tm = obj(t, r.body["time"])
	if _, ok := tm["operating"]; ok {
		t.Errorf("operating present with OmitOperating: %s", r.raw)
	}
	if _, ok := tm["operating_reset_at"]; ok {
		t.Errorf("operating_reset_at present with OmitOperating: %s", r.raw)
	}
}

// TestBodies sends the same crm.deal.add in every encoding the portal accepts.
func TestBodies(t *testing.T) {
	p := StartTest(t, Options{})
	c := newTestClient(t, p)

	multipartBody := func() ([]byte, string) {
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		_ = w.WriteField("fields[TITLE]", "Multipart deal")
		_ = w.WriteField("fields[OPPORTUNITY]", "12.5")
		fw, _ := w.CreateFormFile("file", "a.txt")
		_, _ = fw.Write([]byte("ignored"))
		_ = w.Close()
		return buf.Bytes(), w.FormDataContentType()
	}
	mpBody, mpType := multipartBody()

	tests := []struct {
		name        string
		do          func() *response
		wantTitle   string
		wantOpportu string
	}{
		{"json", func() *response {
			return c.call("crm.deal.add", m{"fields": m{"TITLE": "JSON deal", "OPPORTUNITY": 12.5}})
		}, "JSON deal", "12.50"},
		{"urlencoded", func() *response {
			return c.form("crm.deal.add", "fields%5BTITLE%5D=Form+deal&fields[OPPORTUNITY]=12.5")
		}, "Form deal", "12.50"},
		{"multipart", func() *response {
			return c.post(p.WebhookURL()+"crm.deal.add", mpType, mpBody)
		}, "Multipart deal", "12.50"},
		{"query string only", func() *response {
			return c.get(p.WebhookURL() + "crm.deal.add?fields[TITLE]=GET%20deal&fields[OPPORTUNITY]=7")
		}, "GET deal", "7.00"},
		{"query merged with JSON body", func() *response {
			return c.post(p.WebhookURL()+"crm.deal.add?fields[TITLE]=from+query&x=1", "application/json",
				[]byte(`{"fields":{"TITLE":"from body","OPPORTUNITY":3}}`))
		}, "from body", "3.00"},
		{"upper-case FIELDS", func() *response {
			return c.call("crm.deal.add", m{"FIELDS": m{"TITLE": "Upper", "OPPORTUNITY": "1"}})
		}, "Upper", "1.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.do()
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.raw)
			}
			id, ok := r.result().(float64)
			if !ok {
				t.Fatalf("result %v is not a number id", r.result())
			}
			deal := obj(t, c.ok("crm.deal.get", m{"id": id}))
			if deal["TITLE"] != tt.wantTitle || deal["OPPORTUNITY"] != tt.wantOpportu {
				t.Errorf("stored TITLE=%v OPPORTUNITY=%v", deal["TITLE"], deal["OPPORTUNITY"])
			}
		})
	}

	t.Run("invalid json", func(t *testing.T) {
		r := c.post(p.WebhookURL()+"server.time", "application/json", []byte(`{"a":`))
		if r.status != 400 || r.errorCode() != "INVALID_REQUEST" {
			t.Errorf("got %d %s", r.status, r.raw)
		}
	})
	t.Run("json array is positional", func(t *testing.T) {
		params, err := jsonParams([]byte(`[123, {"POST_MESSAGE":"x"}]`))
		if err != nil || params.value("0") == nil || params.keys[1] != "1" {
			t.Errorf("got %v %v", params, err)
		}
	})
	t.Run("body too large", func(t *testing.T) {
		big := bytes.Repeat([]byte("a"), maxBodyBytes+1)
		r := c.post(p.WebhookURL()+"server.time", "application/x-www-form-urlencoded", big)
		if r.status != http.StatusRequestEntityTooLarge || !strings.Contains(r.errorDescription(), "32 MiB") {
			t.Errorf("got %d %s", r.status, r.raw)
		}
	})
}

func TestSecretNeverLogged(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	p := StartTest(t, Options{Logger: logger, Secret: "topsecretvalue42"})
	c := newTestClient(t, p)
	c.call("server.time", nil)
	c.call("no.such", nil)
	c.get(p.URL() + "/rest/1/topsecretvalue43/server.time")
	// Malformed paths where a segment could be taken for the method name.
	for _, path := range []string{"/rest/topsecretvalue42/server.time", "/rest/topsecretvalue42",
		"/rest/1/topsecretvalue42", "/rest/api/1/topsecretvalue42", "/rest/api/topsecretvalue42"} {
		if r := c.get(p.URL() + path); strings.Contains(string(r.raw), "topsecretvalue42") {
			t.Errorf("%s: secret echoed in %s", redactPath(path), r.raw)
		}
	}
	c.call("batch", m{"cmd": m{"a": "server.time"}})
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if buf.Len() == 0 {
		t.Fatal("nothing logged")
	}
	if strings.Contains(buf.String(), "topsecretvalue4") {
		t.Errorf("secret in logs:\n%s", buf.String())
	}
}

func TestIndexPage(t *testing.T) {
	p := StartTest(t, Options{})
	c := newTestClient(t, p)
	r := c.get(p.URL() + "/")
	if r.status != 200 || strings.Contains(string(r.raw), p.Secret()) || !strings.Contains(string(r.raw), "/rest/"+strconv.Itoa(p.UserID())) {
		t.Errorf("index: %d %s", r.status, r.raw)
	}
	if r := c.get(p.URL() + "/other"); r.status != 404 {
		t.Errorf("other path: %d", r.status)
	}
}
