// Command startup measures the wall time of a whole `b24run run hello.js` —
// process start, config, compile, one user.current call against a local
// sandbox portal, exit — side by side with `node -e 0`, Node starting and
// doing nothing. The two alternate, so machine noise hits both alike.
//
//	go run ./bench/startup -n 30
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"time"

	"github.com/b24run/b24run/sandbox"
)

const hello = `const me = await b24.callMethod('user.current')
console.log('Hello, ' + me.getData().result.NAME)
`

func main() {
	n := flag.Int("n", 30, "runs of each command")
	flag.Parse()
	if err := run(*n); err != nil {
		fmt.Fprintln(os.Stderr, "startup:", err)
		os.Exit(1)
	}
}

func run(n int) error {
	dir, err := os.MkdirTemp("", "b24run-startup")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "b24run")
	build := exec.Command("go", "build", "-o", bin, "./cmd/b24run")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("build b24run (run from the repository root): %w", err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return fmt.Errorf("node is needed for the comparison: %w", err)
	}
	p, err := sandbox.Start(sandbox.Options{})
	if err != nil {
		return err
	}
	defer p.Close()
	if err := p.Seed("user", 1); err != nil {
		return err
	}
	script := filepath.Join(dir, "hello.js")
	config := filepath.Join(dir, "b24run.toml")
	if err := os.WriteFile(script, []byte(hello), 0o600); err != nil {
		return err
	}
	if err := os.WriteFile(config, []byte("[portal]\nwebhook_url = \""+p.WebhookURL()+"\"\n"), 0o600); err != nil {
		return err
	}
	b24run := exec.Command(bin, "run", "--config", config, script)
	nodeCmd := exec.Command(node, "-e", "0")
	var tb, tn []time.Duration
	for i := range n + 1 {
		db, err := timeRun(b24run)
		if err != nil {
			return fmt.Errorf("b24run run hello.js: %w", err)
		}
		dn, err := timeRun(nodeCmd)
		if err != nil {
			return fmt.Errorf("node -e 0: %w", err)
		}
		if i > 0 { // the first pair warms the page cache
			tb, tn = append(tb, db), append(tn, dn)
		}
	}
	mb, mn := median(tb), median(tn)
	fmt.Printf("%d runs each, alternating\n", n)
	fmt.Printf("b24run run hello.js (one user.current call): median %v  min %v\n", mb.Round(100*time.Microsecond), slices.Min(tb).Round(100*time.Microsecond))
	fmt.Printf("node -e 0 (start, do nothing):              median %v  min %v\n", mn.Round(100*time.Microsecond), slices.Min(tn).Round(100*time.Microsecond))
	fmt.Printf("b24run finishes the whole call in %.2f of the time node takes to start\n", mb.Seconds()/mn.Seconds())
	return nil
}

func timeRun(tmpl *exec.Cmd) (time.Duration, error) {
	cmd := exec.Command(tmpl.Path, tmpl.Args[1:]...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	d := time.Since(start)
	if err != nil {
		return 0, fmt.Errorf("%w: %s", err, out)
	}
	return d, nil
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}
