package engine

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/b24run/b24run/bindings"
	"github.com/b24run/b24run/hook"
)

// Runner runs scripts once: `b24run run`, and each delivery of `serve`.
// Its fields are read-only once it runs; one Runner may run many scripts
// concurrently.
type Runner struct {
	Languages *Languages
	// Client is the portal every script shares (a dry-run client for dry runs).
	Client *hook.Client
	// Logger receives the structured log; each run tags it with the script.
	Logger *slog.Logger
	// Stdout receives console.log/print of one-off runs; nil sends that
	// output to the log (the daemon).
	Stdout io.Writer
	// Vars are exposed to scripts as process.env / script.env.
	Vars map[string]string
	// Timeout bounds one run or handler.
	Timeout time.Duration
	// DryRun tells scripts that writes are not sent (script.dryRun).
	DryRun bool
	// Progress is told of long list calls (the CLI's progress bar).
	Progress func(method string, p hook.Progress)
}

// Load reads and compiles a script file. The script's name is its base name.
func (r *Runner) Load(path string) (bindings.Program, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read script: %w", err)
	}
	return r.Languages.Compile(filepath.Base(path), src)
}

// Run runs prog's top level once and returns what it registered.
func (r *Runner) Run(ctx context.Context, prog bindings.Program, args []string) (bindings.Registrations, error) {
	ctx, cancel := r.deadline(ctx)
	defer cancel()
	return prog.Run(ctx, r.env(prog, args))
}

// Handle runs the handler prog registered for the event.
func (r *Runner) Handle(ctx context.Context, prog bindings.Program, ev *Event) error {
	ctx, cancel := r.deadline(ctx)
	defer cancel()
	env := r.env(prog, nil)
	regs, err := prog.Inspect(ctx, env)
	if err != nil {
		return err
	}
	if !hasEvent(regs, ev.Name) {
		return fmt.Errorf("%s registers no handler for %s (it handles: %v)", prog.Name(), ev.Name, listOrNone(regs.Events))
	}
	return prog.Handle(ctx, r.env(prog, nil), bindings.Trigger{Kind: bindings.TriggerEvent, Event: ev.Name, Payload: ev.JSON()})
}

func (r *Runner) deadline(ctx context.Context) (context.Context, context.CancelFunc) {
	if r.Timeout > 0 {
		return context.WithTimeout(ctx, r.Timeout)
	}
	return context.WithCancel(ctx)
}

func (r *Runner) env(prog bindings.Program, args []string) *bindings.Env {
	logger := r.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &bindings.Env{
		Client:       r.Client,
		Stdout:       r.Stdout,
		Logger:       logger.With("script", prog.Name()),
		Args:         args,
		Vars:         r.Vars,
		DryRun:       r.DryRun,
		ListProgress: r.Progress,
	}
}

func hasEvent(regs bindings.Registrations, name string) bool {
	for _, e := range regs.Events {
		if e == name {
			return true
		}
	}
	return false
}

func listOrNone(s []string) any {
	if len(s) == 0 {
		return "no events"
	}
	return s
}
