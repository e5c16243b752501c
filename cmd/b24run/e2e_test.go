package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/b24run/b24run/sandbox"
)

// These tests build the b24run binary once and run it as a user would,
// against a sandbox portal started by the test.

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "b24run-e2e")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "b24run")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// workspace is a folder with a b24run.toml pointing at a fresh sandbox.
type workspace struct {
	dir    string
	portal *sandbox.Portal
}

func newWorkspace(t *testing.T, seed map[string]int) *workspace {
	t.Helper()
	p := sandbox.StartTest(t, sandbox.Options{})
	for e, n := range seed {
		if err := p.Seed(e, n); err != nil {
			t.Fatal(err)
		}
	}
	w := &workspace{dir: t.TempDir(), portal: p}
	w.write(t, "b24run.toml", "[portal]\nwebhook_url = \""+p.WebhookURL()+"\"\n\n[scripts]\nenv = { GREETING = \"hi\" }\n")
	return w
}

func (w *workspace) write(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(w.dir, name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// result is one run of the binary.
type result struct {
	code           int
	stdout, stderr string
}

func (w *workspace) run(t *testing.T, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Dir = w.dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + w.dir}, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	r := result{code, stdout.String(), stderr.String()}
	if w.portal != nil && strings.Contains(r.stdout+r.stderr, w.portal.Secret()) {
		t.Errorf("b24run %v printed the webhook secret:\n%s\n%s", args, r.stdout, r.stderr)
	}
	return r
}

func TestRunSeparatesOutputAndExitCodes(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, map[string]int{"deal": 3})
	w.write(t, "ok.js", `
const r = await b24.callMethod('crm.deal.get', { id: 2 })
console.log('deal', r.getData().result.TITLE, script.args.join(','), process.env.GREETING)
console.info('logged, not printed')
console.warn('a warning')
`)
	w.write(t, "ok.lua", `print("lua", b24.callMethod("crm.deal.get", {id = 3}).result.TITLE, script.env.GREETING)`)
	w.write(t, "throws.js", "await b24.callMethod('crm.deal.get', { id: 999 })\n")
	w.write(t, "loop.lua", "while true do end\n")
	w.write(t, "syntax.ts", "const x: number = \n")

	r := w.run(t, nil, "run", "ok.js", "--", "a", "b")
	if r.code != 0 || r.stdout != "deal Deal #2 a,b hi\n" {
		t.Errorf("ok.js: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "logged, not printed") || !strings.Contains(r.stderr, "level=WARN") {
		t.Errorf("console.info/warn belong on stderr: %q", r.stderr)
	}
	if r := w.run(t, nil, "run", "ok.lua"); r.code != 0 || r.stdout != "lua\tDeal #3\thi\n" {
		t.Errorf("ok.lua: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if r := w.run(t, nil, "run", "throws.js"); r.code != 1 || !strings.Contains(r.stderr, "throws.js:1") || !strings.Contains(r.stderr, "Not found") {
		t.Errorf("uncaught error: %d %q", r.code, r.stderr)
	}
	if r := w.run(t, nil, "run", "--timeout", "300ms", "loop.lua"); r.code != 1 || !strings.Contains(r.stderr, "loop.lua") {
		t.Errorf("timeout: %d %q", r.code, r.stderr)
	}
	if r := w.run(t, nil, "run", "syntax.ts"); r.code != 1 || !regexp.MustCompile(`syntax\.ts:\d+:\d+: `).MatchString(r.stderr) {
		t.Errorf("syntax error: %d %q", r.code, r.stderr)
	}
	usage := [][]string{{"run"}, {"run", "missing.js"}, {"run", "--plan", "p.jsonl", "ok.js"}, {"run", "--nope", "ok.js"},
		{"bogus"}, {"run", "--log-level", "loud", "ok.js"}, {"run", "--data", "{}", "ok.js"}}
	for _, args := range usage {
		if r := w.run(t, nil, args...); r.code != 2 {
			t.Errorf("%v: exit %d, want 2: %q", args, r.code, r.stderr)
		}
	}
}

func TestConfigErrorsExitTwo(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, nil)
	secret := w.portal.Secret()
	w.write(t, "hello.js", "console.log('hi')\n")
	cases := []struct {
		name, config, want string
		env                []string
	}{
		{"unknown key", "[portal]\nwebhok_url = \"x\"\n", `b24run.toml:2: portal.webhok_url: unknown key (did you mean "portal.webhook_url"?)`, nil},
		{"wrong type", "[portal]\nretries = \"three\"\n", "b24run.toml:2: portal.retries: incompatible types", nil},
		{"malformed url", "[portal]\nwebhook_url = \"https://x.bitrix24.com/rest/one/" + secret + "\"\n", "portal.webhook_url: JSSDK_HOOK_URL_USER_ID_NOT_NUMERIC", nil},
		{"plain http", "[portal]\nwebhook_url = \"http://x.bitrix24.com/rest/1/" + secret + "/\"\n", "JSSDK_HOOK_URL_NOT_HTTPS", nil},
		{"plain http from env", "", BITRIX24_WEBHOOK_URL_IS + " (environment): JSSDK_HOOK_URL_NOT_HTTPS", []string{"BITRIX24_WEBHOOK_URL=http://x.bitrix24.com/rest/1/" + secret + "/"}},
		{"missing scripts dir", "[scripts]\ndir = \"rules\"\n", "scripts.dir: rules is not a directory", nil},
	}
	for _, c := range cases {
		w.write(t, "b24run.toml", c.config)
		r := w.run(t, c.env, "run", "hello.js")
		if r.code != 2 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q, want %q", c.name, r.code, r.stderr, c.want)
		}
		if strings.Contains(r.stderr, secret) {
			t.Errorf("%s: the error shows the secret", c.name)
		}
	}
	w.write(t, "b24run.toml", "[portal]\nwebhook_url = \""+w.portal.WebhookURL()+"\"\n")
	os.Chmod(filepath.Join(w.dir, "b24run.toml"), 0o644)
	if r := w.run(t, nil, "run", "hello.js"); r.code != 0 || !strings.Contains(r.stderr, "chmod 600") {
		t.Errorf("a readable config should draw a warning: %d %q", r.code, r.stderr)
	}
}

const BITRIX24_WEBHOOK_URL_IS = "BITRIX24_WEBHOOK_URL"

func TestNoPortalUsesTheSandboxLoudly(t *testing.T) {
	t.Parallel()
	w := &workspace{dir: t.TempDir()}
	w.write(t, "hello.js", "const r = await b24.callMethod('user.current'); console.log(r.getData().result.NAME)\n")
	r := w.run(t, nil, "run", "hello.js")
	if r.code != 0 || r.stdout != "Sandbox\n" {
		t.Errorf("%d %q %q", r.code, r.stdout, r.stderr)
	}
	if n := strings.Count(r.stderr, "\n"); n != 1 || !strings.Contains(r.stderr, "NO PORTAL CONFIGURED") {
		t.Errorf("want one clear line on stderr, got %q", r.stderr)
	}
}

func TestDryRunSendsNoWrite(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, map[string]int{"deal": 120})
	w.write(t, "fix.js", `
const deals = await b24.callListMethod('crm.deal.list', { filter: { STAGE_ID: 'NEW' }, select: ['ID', 'TITLE'] })
const rows = deals.getData()
console.log('dry run:', script.dryRun, 'open deals:', rows.length)
const calls = rows.map(d => ['crm.deal.update', { id: d.ID, fields: { STAGE_ID: 'LOSE' } }])
const res = await b24.callBatchByChunk(calls, true)
console.log('updated:', res.getData().length)
const add = await b24.callMethod('crm.deal.add', { fields: { TITLE: 'summary' } })
console.log('new deal id:', add.getData().result)
await b24.callBatch({ c: ['crm.timeline.comment.add', { fields: { ENTITY_ID: add.getData().result, ENTITY_TYPE: 'deal', COMMENT: 'x' } }],
                      d: ['crm.deal.get', { id: 1 }] })
`)
	before := w.portal.Stats()
	r := w.run(t, nil, "run", "--dry-run", "--plan", "plan.jsonl", "fix.js")
	if r.code != 0 {
		t.Fatalf("%d %q", r.code, r.stderr)
	}
	after := w.portal.Stats()
	if len(after.Writes) != len(before.Writes) || w.portal.Count("deal") != 120 {
		t.Errorf("a write reached the portal: %v", after.Writes)
	}
	if after.Calls["crm.deal.list"] == 0 || after.Calls["crm.deal.get"] == 0 {
		t.Errorf("reads must still go to the portal: %v", after.Calls)
	}
	if !strings.Contains(r.stdout, "dry run: true open deals: 18") || !strings.Contains(r.stdout, "updated: 18") || !strings.Contains(r.stdout, "new deal id: -") {
		t.Errorf("stdout %q", r.stdout)
	}
	for _, want := range []string{"dry run: 20 write(s) not sent", "crm.deal.update", "18", `{"id":"1","fields":{"STAGE_ID":"LOSE"}}`, "crm.deal.add", "crm.timeline.comment.add"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("plan table lacks %q:\n%s", want, r.stderr)
		}
	}
	plan, err := os.ReadFile(filepath.Join(w.dir, "plan.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(plan)), "\n")
	var last struct {
		Seq    int
		Method string
		Params map[string]any
	}
	if len(lines) != 20 || json.Unmarshal([]byte(lines[19]), &last) != nil || last.Seq != 20 || last.Method != "crm.timeline.comment.add" {
		t.Errorf("plan file:\n%s", plan)
	}
}

func TestEventRunsTheHandler(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, map[string]int{"deal": 8})
	w.write(t, "rules.js", `
on('onCrmDealAdd', async (event) => {
  const id = event.data.FIELDS.ID
  const deal = await b24.callMethod('crm.deal.get', { id })
  console.log(event.event, id, deal.getData().result.TITLE, 'token' in event.auth)
})
schedule('@every 10m', () => {})
`)
	w.write(t, "rules.lua", `on("ONCRMDEALUPDATE", function(e) print(e.event, e.data.FIELDS.ID) end)`)
	r := w.run(t, nil, "run", "--event", "ONCRMDEALADD", "--data", `{"FIELDS":{"ID":"7"}}`, "rules.js")
	if r.code != 0 || r.stdout != "ONCRMDEALADD 7 Deal #7 false\n" {
		t.Errorf("%d %q %q", r.code, r.stdout, r.stderr)
	}
	if r := w.run(t, nil, "run", "--event", "ONCRMDEALUPDATE", "--data", `{"FIELDS":{"ID":"5"}}`, "rules.lua"); r.code != 0 || r.stdout != "ONCRMDEALUPDATE\t5\n" {
		t.Errorf("lua: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if r := w.run(t, nil, "run", "--event", "ONTASKADD", "rules.js"); r.code != 1 || !strings.Contains(r.stderr, "no handler for ONTASKADD") {
		t.Errorf("unknown event: %d %q", r.code, r.stderr)
	}
	if r := w.run(t, nil, "run", "--event", "ONCRMDEALADD", "--data", "{nope", "rules.js"); r.code != 2 {
		t.Errorf("bad --data: %d %q", r.code, r.stderr)
	}
	if r := w.run(t, nil, "run", "rules.js"); r.code != 0 || !strings.Contains(r.stderr, "--event") {
		t.Errorf("a plain run of a rule file should say how to try its handlers: %q", r.stderr)
	}
}

func TestCheckReportsPositions(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, nil)
	os.Mkdir(filepath.Join(w.dir, "rules"), 0o755)
	w.write(t, "rules/good.js", "console.log(1)\n")
	w.write(t, "rules/good.lua", "print(1)\n")
	w.write(t, "rules/bad.ts", "let a: number = 1\nlet b = (\n")
	w.write(t, "rules/bad.lua", "local x = \n")
	w.write(t, "rules/notes.txt", "ignored\n")
	r := w.run(t, nil, "check", "rules")
	if r.code != 1 {
		t.Errorf("exit %d", r.code)
	}
	for _, re := range []string{`rules/bad\.ts:\d+:\d+: `, `rules/bad\.lua:\d+(:\d+)?: `, `2 of 4 scripts failed`} {
		if !regexp.MustCompile(re).MatchString(r.stderr) {
			t.Errorf("check output lacks %s:\n%s", re, r.stderr)
		}
	}
	if r := w.run(t, nil, "check", "rules/good.js", "rules/good.lua"); r.code != 0 || !strings.Contains(r.stderr, "2 scripts compile") {
		t.Errorf("%d %q", r.code, r.stderr)
	}
}

func TestSecretAbsentAtEveryLogLevel(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, map[string]int{"deal": 60})
	w.portal.Inject(sandbox.Fault{Kind: sandbox.Fault502HTML, Count: 1})
	w.write(t, "busy.js", `
console.log(JSON.stringify(process.env), b24.getTargetOrigin(), JSON.stringify([...b24.getTargetOriginWithPath()]))
const all = await b24.callListMethod('crm.deal.list', {})
console.log(all.getData().length)
try { await b24.callMethod('no.such.method') } catch (e) { console.log(e.code, e.message, JSON.stringify(e)) }
await b24.callBatch([['crm.deal.get', { id: 1 }], ['crm.deal.get', { id: 0 }]], false)
`)
	for _, level := range []string{"debug", "info", "warn", "error"} {
		for _, format := range []string{"text", "json"} {
			args := []string{"run", "--log-level", level, "--log-format", format, "busy.js"}
			if format == "json" {
				args = []string{"--log-level", level, "--log-format", format, "run", "busy.js"} // before the command
			}
			r := w.run(t, nil, args...)
			if r.code != 0 {
				t.Errorf("%s/%s: %d %q", level, format, r.code, r.stderr)
			}
			if level == "debug" && !strings.Contains(r.stderr, "crm.deal.list") {
				t.Errorf("debug log shows no requests: %q", r.stderr)
			}
		}
	}
}

func TestTypesAndVersion(t *testing.T) {
	t.Parallel()
	w := &workspace{dir: t.TempDir()}
	r := w.run(t, nil, "types", "--out", "typings")
	if r.code != 0 {
		t.Fatalf("%d %q", r.code, r.stderr)
	}
	for _, f := range []string{"b24run.d.ts", "b24run.lua"} {
		if info, err := os.Stat(filepath.Join(w.dir, "typings", f)); err != nil || info.Size() < 1000 {
			t.Errorf("%s: %v", f, err)
		}
	}
	if r := w.run(t, nil, "version"); r.code != 0 || !strings.HasPrefix(r.stdout, "b24run ") {
		t.Errorf("version: %q", r.stdout)
	}
}

func TestSandboxCommandServesAPortal(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(binary(t), "sandbox", "--addr", "127.0.0.1:0", "--records", "5")
	out, _ := cmd.StdoutPipe()
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	sc := bufio.NewScanner(out)
	var webhook string
	for sc.Scan() {
		if u, ok := strings.CutPrefix(sc.Text(), "webhook URL:"); ok {
			webhook = strings.TrimSpace(u)
			break
		}
	}
	if webhook == "" {
		t.Fatal("no webhook URL printed")
	}
	resp, err := http.Post(webhook+"crm.deal.list", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	var body struct{ Total int }
	json.NewDecoder(resp.Body).Decode(&body)
	resp.Body.Close()
	if body.Total != 5 {
		t.Errorf("sandbox holds %d deals, want 5", body.Total)
	}
	cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("sandbox did not stop cleanly on SIGINT: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("sandbox did not stop on SIGINT")
	}
}
