package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/b24run/b24run/sandbox"
)

func sandboxCmd(ctx context.Context, c *cli, args []string) int {
	fs := c.newFlagSet("sandbox", "[flags]")
	var lf logFlags
	lf.register(fs)
	addr := fs.String("addr", "127.0.0.1:8924", "listen `address`")
	records := fs.Int("records", 100, "records of each entity (deals, contacts, companies, leads, tasks) to seed")
	limits := fs.String("limits", "off", "portal limits: off, standard (50 + 2/s, 480 s operating) or enterprise (250 + 5/s)")
	useTLS := fs.Bool("tls", false, "serve HTTPS with a freshly generated CA")
	caFile := fs.String("ca-file", "b24run-sandbox-ca.pem", "with --tls: where to write the CA certificate clients must trust")
	secret := fs.String("secret", "", "webhook secret (default: random)")
	realistic := fs.Bool("realistic-cost", false, "answer as slowly as a cloud portal (sandbox.RealisticCost)")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	if err := lf.setup(c); err != nil {
		return c.fail(exitUsage, err)
	}
	opts := sandbox.Options{Addr: *addr, TLS: *useTLS, Secret: *secret, Logger: c.logger}
	switch *limits {
	case "off":
	case "standard":
		opts.Limits = sandbox.StandardLimits()
	case "enterprise":
		opts.Limits = sandbox.EnterpriseLimits()
	default:
		return c.fail(exitUsage, fmt.Errorf("--limits: %q is not off, standard or enterprise", *limits))
	}
	if *realistic {
		opts.Cost = sandbox.RealisticCost()
	}
	if *records < 0 {
		return c.fail(exitUsage, errors.New("--records must not be negative"))
	}
	p, err := sandbox.Start(opts)
	if err != nil {
		return c.fail(exitFailed, err)
	}
	defer p.Close()
	for _, e := range []string{"deal", "contact", "company", "lead", "task", "user"} {
		n := *records
		if e == "user" {
			n = min(n, 10)
		}
		if err := p.Seed(e, n); err != nil {
			return c.fail(exitFailed, err)
		}
	}
	fmt.Fprintf(c.stdout, "sandbox portal: %s\nwebhook URL:    %s\n", p.URL(), p.WebhookURL())
	if *useTLS {
		if err := p.WriteCAFile(*caFile); err != nil {
			return c.fail(exitFailed, err)
		}
		abs, _ := filepath.Abs(*caFile)
		fmt.Fprintf(c.stdout, "CA certificate: %s\n  (b24run: [portal] ca_file; Node: NODE_EXTRA_CA_CERTS=%s)\n", abs, abs)
	}
	fmt.Fprintln(c.stdout, "serving until interrupted (Ctrl-C)")
	<-ctx.Done()
	return exitOK
}
