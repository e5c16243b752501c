package sandbox

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestTLS(t *testing.T) {
	p := StartTest(t, Options{TLS: true})
	if !strings.HasPrefix(p.URL(), "https://127.0.0.1:") {
		t.Fatalf("URL %q", p.URL())
	}

	t.Run("trusted through RootCAs", func(t *testing.T) {
		client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
			TLSClientConfig: &tls.Config{RootCAs: p.RootCAs(), MinVersion: tls.VersionTLS12},
		}}
		resp, err := client.Get(p.WebhookURL() + "server.time")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("status %d", resp.StatusCode)
		}
	})
	t.Run("localhost name verifies too", func(t *testing.T) {
		u := strings.Replace(p.WebhookURL(), "127.0.0.1", "localhost", 1)
		resp, err := p.HTTPClient().Get(u + "server.time")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.ProtoMajor != 2 {
			t.Errorf("proto %s; the portal should speak HTTP/2 like the cloud", resp.Proto)
		}
	})
	t.Run("untrusted without the CA", func(t *testing.T) {
		_, err := (&http.Client{Timeout: 10 * time.Second}).Get(p.WebhookURL() + "server.time")
		if err == nil {
			t.Fatal("the system roots must not trust the sandbox CA")
		}
	})
	t.Run("CA file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "ca.pem")
		if err := p.WriteCAFile(path); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(data) || string(data) != string(p.CACertPEM()) {
			t.Fatal("CA file does not hold the CA PEM")
		}
	})
	t.Run("reset over HTTP/2", func(t *testing.T) {
		p.Inject(Fault{Kind: FaultReset})
		resp, err := p.HTTPClient().Post(p.WebhookURL()+"server.time", "application/json", strings.NewReader("{}"))
		if err == nil {
			resp.Body.Close()
			t.Fatalf("want a stream error, got %d", resp.StatusCode)
		}
	})

	plain := StartTest(t, Options{})
	if err := plain.WriteCAFile(filepath.Join(t.TempDir(), "x.pem")); err == nil {
		t.Error("WriteCAFile without TLS must fail")
	}
}
