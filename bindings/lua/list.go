package lua

import (
	"encoding/json"
	"errors"
	"iter"
	"math"

	glua "github.com/yuin/gopher-lua"

	"github.com/b24run/b24run/hook"
)

// List helpers. Both walk the list with the hook core's fastest correct
// strategy (keyset paging, 50 pages to a batch, id ranges in parallel),
// and convert each page as it arrives, so the raw answer of a page is
// garbage as soon as its rows are Lua tables.

// listOptions are the hook options of a list call of this run.
func (r *runtime) listOptions(method, idKey, resultKey string) hook.ListOptions {
	opts := hook.ListOptions{IDKey: idKey, ResultKey: resultKey}
	if progress := r.env.ListProgress; progress != nil {
		opts.Progress = func(p hook.Progress) { progress(method, p) }
	}
	return opts
}

// callListMethod is b24.callListMethod(method, params, customKey,
// progress): every row of a list method, as one array. customKey names the
// member of the result that holds the rows ("items" for crm.item.list,
// "tasks" for tasks.task.list); known methods need none. progress, when
// given, is called with the percentage done as the official SDK calls it: 0
// first, then after every page but the first, then 100 (it costs the portal
// one count of the rows). As in the SDK's callListMethod(method, params,
// progress, customKey), the two optional arguments may come in either order.
//
// The rows are bounded by Limits.MaxListRows, and by maxSequence, the
// longest array a Lua table holds as a sequence (arrayindex.go): a longer
// list raises TOO_MANY_ROWS, and fetchListMethod is the way to walk it.
func (r *runtime) callListMethod(L *glua.LState) int {
	a := args{L, "b24.callListMethod"}
	method := a.string(1)
	params := r.params(a, 2)
	var customKey string
	var progress *glua.LFunction
	for n := 3; n <= 4; n++ {
		switch v := L.Get(n).(type) {
		case *glua.LFunction:
			progress = v
		case *glua.LNilType:
		default:
			customKey = a.string(n)
		}
	}
	r.checkPortal(method)
	opts := r.listOptions(method, "", customKey)
	opts.MaxRows = min(r.limits.MaxListRows, maxSequence)
	total := -1
	if progress != nil {
		opts.Count = true
		report := opts.Progress
		opts.Progress = func(p hook.Progress) {
			total = p.Total
			if report != nil {
				report(p)
			}
		}
		_ = L.CallByParam(glua.P{Fn: progress}, glua.LNumber(0)) // unprotected: its errors raise
	}
	rows := L.CreateTable(0, 0)
	rows.Metatable = r.arrayMT
	n, pages := 0, 0
	var failure error
	// The loop body runs inside the hook's walk: it must not raise, or the
	// panic would unwind through the walk. Errors end the loop instead.
	for page, err := range r.client.Fetch(r.ctx, method, params, opts) {
		if err != nil {
			failure = err
			break
		}
		if failure = r.appendRows(rows, &n, page.Rows); failure != nil {
			break
		}
		if pages++; progress != nil && pages > 1 {
			percent := 100
			if total > 0 {
				percent = int(math.Round(100 * float64(n) / float64(total)))
			}
			if failure = L.CallByParam(glua.P{Fn: progress, Protect: true}, glua.LNumber(percent)); failure != nil {
				break
			}
		}
	}
	if failure != nil {
		var ae *glua.ApiError
		if errors.As(failure, &ae) {
			L.Error(ae.Object, 0) // the progress callback's own error, as it raised it
		}
		r.raise(failure)
	}
	if progress != nil {
		_ = L.CallByParam(glua.P{Fn: progress}, glua.LNumber(100))
	}
	L.Push(rows)
	return 1
}

// appendRows decodes rows onto the end of t, which holds n rows.
func (r *runtime) appendRows(t *glua.LTable, n *int, rows []json.RawMessage) error {
	for _, raw := range rows {
		v, err := r.dec.decode(raw)
		if err != nil {
			return &hook.Error{Code: hook.CodeUnexpected, Description: "the portal's answer is not valid JSON: " + err.Error()}
		}
		*n++
		t.RawSetInt(*n, v)
	}
	return nil
}

// fetchListMethod is b24.fetchListMethod(method, params, idKey, customKey):
// an iterator over the pages of a list method, for a generic for:
//
//	for page in b24.fetchListMethod('crm.deal.list', {select = {'ID'}}) do
//	  for _, deal in ipairs(page) do ... end
//	end
//
// Each step returns one page (an array of at most 50 rows); memory stays
// constant whatever the list's length. idKey is the rows' id field when it
// is not "ID" (crm.item.list's "id" is known), customKey as for
// callListMethod. break is safe: the walk fetches at most a few batches
// ahead, and is stopped when the run ends.
func (r *runtime) fetchListMethod(L *glua.LState) int {
	a := args{L, "b24.fetchListMethod"}
	method := a.string(1)
	params := r.params(a, 2)
	idKey := a.optString(3, "")
	customKey := a.optString(4, "")
	r.checkPortal(method)
	next, stop := iter.Pull2(r.client.Fetch(r.ctx, method, params, r.listOptions(method, idKey, customKey)))
	w := r.walks.open(next, stop)
	L.Push(L.NewFunction(func(L *glua.LState) int {
		return r.step(L, w)
	}))
	return 1
}

// step advances a fetch loop by one page.
func (r *runtime) step(L *glua.LState, w *walk) int {
	switch {
	case w.done:
		return 0
	case w.evicted:
		L.RaiseError("this fetchListMethod loop was closed: a run keeps at most %d unfinished loops open; finish a loop, or break out of it, before starting many others", maxOpenWalks)
	}
	r.walks.touch(w)
	page, err, ok := w.next()
	if !ok {
		r.walks.finish(w)
		return 0
	}
	if err != nil {
		r.walks.finish(w)
		r.raise(err)
	}
	rows := L.CreateTable(len(page.Rows), 0)
	rows.Metatable = r.arrayMT
	n := 0
	if err := r.appendRows(rows, &n, page.Rows); err != nil {
		r.walks.finish(w)
		r.raise(err)
	}
	L.Push(rows)
	return 1
}

// maxOpenWalks bounds the fetch loops a run keeps open: each holds a paused
// walk (a goroutine or a few, and the pages they fetched ahead) until it
// ends, and Lua has no way to say that a loop was left.
const maxOpenWalks = 16

// walks are the open fetch loops of a run.
type walks struct {
	list  []*walk
	clock int
}

// walk is one fetch loop.
type walk struct {
	next     func() (hook.Page, error, bool)
	stop     func()
	done     bool // ended (or failed): further steps return nil
	evicted  bool // stopped to make room: further steps raise
	lastUsed int
}

// open registers a new walk. When too many are open, the one advanced
// least recently (most likely a loop the script broke out of) is stopped.
func (ws *walks) open(next func() (hook.Page, error, bool), stop func()) *walk {
	if len(ws.list) >= maxOpenWalks {
		oldest := 0
		for i, w := range ws.list {
			if w.lastUsed < ws.list[oldest].lastUsed {
				oldest = i
			}
		}
		w := ws.list[oldest]
		w.evicted = true
		w.stop()
		ws.list = append(ws.list[:oldest], ws.list[oldest+1:]...)
	}
	w := &walk{next: next, stop: stop}
	ws.touch(w)
	ws.list = append(ws.list, w)
	return w
}

func (ws *walks) touch(w *walk) {
	ws.clock++
	w.lastUsed = ws.clock
}

// finish stops a walk that ended and forgets it.
func (ws *walks) finish(w *walk) {
	w.done = true
	w.stop()
	for i, o := range ws.list {
		if o == w {
			ws.list = append(ws.list[:i], ws.list[i+1:]...)
			break
		}
	}
}

// stopAll stops every walk still open; the run is over.
func (ws *walks) stopAll() {
	for _, w := range ws.list {
		w.done = true
		w.stop()
	}
	ws.list = nil
}
