package lua

import (
	"slices"
	"strings"

	glua "github.com/yuin/gopher-lua"
)

// scriptTable is the script global: what the host tells the script about
// its run.
//
//	script.name    the file name the script was compiled under
//	script.args    its arguments, an array of strings
//	script.dryRun  true when writes are answered locally, not sent
//	script.env     the values the configuration exposes (never the webhook)
func (r *runtime) scriptTable() *glua.LTable {
	L := r.L
	t := L.CreateTable(0, 4)
	t.RawSetString("name", glua.LString(r.name))
	args := L.CreateTable(len(r.env.Args), 0)
	for i, a := range r.env.Args {
		args.RawSetInt(i+1, glua.LString(a))
	}
	args.Metatable = r.arrayMT
	t.RawSetString("args", args)
	t.RawSetString("dryRun", glua.LBool(r.env.DryRun))
	vars := L.CreateTable(0, len(r.env.Vars))
	keys := make([]string, 0, len(r.env.Vars))
	for k := range r.env.Vars {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		vars.RawSetString(k, glua.LString(r.env.Vars[k]))
	}
	vars.Metatable = r.objectMT
	t.RawSetString("env", vars)
	return t
}

// on is on(event, handler): it registers handler for a Bitrix24 event (the
// name is case-insensitive). A rule's handlers run with the decoded event
// ({event, event_handler_id, data, ts, auth}); several handlers of one
// event run in the order they were registered.
func (r *runtime) on(L *glua.LState) int {
	a := args{L, "on"}
	event := strings.ToUpper(strings.TrimSpace(a.string(1)))
	fn := a.function(2)
	if event == "" {
		a.fail(1, "the event name is empty")
	}
	if _, seen := r.handlers[event]; !seen {
		r.regs.Events = append(r.regs.Events, event)
	}
	r.handlers[event] = append(r.handlers[event], fn)
	return 0
}

// schedule is schedule(spec, handler): it registers handler to run on a
// schedule, a cron spec ("*/15 * * * *") or "@every 10m". The engine checks
// the spec; handlers run with no argument.
func (r *runtime) schedule(L *glua.LState) int {
	a := args{L, "schedule"}
	spec := strings.TrimSpace(a.string(1))
	fn := a.function(2)
	if spec == "" {
		a.fail(1, "the schedule is empty")
	}
	r.regs.Schedules = append(r.regs.Schedules, spec)
	r.schedules = append(r.schedules, fn)
	return 0
}
