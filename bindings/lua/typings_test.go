package lua

import (
	"context"
	"os"
	"regexp"
	"slices"
	"testing"

	glua "github.com/yuin/gopher-lua"
)

// standardGlobals are the globals of Lua 5.1's base, string, table, math and
// os libraries that a run keeps. LuaLS knows them already, so the b24run
// annotations do not repeat them.
var standardGlobals = []string{
	"_G", "_VERSION", "_GOPHER_LUA_VERSION", "assert", "error", "getfenv", "getmetatable", "ipairs",
	"load", "loadstring", "newproxy", "next", "pairs", "pcall", "print", "rawequal", "rawget", "rawset",
	"select", "setfenv", "setmetatable", "tonumber", "tostring", "type", "unpack", "xpcall",
	"string", "table", "math", "os",
}

// annotated matches the names the annotations define: `function NAME(` and
// `NAME = ...` at the start of a line.
var annotated = regexp.MustCompile(`(?m)^(?:function ([A-Za-z_][\w.]*)\(|([A-Za-z_][\w.]*) = )`)

// TestTypingsMatchRuntime checks scripts/types/b24run.lua against what a run
// really exposes, both ways: every b24run global and member of its tables is
// annotated, and every annotated name exists.
func TestTypingsMatchRuntime(t *testing.T) {
	src, err := os.ReadFile("../../scripts/types/b24run.lua")
	if err != nil {
		t.Fatal(err)
	}
	var declared []string
	for _, m := range annotated.FindAllStringSubmatch(string(src), -1) {
		declared = append(declared, m[1]+m[2])
	}

	r := newRuntime(context.Background(), "typings.lua", nil)
	defer r.close()
	var exposed []string
	globals := r.L.G.Global
	for k, v := globals.Next(glua.LNil); k != glua.LNil; k, v = globals.Next(k) {
		name := k.String()
		if slices.Contains(standardGlobals, name) {
			continue
		}
		exposed = append(exposed, name)
		if t, ok := v.(*glua.LTable); ok {
			for mk, _ := t.Next(glua.LNil); mk != glua.LNil; mk, _ = t.Next(mk) {
				exposed = append(exposed, name+"."+mk.String())
			}
		}
	}

	slices.Sort(declared)
	slices.Sort(exposed)
	for _, name := range exposed {
		if !slices.Contains(declared, name) {
			t.Errorf("the runtime exposes %s, the annotations do not declare it", name)
		}
	}
	for _, name := range declared {
		if !slices.Contains(exposed, name) {
			t.Errorf("the annotations declare %s, the runtime does not expose it", name)
		}
	}
	var osNames []string
	osTable := r.L.GetGlobal("os").(*glua.LTable)
	for k, _ := osTable.Next(glua.LNil); k != glua.LNil; k, _ = osTable.Next(k) {
		osNames = append(osNames, k.String())
	}
	slices.Sort(osNames)
	if want := []string{"clock", "date", "difftime", "time"}; !slices.Equal(osNames, want) {
		t.Errorf("os has %v, want only %v (the annotations' header says so)", osNames, want)
	}
	if len(exposed) < 20 {
		t.Errorf("only %d names exposed: %v", len(exposed), exposed)
	}
}
