package lua

import (
	"errors"
	"strconv"

	glua "github.com/yuin/gopher-lua"

	"github.com/b24run/b24run/hook"
)

// Batches. Commands come as a list or as a table of named commands, each
// either {'method', params} or {method = 'method', params = params}:
//
//	local res, errs = b24.callBatch({
//	  deal = {'crm.deal.get', {id = 1}},
//	  user = {method = 'user.current'},
//	})
//
// Both functions return two tables keyed like the commands: results (1..n
// for a list, the names for named commands) and errors, which is nil when
// every command succeeded. A command that failed has an error table under
// its key in errors and nothing in results; with halt, the commands after
// the first failure were not run and appear in neither. A command whose
// result is null has b24.null in results.
//
// Named commands are sent in the order they were written (gopher-lua keeps
// a table's insertion order), so later ones can use earlier results through
// "$result[name][field]" references. halt defaults to true, as in the
// official SDK: pass false to run every command whatever the others do.

// commands reads the commands of argument n.
func (r *runtime) commands(a args, n int) []hook.Command {
	calls := a.table(n)
	count, maxIndex, named := 0, 0, false
	for k, _ := calls.Next(glua.LNil); k != glua.LNil; k, _ = calls.Next(k) {
		count++
		if i, ok := arrayIndex(k); ok {
			maxIndex = max(maxIndex, i)
		} else {
			named = true
		}
	}
	cmds := make([]hook.Command, 0, count)
	if !named && maxIndex == count {
		for i := 1; i <= count; i++ {
			cmds = append(cmds, r.command(a, n, strconv.Itoa(i), "", calls.RawGetInt(i)))
		}
		return cmds
	}
	for k, v := calls.Next(glua.LNil); k != glua.LNil; k, v = calls.Next(k) {
		name, ok := k.(glua.LString)
		if !ok {
			a.fail(n, "a batch is either a list of commands or a table of commands named by strings, not both")
		}
		cmds = append(cmds, r.command(a, n, string(name), string(name), v))
	}
	return cmds
}

// command reads one command: {'method', params} or {method=..., params=...}.
func (r *runtime) command(a args, n int, where, name string, v glua.LValue) hook.Command {
	t, ok := v.(*glua.LTable)
	if !ok {
		a.fail(n, "command "+where+": expected {'method', params} or {method = 'method', params = {...}}, got a "+v.Type().String())
	}
	method, params := t.RawGetInt(1), t.RawGetInt(2)
	if method == glua.LNil {
		method, params = t.RawGetString("method"), t.RawGetString("params")
	}
	m, ok := method.(glua.LString)
	if !ok || m == "" {
		a.fail(n, "command "+where+": the method must be a non-empty string")
	}
	cmd := hook.Command{Name: name, Method: string(m)}
	switch p := params.(type) {
	case *glua.LNilType:
	case *glua.LTable:
		obj, err := r.encoder().object(p)
		if err != nil {
			a.fail(n, "command "+where+" params: "+err.Error())
		}
		cmd.Params = obj
	default:
		a.fail(n, "command "+where+": params must be a table, got a "+params.Type().String())
	}
	return cmd
}

// callBatch is b24.callBatch(calls, halt, returnPayload): up to 50 commands
// in one request. With returnPayload, each result is the command's payload
// table {result, total, next, time} instead of its result alone.
func (r *runtime) callBatch(L *glua.LState) int {
	a := args{L, "b24.callBatch"}
	cmds := r.commands(a, 1)
	halt := a.flag(2)
	full := glua.LVAsBool(L.Get(3))
	r.checkPortal("batch")
	res, err := r.client.Batch(r.ctx, cmds, halt)
	if err != nil {
		r.raise(err)
	}
	return r.pushBatch(L, cmds, res, full)
}

// callBatchByChunk is b24.callBatchByChunk(calls, halt): any number of
// commands, 50 to a request. Results and errors are keyed by each command's
// position in calls (or its name), never by its position in a chunk. When a
// whole chunk fails, each of its commands carries the chunk's error.
func (r *runtime) callBatchByChunk(L *glua.LState) int {
	a := args{L, "b24.callBatchByChunk"}
	cmds := r.commands(a, 1)
	halt := a.flag(2)
	r.checkPortal("batch")
	res, err := r.client.BatchByChunk(r.ctx, cmds, halt)
	if res == nil || r.ctx.Err() != nil {
		r.raise(errors.Join(err, r.ctx.Err()))
	}
	return r.pushBatch(L, cmds, res, false)
}

// pushBatch pushes the results and errors tables of a batch.
func (r *runtime) pushBatch(L *glua.LState, cmds []hook.Command, res *hook.BatchResult, full bool) int {
	named := len(cmds) > 0 && cmds[0].Name != ""
	var results *glua.LTable
	if named {
		results = L.CreateTable(0, len(cmds))
		results.Metatable = r.objectMT
	} else {
		results = L.CreateTable(len(cmds), 0)
	}
	var errs *glua.LTable
	for i, cr := range res.Commands {
		var key glua.LValue = glua.LNumber(i + 1)
		if named {
			key = glua.LString(cr.Key)
		}
		switch {
		case cr.Err != nil:
			if errs == nil {
				errs = L.CreateTable(0, 0)
			}
			errs.RawSet(key, r.errorTable(cr.Err))
		case cr.Answered && full:
			results.RawSet(key, r.payload(cr.Result, cr.Total, cr.HasTotal, cr.Next, cr.HasNext, cr.Time))
		case cr.Answered:
			results.RawSet(key, r.result(cr.Result))
		}
	}
	L.Push(results)
	if errs == nil {
		L.Push(glua.LNil)
	} else {
		L.Push(errs)
	}
	return 2
}
