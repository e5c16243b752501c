package js

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/b24run/b24run/bindings"
)

// typesFile is the editor typings of the runtime.
const typesFile = "../../scripts/types/b24run.d.ts"

// TestTypesMatchRuntime compares scripts/types/b24run.d.ts with a live
// runtime in both directions: every declared global exists and every global
// the runtime adds is declared; the same for the members of $b24 (B24Hook)
// and for the exports of the built-in '@bitrix24/b24jssdk' module.
func TestTypesMatchRuntime(t *testing.T) {
	src, err := os.ReadFile(typesFile)
	if err != nil {
		t.Fatal(err)
	}
	decl := parseTypes(t, string(src))

	prog, err := New().Compile("types.js", []byte(`
const builtins = new Set(JSON.parse(process.env.BUILTINS));
const globals = Object.getOwnPropertyNames(globalThis).filter((n) => !builtins.has(n));
const members = new Set(Object.getOwnPropertyNames($b24).filter((n) => !n.startsWith('_')));
for (const n of Object.getOwnPropertyNames(B24Hook.prototype)) if (n !== 'constructor') members.add(n);
for (const n of Object.getOwnPropertyNames(B24Hook)) if (!['length', 'name', 'prototype'].includes(n)) members.add('static ' + n);
console.log(JSON.stringify({ globals, members: [...members] }));
`))
	if err != nil {
		t.Fatal(err)
	}
	builtins, _ := json.Marshal(goja.New().GlobalObject().GetOwnPropertyNames())
	var out bytes.Buffer
	if _, err := prog.Run(context.Background(), &bindings.Env{Stdout: &out, Vars: map[string]string{"BUILTINS": string(builtins)}}); err != nil {
		t.Fatal(err)
	}
	var live struct{ Globals, Members []string }
	if err := json.Unmarshal(out.Bytes(), &live); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	compareNames(t, "global", decl.globals, live.Globals)
	compareNames(t, "B24Hook member", decl.members, live.Members)
	compareNames(t, "module export", decl.exports, sdkExports)
}

type declared struct{ globals, members, exports []string }

var (
	topDecl     = regexp.MustCompile(`^declare (?:const|let|var|function|class|namespace) ([\w$]+)`)
	memberDecl  = regexp.MustCompile(`^  (static )?(?:readonly )?([\w$]+)[<(:?]`)
	exportDecl  = regexp.MustCompile(`^  export (?:const|enum|class|function) ([\w$]+)`)
	exportNames = regexp.MustCompile(`^  export \{ ([^}]*) \};`)
)

// parseTypes reads the declarations of b24run.d.ts: top-level globals, the
// members of class B24Hook and the value exports of the SDK module.
func parseTypes(t *testing.T, src string) declared {
	var d declared
	block := ""
	for _, line := range strings.Split(src, "\n") {
		switch {
		case strings.HasPrefix(line, "declare module '@bitrix24/b24jssdk'"):
			block = "module"
			continue
		case strings.HasPrefix(line, "declare class B24Hook "):
			block = "hook"
		case line == "}":
			block = ""
			continue
		}
		switch block {
		case "module":
			if m := exportDecl.FindStringSubmatch(line); m != nil {
				d.exports = append(d.exports, m[1])
			}
			if m := exportNames.FindStringSubmatch(line); m != nil {
				for _, n := range strings.Split(m[1], ",") {
					d.exports = append(d.exports, strings.TrimSpace(n))
				}
			}
			continue
		case "hook":
			if m := memberDecl.FindStringSubmatch(line); m != nil && m[2] != "constructor" {
				d.members = append(d.members, m[1]+m[2])
			}
		}
		if m := topDecl.FindStringSubmatch(line); m != nil {
			d.globals = append(d.globals, m[1])
		}
	}
	if len(d.globals) == 0 || len(d.members) == 0 || len(d.exports) == 0 {
		t.Fatalf("could not read the declarations of %s", typesFile)
	}
	return d
}

func compareNames(t *testing.T, what string, declared, live []string) {
	t.Helper()
	for _, n := range declared {
		if !slices.Contains(live, n) {
			t.Errorf("%s %q is declared in b24run.d.ts but the runtime lacks it", what, n)
		}
	}
	for _, n := range live {
		if !slices.Contains(declared, n) {
			t.Errorf("%s %q exists in the runtime but b24run.d.ts does not declare it", what, n)
		}
	}
}
