package lua_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/b24run/b24run/bindings"
	"github.com/b24run/b24run/bindings/lua"
	"github.com/b24run/b24run/hook"
	"github.com/b24run/b24run/sandbox"
)

// portal starts a sandbox portal seeded with n deals and a client for it.
func portal(t testing.TB, deals int, opts ...hook.Option) (*sandbox.Portal, *hook.Client) {
	t.Helper()
	p := sandbox.StartTest(t, sandbox.Options{})
	if deals > 0 {
		if err := p.Seed("deal", deals); err != nil {
			t.Fatal(err)
		}
	}
	opts = append([]hook.Option{hook.WithLoopbackHTTP(), hook.WithRateLimit(0, 0)}, opts...)
	c, err := hook.FromWebhookURL(p.WebhookURL(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return p, c
}

func compile(t testing.TB, name, src string) bindings.Program {
	t.Helper()
	prog, err := lua.New().Compile(name, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return prog
}

func TestLanguage(t *testing.T) {
	lang := lua.New()
	if lang.Name() != "lua" || len(lang.Extensions()) != 1 || lang.Extensions()[0] != ".lua" {
		t.Errorf("name %q, extensions %v", lang.Name(), lang.Extensions())
	}
	if got := compile(t, "x.lua", "").Name(); got != "x.lua" {
		t.Errorf("program name %q", got)
	}
}

func TestCompileErrors(t *testing.T) {
	for _, tc := range []struct {
		src          string
		line, column int
		message      string
	}{
		{"local x = 1\nlocal y = = 2\n", 2, 11, "syntax error near '='"},
		{"print('a')\nlocal s = 'open\n", 2, 0, "unterminated string"},
		{"for i = 1, 2 do\n  print(i)\n", 2, 0, "unexpected end of file"},
		{"local t = {\n", 1, 0, "unexpected end of file"},
		{"\n\nfunction f() return ... end\n", 3, 0, "cannot use '...' outside a vararg function"},
		{"x = 1\nbreak\n", 2, 0, "no loop to break"},
	} {
		_, err := lua.New().Compile("bad.lua", []byte(tc.src))
		var ce *bindings.CompileError
		if !errors.As(err, &ce) {
			t.Errorf("%q: got %v, want a *bindings.CompileError", tc.src, err)
			continue
		}
		if ce.File != "bad.lua" || ce.Line != tc.line || ce.Column != tc.column || !strings.Contains(ce.Message, tc.message) {
			t.Errorf("%q: got %s:%d:%d %q, want line %d column %d %q", tc.src, ce.File, ce.Line, ce.Column, ce.Message, tc.line, tc.column, tc.message)
		}
	}
}

func TestCompileAcceptsShebangAndBOM(t *testing.T) {
	var out bytes.Buffer
	prog := compile(t, "x.lua", "\xef\xbb\xbf#!/usr/bin/env b24run\nprint('ok')\nerror('line 3')\n")
	_, err := prog.Run(context.Background(), &bindings.Env{Stdout: &out})
	var se *bindings.ScriptError
	if out.String() != "ok\n" || !errors.As(err, &se) || se.Line != 3 {
		t.Errorf("output %q, error %v", out.String(), err)
	}
}

func TestInspect(t *testing.T) {
	prog := compile(t, "rule.lua", `
		local ok, err = pcall(b24.callMethod, 'crm.deal.get', {id = 1})
		assert(not ok and err.code == 'B24RUN_CALL_AT_LOAD', tostring(err))
		on('onCrmDealAdd', function() end)
		on('ONCRMDEALUPDATE', function() end)
		on('OnCrmDealAdd', function() end)
		schedule('*/15 * * * *', function() end)
		schedule('@every 10m', function() end)
	`)
	regs, err := prog.Inspect(context.Background(), &bindings.Env{})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(regs.Events) != "[ONCRMDEALADD ONCRMDEALUPDATE]" || fmt.Sprint(regs.Schedules) != "[*/15 * * * * @every 10m]" {
		t.Errorf("registrations %+v", regs)
	}
}

func TestPortalDisabledWhileLoading(t *testing.T) {
	_, c := portal(t, 1)
	prog := compile(t, "rule.lua", "b24.callMethod('crm.deal.get', {id = 1})\n")
	_, err := prog.Inspect(context.Background(), &bindings.Env{Client: c})
	var se *bindings.ScriptError
	if !errors.Is(err, bindings.ErrPortalDisabled) || !errors.As(err, &se) || se.Line != 1 {
		t.Errorf("got %v, want ErrPortalDisabled at line 1", err)
	}
}

func TestHandle(t *testing.T) {
	_, c := portal(t, 3)
	prog := compile(t, "rule.lua", `
		on('ONCRMDEALADD', function(event)
			print('add', event.data.FIELDS.ID, b24.callMethod('crm.deal.get', {id = event.data.FIELDS.ID}).result.TITLE)
		end)
		schedule('@every 1m', function(...) print('first', select('#', ...)) end)
		schedule('@every 2m', function() print('second', b24.callMethod('user.current').result.ID) end)
	`)
	var out bytes.Buffer
	env := &bindings.Env{Client: c, Stdout: &out}
	ctx := context.Background()
	payload := []byte(`{"event":"ONCRMDEALADD","data":{"FIELDS":{"ID":"2"}},"ts":"1","auth":{"domain":"x"}}`)
	if err := prog.Handle(ctx, env, bindings.Trigger{Kind: bindings.TriggerEvent, Event: "onCrmDealAdd", Payload: payload}); err != nil {
		t.Fatal(err)
	}
	if err := prog.Handle(ctx, env, bindings.Trigger{Kind: bindings.TriggerSchedule, Schedule: 1}); err != nil {
		t.Fatal(err)
	}
	if err := prog.Handle(ctx, env, bindings.Trigger{Kind: bindings.TriggerSchedule, Schedule: 0}); err != nil {
		t.Fatal(err)
	}
	if want := "add\t2\tDeal #2\nsecond\t1\nfirst\t0\n"; out.String() != want {
		t.Errorf("output %q, want %q", out.String(), want)
	}
	for _, tr := range []bindings.Trigger{
		{Kind: bindings.TriggerEvent, Event: "ONCRMDEALDELETE"},
		{Kind: bindings.TriggerSchedule, Schedule: 2},
		{Kind: bindings.TriggerEvent, Event: "ONCRMDEALADD", Payload: []byte(`{"event":`)},
		{Kind: 99},
	} {
		if err := prog.Handle(ctx, env, tr); err == nil {
			t.Errorf("trigger %+v: no error", tr)
		}
	}
}

func TestRunErrors(t *testing.T) {
	_, c := portal(t, 1)
	for _, tc := range []struct {
		name, src string
		line      int
		message   string
		is        error
	}{
		{"portal", "\nb24.callMethod('no.such.method')\n", 2, "ERROR_METHOD_NOT_FOUND: Method not found!", &hook.Error{Code: "ERROR_METHOD_NOT_FOUND"}},
		{"string", "local x = 1\nerror('boom')\n", 2, "boom", nil},
		{"level0", "error('no position', 0)\n", 1, "no position", nil},
		{"runtime", "local t\n\n\nprint(t.x)\n", 4, "attempt to index", nil},
		{"argument", "b24.callListMethod({})\n", 1, "bad argument #1 to 'b24.callListMethod' (string expected, got table)", nil},
		{"nested", "local function f()\n  error({code = 1})\nend\nlocal function g() f() end\ng()\n", 2, `{"code":1}`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := compile(t, "e.lua", tc.src).Run(context.Background(), &bindings.Env{Client: c})
			var se *bindings.ScriptError
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a *bindings.ScriptError", err)
			}
			if se.File != "e.lua" || se.Line != tc.line || !strings.Contains(se.Message, tc.message) || se.Stack == "" {
				t.Errorf("got %s:%d %q (stack %q)", se.File, se.Line, se.Message, se.Stack)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("%v does not unwrap to %v", err, tc.is)
			}
		})
	}
}

func TestRunTimeout(t *testing.T) {
	for _, src := range []string{
		"while true do end",
		"while true do pcall(function() while true do end end) end",
		"local s = ('x'):rep(1024 * 1024)\nwhile true do s:gsub('x', 'y') end",
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		start := time.Now()
		_, err := compile(t, "loop.lua", src).Run(ctx, &bindings.Env{})
		cancel()
		var se *bindings.ScriptError
		if !errors.Is(err, context.DeadlineExceeded) || !errors.As(err, &se) || se.Line == 0 || !strings.Contains(se.Message, "timed out") {
			t.Errorf("%s: got %v", src, err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: stopped after %v", src, d)
		}
	}
}

func TestCancelDuringPortalCall(t *testing.T) {
	p := sandbox.StartTest(t, sandbox.Options{Cost: sandbox.Cost{PerRequest: 5 * time.Second}})
	c, err := hook.FromWebhookURL(p.WebhookURL(), hook.WithLoopbackHTTP(), hook.WithRateLimit(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err = compile(t, "slow.lua", "b24.callMethod('user.current')").Run(ctx, &bindings.Env{Client: c})
	if !errors.Is(err, context.Canceled) || time.Since(start) > 3*time.Second {
		t.Errorf("got %v after %v", err, time.Since(start))
	}
}

// TestFetchBreakStops checks that a walk a script breaks out of is stopped:
// it fetched far less than the whole list, makes no request once the run is
// over, and leaves no goroutine behind.
func TestFetchBreakStops(t *testing.T) {
	p, c := portal(t, 20000, hook.WithParallel(1))
	var out bytes.Buffer
	prog := compile(t, "break.lua", `
		local n = 0
		for round = 1, 3 do
			for page in b24.fetchListMethod('crm.deal.list', {select = {'ID'}}) do
				n = n + #page
				break
			end
		end
		print(n)
	`)
	if _, err := prog.Run(context.Background(), &bindings.Env{Client: c, Stdout: &out}); err != nil {
		t.Fatal(err)
	}
	if out.String() != "150\n" {
		t.Errorf("output %q", out.String())
	}
	pages := p.Stats().Calls["crm.deal.list"]
	if pages >= 3*20000/50 {
		t.Errorf("%d pages fetched for 3 loops that each broke after the first", pages)
	}
	time.Sleep(200 * time.Millisecond)
	if after := p.Stats().Calls["crm.deal.list"]; after != pages {
		t.Errorf("pages went on being fetched after the run: %d, then %d", pages, after)
	}
	noWalkGoroutines(t)
}

// noWalkGoroutines fails if a list walk's goroutine is still alive.
func noWalkGoroutines(t *testing.T) {
	t.Helper()
	var dump string
	for range 100 {
		buf := make([]byte, 1<<20)
		dump = string(buf[:runtime.Stack(buf, true)])
		if !strings.Contains(dump, "hook.(*walk)") && !strings.Contains(dump, "hook.(*pipeline)") {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Errorf("a list walk outlived its run:\n%s", dump)
}

// TestRunsAreIsolated runs one program concurrently: every run has its own
// state, so globals of one run are not seen by another.
func TestRunsAreIsolated(t *testing.T) {
	_, c := portal(t, 60)
	prog := compile(t, "iso.lua", `
		assert(counter == nil, 'a global leaked from another run')
		counter = 0
		for page in b24.fetchListMethod('crm.deal.list', {select = {'ID'}}) do
			counter = counter + #page
		end
		print(counter, script.args[1])
	`)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var out bytes.Buffer
			_, err := prog.Run(context.Background(), &bindings.Env{Client: c, Stdout: &out, Args: []string{fmt.Sprint(i)}})
			if err != nil || out.String() != fmt.Sprintf("60\t%d\n", i) {
				t.Errorf("run %d: %q, %v", i, out.String(), err)
			}
		}()
	}
	wg.Wait()
}

func TestPrintWithoutStdoutLogs(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	_, err := compile(t, "p.lua", "print('hello', 42)").Run(context.Background(), &bindings.Env{Logger: logger})
	if err != nil || !strings.Contains(logs.String(), `level=INFO msg="hello\t42"`) {
		t.Errorf("log %q, error %v", logs.String(), err)
	}
}

func TestListLimit(t *testing.T) {
	_, c := portal(t, 120)
	env := &bindings.Env{Client: c, Limits: bindings.Limits{MaxListRows: 100}}
	_, err := compile(t, "big.lua", "b24.callListMethod('crm.deal.list')").Run(context.Background(), env)
	if !errors.Is(err, &hook.Error{Code: "TOO_MANY_ROWS"}) {
		t.Errorf("got %v, want TOO_MANY_ROWS", err)
	}
	_, err = compile(t, "small.lua", "assert(#b24.callListMethod('crm.deal.list', {filter = {['<=ID'] = 100}}) == 100)").Run(context.Background(), env)
	if err != nil {
		t.Error(err)
	}
}

func TestLimitsApply(t *testing.T) {
	env := &bindings.Env{Limits: bindings.Limits{MaxCallDepth: 50, MaxStringBytes: 1000}}
	for src, want := range map[string]string{
		"local function f(n) return 1 + f(n + 1) end\nf(1)": "stack overflow",
		"local s = ('x'):rep(1001)":                         "more than the limit of 1000 bytes",
		"local s = ('x'):rep(1000)\nassert(#s == 1000)":     "",
	} {
		_, err := compile(t, "lim.lua", src).Run(context.Background(), env)
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("%s: got %v, want %q", src, err, want)
		}
	}
}
