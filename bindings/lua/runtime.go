package lua

import (
	"context"
	"io"
	"log/slog"
	"math/rand/v2"
	"time"

	glua "github.com/yuin/gopher-lua"

	"github.com/b24run/b24run/bindings"
	"github.com/b24run/b24run/hook"
)

// defaultCallDepth is the Lua call depth of a run when Limits leave it
// unset: deep enough for any business script, shallow enough that runaway
// recursion fails fast with a catchable "stack overflow".
const defaultCallDepth = 200

// Registry sizing (reference/embedding.md §1.9): gopher-lua's default
// registry cannot grow, so unpack or table.concat of a large table fails
// with "registry overflow"; a registry that grows to 1M slots in coarse
// steps avoids that without thousands of reallocations. It starts at 4K
// slots rather than §1.9's 20K: every run (every event delivery) allocates
// it, and 20K slots double the cost of a run (BenchmarkRunCompiled: 180 µs
// and 440 KB against 95 µs and 180 KB) for scripts that rarely need them.
const (
	registrySize     = 4 * 1024
	registryMaxSize  = 1024 * 1024
	registryGrowStep = 4096
)

// runtime is one run of a program: a fresh, sandboxed LState and everything
// the script's globals close over. It is used by the goroutine that created
// it only, and thrown away when the run ends, so nothing leaks from one run
// (or one event delivery) to the next.
type runtime struct {
	L       *glua.LState
	ctx     context.Context
	name    string
	client  *hook.Client
	env     *bindings.Env
	limits  bindings.Limits
	logger  *slog.Logger
	stdout  io.Writer
	started time.Time
	pcg     *rand.PCG // math.random's generator, reseeded by math.randomseed
	rand    *rand.Rand

	// portal is false while a rule loads (Inspect, and Handle before its
	// handler runs): portal calls then raise ErrPortalDisabled.
	portal bool

	null     *glua.LUserData // b24.null, json.null
	arrayMT  *glua.LTable    // marks a table as a JSON array
	objectMT *glua.LTable    // marks a table as a JSON object
	shapedMT *glua.LTable    // marks an object table that shares its key index (sharedkeys.go)
	errorMT  *glua.LTable    // metatable of error tables

	dec    *decoder
	raised map[*glua.LTable]*hook.Error // error tables and the errors behind them

	walks *walks // open fetchListMethod loops

	regs      bindings.Registrations
	handlers  map[string][]*glua.LFunction // on(): event name -> handlers, in order
	schedules []*glua.LFunction            // schedule(): by index into regs.Schedules
}

// newRuntime builds the state of one run: the safe standard libraries, the
// b24 API, and the context that stops it.
func newRuntime(ctx context.Context, name string, env *bindings.Env) *runtime {
	if env == nil {
		env = &bindings.Env{}
	}
	limits := env.Limits.WithDefaults(defaultCallDepth)
	logger := env.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	L := glua.NewState(glua.Options{
		SkipOpenLibs:     true,
		CallStackSize:    limits.MaxCallDepth,
		RegistrySize:     registrySize,
		RegistryMaxSize:  registryMaxSize,
		RegistryGrowStep: registryGrowStep,
	})
	now := time.Now()
	pcg := rand.NewPCG(uint64(now.UnixNano()), 0x62323472756e)
	r := &runtime{
		L:        L,
		ctx:      ctx,
		name:     name,
		client:   env.Client,
		env:      env,
		limits:   limits,
		logger:   logger,
		stdout:   env.Stdout,
		started:  now,
		pcg:      pcg,
		rand:     rand.New(pcg),
		raised:   map[*glua.LTable]*hook.Error{},
		handlers: map[string][]*glua.LFunction{},
		walks:    &walks{},
	}
	r.null = L.NewUserData()
	r.null.Metatable = r.newNullMeta()
	r.arrayMT = r.newMarker("b24.array")
	r.objectMT = r.newMarker("b24.object")
	r.shapedMT = r.newShapedMeta()
	r.errorMT = r.newErrorMeta()
	r.dec = newDecoder(r.null, r.arrayMT, r.objectMT, r.shapedMT)

	r.openLibs()
	r.installGlobals()
	L.SetContext(ctx)
	return r
}

// close stops what the run left open (fetch loops a script broke out of)
// and releases the state.
func (r *runtime) close() {
	r.walks.stopAll()
	r.L.Close()
}

// encoder returns a fresh encoder bounded by the run's string limit.
func (r *runtime) encoder() *encoder {
	return &encoder{null: r.null, arrayMT: r.arrayMT, objectMT: r.objectMT, shapedMT: r.shapedMT, budget: r.limits.MaxStringBytes}
}

// newMarker makes the metatable that b24.array / b24.object put on a table
// to say which JSON value an empty one stands for. It has no metamethods:
// a marked table behaves as any other; __name only helps who debugs it.
func (r *runtime) newMarker(name string) *glua.LTable {
	mt := r.L.CreateTable(0, 1)
	mt.RawSetString("__name", glua.LString(name))
	return mt
}

// newNullMeta makes b24.null print as "null".
func (r *runtime) newNullMeta() *glua.LTable {
	mt := r.L.CreateTable(0, 2)
	mt.RawSetString("__tostring", r.L.NewFunction(func(L *glua.LState) int {
		L.Push(glua.LString("null"))
		return 1
	}))
	mt.RawSetString("__metatable", glua.LString("b24.null"))
	return mt
}
