package engine

import (
	"fmt"
	"log/slog"

	"github.com/b24run/b24run/hook"
	"github.com/b24run/b24run/sandbox"
)

// NewClient builds the one portal client every script of the process shares,
// from the [portal] table. extra options come last (a dry-run hook, say).
func NewClient(cfg *Config, logger *slog.Logger, extra ...hook.Option) (*hook.Client, error) {
	p := cfg.Portal
	opts := []hook.Option{hook.WithLoopbackHTTP(), hook.WithLogger(logger), hook.WithUserAgent("b24run/" + Version())}
	switch {
	case p.Plan != "":
		plan, _ := hook.ParsePlan(p.Plan)
		opts = append(opts, hook.WithPlan(plan))
	case p.Rate != nil:
		opts = append(opts, hook.WithRateLimit(*p.Burst, *p.Rate))
	}
	if p.CAFile != "" {
		opts = append(opts, hook.WithCAFile(cfg.resolve(p.CAFile)))
	}
	if p.Timeout.Duration > 0 {
		opts = append(opts, hook.WithTimeout(p.Timeout.Duration))
	}
	if p.Retries != nil {
		opts = append(opts, hook.WithRetries(*p.Retries))
	}
	opts = append(opts, extra...)
	var (
		c   *hook.Client
		err error
		key = "portal.webhook_url"
	)
	if p.WebhookURL != "" {
		c, err = hook.FromWebhookURL(p.WebhookURL, opts...)
		if cfg.webhookFromEnv {
			key = WebhookEnv + " (environment)"
		}
	} else {
		key = "portal.b24_url"
		c, err = hook.New(hook.Params{B24URL: p.B24URL, UserID: p.UserID, Secret: p.Secret}, opts...)
	}
	if err != nil {
		file := cfg.File
		if cfg.webhookFromEnv {
			file = ""
		}
		return nil, &ConfigError{File: file, Key: key, Msg: err.Error()}
	}
	return c, nil
}

// LocalSandbox starts the in-process sandbox portal that `run` uses when no
// portal is configured at all, seeded with a little of everything so that the
// examples have data to show.
func LocalSandbox() (*sandbox.Portal, error) {
	p, err := sandbox.Start(sandbox.Options{})
	if err != nil {
		return nil, fmt.Errorf("start the sandbox portal: %w", err)
	}
	for _, s := range []struct {
		entity string
		n      int
	}{{"deal", 120}, {"contact", 30}, {"company", 12}, {"lead", 20}, {"task", 8}, {"user", 5}} {
		if err := p.Seed(s.entity, s.n); err != nil {
			p.Close()
			return nil, fmt.Errorf("seed the sandbox portal: %w", err)
		}
	}
	return p, nil
}
