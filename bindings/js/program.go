package js

import (
	"context"
	"errors"
	"fmt"

	"github.com/dop251/goja"

	"github.com/b24run/b24run/bindings"
)

// program is one compiled version of a script. It holds only immutable
// compiled code, so any number of runs may use it at once.
type program struct {
	name    string
	prog    *goja.Program
	prelude *goja.Program
}

func (p *program) Name() string { return p.name }

// Run executes the script's top level with portal calls enabled and waits
// for it and everything it started (timers, promises) to finish.
func (p *program) Run(ctx context.Context, env *bindings.Env) (bindings.Registrations, error) {
	r, err := newRun(ctx, p, env, true)
	if err != nil {
		return bindings.Registrations{}, err
	}
	defer r.close()
	if err = r.main(); err == nil {
		err = r.exitCodeError()
	}
	return r.registrations(), err
}

// Inspect loads the script with portal calls disabled and returns what it
// registers with on() and schedule().
func (p *program) Inspect(ctx context.Context, env *bindings.Env) (bindings.Registrations, error) {
	r, err := newRun(ctx, p, env, false)
	if err != nil {
		return bindings.Registrations{}, err
	}
	defer r.close()
	err = r.main()
	return r.registrations(), err
}

// Handle loads the script with portal calls disabled, then enables them and
// runs the handlers the trigger selects: every on() handler of the event,
// in registration order, with the decoded event; or the schedule() handler
// at the trigger's index, without arguments. Each handler is awaited.
func (p *program) Handle(ctx context.Context, env *bindings.Env, trigger bindings.Trigger) error {
	r, err := newRun(ctx, p, env, false)
	if err != nil {
		return err
	}
	defer r.close()
	if err := r.main(); err != nil {
		return err
	}
	r.portal = true
	switch trigger.Kind {
	case bindings.TriggerEvent:
		var handlers []goja.Callable
		for _, h := range r.events {
			if h.name == trigger.Event {
				handlers = append(handlers, h.fn)
			}
		}
		if len(handlers) == 0 {
			return fmt.Errorf("%s registers no handler for event %s", p.name, trigger.Event)
		}
		event, err := r.decodePayload(trigger.Payload)
		if err != nil {
			return fmt.Errorf("%s: event %s: %w", p.name, trigger.Event, err)
		}
		for _, h := range handlers {
			if err := r.callHandler(h, event); err != nil {
				return err
			}
		}
		return nil
	case bindings.TriggerSchedule:
		if trigger.Schedule < 0 || trigger.Schedule >= len(r.schedules) {
			return fmt.Errorf("%s has no schedule #%d (it registers %d)", p.name, trigger.Schedule, len(r.schedules))
		}
		return r.callHandler(r.schedules[trigger.Schedule].fn)
	}
	return errors.New("js: unknown trigger kind")
}
