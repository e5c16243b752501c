package lua

import (
	glua "github.com/yuin/gopher-lua"
)

// args reads the arguments of one API function and names the function in
// its errors: gopher-lua's own checks name the function after the caller's
// expression, which is "(anonymous)" when the function is called through
// pcall, the way scripts call the portal when they handle its errors.
type args struct {
	L  *glua.LState
	fn string // "b24.callMethod"
}

// fail raises "bad argument #n to 'fn' (msg)" at the caller's position.
func (a args) fail(n int, msg string) {
	a.L.RaiseError("bad argument #%d to '%s' (%s)", n, a.fn, msg)
}

func (a args) typeError(n int, want string) {
	got := "no value"
	if n <= a.L.GetTop() {
		got = a.L.Get(n).Type().String()
	}
	a.fail(n, want+" expected, got "+got)
}

// string reads a string argument; a number is converted, as Lua does.
func (a args) string(n int) string {
	switch v := a.L.Get(n).(type) {
	case glua.LString:
		return string(v)
	case glua.LNumber:
		return v.String()
	}
	a.typeError(n, "string")
	return ""
}

// optString reads an optional string argument.
func (a args) optString(n int, def string) string {
	if a.L.Get(n) == glua.LNil {
		return def
	}
	return a.string(n)
}

func (a args) int(n int) int {
	v, ok := a.L.Get(n).(glua.LNumber)
	if !ok {
		a.typeError(n, "number")
	}
	return int(v)
}

func (a args) table(n int) *glua.LTable {
	t, ok := a.L.Get(n).(*glua.LTable)
	if !ok {
		a.typeError(n, "table")
	}
	return t
}

func (a args) function(n int) *glua.LFunction {
	f, ok := a.L.Get(n).(*glua.LFunction)
	if !ok {
		a.typeError(n, "function")
	}
	return f
}

// flag reads an optional boolean that is true unless false is given (the
// halt of batches).
func (a args) flag(n int) bool {
	v := a.L.Get(n)
	return v == glua.LNil || glua.LVAsBool(v)
}
