package lua

import (
	"strings"

	glua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/pm"
)

// Builtins that can build a huge string from a small script are replaced by
// versions bounded by Limits.MaxStringBytes (reference/embedding.md §1.8):
// neither engine can cap a runtime's memory, and SetContext cannot stop a
// builtin that is busy inside Go (gopher-lua#521), so the bound has to be
// checked before the work is done.
//
//   - string.rep: the result's size is known up front;
//   - string.format: widths and precisions are limited to two digits, as in
//     Lua 5.1, and the arguments' sizes are added up first;
//   - table.concat: the result's size is added up first (and the table is
//     not pushed onto the registry, so large tables do not overflow it);
//   - string.gsub: built incrementally with a running bound, linear in its
//     output (gopher-lua's copies the whole string once per match) and
//     checking the run's context between batches of matches;
//   - string.gmatch: finds one match per step instead of all up front;
//   - load: a reader function's pieces are bounded too (load and
//     loadstring also compile through compile, with its loop fix).
//
// Concatenation with .. is part of the VM and cannot be bounded here: a
// script that doubles a string in a loop is stopped only by the run's
// timeout or the process's memory limit.
func (r *runtime) capBuiltins() {
	L := r.L
	str := L.GetGlobal("string").(*glua.LTable)
	str.RawSetString("rep", L.NewFunction(r.strRep))
	str.RawSetString("gsub", L.NewFunction(r.strGsub))
	str.RawSetString("gmatch", L.NewFunction(r.strGmatch))
	format := str.RawGetString("format").(*glua.LFunction).GFunction
	str.RawSetString("format", L.NewFunction(func(L *glua.LState) int {
		r.checkFormat(L)
		return format(L)
	}))
	tbl := L.GetGlobal("table").(*glua.LTable)
	tbl.RawSetString("concat", L.NewFunction(r.tableConcat))
	L.SetGlobal("load", L.NewFunction(r.baseLoad))
	L.SetGlobal("loadstring", L.NewFunction(r.baseLoadString))
}

// tooLong raises the error of a string builtin whose result would pass the
// run's limit.
func (r *runtime) tooLong(L *glua.LState, fn string, size int) {
	L.RaiseError("%s: the result would be %d bytes, more than the limit of %d bytes", fn, size, r.limits.MaxStringBytes)
}

func (r *runtime) strRep(L *glua.LState) int {
	a := args{L, "string.rep"}
	s := a.string(1)
	n := a.int(2)
	if n <= 0 || s == "" {
		L.Push(glua.LString(""))
		return 1
	}
	if n > r.limits.MaxStringBytes/len(s) {
		r.tooLong(L, "string.rep", min(len(s)*n, 1<<62))
	}
	L.Push(glua.LString(strings.Repeat(s, n)))
	return 1
}

// checkFormat bounds string.format before gopher-lua's implementation (Go's
// fmt behind a Lua front) runs.
func (r *runtime) checkFormat(L *glua.LState) {
	f := args{L, "string.format"}.string(1)
	size, arg := len(f), 2
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		i++
		if i < len(f) && f[i] == '%' {
			continue
		}
		for i < len(f) && strings.IndexByte("-+ #0", f[i]) >= 0 {
			i++
		}
		for _, part := range []string{"width", "precision"} {
			if part == "precision" {
				if i >= len(f) || f[i] != '.' {
					break
				}
				i++
			}
			digits := 0
			for i < len(f) && f[i] >= '0' && f[i] <= '9' {
				i++
				digits++
			}
			if digits > 2 {
				L.RaiseError("invalid format (width or precision too long)")
			}
		}
		size += 200
		if arg <= L.GetTop() {
			if s, ok := L.Get(arg).(glua.LString); ok {
				size += len(s)
			}
			arg++
		}
	}
	if size > r.limits.MaxStringBytes {
		r.tooLong(L, "string.format", size)
	}
}

func (r *runtime) tableConcat(L *glua.LState) int {
	a := args{L, "table.concat"}
	t := a.table(1)
	sep := a.optString(2, "")
	i, j := 1, t.Len()
	if L.Get(3) != glua.LNil {
		i = a.int(3)
	}
	if L.Get(4) != glua.LNil {
		j = a.int(4)
	}
	if i > j {
		L.Push(glua.LString(""))
		return 1
	}
	size := 0
	for k := i; k <= j; k++ {
		switch v := t.RawGetInt(k).(type) {
		case glua.LString:
			size += len(v)
		case glua.LNumber:
			size += 24
		default:
			L.RaiseError("invalid value (at index %d) in table for 'concat'", k)
		}
		if k < j {
			size += len(sep)
		}
		if size > r.limits.MaxStringBytes {
			r.tooLong(L, "table.concat", size)
		}
	}
	var b strings.Builder
	b.Grow(size)
	for k := i; k <= j; k++ {
		b.WriteString(glua.LVAsString(t.RawGetInt(k)))
		if k < j {
			b.WriteString(sep)
		}
	}
	L.Push(glua.LString(b.String()))
	return 1
}

// gsubBatch is how many matches strGsub finds per pattern search; between
// batches it checks the run's context.
const gsubBatch = 256

func (r *runtime) strGsub(L *glua.LState) int {
	a := args{L, "string.gsub"}
	src := a.string(1)
	pat := a.string(2)
	repl := L.Get(3)
	switch repl.(type) {
	case glua.LString, glua.LNumber, *glua.LTable, *glua.LFunction:
	default:
		a.typeError(3, "string/function/table")
	}
	maxN := len(src) + 1
	if L.Get(4) != glua.LNil {
		maxN = a.int(4)
	}
	anchored := strings.HasPrefix(pat, "^")
	data := []byte(src)

	var out strings.Builder
	copied, next, n := 0, 0, 0
	for n < maxN && next <= len(src) {
		mds, err := pm.Find(pat, data, next, min(gsubBatch, maxN-n))
		if err != nil {
			L.RaiseError("%s", err.Error())
		}
		for _, m := range mds {
			start, end := m.Capture(0), m.Capture(1)
			out.WriteString(src[copied:start])
			out.WriteString(r.replacement(L, src, m, repl))
			copied = end
			next = max(start+1, end)
			n++
			if out.Len()+len(src)-copied > r.limits.MaxStringBytes {
				r.tooLong(L, "string.gsub", out.Len()+len(src)-copied)
			}
		}
		if len(mds) < gsubBatch || anchored {
			break
		}
		if err := r.ctx.Err(); err != nil {
			L.RaiseError("%s", err.Error())
		}
	}
	out.WriteString(src[copied:])
	L.Push(glua.LString(out.String()))
	L.Push(glua.LNumber(n))
	return 2
}

// replacement is the text that replaces match m: Lua 5.1's add_value.
func (r *runtime) replacement(L *glua.LState, src string, m *pm.MatchData, repl glua.LValue) string {
	whole := src[m.Capture(0):m.Capture(1)]
	var v glua.LValue
	switch repl := repl.(type) {
	case glua.LString, glua.LNumber:
		return expandReplacement(L, src, m, glua.LVAsString(repl))
	case *glua.LTable:
		v = L.GetTable(repl, capture(L, src, m, 0))
	case *glua.LFunction:
		L.Push(repl)
		nargs := max(1, m.CaptureLength()/2-1)
		for i := range nargs {
			L.Push(capture(L, src, m, i))
		}
		L.Call(nargs, 1)
		v = L.Get(-1)
		L.Pop(1)
	}
	switch v := v.(type) {
	case *glua.LNilType:
		return whole
	case glua.LBool:
		if !v {
			return whole
		}
	case glua.LString, glua.LNumber:
		return glua.LVAsString(v)
	}
	L.RaiseError("invalid replacement value (a %s)", v.Type().String())
	return ""
}

// capture returns capture i (0-based) of m, or the whole match when the
// pattern has no captures and i is 0. Position captures are numbers.
func capture(L *glua.LState, src string, m *pm.MatchData, i int) glua.LValue {
	n := m.CaptureLength()/2 - 1
	if i >= n {
		if i == 0 {
			return glua.LString(src[m.Capture(0):m.Capture(1)])
		}
		L.RaiseError("invalid capture index")
	}
	idx := 2 * (i + 1)
	if m.IsPosCapture(idx) {
		return glua.LNumber(m.Capture(idx))
	}
	return glua.LString(src[m.Capture(idx):m.Capture(idx+1)])
}

// expandReplacement applies a replacement string's escapes: %0 is the whole
// match, %1-%9 the captures, % before anything else that character.
func expandReplacement(L *glua.LState, src string, m *pm.MatchData, repl string) string {
	if strings.IndexByte(repl, '%') < 0 {
		return repl
	}
	var b strings.Builder
	for i := 0; i < len(repl); i++ {
		c := repl[i]
		if c != '%' || i+1 >= len(repl) {
			b.WriteByte(c)
			continue
		}
		i++
		c = repl[i]
		switch {
		case c == '0':
			b.WriteString(src[m.Capture(0):m.Capture(1)])
		case c >= '1' && c <= '9':
			b.WriteString(glua.LVAsString(capture(L, src, m, int(c-'1'))))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// strGmatch returns an iterator that finds one match per call, so that a
// loop that breaks early does not pay for every match of a long string.
func (r *runtime) strGmatch(L *glua.LState) int {
	a := args{L, "string.gmatch"}
	src := a.string(1)
	pat := a.string(2)
	data := []byte(src)
	next, done := 0, false
	L.Push(L.NewFunction(func(L *glua.LState) int {
		if done || next > len(src) {
			return 0
		}
		mds, err := pm.Find(pat, data, next, 1)
		if err != nil {
			L.RaiseError("%s", err.Error())
		}
		if len(mds) == 0 {
			done = true
			return 0
		}
		m := mds[0]
		next = max(m.Capture(0)+1, m.Capture(1))
		n := max(1, m.CaptureLength()/2-1)
		for i := range n {
			L.Push(capture(L, src, m, i))
		}
		return n
	}))
	return 1
}

// baseLoad is Lua 5.1's load with the pieces a reader function returns
// bounded by the string limit.
func (r *runtime) baseLoad(L *glua.LState) int {
	a := args{L, "load"}
	chunkname := a.optString(2, "=(load)")
	var src strings.Builder
	switch v := L.Get(1).(type) {
	case glua.LString:
		src.WriteString(string(v))
	case *glua.LFunction:
		for {
			L.Push(v)
			L.Call(0, 1)
			piece := L.Get(-1)
			L.Pop(1)
			s, ok := piece.(glua.LString)
			if piece == glua.LNil || ok && s == "" {
				break
			}
			if !ok {
				L.Push(glua.LNil)
				L.Push(glua.LString("reader function must return a string"))
				return 2
			}
			if src.Len()+len(s) > r.limits.MaxStringBytes {
				r.tooLong(L, "load", src.Len()+len(s))
			}
			src.WriteString(string(s))
		}
	default:
		a.typeError(1, "function")
	}
	return pushChunk(L, src.String(), chunkname)
}

// baseLoadString is loadstring(source [, chunkname]).
func (r *runtime) baseLoadString(L *glua.LState) int {
	a := args{L, "loadstring"}
	return pushChunk(L, a.string(1), a.optString(2, "<string>"))
}

// pushChunk compiles source as load and loadstring do: the function, or
// nil and the error message.
func pushChunk(L *glua.LState, source, chunkname string) int {
	proto, err := compile(chunkname, []byte(source))
	if err != nil {
		L.Push(glua.LNil)
		L.Push(glua.LString(compileError(strings.TrimPrefix(chunkname, "="), []byte(source), err).Error()))
		return 2
	}
	L.Push(L.NewFunctionFromProto(proto))
	return 1
}
