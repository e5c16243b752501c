// Package bindings is the contract between the engine and the script
// language adapters (bindings/js on goja, bindings/lua on gopher-lua). The
// engine knows only these types; an adapter knows only these types and the
// hook core. Keeping the contract this small is what lets one conformance
// suite (package bindingstest) hold both languages to the same behaviour.
//
// Lifecycle, as in Caddy's modules: the engine compiles a file into a
// Program (syntax errors surface here, with positions); a Program is
// immutable and shared by every run of that version of the script; each run
// builds a fresh runtime from it, used by one goroutine only and thrown away
// afterwards, so no state leaks from one run to the next.
package bindings

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"

	"github.com/b24run/b24run/hook"
)

// Language compiles the scripts of one language.
type Language interface {
	// Name is a short lower-case name ("javascript", "lua").
	Name() string
	// Extensions lists the file name extensions the language claims,
	// with the dot (".js", ".ts", ".lua").
	Extensions() []string
	// Compile compiles src. filename names the script in errors and stack
	// traces (a path relative to the scripts folder reads best). A syntax
	// error is returned as a *CompileError.
	Compile(filename string, src []byte) (Program, error)
}

// Program is one compiled version of a script. Its methods may be called
// concurrently from any goroutine; each call runs in a runtime of its own.
type Program interface {
	// Name is the filename given to Compile.
	Name() string
	// Run executes the script's top level as a one-off job and returns once
	// it, and everything it awaits, has finished. It also returns what the
	// script registered with on() and schedule(), which a one-off run does
	// not call.
	Run(ctx context.Context, env *Env) (Registrations, error)
	// Inspect loads the script with portal calls disabled and returns what
	// it registers. The engine calls it once per version to validate rules.
	Inspect(ctx context.Context, env *Env) (Registrations, error)
	// Handle loads the script with portal calls disabled during loading,
	// then runs the handler that trigger selects and waits for it to finish.
	Handle(ctx context.Context, env *Env, trigger Trigger) error
}

// Registrations is what a script registers while it loads.
type Registrations struct {
	// Events lists the event names passed to on(), upper-cased, in order.
	Events []string
	// Schedules lists the specs passed to schedule(), in order; a Trigger
	// names a schedule by its index here.
	Schedules []string
}

// TriggerKind says what started a handler.
type TriggerKind int

// The kinds of triggers.
const (
	TriggerEvent TriggerKind = iota + 1
	TriggerSchedule
)

// Trigger selects the handler Handle runs and carries its input.
type Trigger struct {
	Kind TriggerKind
	// Event is the event name (upper case) for TriggerEvent.
	Event string
	// Payload is the event as JSON: {"event", "event_handler_id", "data",
	// "ts", "auth"}, with auth's application_token removed. Handlers get it
	// decoded.
	Payload json.RawMessage
	// Schedule is the index into Registrations.Schedules for TriggerSchedule.
	Schedule int
}

// Env is what the host hands to one run. The engine builds a fresh Env for
// every run; adapters must not keep it after the run returns.
type Env struct {
	// Client is the portal, shared by every script of the process. For a
	// dry run it is already a client whose writes are answered locally.
	Client *hook.Client
	// Stdout receives console.log and print output of one-off runs, so
	// that it can be redirected. When nil, that output goes to Logger.
	Stdout io.Writer
	// Logger is the structured log, already tagged with the script's name.
	// console.info/warn/error/debug and log.* write here.
	Logger *slog.Logger
	// Args are the script's arguments (script.args).
	Args []string
	// Vars are the values the configuration exposes to scripts, as
	// process.env in JavaScript and script.env in both languages. The
	// webhook is never among them.
	Vars map[string]string
	// DryRun tells the script (script.dryRun) that writes are not sent.
	DryRun bool
	// ListProgress, when set, is told of the advance of long list calls
	// (the CLI draws a progress bar). It is called on the run's goroutine.
	ListProgress func(method string, p hook.Progress)
	// Limits bound what one run may take; zero fields take the defaults.
	Limits Limits
}

// Limits bound one run. Neither engine can cap memory per runtime, so the
// host caps what it hands out instead (reference/embedding.md §1.8).
type Limits struct {
	// MaxCallDepth bounds script recursion (default 1000 in JavaScript,
	// 200 in Lua).
	MaxCallDepth int
	// MaxListRows bounds the rows callListMethod may collect in memory
	// (default 1,000,000); fetchListMethod streams and has no such bound.
	MaxListRows int
	// MaxStringBytes bounds strings built by repeat-like builtins
	// (default 16 MiB).
	MaxStringBytes int
}

// WithDefaults returns l with zero fields set to their defaults; depth is
// the language's default call depth.
func (l Limits) WithDefaults(depth int) Limits {
	if l.MaxCallDepth <= 0 {
		l.MaxCallDepth = depth
	}
	if l.MaxListRows <= 0 {
		l.MaxListRows = 1_000_000
	}
	if l.MaxStringBytes <= 0 {
		l.MaxStringBytes = 16 << 20
	}
	return l
}

// CompileError is a script that does not compile.
type CompileError struct {
	File         string
	Line, Column int // 1-based; Column 0 when unknown
	Message      string
}

// Error formats the error as compilers do: "file:line:column: message".
func (e *CompileError) Error() string {
	if e.Column > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Message)
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Message)
}

// ScriptError is an error a script raised and did not handle (an uncaught
// exception, a rejected promise nobody awaited, a Lua error), or a run that
// was stopped (timeout, cancellation: then errors.Is(err, ctx.Err()) holds).
type ScriptError struct {
	// File, Line and Column locate where it was raised in the user's
	// source (after source maps); Line 0 when unknown.
	File         string
	Line, Column int
	// Message is the error as the script would print it
	// ("Uncaught AjaxError: Not found", "deal.lua:12: boom").
	Message string
	// Stack is the script-level stack trace, innermost first, if any.
	Stack string
	// Err is the Go error behind it: a *hook.Error, context.DeadlineExceeded...
	Err error
}

// Error gives the location, then the message as the script would print it.
func (e *ScriptError) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.File, e.Line)
		if e.Column > 0 {
			loc = fmt.Sprintf("%s:%d", loc, e.Column)
		}
	}
	if loc == "" {
		return e.Message
	}
	return loc + ": " + e.Message
}

// Unwrap returns the Go error behind the script error, for errors.Is/As.
func (e *ScriptError) Unwrap() error { return e.Err }

// ErrPortalDisabled is what a portal call raises while a rule loads
// (Inspect, and the loading part of Handle): a rule's top level runs again
// for every delivery, so its calls belong inside handlers.
var ErrPortalDisabled = &hook.Error{
	Code:        "B24RUN_CALL_AT_LOAD",
	Description: "portal calls are not allowed while a rule loads; make them inside on() or schedule() handlers",
}
