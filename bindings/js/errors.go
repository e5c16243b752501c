package js

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/b24run/b24run/bindings"
)

// goErrorKey is the hidden property linking an AjaxError to the Go error
// behind it (an index into run.goErrors), so that a ScriptError can wrap the
// *hook.Error a script failed to catch.
const goErrorKey = "__b24run_err"

// failed turns an error that came out of the VM into the run's error.
func (r *run) failed(err error) error {
	var interrupted *goja.InterruptedError
	var exception *goja.Exception
	var overflow *goja.StackOverflowError
	switch {
	case errors.As(err, &interrupted):
		switch v := interrupted.Value().(type) {
		case exitSignal:
			return r.exitError()
		case error:
			return r.stopped(v, interrupted.Stack())
		}
		return r.stopped(context.Canceled, interrupted.Stack())
	case errors.As(err, &overflow):
		se := &bindings.ScriptError{Message: "Uncaught RangeError: Maximum call stack size exceeded", Err: err}
		r.place(se, overflow.Stack())
		return se
	case errors.As(err, &exception):
		return r.uncaught(exception.Value(), false, exception.Stack())
	}
	if r.ctx.Err() != nil {
		return r.stopped(r.ctx.Err(), nil)
	}
	return &bindings.ScriptError{File: r.prog.name, Message: err.Error(), Err: err}
}

// stopped reports a run ended by its context (timeout or cancellation),
// saying where the script was.
func (r *run) stopped(cause error, frames []goja.StackFrame) error {
	what := "cancelled"
	if errors.Is(cause, context.DeadlineExceeded) {
		what = "timed out"
	}
	se := &bindings.ScriptError{Err: cause}
	r.place(se, frames)
	if se.Line > 0 {
		se.Message = fmt.Sprintf("script %s (%v) while running line %d", what, cause, se.Line)
	} else {
		se.Message = fmt.Sprintf("script %s (%v) while waiting for timers or a portal call", what, cause)
	}
	return se
}

// uncaught reports a value thrown and not caught: "Uncaught AjaxError: Not
// found", or "Uncaught (in promise) ..." for a rejection nobody handled.
func (r *run) uncaught(v goja.Value, inPromise bool, frames []goja.StackFrame) error {
	prefix := "Uncaught "
	if inPromise {
		prefix = "Uncaught (in promise) "
	}
	se := &bindings.ScriptError{Message: prefix + r.describe(v)}
	if obj, ok := v.(*goja.Object); ok {
		if stack := obj.Get("stack"); stack != nil && !goja.IsUndefined(stack) {
			se.Stack = stack.String()
			se.File, se.Line, se.Column = r.userFrame(se.Stack)
		}
		if id := obj.Get(goErrorKey); id != nil && !goja.IsUndefined(id) {
			if i := int(id.ToInteger()); i >= 0 && i < len(r.goErrors) {
				se.Err = r.goErrors[i]
			}
		}
	}
	if se.Line == 0 && frames != nil {
		r.place(se, frames)
	}
	if se.File == "" {
		se.File = r.prog.name
	}
	return se
}

// describe prints a thrown value as Node prints an uncaught one: name and
// message for errors, util.inspect for anything else.
func (r *run) describe(v goja.Value) string {
	if obj, ok := v.(*goja.Object); ok {
		if isError(r.rt, obj) {
			name := obj.Get("name")
			msg := obj.Get("message")
			s := "Error"
			if name != nil && !goja.IsUndefined(name) {
				s = name.String()
			}
			if msg != nil && !goja.IsUndefined(msg) && msg.String() != "" {
				s += ": " + msg.String()
			}
			return s
		}
	}
	if r.inspect != nil {
		if s, err := r.inspect(goja.Undefined(), v); err == nil {
			return s.String()
		}
	}
	if v == nil {
		return "undefined"
	}
	return v.String()
}

func isError(rt *goja.Runtime, obj *goja.Object) bool {
	ctor, ok := rt.Get("Error").(*goja.Object)
	return ok && rt.InstanceOf(obj, ctor)
}

// place sets the position of se from goja stack frames: the innermost frame
// in the user's file.
func (r *run) place(se *bindings.ScriptError, frames []goja.StackFrame) {
	var b bytes.Buffer
	for _, f := range frames {
		pos := f.Position()
		if se.Line == 0 && r.isUserFile(pos.Filename) && pos.Line > 0 {
			se.File, se.Line, se.Column = r.prog.name, pos.Line, pos.Column
		}
		b.WriteString("\tat ")
		f.Write(&b)
		b.WriteByte('\n')
	}
	if se.Stack == "" {
		se.Stack = b.String()
	}
	if se.File == "" {
		se.File = r.prog.name
	}
}

// stackFrame matches a frame of goja's Error.stack:
// "at fn (file:line:col(pc))" or "at file:line:col(pc)".
var stackFrame = regexp.MustCompile(`at (?:.* \()?(.+?):(\d+):(\d+)(?:\(\d+\))?\)?$`)

// userFrame finds the innermost frame of a stack string that lies in the
// user's file.
func (r *run) userFrame(stack string) (file string, line, col int) {
	for _, l := range strings.Split(stack, "\n") {
		m := stackFrame.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil || !r.isUserFile(m[1]) {
			continue
		}
		line, _ = strconv.Atoi(m[2])
		col, _ = strconv.Atoi(m[3])
		return r.prog.name, line, col
	}
	return r.prog.name, 0, 0
}

// isUserFile says whether a frame's file is the script (not the prelude).
func (r *run) isUserFile(name string) bool {
	return name == r.prog.name || name == path.Base(r.prog.name)
}
