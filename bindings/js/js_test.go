package js_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/b24run/b24run/bindings"
	"github.com/b24run/b24run/bindings/bindingstest"
	"github.com/b24run/b24run/bindings/js"
	"github.com/b24run/b24run/hook"
	"github.com/b24run/b24run/sandbox"
)

// exec runs src against a fresh sandbox portal after preparing it.
func exec(t *testing.T, src string, prepare func(*sandbox.Portal), d bindingstest.Directives) bindingstest.Result {
	t.Helper()
	portal := sandbox.StartTest(t, sandbox.Options{})
	if prepare != nil {
		prepare(portal)
	}
	if d.Timeout == 0 {
		d.Timeout = 10 * time.Second
	}
	res := bindingstest.Exec(t, js.New(), portal, "test.js", []byte(src), d)
	for _, text := range []string{res.Stdout, res.Log, errString(res.Err)} {
		if strings.Contains(text, portal.Secret()) {
			t.Fatalf("the webhook secret leaked: %s", text)
		}
	}
	return res
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestSoftAndHardErrors checks the SDK's split (reference §6.5): soft codes
// and error bodies with HTTP 200 come back as failed results, the rest is
// thrown; the same for the batch request as a whole.
func TestSoftAndHardErrors(t *testing.T) {
	tests := []struct {
		name  string
		fault sandbox.Fault
		src   string
		want  string
	}{
		{
			name:  "soft code is returned",
			fault: sandbox.Fault{Method: "crm.deal.get", Status: 400, Code: "ERROR_ENTITY_NOT_FOUND", Description: "Entity not found"},
			src: `const r = await $b24.callMethod('crm.deal.get', { id: 1 });
console.log(r.isSuccess, r.getStatus(), r.getData(), r.getErrorMessages()[0], r.errors.get('base-error').code);`,
			want: "false 400 undefined Entity not found ERROR_ENTITY_NOT_FOUND\n",
		},
		{
			name:  "error body with HTTP 200 is returned",
			fault: sandbox.Fault{Method: "crm.deal.get", Status: 200, Code: "ERROR_CORE", Description: "Core error"},
			src: `const r = await $b24.callMethod('crm.deal.get', { id: 1 });
console.log(r.isSuccess, r.getStatus(), r.getErrorMessages()[0]);`,
			want: "false 200 Core error\n",
		},
		{
			name:  "hard code is thrown",
			fault: sandbox.Fault{Method: "crm.deal.get", Status: 403, Code: "ACCESS_DENIED", Description: "Access denied"},
			src:   `try { await $b24.callMethod('crm.deal.get', { id: 1 }) } catch (e) { console.log(e.name, e.code, e.status, e.message) }`,
			want:  "AjaxError ACCESS_DENIED 403 Access denied\n",
		},
		{
			name:  "soft batch envelope is a failed result",
			fault: sandbox.Fault{Method: "batch", Status: 400, Code: "ERROR_ENTITY_NOT_FOUND", Description: "gone"},
			src: `const r = await $b24.callBatch([['crm.deal.get', { id: 1 }]]);
console.log(r.isSuccess, JSON.stringify(r.getData()), r.hasError('base-error'), r.getErrorMessages()[0]);`,
			want: "false [] true gone\n",
		},
		{
			name:  "hard batch envelope is thrown",
			fault: sandbox.Fault{Method: "batch", Status: 400, Code: "ERROR_BATCH_LENGTH_EXCEEDED", Description: "Max batch length exceeded"},
			src:   `try { await $b24.callBatch({ a: ['crm.deal.get', { id: 1 }] }) } catch (e) { console.log(e.name, e.code, e.status) }`,
			want:  "AjaxError ERROR_BATCH_LENGTH_EXCEEDED 400\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := exec(t, tt.src, func(p *sandbox.Portal) {
				if err := p.Seed("deal", 2); err != nil {
					t.Fatal(err)
				}
				f := tt.fault
				f.Count = 10
				p.Inject(f)
			}, bindingstest.Directives{})
			if res.Err != nil {
				t.Fatalf("run failed: %v", res.Err)
			}
			if res.Stdout != tt.want {
				t.Errorf("got %q, want %q", res.Stdout, tt.want)
			}
		})
	}
}

// TestUncaughtWrapsHookError checks that a ScriptError for an uncaught
// AjaxError carries the *hook.Error behind it and the user's position.
func TestUncaughtWrapsHookError(t *testing.T) {
	res := exec(t, "\n\nawait $b24.callMethod('no.such.method');\n", nil, bindingstest.Directives{})
	var se *bindings.ScriptError
	if !errors.As(res.Err, &se) {
		t.Fatalf("want a ScriptError, got %v", res.Err)
	}
	var he *hook.Error
	if !errors.As(res.Err, &he) || he.Code != "ERROR_METHOD_NOT_FOUND" {
		t.Errorf("want the hook error behind it, got %v", se.Err)
	}
	if se.File != "test.js" || se.Line != 3 || se.Column != 12 {
		t.Errorf("position %s:%d:%d, want test.js:3:12", se.File, se.Line, se.Column)
	}
	if se.Message != "Uncaught AjaxError: Method not found!" {
		t.Errorf("message %q", se.Message)
	}
}

// TestStopped checks that a run stopped by its context, wherever it waits,
// fails with a ScriptError wrapping the context's error.
func TestStopped(t *testing.T) {
	for name, src := range map[string]string{
		"busy loop":   "for (;;) {}",
		"timer":       "await new Promise((r) => setTimeout(r, 60000));",
		"interval":    "setInterval(() => {}, 5);",
		"portal call": "await $b24.callMethod('server.time');",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			res := exec(t, src, func(p *sandbox.Portal) {
				p.Inject(sandbox.Fault{Kind: sandbox.FaultSlow, Method: "server.time"})
			}, bindingstest.Directives{Timeout: 200 * time.Millisecond})
			var se *bindings.ScriptError
			if !errors.As(res.Err, &se) || !errors.Is(res.Err, context.DeadlineExceeded) {
				t.Fatalf("want a ScriptError wrapping the deadline, got %v", res.Err)
			}
			if !strings.Contains(se.Message, "timed out") {
				t.Errorf("message %q", se.Message)
			}
		})
	}
}

// TestRules checks Inspect and Handle: registrations are recorded with
// event names upper-cased, portal calls fail while a rule loads, and Handle
// runs the selected schedule.
func TestRules(t *testing.T) {
	src := []byte(`
on('onCrmDealAdd', async (e) => console.log('add', e.data.FIELDS.ID));
on('ONCRMDEALADD', () => console.log('second handler'));
schedule('*/5 * * * *', async () => {
  const r = await $b24.callMethod('server.time');
  console.log('tick', r.isSuccess);
});
schedule('@every 10m', () => console.log('other'));
`)
	prog, err := js.New().Compile("rules.js", src)
	if err != nil {
		t.Fatal(err)
	}
	portal := sandbox.StartTest(t, sandbox.Options{})
	client, err := hook.FromWebhookURL(portal.WebhookURL(), hook.WithLoopbackHTTP(), hook.WithRateLimit(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var out strings.Builder
	env := func() *bindings.Env { return &bindings.Env{Client: client, Stdout: &out} }

	regs, err := prog.Inspect(ctx, env())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(regs.Events, ",") != "ONCRMDEALADD,ONCRMDEALADD" || strings.Join(regs.Schedules, ",") != "*/5 * * * *,@every 10m" {
		t.Errorf("registrations %+v", regs)
	}
	if err := prog.Handle(ctx, env(), bindings.Trigger{Kind: bindings.TriggerSchedule, Schedule: 0}); err != nil {
		t.Fatal(err)
	}
	payload := []byte(`{"event":"ONCRMDEALADD","data":{"FIELDS":{"ID":"7"}},"ts":"1","auth":{"domain":"x"}}`)
	if err := prog.Handle(ctx, env(), bindings.Trigger{Kind: bindings.TriggerEvent, Event: "ONCRMDEALADD", Payload: payload}); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "tick true\nadd 7\nsecond handler\n"; got != want {
		t.Errorf("output %q, want %q", got, want)
	}
	if err := prog.Handle(ctx, env(), bindings.Trigger{Kind: bindings.TriggerSchedule, Schedule: 5}); err == nil {
		t.Error("want an error for a schedule that does not exist")
	}

	loading, err := js.New().Compile("load.js", []byte(`await $b24.callMethod('server.time');`))
	if err != nil {
		t.Fatal(err)
	}
	_, err = loading.Inspect(ctx, env())
	var he *hook.Error
	if !errors.As(err, &he) || he.Code != bindings.ErrPortalDisabled.Code {
		t.Errorf("a call while loading: got %v", err)
	}
}

// TestCompileErrors checks positions of compile errors in the user's file.
func TestCompileErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"deal.js", "const a = 1;\nconst b = ;\n", "deal.js:2:11: "},
		{"deal.ts", "let x: number = 1;\nlet y: = 2;\n", "deal.ts:2:8: "},
		{"rules/deal.js", "import x from './lib.js';\n", "rules/deal.js:1:15: cannot import \"./lib.js\""},
		{"sdk.js", "import { NoSuchThing } from '@bitrix24/b24jssdk';\n", "sdk.js:1:10: "},
	}
	for _, tt := range tests {
		_, err := js.New().Compile(tt.name, []byte(tt.src))
		var ce *bindings.CompileError
		if !errors.As(err, &ce) || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want a CompileError starting %q", tt.name, err, tt.want)
		}
	}
}
