package js

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"

	"github.com/b24run/b24run/bindings"
	"github.com/b24run/b24run/hook"
)

// defaultCallDepth is the JavaScript recursion bound when Limits leaves it 0.
const defaultCallDepth = 1000

// run is one execution of a program: a fresh goja runtime, used by the
// goroutine that called Run, Inspect or Handle and by no other, and thrown
// away afterwards so that no state leaks into the next run.
type run struct {
	ctx    context.Context
	rt     *goja.Runtime
	prog   *program
	env    *bindings.Env
	client *hook.Client
	limits bindings.Limits
	logger *slog.Logger
	stdout io.Writer
	// portal says whether portal calls are allowed: not while a rule
	// loads (bindings.ErrPortalDisabled).
	portal bool
	dec    *jsonDecoder

	sdk     *goja.Object
	inspect goja.Callable

	events    []registration
	schedules []registration

	timers   timerQueue
	rejected []*goja.Promise // rejected and, so far, unhandled
	awaited  map[*goja.Promise]bool
	exitCode *int
	cursors  map[*fetchCursor]struct{}
	goErrors []error // Go errors behind AjaxErrors, by id
	started  time.Time

	stopInterrupt func() bool
}

// registration is one on() or schedule() call.
type registration struct {
	name string // event name (upper case) or schedule spec
	fn   goja.Callable
}

// exitSignal interrupts the runtime when the script calls process.exit.
type exitSignal struct{}

// newRun builds a runtime for one run: limits, the prelude, the globals.
func newRun(ctx context.Context, p *program, env *bindings.Env, portal bool) (*run, error) {
	if env == nil {
		env = &bindings.Env{}
	}
	r := &run{
		ctx:     ctx,
		rt:      goja.New(),
		prog:    p,
		env:     env,
		client:  env.Client,
		limits:  env.Limits.WithDefaults(defaultCallDepth),
		logger:  env.Logger,
		stdout:  env.Stdout,
		portal:  portal,
		awaited: map[*goja.Promise]bool{},
		cursors: map[*fetchCursor]struct{}{},
		started: time.Now(),
	}
	if r.logger == nil {
		r.logger = slog.New(slog.DiscardHandler)
	}
	r.dec = newJSONDecoder(r.rt)
	r.rt.SetMaxCallStackSize(r.limits.MaxCallDepth)
	// eval and new Function parse too: never let them read a source map
	// from the host's disk.
	r.rt.SetParserOptions(parser.WithDisableSourceMaps)
	r.rt.SetPromiseRejectionTracker(r.trackRejection)
	r.stopInterrupt = context.AfterFunc(ctx, func() { r.rt.Interrupt(ctx.Err()) })

	out := r.rt.NewObject()
	if _, err := r.enter(func() (goja.Value, error) {
		v, err := r.rt.RunProgram(p.prelude)
		if err != nil {
			return nil, err
		}
		fn, ok := goja.AssertFunction(v)
		if !ok {
			return nil, errors.New("the prelude is not a function")
		}
		return fn(goja.Undefined(), r.native(), out)
	}); err != nil {
		r.close()
		if ctx.Err() != nil {
			return nil, r.stopped(ctx.Err(), nil)
		}
		return nil, fmt.Errorf("js: start runtime: %w", err)
	}
	r.sdk = out.Get("sdk").ToObject(r.rt)
	r.inspect, _ = goja.AssertFunction(out.Get("inspect"))
	return r, nil
}

// close releases what the run holds: the interrupt hook and any list walk
// a script left unfinished.
func (r *run) close() {
	r.stopInterrupt()
	for c := range r.cursors {
		c.close()
	}
}

// enter runs f, which calls into the VM, turning a Go panic from a host
// function into an error instead of a crash of the whole process.
func (r *run) enter(f func() (goja.Value, error)) (v goja.Value, err error) {
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("js: internal error: %v\n%s", x, debug.Stack())
		}
	}()
	return f()
}

// main runs the script's top level: the bundle evaluates to an async
// function (for top-level await), called with the built-in module, and the
// loop runs until its promise and every timer it started have settled.
func (r *run) main() error {
	v, err := r.enter(func() (goja.Value, error) {
		wrapper, err := r.rt.RunProgram(r.prog.prog)
		if err != nil {
			return nil, err
		}
		fn, ok := goja.AssertFunction(wrapper)
		if !ok {
			return nil, errors.New("js: the bundle is not a function")
		}
		return fn(goja.Undefined(), r.sdk)
	})
	if err != nil {
		return r.failed(err)
	}
	top, _ := v.Export().(*goja.Promise)
	return r.settle(top)
}

// callHandler calls an on() or schedule() handler and waits for what it
// returns to settle.
func (r *run) callHandler(fn goja.Callable, args ...goja.Value) error {
	if r.exitCode != nil {
		return r.exitError()
	}
	v, err := r.enter(func() (goja.Value, error) { return fn(goja.Undefined(), args...) })
	if err != nil {
		return r.failed(err)
	}
	p, _ := v.Export().(*goja.Promise)
	return r.settle(p)
}

// decodePayload turns an event's JSON into the handler's argument.
func (r *run) decodePayload(raw []byte) (goja.Value, error) {
	if len(raw) == 0 {
		return r.rt.NewObject(), nil
	}
	return r.dec.decode(raw)
}

func (r *run) registrations() bindings.Registrations {
	var regs bindings.Registrations
	for _, e := range r.events {
		regs.Events = append(regs.Events, e.name)
	}
	for _, s := range r.schedules {
		regs.Schedules = append(regs.Schedules, s.name)
	}
	return regs
}

// trackRejection keeps the promises rejected without a handler, as Node
// does to report them after each task ("Uncaught (in promise)").
func (r *run) trackRejection(p *goja.Promise, op goja.PromiseRejectionOperation) {
	switch op {
	case goja.PromiseRejectionReject:
		r.rejected = append(r.rejected, p)
	case goja.PromiseRejectionHandle:
		for i, q := range r.rejected {
			if q == p {
				r.rejected = append(r.rejected[:i], r.rejected[i+1:]...)
				break
			}
		}
	}
}

// settle is the event loop: it fires timers in order until nothing keeps
// the run alive, then reports how p (the top level's or a handler's
// promise; nil for a plain value) ended. Promise jobs need no loop: goja runs
// them whenever a call into the VM returns.
func (r *run) settle(p *goja.Promise) error {
	if p != nil {
		r.awaited[p] = true
	}
	for {
		if err, done := r.check(p); done {
			return err
		}
		t := r.timers.next()
		if t == nil {
			break
		}
		if err := sleep(r.ctx, time.Until(t.due)); err != nil {
			return r.stopped(err, nil)
		}
		if err := r.fire(t); err != nil {
			return err
		}
	}
	if p != nil && p.State() == goja.PromiseStatePending {
		return &bindings.ScriptError{
			File:    r.prog.name,
			Message: "the script awaits a promise that nothing can settle any more (unsettled top-level await)",
		}
	}
	return nil
}

// check reports whether the run must stop now, and with what error: a
// process.exit, the awaited promise rejected, or a rejection nobody handled.
func (r *run) check(p *goja.Promise) (error, bool) {
	if r.exitCode != nil {
		return r.exitError(), true
	}
	if p != nil && p.State() == goja.PromiseStateRejected {
		return r.uncaught(p.Result(), false, nil), true
	}
	for _, q := range r.rejected {
		if !r.awaited[q] {
			return r.uncaught(q.Result(), true, nil), true
		}
	}
	if err := r.ctx.Err(); err != nil {
		return r.stopped(err, nil), true
	}
	return nil, false
}

// fire runs one due timer's callback.
func (r *run) fire(t *timer) error {
	r.timers.pop(t)
	if t.interval > 0 {
		t.due = time.Now().Add(t.interval)
		r.timers.push(t)
	}
	if _, err := r.enter(func() (goja.Value, error) { return t.fn(goja.Undefined(), t.args...) }); err != nil {
		return r.failed(err)
	}
	return nil
}

// exitError is the outcome of process.exit: nothing for 0, else a failure.
func (r *run) exitError() error {
	if *r.exitCode == 0 {
		return nil
	}
	return &bindings.ScriptError{
		File:    r.prog.name,
		Message: fmt.Sprintf("process.exit(%d)", *r.exitCode),
	}
}

// exitCodeError reports a run that ended normally with process.exitCode
// set to a failure, as Node exits with it.
func (r *run) exitCodeError() error {
	if r.exitCode != nil {
		return nil
	}
	proc, ok := r.rt.Get("process").(*goja.Object)
	if !ok {
		return nil
	}
	code := proc.Get("exitCode")
	if code == nil || goja.IsUndefined(code) || goja.IsNull(code) || code.ToInteger() == 0 {
		return nil
	}
	c := int(code.ToInteger())
	r.exitCode = &c
	return r.exitError()
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
