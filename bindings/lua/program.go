package lua

import (
	"context"
	"fmt"
	"strings"

	glua "github.com/yuin/gopher-lua"

	"github.com/b24run/b24run/bindings"
)

// program is one compiled version of a script. It holds only the immutable
// function prototype, so its methods may run concurrently: each builds a
// runtime of its own.
type program struct {
	name  string
	proto *glua.FunctionProto
}

func (p *program) Name() string { return p.name }

// Run runs the script's top level with portal calls enabled.
func (p *program) Run(ctx context.Context, env *bindings.Env) (bindings.Registrations, error) {
	r := newRuntime(ctx, p.name, env)
	defer r.close()
	r.portal = true
	err := r.load(p.proto)
	return r.regs, err
}

// Inspect runs the script's top level with portal calls disabled and
// returns what it registered.
func (p *program) Inspect(ctx context.Context, env *bindings.Env) (bindings.Registrations, error) {
	r := newRuntime(ctx, p.name, env)
	defer r.close()
	err := r.load(p.proto)
	return r.regs, err
}

// Handle loads the script with portal calls disabled, then runs the
// handlers that trigger selects with portal calls enabled: every on()
// handler of the event, in order, with the decoded event; or the schedule()
// handler, with no argument.
func (p *program) Handle(ctx context.Context, env *bindings.Env, trigger bindings.Trigger) error {
	r := newRuntime(ctx, p.name, env)
	defer r.close()
	if err := r.load(p.proto); err != nil {
		return err
	}
	var handlers []*glua.LFunction
	var args []glua.LValue
	switch trigger.Kind {
	case bindings.TriggerEvent:
		event := strings.ToUpper(trigger.Event)
		handlers = r.handlers[event]
		if len(handlers) == 0 {
			return fmt.Errorf("%s: no on(%q) handler is registered", p.name, event)
		}
		payload := []byte(trigger.Payload)
		if len(payload) == 0 {
			payload = []byte("{}")
		}
		ev, err := r.dec.decode(payload)
		if err != nil {
			return fmt.Errorf("%s: event %s: payload: %w", p.name, event, err)
		}
		args = append(args, ev)
	case bindings.TriggerSchedule:
		if trigger.Schedule < 0 || trigger.Schedule >= len(r.schedules) {
			return fmt.Errorf("%s: no schedule #%d is registered (it registers %d)", p.name, trigger.Schedule, len(r.schedules))
		}
		handlers = r.schedules[trigger.Schedule : trigger.Schedule+1]
	default:
		return fmt.Errorf("%s: unknown trigger kind %d", p.name, trigger.Kind)
	}
	r.portal = true
	for _, fn := range handlers {
		if err := r.call(fn, args...); err != nil {
			return err
		}
	}
	return nil
}

// load runs the compiled chunk: the script's top level.
func (r *runtime) load(proto *glua.FunctionProto) error {
	return r.call(r.L.NewFunctionFromProto(proto))
}

// call calls fn in protected mode; a Lua error, a Go panic inside a host
// function and a stopped context all come back as a *bindings.ScriptError.
func (r *runtime) call(fn *glua.LFunction, args ...glua.LValue) error {
	if err := r.L.CallByParam(glua.P{Fn: fn, NRet: 0, Protect: true}, args...); err != nil {
		return r.scriptError(err)
	}
	return nil
}
