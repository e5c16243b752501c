// Package bindingstest is the conformance suite of the script languages, in
// the spirit of testing/slogtest: one folder of script fixtures, each run
// against the sandbox portal over real HTTP, its output compared with a
// golden file. JavaScript and Lua twins share one golden file, so the two
// languages cannot drift apart.
//
// # Fixtures
//
// A fixture is a script file (name.js, name.ts, name.lua, ...). Its expected
// standard output is in name.<ext>.out when the language's output differs,
// else in name.out, shared by its twins. Set B24RUN_UPDATE_GOLDEN=1 to
// (re)write golden files from what the scripts print.
//
// Directives in comment lines at the top of a fixture tune its run:
//
//		// b24test: seed=deal:120,contact:3 timeout=2s args="a b"
//		-- b24test: error="Uncaught AjaxError" log="level=WARN"
//
//	  - seed=ENTITY:N,...  seed the sandbox portal (deal, contact, company,
//	    lead, task, user) before the run;
//	  - timeout=DURATION   the run's deadline (default 20s);
//	  - args="..."         script.args, split on spaces;
//	  - env=K=V,...        script.env / process.env;
//	  - error="TEXT"       the run must fail with an error containing TEXT;
//	  - compile-error="TEXT" compiling must fail with an error containing TEXT;
//	  - log="TEXT"         the structured log must contain TEXT;
//	  - event=NAME data=JSON  run the script's handler for that event instead
//	    of its top level;
//	  - skip="reason"      skip the fixture.
//
// Every fixture also checks that the webhook secret appears nowhere: not in
// the output, the log, nor the error.
package bindingstest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/b24run/b24run/bindings"
	"github.com/b24run/b24run/hook"
	"github.com/b24run/b24run/sandbox"
)

// Run runs every fixture in dir whose extension lang claims, each as a
// parallel subtest named after the file.
func Run(t *testing.T, lang bindings.Language, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, e := range entries {
		if e.IsDir() || !slices.Contains(lang.Extensions(), filepath.Ext(e.Name())) {
			continue
		}
		ran++
		path := filepath.Join(dir, e.Name())
		t.Run(e.Name(), func(t *testing.T) {
			t.Parallel()
			RunFile(t, lang, path)
		})
	}
	if ran == 0 {
		t.Fatalf("no %s fixtures in %s", lang.Name(), dir)
	}
}

// Directives are the parsed b24test comment lines of a fixture.
type Directives struct {
	Seed         map[string]int
	Timeout      time.Duration
	Args         []string
	Env          map[string]string
	Error        string
	CompileError string
	Log          string
	Event        string
	Data         string
	Skip         string
}

// ParseDirectives reads the b24test lines at the top of src.
func ParseDirectives(src []byte) (Directives, error) {
	d := Directives{Timeout: 20 * time.Second, Seed: map[string]int{}, Env: map[string]string{}}
	for _, line := range strings.Split(string(src), "\n") {
		line = strings.TrimSpace(line)
		var rest string
		var ok bool
		for _, prefix := range []string{"// b24test:", "-- b24test:"} {
			if rest, ok = strings.CutPrefix(line, prefix); ok {
				break
			}
		}
		if !ok {
			if line == "" || strings.HasPrefix(line, "//") || strings.HasPrefix(line, "--") {
				continue
			}
			break
		}
		fields, err := splitFields(rest)
		if err != nil {
			return d, err
		}
		for _, f := range fields {
			key, val, _ := strings.Cut(f, "=")
			switch key {
			case "seed":
				for _, s := range strings.Split(val, ",") {
					entity, n, _ := strings.Cut(s, ":")
					count, err := strconv.Atoi(n)
					if err != nil {
						return d, err
					}
					d.Seed[entity] += count
				}
			case "timeout":
				if d.Timeout, err = time.ParseDuration(val); err != nil {
					return d, err
				}
			case "args":
				d.Args = strings.Fields(val)
			case "env":
				for _, kv := range strings.Split(val, ",") {
					k, v, _ := strings.Cut(kv, "=")
					d.Env[k] = v
				}
			case "error":
				d.Error = val
			case "compile-error":
				d.CompileError = val
			case "log":
				d.Log = val
			case "event":
				d.Event = val
			case "data":
				d.Data = val
			case "skip":
				d.Skip = val
			default:
				return d, errors.New("unknown b24test directive " + strconv.Quote(key))
			}
		}
	}
	return d, nil
}

// splitFields splits on spaces, keeping "quoted values" and 'quoted values'
// whole.
func splitFields(s string) ([]string, error) {
	var out []string
	var cur strings.Builder
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote == 0 && (r == '"' || r == '\''):
			quote = r
		case quote == 0 && r == ' ':
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
		default:
			cur.WriteRune(r)
		}
	}
	if quote != 0 {
		return nil, errors.New("unterminated quote in b24test directive")
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out, nil
}

// Result is what one fixture run produced.
type Result struct {
	Stdout string
	Log    string
	Err    error
}

// RunFile runs one fixture and checks it against its golden file and
// directives.
func RunFile(t *testing.T, lang bindings.Language, path string) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := ParseDirectives(src)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if d.Skip != "" {
		t.Skip(d.Skip)
	}
	portal := sandbox.StartTest(t, sandbox.Options{})
	for entity, n := range d.Seed {
		if err := portal.Seed(entity, n); err != nil {
			t.Fatal(err)
		}
	}
	res := Exec(t, lang, portal, filepath.Base(path), src, d)

	secret := portal.Secret()
	for what, text := range map[string]string{"output": res.Stdout, "log": res.Log, "error": errText(res.Err)} {
		if strings.Contains(text, secret) {
			t.Errorf("the webhook secret appears in the %s", what)
		}
	}
	if d.CompileError != "" {
		var ce *bindings.CompileError
		if !errors.As(res.Err, &ce) || !strings.Contains(res.Err.Error(), d.CompileError) {
			t.Fatalf("want a compile error containing %q, got %v", d.CompileError, res.Err)
		}
		return
	}
	switch {
	case d.Error != "" && res.Err == nil:
		t.Errorf("want an error containing %q, the run succeeded", d.Error)
	case d.Error != "" && !strings.Contains(res.Err.Error(), d.Error):
		t.Errorf("want an error containing %q, got: %v", d.Error, res.Err)
	case d.Error == "" && res.Err != nil:
		t.Errorf("run failed: %v\noutput so far:\n%s\nlog:\n%s", res.Err, res.Stdout, res.Log)
	}
	if d.Log != "" && !strings.Contains(res.Log, d.Log) {
		t.Errorf("log lacks %q; log:\n%s", d.Log, res.Log)
	}
	CompareGolden(t, path, res.Stdout)
}

// Exec compiles and runs src against portal the way the fixture's
// directives say, and returns what it produced.
func Exec(t *testing.T, lang bindings.Language, portal *sandbox.Portal, name string, src []byte, d Directives) Result {
	t.Helper()
	opts := []hook.Option{hook.WithLoopbackHTTP(), hook.WithRateLimit(0, 0), hook.WithBackoff(5*time.Millisecond, 50*time.Millisecond)}
	if roots := portal.RootCAs(); roots != nil {
		opts = append(opts, hook.WithRootCAs(roots))
	}
	client, err := hook.FromWebhookURL(portal.WebhookURL(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	prog, err := lang.Compile(name, src)
	if err != nil {
		return Result{Err: err}
	}
	var stdout, logs bytes.Buffer
	env := &bindings.Env{
		Client: client,
		Stdout: &stdout,
		Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})).With("script", name),
		Args:   d.Args,
		Vars:   d.Env,
	}
	ctx, cancel := context.WithTimeout(context.Background(), d.Timeout)
	defer cancel()
	if d.Event != "" {
		payload := map[string]any{"event": strings.ToUpper(d.Event), "event_handler_id": "1", "ts": "1766047124",
			"auth": map[string]any{"domain": "sandbox.local", "member_id": "sandbox"}}
		if d.Data != "" {
			payload["data"] = json.RawMessage(d.Data)
		}
		raw, _ := json.Marshal(payload)
		err = prog.Handle(ctx, env, bindings.Trigger{Kind: bindings.TriggerEvent, Event: strings.ToUpper(d.Event), Payload: raw})
	} else {
		_, err = prog.Run(ctx, env)
	}
	return Result{Stdout: stdout.String(), Log: logs.String(), Err: err}
}

// CompareGolden compares got with the golden file of the fixture at path:
// path+".out" if it exists, else the shared name.out of its twins.
func CompareGolden(t *testing.T, path, got string) {
	t.Helper()
	golden := path + ".out"
	if _, err := os.Stat(golden); err != nil {
		golden = strings.TrimSuffix(path, filepath.Ext(path)) + ".out"
	}
	if os.Getenv("B24RUN_UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("no golden file for %s (run with B24RUN_UPDATE_GOLDEN=1 to create it): %v", path, err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s\n--- got\n%s\n--- want\n%s", golden, got, want)
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
