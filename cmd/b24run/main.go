// Command b24run runs automation scripts written in JavaScript, TypeScript
// or Lua against a Bitrix24 portal through an inbound webhook.
//
//	b24run run [--config F] [--dry-run] [--plan FILE] [--timeout D] SCRIPT [-- ARGS...]
//	b24run run --event NAME --data JSON SCRIPT
//	b24run check PATH...
//	b24run sandbox [--addr A] [--records N] [--limits off|standard|enterprise] [--tls]
//	b24run types [--out DIR]
//	b24run version
//
// Every command takes --log-level and --log-format. The command is a thin
// layer of flags over package engine. Exit status: 0 on success, 1 when a
// script fails, 2 for usage and configuration errors.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/b24run/b24run/engine"
)

// Exit statuses.
const (
	exitOK     = 0
	exitFailed = 1 // a script failed
	exitUsage  = 2 // bad flags, bad configuration
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

// cli is what every command gets: its streams and the environment.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	logger         *slog.Logger
}

// command is one subcommand.
type command struct {
	name, usage string
	run         func(ctx context.Context, c *cli, args []string) int
}

func commands() []command {
	return []command{
		{"run", "run a script once", runCmd},
		{"check", "compile scripts and report errors", checkCmd},
		{"sandbox", "serve the sandbox portal and print its webhook URL", sandboxCmd},
		{"types", "write TypeScript and LuaLS definitions for editors", typesCmd},
		{"version", "print the version", versionCmd},
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	c := &cli{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	args = hoistLogFlags(args)
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		c.usage()
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, cmd := range commands() {
		if cmd.name == args[0] {
			return cmd.run(ctx, c, args[1:])
		}
	}
	fmt.Fprintf(stderr, "b24run: unknown command %q\n\n", args[0])
	c.usage()
	return exitUsage
}

func (c *cli) usage() {
	fmt.Fprintln(c.stderr, "usage: b24run <command> [flags]\n\ncommands:")
	for _, cmd := range commands() {
		fmt.Fprintf(c.stderr, "  %-8s %s\n", cmd.name, cmd.usage)
	}
	fmt.Fprintln(c.stderr, "\nRun 'b24run <command> -h' for a command's flags.")
}

// hoistLogFlags moves log flags given before the command name after it, so
// that both "b24run --log-level debug run x.js" and "b24run run --log-level
// debug x.js" work.
func hoistLogFlags(args []string) []string {
	var global []string
	for len(args) > 0 {
		a := args[0]
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || (name != "log-level" && name != "log-format") {
			break
		}
		global, args = append(global, a), args[1:]
		if !hasValue && len(args) > 0 {
			global, args = append(global, args[0]), args[1:]
		}
	}
	if len(global) == 0 || len(args) == 0 {
		return append(global, args...)
	}
	return append(append([]string{args[0]}, global...), args[1:]...)
}

// logFlags are on every command.
type logFlags struct{ level, format string }

func (l *logFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&l.level, "log-level", "info", "log level: debug, info, warn, error")
	fs.StringVar(&l.format, "log-format", "text", "log format: text or json")
}

// setup builds the logger on stderr from the flags.
func (l *logFlags) setup(c *cli) error {
	var level slog.Level
	if err := level.UnmarshalText([]byte(l.level)); err != nil {
		return fmt.Errorf("--log-level: %q is not one of debug, info, warn, error", l.level)
	}
	opts := &slog.HandlerOptions{Level: level}
	switch l.format {
	case "text":
		c.logger = slog.New(slog.NewTextHandler(c.stderr, opts))
	case "json":
		c.logger = slog.New(slog.NewJSONHandler(c.stderr, opts))
	default:
		return fmt.Errorf("--log-format: %q is not text or json", l.format)
	}
	return nil
}

// newFlagSet makes a command's flag set that reports errors on stderr.
func (c *cli) newFlagSet(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = func() {
		fmt.Fprintf(c.stderr, "usage: b24run %s %s\n\nflags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseInterspersed parses flags that may come before and after the
// positional arguments, up to a "--" after which everything is positional.
func parseInterspersed(fs *flag.FlagSet, args []string) (positional, rest []string, err error) {
	for {
		// flag.Parse would swallow a "--" that comes first: look before it does.
		if len(args) > 0 && args[0] == "--" {
			return positional, args[1:], nil
		}
		if err := fs.Parse(args); err != nil {
			return nil, nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil, nil
		}
		if args[0] == "--" {
			return positional, args[1:], nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// fail prints err the way b24run reports errors and returns code.
func (c *cli) fail(code int, err error) int {
	msg := err.Error()
	if !strings.HasPrefix(msg, "b24run") {
		msg = "b24run: " + msg
	}
	fmt.Fprintln(c.stderr, msg)
	return code
}

// configCode is the exit status for an error of loading the configuration.
func configCode(err error) int {
	var ce *engine.ConfigError
	if errors.As(err, &ce) {
		return exitUsage
	}
	return exitFailed
}

func versionCmd(_ context.Context, c *cli, args []string) int {
	fs := c.newFlagSet("version", "")
	var lf logFlags
	lf.register(fs)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	fmt.Fprintln(c.stdout, "b24run", engine.Version())
	return exitOK
}
