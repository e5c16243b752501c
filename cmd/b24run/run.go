package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/b24run/b24run/bindings"
	"github.com/b24run/b24run/engine"
	"github.com/b24run/b24run/hook"
)

func runCmd(ctx context.Context, c *cli, args []string) int {
	fs := c.newFlagSet("run", "[flags] SCRIPT [-- ARGS...]")
	var lf logFlags
	lf.register(fs)
	configFile := fs.String("config", "", "configuration file (default: "+engine.DefaultConfigFile+" in the working directory)")
	dryRun := fs.Bool("dry-run", false, "send reads to the portal, answer writes locally and print the plan of writes")
	planFile := fs.String("plan", "", "with --dry-run: also write the plan to `FILE` as JSON lines, in call order")
	timeout := fs.Duration("timeout", 0, "bound the run (default: [scripts] timeout, else 5m)")
	event := fs.String("event", "", "run the script's handler for event `NAME` (as serve would deliver it) instead of its top level")
	data := fs.String("data", "", "with --event: the event's data member as `JSON`, e.g. '{\"FIELDS\":{\"ID\":\"7\"}}'")
	positional, scriptArgs, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	switch {
	case len(positional) != 1:
		fs.Usage()
		return c.fail(exitUsage, errors.New("run needs exactly one SCRIPT"))
	case *planFile != "" && !*dryRun:
		return c.fail(exitUsage, errors.New("--plan needs --dry-run"))
	case *data != "" && *event == "":
		return c.fail(exitUsage, errors.New("--data needs --event"))
	case *event != "" && len(scriptArgs) > 0:
		return c.fail(exitUsage, errors.New("--event takes no script arguments"))
	}
	if err := lf.setup(c); err != nil {
		return c.fail(exitUsage, err)
	}
	cfg, err := engine.LoadConfig(*configFile, c.getenv)
	if err != nil {
		return c.fail(configCode(err), err)
	}
	for _, w := range cfg.Warnings {
		fmt.Fprintln(c.stderr, "b24run: warning:", w)
	}

	var plan *engine.Plan
	var extra []hook.Option
	if *dryRun {
		plan = &engine.Plan{}
		extra = append(extra, hook.WithDryRun(plan))
	}
	client, closePortal, err := c.portal(cfg, extra)
	if err != nil {
		return c.fail(configCode(err), err)
	}
	defer closePortal()

	runner := &engine.Runner{
		Languages: engine.DefaultLanguages(),
		Client:    client,
		Logger:    c.logger,
		Stdout:    c.stdout,
		Vars:      cfg.Scripts.Env,
		Timeout:   cfg.ScriptTimeout(),
		DryRun:    *dryRun,
		Progress:  newProgressBar(c.stderr),
	}
	if *timeout > 0 {
		runner.Timeout = *timeout
	}
	script := positional[0]
	if _, err := os.Stat(script); err != nil {
		return c.fail(exitUsage, fmt.Errorf("script %s: %w", script, errors.Unwrap(err)))
	}
	prog, err := runner.Load(script)
	if err != nil {
		return c.fail(exitFailed, err)
	}

	if *event != "" {
		var ev *engine.Event
		if ev, err = engine.NewEvent(*event, json.RawMessage(*data), client.TargetOrigin(), time.Now()); err != nil {
			return c.fail(exitUsage, err)
		}
		err = runner.Handle(ctx, prog, ev)
	} else {
		var regs bindings.Registrations
		regs, err = runner.Run(ctx, prog, scriptArgs)
		if err == nil && len(regs.Events)+len(regs.Schedules) > 0 {
			c.logger.Info("the script registers handlers that a one-off run does not call; try them with --event NAME, or run the folder with b24run serve",
				"script", prog.Name(), "events", regs.Events, "schedules", regs.Schedules)
		}
	}
	if plan != nil {
		if perr := c.writePlan(plan, *planFile); perr != nil && err == nil {
			err = perr
		}
	}
	if err != nil {
		return c.fail(exitFailed, describe(err))
	}
	return exitOK
}

// portal returns the configured portal's client, or, with no portal
// configured at all, a client of an in-process sandbox portal.
func (c *cli) portal(cfg *engine.Config, extra []hook.Option) (*hook.Client, func(), error) {
	if cfg.HasPortal() {
		client, err := engine.NewClient(cfg, c.logger, extra...)
		return client, func() {}, err
	}
	p, err := engine.LocalSandbox()
	if err != nil {
		return nil, nil, err
	}
	fmt.Fprintln(c.stderr, "b24run: NO PORTAL CONFIGURED: running against a built-in sandbox portal with sample data; set BITRIX24_WEBHOOK_URL or [portal] webhook_url in "+engine.DefaultConfigFile+" to use your portal")
	opts := append([]hook.Option{hook.WithLoopbackHTTP(), hook.WithLogger(c.logger), hook.WithRateLimit(0, 0)}, extra...)
	client, err := hook.FromWebhookURL(p.WebhookURL(), opts...)
	if err != nil {
		p.Close()
		return nil, nil, err
	}
	return client, func() { p.Close() }, nil
}

// writePlan prints the dry run's plan on stderr and, if asked, to a file.
func (c *cli) writePlan(plan *engine.Plan, file string) error {
	if err := plan.WriteTable(c.stderr); err != nil {
		return err
	}
	if file == "" {
		return nil
	}
	f, err := os.Create(file)
	if err != nil {
		return fmt.Errorf("--plan: %w", err)
	}
	if err := plan.WriteJSONLines(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// describe adds a script's stack trace to its error message.
func describe(err error) error {
	var se *bindings.ScriptError
	if errors.As(err, &se) && se.Stack != "" && !strings.Contains(err.Error(), se.Stack) {
		return fmt.Errorf("%w\n%s", err, strings.TrimRight(se.Stack, "\n"))
	}
	return err
}
