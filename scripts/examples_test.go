package scripts_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/b24run/b24run/bindings"
	"github.com/b24run/b24run/bindings/bindingstest"
	"github.com/b24run/b24run/bindings/js"
	"github.com/b24run/b24run/bindings/lua"
)

// TestExamplesUnderB24run runs every example unchanged under b24run's
// JavaScript binding, against a portal seeded exactly as for the Node
// oracle, and expects exactly what the official SDK printed under Node.
func TestExamplesUnderB24run(t *testing.T) {
	t.Parallel()
	lang := js.New()
	for _, ex := range loadExamples(t) {
		t.Run(ex.Name, func(t *testing.T) {
			t.Parallel()
			runTwin(t, lang, ex, ex.Src)
		})
	}
}

// TestLuaTwinsPrintWhatJavaScriptPrints runs the Lua twin of every example
// and expects the same golden output, so the two languages cannot drift
// apart (and, through the oracle, both match the official SDK).
func TestLuaTwinsPrintWhatJavaScriptPrints(t *testing.T) {
	t.Parallel()
	lang := lua.New()
	examples := loadExamples(t)
	for _, ex := range examples {
		twin := strings.TrimSuffix(ex.Path, filepath.Ext(ex.Path)) + ".lua"
		src, err := os.ReadFile(twin)
		if err != nil {
			t.Errorf("%s has no Lua twin %s", ex.Name, twin)
			continue
		}
		t.Run(filepath.Base(twin), func(t *testing.T) {
			t.Parallel()
			runTwin(t, lang, ex, src)
		})
	}
}

func runTwin(t *testing.T, lang bindings.Language, ex example, src []byte) {
	portal := seedPortal(t, ex.Dirs)
	name := strings.TrimSuffix(ex.Name, filepath.Ext(ex.Name)) + lang.Extensions()[0]
	if lang.Name() == "javascript" {
		name = ex.Name
	}
	res := bindingstest.Exec(t, lang, portal, name, src, ex.Dirs)
	if res.Err != nil {
		t.Fatalf("%s failed: %v\noutput so far:\n%s", name, res.Err, res.Stdout)
	}
	checkNoSecret(t, portal, map[string]string{"stdout": res.Stdout, "log": res.Log})
	checkGolden(t, ex, res.Stdout, false) // Node's output defines the golden files
}
