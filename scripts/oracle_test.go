package scripts_test

// The Node oracle: every example in examples/ is run with the official
// @bitrix24/b24jssdk under Node against a fresh sandbox portal, and what it
// prints must equal its golden file examples/NAME.out. The golden files are
// written from Node's output (B24RUN_UPDATE_GOLDEN=1), so they record what the
// official SDK does; b24run's own test of the same examples compares with the
// same files.
//
// The helpers below (loadExamples, seedPortal, runNode, goldenPath,
// checkGolden, checkNoSecret) are meant to be reused by other _test.go files of
// this package. A test of the same examples under b24run looks like:
//
//	for _, ex := range loadExamples(t) {
//		portal := seedPortal(t, ex.Dirs) // TLS: trust portal.RootCAs()
//		stdout := ... // run ex.Src under b24run against portal
//		checkNoSecret(t, portal, map[string]string{"stdout": stdout})
//		checkGolden(t, ex, stdout, false) // never update: Node defines them
//	}

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/b24run/b24run/bindings/bindingstest"
	"github.com/b24run/b24run/sandbox"
)

const (
	// examplesDir holds the example scripts and their golden output.
	examplesDir = "examples"
	// oracleDir is the Node project that installs the official SDK.
	oracleDir = "oracle"
	// updateGoldenEnv makes TestExamplesUnderNode (re)write the golden files.
	updateGoldenEnv = "B24RUN_UPDATE_GOLDEN"
)

// example is one script of examples/ with its parsed b24test directives.
type example struct {
	Name string // file name, e.g. "01-crm-analytics.js"
	Path string // path relative to the package directory
	Src  []byte
	Dirs bindingstest.Directives
}

// loadExamples returns every examples/*.js script, sorted by name.
func loadExamples(t testing.TB) []example {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(examplesDir, "*.js"))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(paths)
	if len(paths) == 0 {
		t.Fatalf("no example scripts in %s", examplesDir)
	}
	out := make([]example, 0, len(paths))
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		d, err := bindingstest.ParseDirectives(src)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out = append(out, example{Name: filepath.Base(p), Path: p, Src: src, Dirs: d})
	}
	return out
}

// seedOrder is the order in which seedPortal seeds entities, whatever order
// the directive lists them in (Directives.Seed is a map), so that every run
// and every harness that uses seedPortal gets identical data.
var seedOrder = []string{"user", "company", "contact", "lead", "deal", "task"}

// seedPortal starts a fresh TLS sandbox portal for the test, seeded as the
// directives say, and closes it when the test ends.
func seedPortal(t testing.TB, d bindingstest.Directives) *sandbox.Portal {
	t.Helper()
	p := sandbox.StartTest(t, sandbox.Options{TLS: true})
	for _, entity := range seedEntities(d) {
		if err := p.Seed(entity, d.Seed[entity]); err != nil {
			t.Fatalf("seed %s:%d: %v", entity, d.Seed[entity], err)
		}
	}
	return p
}

// seedEntities lists the entities of d.Seed in seedOrder, unknown ones last
// in name order (Seed then reports them).
func seedEntities(d bindingstest.Directives) []string {
	var out, rest []string
	for _, e := range seedOrder {
		if d.Seed[e] > 0 {
			out = append(out, e)
		}
	}
	for e, n := range d.Seed {
		if n > 0 && !slices.Contains(seedOrder, e) {
			rest = append(rest, e)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// nodeRun is what one Node run of an example produced.
type nodeRun struct {
	Stdout, Stderr string
	Err            error // a non-zero exit, a timeout or a failure to start
}

// runNode runs an example with the official SDK under Node against portal,
// with BITRIX24_WEBHOOK_URL set to the portal's webhook and the portal's CA
// trusted through NODE_EXTRA_CA_CERTS. The script is copied into a temporary
// ES-module package whose node_modules links to the oracle's, so that
// `import ... from '@bitrix24/b24jssdk'` resolves. It skips the test when node
// or npm is missing.
func runNode(t testing.TB, ex example, portal *sandbox.Portal) nodeRun {
	t.Helper()
	modules := oracleModules(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"type":"module"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(modules, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(dir, ex.Name)
	if err := os.WriteFile(script, ex.Src, 0o644); err != nil {
		t.Fatal(err)
	}
	caFile := filepath.Join(dir, "sandbox-ca.pem")
	if err := portal.WriteCAFile(caFile); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), ex.Dirs.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", append([]string{ex.Name}, ex.Dirs.Args...)...)
	cmd.Dir = dir
	cmd.Env = nodeEnv(portal.WebhookURL(), caFile, ex.Dirs.Env)
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		err = fmt.Errorf("node did not finish within %v: %w", ex.Dirs.Timeout, err)
	}
	return nodeRun{Stdout: stdout.String(), Stderr: stderr.String(), Err: err}
}

// nodeEnv builds the environment of a Node run from scratch: only what node
// needs, the webhook and the CA. Proxy variables are left out on purpose
// (axios honours them), and NO_PROXY covers loopback in case Node adds one.
func nodeEnv(webhookURL, caFile string, extra map[string]string) []string {
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + os.Getenv("HOME"),
		"LANG=C.UTF-8",
		"TZ=UTC",
		"NO_COLOR=1",
		"NO_PROXY=127.0.0.1,localhost,::1",
		"BITRIX24_WEBHOOK_URL=" + webhookURL,
		"NODE_EXTRA_CA_CERTS=" + caFile,
	}
	keys := make([]string, 0, len(extra))
	for k := range extra {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		env = append(env, k+"="+extra[k])
	}
	return env
}

var (
	oracleOnce    sync.Once
	oracleModDir  string
	oracleSkip    string
	oracleFailure error
)

// oracleModules returns the absolute path of the oracle's node_modules,
// installing it with `npm ci` the first time (once per test process) when
// the SDK is not installed yet. It skips the test when node or npm is not
// installed and fails it when the install fails.
func oracleModules(t testing.TB) string {
	t.Helper()
	oracleOnce.Do(func() {
		for _, tool := range []string{"node", "npm"} {
			if _, err := exec.LookPath(tool); err != nil {
				oracleSkip = tool + " is not installed: the Node oracle needs node and npm to run the examples with the official SDK"
				return
			}
		}
		dir, err := filepath.Abs(oracleDir)
		if err != nil {
			oracleFailure = err
			return
		}
		modules := filepath.Join(dir, "node_modules")
		if sdkInstalled(modules) {
			oracleModDir = modules
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund")
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			oracleFailure = fmt.Errorf("npm ci in %s: %w\n%s", dir, err, out)
			return
		}
		if !sdkInstalled(modules) {
			oracleFailure = errors.New("npm ci succeeded but @bitrix24/b24jssdk 2.2.0 is not in " + modules)
			return
		}
		oracleModDir = modules
	})
	switch {
	case oracleSkip != "":
		t.Skip(oracleSkip)
	case oracleFailure != nil:
		t.Fatal(oracleFailure)
	}
	return oracleModDir
}

// sdkInstalled reports whether modules holds the pinned SDK version.
func sdkInstalled(modules string) bool {
	data, err := os.ReadFile(filepath.Join(modules, "@bitrix24", "b24jssdk", "package.json"))
	return err == nil && bytes.Contains(data, []byte(`"version": "2.2.0"`))
}

// goldenPath is the golden file of an example: examples/NAME.out.
func goldenPath(ex example) string {
	return strings.TrimSuffix(ex.Path, filepath.Ext(ex.Path)) + ".out"
}

// checkGolden compares got with the example's golden file. With update set
// it writes the golden file instead; only the Node oracle should do that.
func checkGolden(t testing.TB, ex example, got string, update bool) {
	t.Helper()
	golden := goldenPath(ex)
	if update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("no golden file for %s (run TestExamplesUnderNode with %s=1 to record it): %v", ex.Path, updateGoldenEnv, err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s\n%s", golden, lineDiff(string(want), got))
	}
}

// checkNoSecret fails the test if the webhook secret appears in any of
// texts, and reports whether it was absent.
func checkNoSecret(t testing.TB, portal *sandbox.Portal, texts map[string]string) bool {
	t.Helper()
	secret := portal.Secret()
	clean := true
	for what, text := range texts {
		if strings.Contains(text, secret) {
			t.Errorf("the webhook secret appears in the %s", what)
			clean = false
		}
	}
	return clean
}

// lineDiff renders the first differing line and both texts, which is enough
// to spot a difference in a short report.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "first difference at line %d:\n  want: %q\n  got:  %q\n", i+1, wl, gl)
			break
		}
	}
	fmt.Fprintf(&b, "--- got\n%s\n--- want\n%s", got, want)
	return b.String()
}

// TestExamplesUnderNode runs every example with the official SDK under Node
// and compares its standard output with the golden file.
func TestExamplesUnderNode(t *testing.T) {
	update := os.Getenv(updateGoldenEnv) != ""
	examples := loadExamples(t)
	oracleModules(t) // install (or skip) once, before the parallel subtests
	for _, ex := range examples {
		t.Run(strings.TrimSuffix(ex.Name, filepath.Ext(ex.Name)), func(t *testing.T) {
			t.Parallel()
			if ex.Dirs.Skip != "" {
				t.Skip(ex.Dirs.Skip)
			}
			portal := seedPortal(t, ex.Dirs)
			res := runNode(t, ex, portal)
			if res.Stderr != "" {
				t.Logf("stderr of node %s:\n%s", ex.Name, res.Stderr)
			}
			if !checkNoSecret(t, portal, map[string]string{"stdout": res.Stdout, "stderr": res.Stderr}) {
				t.FailNow() // never record a secret in a golden file
			}
			if res.Err != nil {
				t.Fatalf("node %s: %v\nstdout:\n%s\nstderr:\n%s", ex.Name, res.Err, res.Stdout, res.Stderr)
			}
			checkGolden(t, ex, res.Stdout, update)
		})
	}
}

// numberedName is the file name of a numbered example.
var numberedName = regexp.MustCompile(`^[0-9]{2}-[a-z0-9-]+\.js$`)

// TestExamplesStyle checks what every example must have for users and for the
// harnesses: a header comment naming the file, a b24test seed line, the SDK
// import, the client built from BITRIX24_WEBHOOK_URL, and a golden file; and
// that no golden file is left without its script.
func TestExamplesStyle(t *testing.T) {
	examples := loadExamples(t)
	numbered := 0
	names := map[string]bool{}
	for _, ex := range examples {
		names[goldenPath(ex)] = true
		src := string(ex.Src)
		switch {
		case numberedName.MatchString(ex.Name):
			numbered++
		case ex.Name != "hello.js":
			t.Errorf("%s: examples are named NN-topic.js (or hello.js)", ex.Name)
		}
		for _, want := range []string{
			"// b24test: seed=",
			"from '@bitrix24/b24jssdk'",
			"B24Hook.fromWebhookUrl(process.env.BITRIX24_WEBHOOK_URL)",
		} {
			if !strings.Contains(src, want) {
				t.Errorf("%s lacks %q", ex.Name, want)
			}
		}
		if !strings.HasPrefix(src, "// "+ex.Name+" — ") {
			t.Errorf("%s: the first line must be the header comment %q", ex.Name, "// "+ex.Name+" — ...")
		}
		if len(ex.Dirs.Seed) == 0 {
			t.Errorf("%s: the b24test line seeds nothing", ex.Name)
		}
		if _, err := os.Stat(goldenPath(ex)); err != nil {
			t.Errorf("%s has no golden file: %v", ex.Name, err)
		}
	}
	if numbered < 10 {
		t.Errorf("%d numbered examples, want at least 10", numbered)
	}
	outs, err := filepath.Glob(filepath.Join(examplesDir, "*.out"))
	if err != nil {
		t.Fatal(err)
	}
	for _, out := range outs {
		if !names[out] {
			t.Errorf("%s has no example script", out)
		}
	}
}
