package lua

import (
	"encoding/json"

	glua "github.com/yuin/gopher-lua"

	"github.com/b24run/b24run/bindings"
	"github.com/b24run/b24run/hook"
)

// installGlobals sets the globals a script sees besides the safe standard
// libraries: b24, json, log, print, on, schedule and script. The LuaLS
// annotations in scripts/types/b24run.lua describe them; a test keeps the two
// in step.
func (r *runtime) installGlobals() {
	L := r.L
	b24 := L.CreateTable(0, 12)
	L.SetFuncs(b24, map[string]glua.LGFunction{
		"callMethod":       r.callMethod,
		"callBatch":        r.callBatch,
		"callBatchByChunk": r.callBatchByChunk,
		"callListMethod":   r.callListMethod,
		"fetchListMethod":  r.fetchListMethod,
		"getTargetOrigin":  r.getTargetOrigin,
		"array":            r.markFunc("b24.array", r.arrayMT),
		"object":           r.markFunc("b24.object", r.objectMT),
	})
	b24.RawSetString("null", r.null)
	L.SetGlobal("b24", b24)

	L.SetGlobal("json", r.jsonModule())
	L.SetGlobal("log", r.logModule())
	L.SetGlobal("print", L.NewFunction(r.print))
	L.SetGlobal("on", L.NewFunction(r.on))
	L.SetGlobal("schedule", L.NewFunction(r.schedule))
	L.SetGlobal("script", r.scriptTable())
}

// markFunc returns b24.array or b24.object: it marks a table (a new empty
// one when called without) so that it encodes as a JSON array or object
// even when empty, and returns it.
func (r *runtime) markFunc(name string, mt *glua.LTable) glua.LGFunction {
	return func(L *glua.LState) int {
		a := args{L, name}
		var t *glua.LTable
		if L.GetTop() == 0 || L.Get(1) == glua.LNil {
			t = L.CreateTable(0, 0)
		} else {
			t = a.table(1)
		}
		switch t.Metatable {
		case glua.LNil, r.arrayMT, r.objectMT, r.shapedMT:
		default:
			a.fail(1, "the table already has a metatable")
		}
		r.own(t)
		t.Metatable = mt
		L.Push(t)
		return 1
	}
}

// checkPortal raises ErrPortalDisabled while a rule loads, and an error
// when the run has no portal at all.
func (r *runtime) checkPortal(method string) {
	if !r.portal {
		e := *bindings.ErrPortalDisabled
		e.Method = method
		r.raise(&e)
	}
	if r.client == nil {
		r.raise(&hook.Error{Code: "B24RUN_NO_PORTAL", Description: "no portal is configured for this run", Method: method})
	}
}

// params reads argument n as request params: nil, or a table of named
// fields.
func (r *runtime) params(a args, n int) hook.Object {
	switch v := a.L.Get(n).(type) {
	case *glua.LNilType:
		return nil
	case *glua.LTable:
		obj, err := r.encoder().object(v)
		if err != nil {
			a.fail(n, "params: "+err.Error())
		}
		return obj
	default:
		a.typeError(n, "table")
		return nil
	}
}

// callMethod is b24.callMethod(method, params, start): one REST call. It
// returns the payload table {result, total, next, time} and raises an error
// table on failure. start, for paging by hand, is the offset of the page to
// read; params.start, when set, wins over it.
func (r *runtime) callMethod(L *glua.LState) int {
	a := args{L, "b24.callMethod"}
	method := a.string(1)
	params := r.params(a, 2)
	if L.Get(3) != glua.LNil {
		// As in the official SDK, a start in the params wins.
		if _, set := params.Get("start"); !set {
			params.Set("start", a.int(3))
		}
	}
	r.checkPortal(method)
	resp, err := r.client.Call(r.ctx, method, params)
	if err != nil {
		r.raise(err)
	}
	L.Push(r.payload(resp.Result, resp.Total, resp.HasTotal, resp.Next, resp.HasNext, resp.Time))
	return 1
}

// getTargetOrigin is b24.getTargetOrigin(): the portal's origin
// ("https://company.bitrix24.com"), never the webhook.
func (r *runtime) getTargetOrigin(L *glua.LState) int {
	origin := ""
	if r.client != nil {
		origin = r.client.TargetOrigin()
	}
	L.Push(glua.LString(origin))
	return 1
}

// payload builds the table a call answers with: result, then total and next
// when the portal sent them, then time.
func (r *runtime) payload(result json.RawMessage, total int, hasTotal bool, next int, hasNext bool, t hook.Time) *glua.LTable {
	p := r.L.CreateTable(0, 4)
	p.RawSetString("result", r.result(result))
	if hasTotal {
		p.RawSetString("total", glua.LNumber(total))
	}
	if hasNext {
		p.RawSetString("next", glua.LNumber(next))
	}
	p.RawSetString("time", r.timeTable(t))
	p.Metatable = r.objectMT
	return p
}

// result decodes a raw result; an absent one is null.
func (r *runtime) result(raw json.RawMessage) glua.LValue {
	if len(raw) == 0 {
		return r.null
	}
	v, err := r.dec.decode(raw)
	if err != nil {
		r.raise(&hook.Error{Code: hook.CodeUnexpected, Description: "the portal's answer is not valid JSON: " + err.Error()})
	}
	return v
}

// timeTable is the payload's time block, with the portal's field names.
func (r *runtime) timeTable(t hook.Time) *glua.LTable {
	tt := r.L.CreateTable(0, 8)
	tt.RawSetString("start", glua.LNumber(t.Start))
	tt.RawSetString("finish", glua.LNumber(t.Finish))
	tt.RawSetString("duration", glua.LNumber(t.Duration))
	tt.RawSetString("processing", glua.LNumber(t.Processing))
	if t.DateStart != "" {
		tt.RawSetString("date_start", glua.LString(t.DateStart))
	}
	if t.DateFinish != "" {
		tt.RawSetString("date_finish", glua.LString(t.DateFinish))
	}
	if t.HasOperating {
		tt.RawSetString("operating", glua.LNumber(t.Operating))
		tt.RawSetString("operating_reset_at", glua.LNumber(t.OperatingResetAt))
	}
	tt.Metatable = r.objectMT
	return tt
}
