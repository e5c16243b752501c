package engine

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testSecret = "k32t88gf3azpmwv3"

func writeConfig(t *testing.T, body string, mode os.FileMode) string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "b24run.toml")
	if err := os.WriteFile(path, []byte(body), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "rules"), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

func noEnv(string) string { return "" }

func TestConfigErrors(t *testing.T) {
	cases := []struct {
		name, body string
		line       int
		key, msg   string
	}{
		{"unknown key", "[portal]\nwebhook_url = \"https://x.bitrix24.com/rest/1/" + testSecret + "/\"\nwebhok = 1\n", 3, "portal.webhok", "unknown key"},
		{"unknown key hint", "[scripts]\n\ntimeot = \"5s\"\n", 3, "scripts.timeot", `did you mean "scripts.timeout"`},
		{"unknown table", "[portl]\nx = 1\n", 1, "portl", "unknown key"},
		{"wrong type", "[portal]\nretries = \"five\"\n", 2, "portal.retries", "incompatible types"},
		{"bad duration", "[scripts]\ntimeout = \"5 min\"\n", 2, "scripts.timeout", "not a duration"},
		{"syntax", "[portal\n", 2, "", "expected"},
		{"both forms", "[portal]\nwebhook_url = \"https://x.bitrix24.com/rest/1/" + testSecret + "/\"\nsecret = \"" + testSecret + "\"\n", 0, "portal", "either webhook_url or"},
		{"parts missing", "[portal]\nb24_url = \"https://x.bitrix24.com\"\nsecret = \"" + testSecret + "\"\n", 0, "portal.user_id", "positive"},
		{"plan unknown", "[portal]\nplan = \"gold\"\n", 0, "portal.plan", "unknown plan"},
		{"plan and rate", "[portal]\nplan = \"standard\"\nrate = 2.0\nburst = 50\n", 0, "portal.plan", "not both"},
		{"rate alone", "[portal]\nrate = 2.0\n", 0, "portal.rate", "together"},
		{"missing scripts dir", "[scripts]\ndir = \"nope\"\n", 0, "scripts.dir", "not a directory"},
		{"missing ca", "[portal]\nca_file = \"nope.pem\"\n", 0, "portal.ca_file", "cannot read"},
		{"webhook in env", "[scripts.env]\nBITRIX24_WEBHOOK_URL = \"x\"\n", 0, "scripts.env.BITRIX24_WEBHOOK_URL", "never exposed"},
		{"bad listen", "[server]\nlisten = \"8080\"\n", 0, "server.listen", "host:port"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeConfig(t, c.body, 0o600)
			_, err := LoadConfig(path, noEnv)
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("want a ConfigError, got %v", err)
			}
			if ce.File != path || ce.Line != c.line || ce.Key != c.key || !strings.Contains(ce.Msg, c.msg) {
				t.Errorf("got %+v\nwant line %d key %q msg containing %q", ce, c.line, c.key, c.msg)
			}
			if strings.Contains(err.Error(), testSecret) {
				t.Errorf("the error shows the secret: %v", err)
			}
		})
	}
}

func TestConfigLoads(t *testing.T) {
	path := writeConfig(t, `
[portal]
webhook_url = "https://x.bitrix24.com/rest/1/`+testSecret+`/"
plan = "enterprise"
timeout = "30s"
retries = 2

[scripts]
dir = "rules"
timeout = "90s"
env = { REGION = "eu" }

[server]
listen = "127.0.0.1:8080"
application_token = "tok"
queue = "queue.db"
`, 0o644)
	cfg, err := LoadConfig(path, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Portal.Plan != "enterprise" || cfg.Portal.Timeout.Seconds() != 30 || *cfg.Portal.Retries != 2 ||
		cfg.ScriptTimeout().Seconds() != 90 || cfg.Scripts.Env["REGION"] != "eu" || cfg.Server.Listen != "127.0.0.1:8080" {
		t.Errorf("decoded %+v", cfg)
	}
	if len(cfg.Warnings) != 1 || !strings.Contains(cfg.Warnings[0], "chmod 600") || strings.Contains(cfg.Warnings[0], testSecret) {
		t.Errorf("a config readable by others should draw one warning: %q", cfg.Warnings)
	}
	if _, err := NewClient(cfg, nil); err != nil {
		t.Errorf("client: %v", err)
	}
}

func TestConfigEnvironmentOverride(t *testing.T) {
	path := writeConfig(t, "[portal]\nb24_url = \"https://old.bitrix24.com\"\nuser_id = 3\nsecret = \"old\"\n", 0o600)
	env := func(k string) string {
		if k == WebhookEnv {
			return "https://new.bitrix24.com/rest/7/" + testSecret + "/"
		}
		return ""
	}
	cfg, err := LoadConfig(path, env)
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewClient(cfg, nil)
	if err != nil || c.TargetOrigin() != "https://new.bitrix24.com" || c.UserID() != 7 {
		t.Fatalf("environment override: %v %v", c, err)
	}
	bad := func(k string) string {
		if k == WebhookEnv {
			return "http://new.bitrix24.com/rest/7/" + testSecret + "/"
		}
		return ""
	}
	cfg, err = LoadConfig(path, bad)
	if err != nil {
		t.Fatal(err)
	}
	_, err = NewClient(cfg, nil)
	if err == nil || !strings.Contains(err.Error(), "BITRIX24_WEBHOOK_URL") || !strings.Contains(err.Error(), "HTTPS") || strings.Contains(err.Error(), testSecret) {
		t.Errorf("plain http from the environment: %v", err)
	}
}

func TestConfigMissing(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	cfg, err := LoadConfig("", noEnv)
	if err != nil || cfg.HasPortal() || cfg.File != "" {
		t.Errorf("no default file should mean an empty config: %+v %v", cfg, err)
	}
	if _, err := LoadConfig(filepath.Join(dir, "absent.toml"), noEnv); err == nil {
		t.Error("an explicit missing --config must fail")
	}
}

func TestLoopbackHTTPOnlyForLoopback(t *testing.T) {
	for url, ok := range map[string]bool{
		"http://127.0.0.1:8924/rest/1/" + testSecret + "/": true,
		"http://localhost:8924/rest/1/" + testSecret + "/": true,
		"http://10.0.0.5/rest/1/" + testSecret + "/":       false,
	} {
		path := writeConfig(t, "[portal]\nwebhook_url = \""+url+"\"\n", 0o600)
		cfg, err := LoadConfig(path, noEnv)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := NewClient(cfg, nil); (err == nil) != ok {
			t.Errorf("%s: %v", url, err)
		}
	}
}

// FuzzConfig loads arbitrary config files: a bad file gives an error naming
// it, never a panic, and no error ever shows a secret from the file.
func FuzzConfig(f *testing.F) {
	f.Add("[portal]\nwebhook_url = \"https://x.bitrix24.com/rest/1/" + testSecret + "/\"\nplan = \"standard\"\n[scripts]\ntimeout = \"5s\"\n")
	f.Add("[portal]\nrate = 2.0\nburst = 50\nretries = 3\n[server]\nlisten = \":8080\"\n")
	f.Add("[scripts.env]\nA = \"b\"\n[[x]]\n")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, body string) {
		path := filepath.Join(dir, "fuzz.toml")
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		cfg, err := LoadConfig(path, noEnv)
		if err != nil {
			if !strings.Contains(err.Error(), path) {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if cfg.HasPortal() {
			if _, err := NewClient(cfg, nil); err != nil && strings.Contains(err.Error(), testSecret) {
				t.Fatalf("client error shows the secret: %v", err)
			}
		}
	})
}
