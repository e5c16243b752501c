package lua

import (
	"context"
	"errors"
	"strconv"
	"strings"

	glua "github.com/yuin/gopher-lua"

	"github.com/b24run/b24run/bindings"
	"github.com/b24run/b24run/hook"
)

// Portal failures reach scripts as error tables, not strings, so that a
// script can branch on them after pcall:
//
//	local ok, err = pcall(b24.callMethod, 'crm.deal.get', {id = 0})
//	if not ok and err.code == 'NOT_FOUND' then ... end
//
// An error table holds code, description, message (the description, or
// "CODE (on method)" when the portal gave none), status (the HTTP status, 0
// when no answer came), method, and outcomeUnknown = true for a write that
// may have run although no answer says so. Its tostring is
// "CODE: description", which is also what an uncaught one ends the run with.

// errorTable builds the error table of a hook error and remembers the Go
// error behind it, so that an uncaught one unwraps to it.
func (r *runtime) errorTable(e *hook.Error) *glua.LTable {
	t := r.L.CreateTable(0, 6)
	t.RawSetString("code", glua.LString(e.Code))
	t.RawSetString("description", glua.LString(e.Description))
	t.RawSetString("message", glua.LString(e.Message()))
	t.RawSetString("status", glua.LNumber(e.Status))
	if e.Method != "" {
		t.RawSetString("method", glua.LString(e.Method))
	}
	if e.OutcomeUnknown {
		t.RawSetString("outcomeUnknown", glua.LTrue)
	}
	t.Metatable = r.errorMT
	r.raised[t] = e
	return t
}

// newErrorMeta is the metatable of error tables.
func (r *runtime) newErrorMeta() *glua.LTable {
	mt := r.L.CreateTable(0, 2)
	mt.RawSetString("__tostring", r.L.NewFunction(func(L *glua.LState) int {
		L.Push(glua.LString(errorText(L.CheckTable(1))))
		return 1
	}))
	mt.RawSetString("__metatable", glua.LString("b24.Error"))
	return mt
}

// errorText is an error table's tostring: "CODE: description".
func errorText(t *glua.LTable) string {
	code := glua.LVAsString(t.RawGetString("code"))
	desc := glua.LVAsString(t.RawGetString("description"))
	if desc == "" {
		desc = glua.LVAsString(t.RawGetString("message"))
	}
	if code == "" {
		code = "ERROR"
	}
	return code + ": " + desc
}

// raise ends the current Go function with err as a Lua error: a hook error
// becomes an error table, anything else a message with the script's
// position. It does not return.
func (r *runtime) raise(err error) {
	var he *hook.Error
	if errors.As(err, &he) {
		r.L.Error(r.errorTable(he), 1)
		return
	}
	r.L.RaiseError("%s", err.Error())
}

// scriptError turns what a protected call returned into the error a run
// ends with: a *bindings.ScriptError located in the user's file, wrapping
// the hook error behind an uncaught error table, or the context's error
// when the run was stopped.
func (r *runtime) scriptError(err error) error {
	se := &bindings.ScriptError{File: r.name}
	var ae *glua.ApiError
	if errors.As(err, &ae) {
		se.Stack = ae.StackTrace
		se.Message = r.describe(ae.Object)
		if t, ok := ae.Object.(*glua.LTable); ok {
			if he := r.raised[t]; he != nil {
				se.Err = he
			}
		}
		if ae.Cause != nil && se.Err == nil {
			se.Err = ae.Cause
		}
	} else {
		se.Message, se.Err = err.Error(), err
	}
	if line, rest, ok := r.cutPosition(se.Message); ok {
		se.Line, se.Message = line, rest
	} else {
		se.Line = r.stackLine(se.Stack)
	}
	if cerr := r.ctx.Err(); cerr != nil {
		se.Err = cerr
		if errors.Is(cerr, context.DeadlineExceeded) {
			se.Message = "run timed out (" + cerr.Error() + ")"
		} else {
			se.Message = "run cancelled (" + cerr.Error() + ")"
		}
	}
	return se
}

// describe is what a raised value reads as: its tostring when it has one,
// else a table's message or JSON form, so that error({code = 1}) says
// something better than a table address.
func (r *runtime) describe(v glua.LValue) string {
	t, ok := v.(*glua.LTable)
	if !ok {
		if v == r.null {
			return "null"
		}
		return v.String()
	}
	if t.Metatable == r.errorMT {
		return errorText(t)
	}
	if mt, ok := t.Metatable.(*glua.LTable); ok && mt.RawGetString("__tostring") != glua.LNil {
		if err := r.L.CallByParam(glua.P{Fn: mt.RawGetString("__tostring"), NRet: 1, Protect: true}, t); err == nil {
			s := r.L.Get(-1)
			r.L.Pop(1)
			return glua.LVAsString(s)
		}
	}
	if msg, ok := t.RawGetString("message").(glua.LString); ok {
		return string(msg)
	}
	if g, err := r.encoder().value(t); err == nil {
		if b, err := hook.AppendJSON(nil, g); err == nil {
			return string(b)
		}
	}
	return t.String()
}

// cutPosition splits "name.lua:12: message" into 12 and "message" when the
// position is in the script's own file.
func (r *runtime) cutPosition(msg string) (int, string, bool) {
	rest, ok := strings.CutPrefix(msg, r.name+":")
	if !ok {
		return 0, msg, false
	}
	num, rest, ok := strings.Cut(rest, ": ")
	if !ok {
		return 0, msg, false
	}
	line, err := strconv.Atoi(num)
	if err != nil || line <= 0 {
		return 0, msg, false
	}
	return line, rest, true
}

// stackLine finds the innermost frame of the script's own file in a Lua
// stack traceback ("\tname.lua:12: in function 'f'").
func (r *runtime) stackLine(stack string) int {
	for _, l := range strings.Split(stack, "\n") {
		l = strings.TrimSpace(l)
		if rest, ok := strings.CutPrefix(l, r.name+":"); ok {
			num, _, _ := strings.Cut(rest, ":")
			if n, err := strconv.Atoi(num); err == nil && n > 0 {
				return n
			}
		}
	}
	return 0
}
