package js_test

import (
	"testing"

	"github.com/b24run/b24run/bindings/bindingstest"
	"github.com/b24run/b24run/bindings/js"
)

// TestConformance runs the shared script fixtures (.js, .mjs, .ts, .mts)
// against the sandbox portal and compares their output with the golden
// files the Lua twins share.
func TestConformance(t *testing.T) {
	bindingstest.Run(t, js.New(), "../testdata/conformance")
}
