package engine

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/b24run/b24run/hook"
)

// DefaultConfigFile is read from the working directory when no --config is
// given.
const DefaultConfigFile = "b24run.toml"

// WebhookEnv overrides the portal's webhook URL, where the official SDK's
// documentation tells users to keep it.
const WebhookEnv = "BITRIX24_WEBHOOK_URL"

// Config is b24run.toml.
type Config struct {
	Portal  PortalConfig  `toml:"portal"`
	Scripts ScriptsConfig `toml:"scripts"`
	Server  ServerConfig  `toml:"server"`

	// File is the path the config was read from ("" for none).
	File string `toml:"-"`
	// Warnings are problems worth telling the user that do not stop b24run.
	Warnings []string `toml:"-"`

	webhookFromEnv bool
}

// PortalConfig is the [portal] table: which portal, and its limits.
type PortalConfig struct {
	WebhookURL string   `toml:"webhook_url"`
	B24URL     string   `toml:"b24_url"`
	UserID     int      `toml:"user_id"`
	Secret     string   `toml:"secret"`
	Plan       string   `toml:"plan"`
	Rate       *float64 `toml:"rate"`
	Burst      *int     `toml:"burst"`
	CAFile     string   `toml:"ca_file"`
	Timeout    Duration `toml:"timeout"`
	Retries    *int     `toml:"retries"`
}

// ScriptsConfig is the [scripts] table.
type ScriptsConfig struct {
	Dir string `toml:"dir"`
	// Timeout bounds one run or one handler (default 5 minutes).
	Timeout Duration `toml:"timeout"`
	// Env is exposed to scripts as process.env / script.env.
	Env map[string]string `toml:"env"`
}

// ServerConfig is the [server] table, read by `b24run serve`.
type ServerConfig struct {
	Listen string `toml:"listen"`
	// ApplicationToken is the outgoing webhook's token that every event POST
	// must carry in auth[application_token].
	ApplicationToken string `toml:"application_token"`
	// Queue is the file of the durable event queue.
	Queue string `toml:"queue"`
}

// Duration is a time.Duration written as "30s", "5m".
type Duration struct{ time.Duration }

// UnmarshalText parses a Go duration string.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("not a duration (write e.g. \"30s\" or \"5m\"): %q", b)
	}
	if v < 0 {
		return fmt.Errorf("duration must not be negative: %q", b)
	}
	d.Duration = v
	return nil
}

// ConfigError is a problem with the configuration, located as precisely as
// the file allows.
type ConfigError struct {
	File string
	Line int    // 0 when unknown
	Key  string // dotted key, "" when none
	Msg  string
}

// Error formats the problem as "file:line: key: message".
func (e *ConfigError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.File == "" {
		b.WriteString("configuration")
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Key != "" {
		b.WriteString(e.Key + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// LoadConfig reads the config file at path. An empty path means
// b24run.toml in the working directory, if it exists; a missing default
// file is not an error (the configuration is then empty). getenv supplies
// the environment (os.Getenv in production).
func LoadConfig(path string, getenv func(string) string) (*Config, error) {
	cfg := &Config{}
	explicit := path != ""
	if !explicit {
		path = DefaultConfigFile
	}
	src, err := os.ReadFile(path)
	switch {
	case err == nil:
		cfg.File = path
		if err := decodeConfig(path, src, cfg); err != nil {
			return nil, err
		}
		if info, statErr := os.Stat(path); statErr == nil && info.Mode().Perm()&0o044 != 0 && cfg.holdsSecret() {
			cfg.Warnings = append(cfg.Warnings, fmt.Sprintf("%s holds the webhook secret and can be read by other users (mode %o); run: chmod 600 %s", path, info.Mode().Perm(), path))
		}
	case explicit || !errors.Is(err, os.ErrNotExist):
		return nil, &ConfigError{File: path, Msg: fmt.Sprintf("cannot read: %v", errors.Unwrap(err))}
	}
	if env := strings.TrimSpace(getenv(WebhookEnv)); env != "" {
		cfg.Portal.WebhookURL, cfg.webhookFromEnv = env, true
		cfg.Portal.B24URL, cfg.Portal.UserID, cfg.Portal.Secret = "", 0, ""
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	return cfg, nil
}

func decodeConfig(path string, src []byte, cfg *Config) error {
	md, err := toml.Decode(string(src), cfg)
	if err != nil {
		return tomlError(path, err)
	}
	if extra := md.Undecoded(); len(extra) > 0 {
		key := extra[0].String()
		return &ConfigError{File: path, Line: locateKey(src, extra[0]), Key: key, Msg: "unknown key" + suggestKey(key)}
	}
	return nil
}

var tomlLine = regexp.MustCompile(`^toml: line (\d+)(?: \(last key "([^"]*)"\))?: (.*)$`)

// tomlError turns the TOML library's errors into ConfigErrors.
func tomlError(path string, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return &ConfigError{File: path, Line: pe.Position.Line, Key: pe.LastKey, Msg: pe.Message}
	}
	if m := tomlLine.FindStringSubmatch(err.Error()); m != nil {
		var line int
		fmt.Sscan(m[1], &line)
		return &ConfigError{File: path, Line: line, Key: m[2], Msg: m[3]}
	}
	return &ConfigError{File: path, Msg: err.Error()}
}

// locateKey finds the line that defines key, tracking [table] headers.
func locateKey(src []byte, key toml.Key) int {
	table, name := strings.Join(key[:len(key)-1], "."), key[len(key)-1]
	current := ""
	sc := bufio.NewScanner(bytes.NewReader(src))
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(text, "[") {
			current = strings.Trim(text, "[] ")
			if current == strings.Join(key, ".") {
				return line
			}
			continue
		}
		k, _, ok := strings.Cut(text, "=")
		k = strings.Trim(strings.TrimSpace(k), `"'`)
		if ok && current == table && k == name {
			return line
		}
	}
	return 0
}

// knownKeys lists the keys a config may hold, for "did you mean" hints.
func knownKeys() []string {
	return []string{
		"portal.webhook_url", "portal.b24_url", "portal.user_id", "portal.secret", "portal.plan", "portal.rate",
		"portal.burst", "portal.ca_file", "portal.timeout", "portal.retries",
		"scripts.dir", "scripts.timeout", "scripts.env",
		"server.listen", "server.application_token", "server.queue",
	}
}

func suggestKey(key string) string {
	best, bestDist := "", 3 // suggest only close spellings
	for _, k := range knownKeys() {
		if d := editDistance(strings.ToLower(key), k); d < bestDist {
			best, bestDist = k, d
		}
		if _, kn, _ := strings.Cut(k, "."); best == "" && strings.HasSuffix(key, "."+kn) {
			best = k // the right key in the wrong table
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// editDistance is the Levenshtein distance of a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func (c *Config) holdsSecret() bool {
	return c.Portal.WebhookURL != "" || c.Portal.Secret != "" || c.Server.ApplicationToken != ""
}

// HasPortal reports whether a portal is configured at all.
func (c *Config) HasPortal() bool {
	p := c.Portal
	return p.WebhookURL != "" || p.B24URL != "" || p.Secret != "" || p.UserID != 0
}

func (c *Config) validate() error {
	p := c.Portal
	bad := func(key, msg string) error { return &ConfigError{File: c.File, Key: key, Msg: msg} }
	if p.WebhookURL != "" && (p.B24URL != "" || p.Secret != "" || p.UserID != 0) {
		return bad("portal", "set either webhook_url or b24_url + user_id + secret, not both")
	}
	if p.WebhookURL == "" && c.HasPortal() {
		switch {
		case p.B24URL == "":
			return bad("portal.b24_url", "missing (needed with user_id and secret)")
		case p.UserID <= 0:
			return bad("portal.user_id", "must be a positive number")
		case p.Secret == "":
			return bad("portal.secret", "missing (needed with b24_url and user_id)")
		}
	}
	if p.Plan != "" {
		if _, err := hook.ParsePlan(p.Plan); err != nil {
			return bad("portal.plan", err.Error())
		}
		if p.Rate != nil || p.Burst != nil {
			return bad("portal.plan", "set either plan or rate + burst, not both")
		}
	}
	if (p.Rate == nil) != (p.Burst == nil) {
		return bad("portal.rate", "rate and burst go together")
	}
	if p.Rate != nil && (*p.Rate < 0 || *p.Burst < 1) {
		return bad("portal.rate", "rate must be >= 0 requests a second and burst >= 1")
	}
	if p.Retries != nil && (*p.Retries < 0 || *p.Retries > 20) {
		return bad("portal.retries", "must be between 0 and 20")
	}
	if p.CAFile != "" {
		if _, err := os.Stat(c.resolve(p.CAFile)); err != nil {
			return bad("portal.ca_file", fmt.Sprintf("cannot read %s", p.CAFile))
		}
	}
	if c.Scripts.Dir != "" {
		if info, err := os.Stat(c.resolve(c.Scripts.Dir)); err != nil || !info.IsDir() {
			return bad("scripts.dir", fmt.Sprintf("%s is not a directory", c.Scripts.Dir))
		}
	}
	for k := range c.Scripts.Env {
		if strings.EqualFold(k, WebhookEnv) {
			return bad("scripts.env."+k, "the webhook is never exposed to scripts")
		}
	}
	if l := c.Server.Listen; l != "" && !strings.Contains(l, ":") {
		return bad("server.listen", fmt.Sprintf("%q is not a host:port address", l))
	}
	return nil
}

// resolve makes a path from the config relative to the config's folder.
func (c *Config) resolve(p string) string {
	if p == "" || filepath.IsAbs(p) || c.File == "" {
		return p
	}
	return filepath.Join(filepath.Dir(c.File), p)
}

// ScriptTimeout is the bound of one run or handler.
func (c *Config) ScriptTimeout() time.Duration {
	if c.Scripts.Timeout.Duration > 0 {
		return c.Scripts.Timeout.Duration
	}
	return 5 * time.Minute
}
