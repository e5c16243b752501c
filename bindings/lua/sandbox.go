package lua

import (
	"strconv"
	"time"

	glua "github.com/yuin/gopher-lua"
)

// The sandbox (reference/embedding.md §1.10). A run opens only the base,
// table, string and math libraries: no io, os, debug, package, channel or
// coroutine. Of the base library, the functions that reach the host are
// removed:
//
//   - dofile, loadfile: read host files;
//   - require, module: search LUA_PATH on the host;
//   - collectgarbage: runs a full GC of the whole process;
//   - _printregs: writes to the process's stdout;
//   - print: replaced by one that writes to the run's output.
//
// load and loadstring stay: gopher-lua has no binary chunks, so they compile
// source text into a function of the same sandbox. getfenv and setfenv stay
// too: the sandbox is the global table itself, there is nothing beyond it
// for them to reach.
//
// os is a safe subset: time, date (with formats of at most 1 KiB, so that
// it cannot build huge strings), difftime and clock (seconds since the run
// started). math.random and math.randomseed use a generator of the run's
// own, so that seeding it is deterministic and touches nothing global.
var removedGlobals = []string{"dofile", "loadfile", "require", "module", "collectgarbage", "_printregs"}

func (r *runtime) openLibs() {
	L := r.L
	for _, lib := range []struct {
		name string
		open glua.LGFunction
	}{
		{glua.BaseLibName, glua.OpenBase},
		{glua.TabLibName, glua.OpenTable},
		{glua.StringLibName, glua.OpenString},
		{glua.MathLibName, glua.OpenMath},
		{glua.OsLibName, glua.OpenOs},
	} {
		L.Push(L.NewFunction(lib.open))
		L.Push(glua.LString(lib.name))
		L.Call(1, 0)
	}
	for _, name := range removedGlobals {
		L.SetGlobal(name, glua.LNil)
	}

	// os: keep the pure functions of the full library, nothing else.
	full := L.GetGlobal("os").(*glua.LTable)
	safe := L.CreateTable(0, 4)
	for _, name := range []string{"time", "difftime"} {
		safe.RawSetString(name, full.RawGetString(name))
	}
	date := full.RawGetString("date").(*glua.LFunction).GFunction
	safe.RawSetString("date", L.NewFunction(func(L *glua.LState) int {
		// Each directive of a format expands tenfold at most: a short
		// format keeps os.date from building huge strings.
		if s, ok := L.Get(1).(glua.LString); ok && len(s) > maxDateFormat {
			args{L, "os.date"}.fail(1, "the format is longer than "+strconv.Itoa(maxDateFormat)+" bytes")
		}
		return date(L)
	}))
	safe.RawSetString("clock", L.NewFunction(r.osClock))
	L.SetGlobal("os", safe)
	if loaded, ok := L.GetField(L.Get(glua.RegistryIndex), "_LOADED").(*glua.LTable); ok {
		loaded.RawSetString("os", safe)
	}

	math := L.GetGlobal("math").(*glua.LTable)
	math.RawSetString("random", L.NewFunction(r.mathRandom))
	math.RawSetString("randomseed", L.NewFunction(r.mathRandomseed))

	r.capBuiltins()
	r.guardSharedKeys()
}

// maxDateFormat bounds the format of os.date.
const maxDateFormat = 1024

// osClock returns the seconds since the run started (Lua's os.clock is CPU
// time of the process, which means nothing for one of many runs).
func (r *runtime) osClock(L *glua.LState) int {
	L.Push(glua.LNumber(time.Since(r.started).Seconds()))
	return 1
}

// mathRandom is Lua 5.1's math.random on the run's own generator.
func (r *runtime) mathRandom(L *glua.LState) int {
	a := args{L, "math.random"}
	switch L.GetTop() {
	case 0:
		L.Push(glua.LNumber(r.rand.Float64()))
	case 1:
		n := int64(a.int(1))
		if n < 1 {
			a.fail(1, "interval is empty")
		}
		L.Push(glua.LNumber(r.rand.Int64N(n) + 1))
	default:
		m, n := int64(a.int(1)), int64(a.int(2))
		if m > n {
			a.fail(2, "interval is empty")
		}
		L.Push(glua.LNumber(m + r.rand.Int64N(n-m+1)))
	}
	return 1
}

// mathRandomseed reseeds the run's generator.
func (r *runtime) mathRandomseed(L *glua.LState) int {
	seed := uint64(args{L, "math.randomseed"}.int(1))
	r.pcg.Seed(seed, seed^0x62323472756e)
	return 0
}
