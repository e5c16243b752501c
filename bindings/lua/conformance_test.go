package lua_test

import (
	"testing"

	"github.com/b24run/b24run/bindings/bindingstest"
	"github.com/b24run/b24run/bindings/lua"
)

// TestConformance runs the shared fixtures of bindings/testdata/conformance:
// the Lua twins of the JavaScript fixtures (same golden files) and the
// Lua-only lua_*.lua cases.
func TestConformance(t *testing.T) {
	bindingstest.Run(t, lua.New(), "../testdata/conformance")
}
