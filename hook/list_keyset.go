package hook

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// rowsPerBatch is what one chained batch can carry: 50 pages of 50 rows.
const rowsPerBatch = MaxBatch * pageSize

// pageParams builds the params of one keyset page: the caller's params with
// the id cursor (an int64, or a "$result[...]" reference to the previous
// page's last id), the id bound of the range, the id order and start=-1, so
// that the portal does not count the rows.
func (w *walk) pageParams(cursor any, bound *int64, start int) Object {
	p := w.params.Clone()
	f := w.filter.Clone()
	curOp, boundOp, dir := ">", "<=", "ASC"
	if w.desc {
		curOp, boundOp, dir = "<", ">", "DESC"
	}
	if cursor != nil {
		f = append(f, Member{curOp + w.cursorKey, cursor})
	}
	if bound != nil {
		f = append(f, Member{boundOp + w.cursorKey, *bound})
	}
	if f == nil {
		f = Object{}
	}
	p.Set(w.filterKey, f)
	p.Set(w.orderKey, Object{{w.cursorKey, dir}})
	p.Set("start", start)
	return p
}

// startCursor and endBound turn the caller's id bounds into the walk's
// first cursor and its bound, for the walk's direction.
func (w *walk) startCursor() any {
	if w.desc {
		if w.hi != nil {
			return *w.hi + 1
		}
		return nil
	}
	if w.lo != nil {
		return *w.lo
	}
	return int64(0) // as the official SDK: ids are positive
}

func (w *walk) endBound() *int64 {
	if w.desc {
		return w.lo
	}
	return w.hi
}

// ref is the $result reference to the last id of chained page k.
func (w *walk) ref(k int) string {
	s := "$result[p" + strconv.Itoa(k) + "]"
	if w.resultKey != "" {
		s += "[" + w.resultKey + "]"
	}
	return s + "[" + strconv.Itoa(pageSize-1) + "][" + w.idKey + "]"
}

// chainCommands builds n pages chained by $result references, the first
// starting after cursor.
func (w *walk) chainCommands(cursor any, bound *int64, n int) []Command {
	cmds := make([]Command, n)
	for k := range cmds {
		cur := cursor
		if k > 0 {
			cur = w.ref(k - 1)
		}
		cmds[k] = Command{Name: "p" + strconv.Itoa(k), Method: w.method, Params: w.pageParams(cur, bound, -1)}
	}
	return cmds
}

// rows reads the rows of one page's result, learning the result key and
// the exact spelling of the id key from the first answer.
func (w *walk) rows(result json.RawMessage) ([]json.RawMessage, error) {
	if !w.resultKnown {
		key, ok := detectResultKey(result)
		if !ok {
			return nil, &Error{Code: CodeUnexpected, Description: "cannot find the rows in the result; set the result key", Method: w.method}
		}
		w.resultKey, w.resultKnown = key, true
	}
	rows, err := splitRows(w.method, result, w.resultKey)
	if err != nil {
		return nil, &Error{Code: CodeUnexpected, Description: err.Error(), Method: w.method}
	}
	if len(rows) > 0 {
		w.learnIDKey(rows[0])
	}
	return rows, nil
}

// learnIDKey fixes the case of the id key from a row ("ID" asked, "id" sent).
func (w *walk) learnIDKey(row json.RawMessage) {
	_, spelling, ok := rowField(row, w.idKey)
	if !ok || spelling == w.idKey {
		return
	}
	if w.cursorKey == w.idKey {
		w.cursorKey = spelling
	}
	w.idKey = spelling
}

// commandRows reads the rows of chained page k of a batch.
func (w *walk) commandRows(cr CommandResult, k int) ([]json.RawMessage, error) {
	if cr.Err != nil {
		return nil, cr.Err
	}
	if !cr.Answered {
		return nil, &Error{Code: CodeUnexpected, Description: fmt.Sprintf("the batch stopped before page %d", k), Method: w.method}
	}
	return w.rows(cr.Result)
}

// checkPage verifies that a page moved past the cursor and stayed inside the
// bound, and returns its last id. A method that ignores the id filter would
// otherwise page forever (b24jssdk issue #484).
func (w *walk) checkPage(rows []json.RawMessage, cursor any, bound *int64) (int64, error) {
	first, ok1 := rowID(rows[0], w.idKey)
	last, ok2 := rowID(rows[len(rows)-1], w.idKey)
	if !ok1 || !ok2 {
		return 0, &Error{Code: "LIST_ID_KEY_MISSING", Description: fmt.Sprintf("rows have no numeric %q field to page by; set the id key", w.idKey), Method: w.method}
	}
	cur, hasCur := cursor.(int64)
	inOrder := last >= first
	past := !hasCur || first > cur
	inside := bound == nil || last <= *bound
	if w.desc {
		inOrder = last <= first
		past = !hasCur || first < cur
		inside = bound == nil || last > *bound
	}
	if !inOrder || !past || !inside {
		return 0, &Error{Code: CodeCursorStalled, Description: fmt.Sprintf("the method did not honour the %q cursor (page ids %d..%d after %v); paging by id would not end", w.cursorKey, first, last, cursor), Method: w.method}
	}
	return last, nil
}

// step checks one keyset page, hands it on, and says whether the walk goes
// on after it and from which cursor: not after a short page (the list is
// done), nor once the page reaches the walk's bound.
func (w *walk) step(rows []json.RawMessage, cursor any, bound *int64, hand deliverFunc) (next int64, more bool, err error) {
	if len(rows) == 0 {
		return 0, false, nil
	}
	last, err := w.checkPage(rows, cursor, bound)
	if err != nil {
		return 0, false, err
	}
	if more, err := hand(rows); !more || err != nil {
		return last, false, err
	}
	reached := bound != nil && (last >= *bound) != w.desc
	return last, len(rows) == pageSize && !reached, nil
}

// eachPage hands the pages of a batch's commands to fn, in order, while fn
// says to go on; complete reports that every page was handed on.
func (w *walk) eachPage(res *BatchResult, fn func([]json.RawMessage) (bool, error)) (complete bool, err error) {
	for k, cr := range res.Commands {
		rows, err := w.commandRows(cr, k)
		if err != nil {
			return false, err
		}
		if more, err := fn(rows); !more || err != nil {
			return false, err
		}
	}
	return true, nil
}

// firstPage fetches the page after the walk's start with a plain call.
func (w *walk) firstPage(ctx context.Context, cursor any, bound *int64) ([]json.RawMessage, error) {
	resp, err := w.c.Call(ctx, w.method, w.pageParams(cursor, bound, -1))
	if err != nil {
		return nil, err
	}
	return w.rows(resp.Result)
}

// pages is the official JS SDK's walk: one request per page.
func (w *walk) pages(ctx context.Context, deliver deliverFunc) error {
	var cursor any = w.startCursor()
	bound := w.endBound()
	for {
		rows, err := w.firstPage(ctx, cursor, bound)
		if err != nil {
			return err
		}
		next, more, err := w.step(rows, cursor, bound, deliver)
		if !more {
			return err
		}
		cursor = next
	}
}

// chain is the official PHP and Python SDKs' walk: a first page, then
// batches of 50 pages chained by $result references, one after another.
func (w *walk) chain(ctx context.Context, deliver deliverFunc) error {
	var cursor any = w.startCursor()
	bound := w.endBound()
	rows, err := w.firstPage(ctx, cursor, bound)
	if err != nil {
		return err
	}
	next, more, err := w.step(rows, cursor, bound, deliver)
	for more {
		cursor = next
		res, err := w.c.Batch(ctx, w.chainCommands(cursor, bound, MaxBatch), true)
		if err != nil {
			return err
		}
		more, err = w.eachPage(res, func(rows []json.RawMessage) (bool, error) {
			var goOn bool
			next, goOn, err = w.step(rows, cursor, bound, deliver)
			cursor = next
			return goOn, err
		})
		if err != nil {
			return err
		}
	}
	return err
}

// ranges is b24run's walk. One probe batch reads the first page and the
// highest id; the ids after the first page are cut into ranges sized to fill
// one chained batch each (by the density of the first page), and the ranges
// are walked in parallel, each as its own chain. A range holding more rows
// than estimated simply continues with another batch.
func (w *walk) ranges(ctx context.Context, deliver deliverFunc) error {
	cursor, hi := w.startCursor(), w.endBound()
	firstParams := w.pageParams(cursor, hi, -1)
	if w.opts.Count {
		firstParams.Set("start", 0)
	}
	lastParams := w.pageParams(cursor, hi, -1)
	lastParams.Set(w.orderKey, Object{{w.cursorKey, "DESC"}})
	if i, n := lastParams.lookupFold("select"); n == 1 {
		lastParams[i].Value = []any{w.cursorKey}
	} else {
		lastParams.Set("select", []any{w.cursorKey})
	}
	probe, err := w.c.Batch(ctx, []Command{
		{Name: "first", Method: w.method, Params: firstParams},
		{Name: "last", Method: w.method, Params: lastParams},
	}, false)
	if err != nil {
		return err
	}
	if cr := probe.Commands[0]; cr.Err != nil {
		// A batch row carries no HTTP status of its own. Ask for the page alone
		// (a read: safe to repeat) so the error is exactly the portal's.
		if _, err := w.c.Call(ctx, w.method, firstParams); err != nil {
			return err
		}
		return cr.Err
	}
	rows, err := w.commandRows(probe.Commands[0], 0)
	if err != nil || len(rows) == 0 {
		return err
	}
	if w.opts.Count && probe.Commands[0].HasTotal {
		w.total = probe.Commands[0].Total
	}
	after, err := w.checkPage(rows, cursor, hi)
	if err != nil {
		return err
	}
	if len(rows) < pageSize {
		if w.total < 0 {
			w.total = len(rows)
		}
		_, err := deliver(rows)
		return err
	}
	lastRows, err := w.commandRows(probe.Commands[1], 1)
	if err != nil {
		return err
	}
	maxID := int64(math.MaxInt64)
	if len(lastRows) > 0 {
		if id, ok := rowID(lastRows[0], w.idKey); ok {
			maxID = id
		}
	}
	if maxID < after {
		// The highest id is below ids already seen: the method ignores the
		// order or the filter, and paging by id would not be sound.
		return &Error{Code: CodeCursorStalled, Description: fmt.Sprintf("the method ignored the %q order: highest id %d is below %d", w.cursorKey, maxID, after), Method: w.method}
	}
	if hi != nil && *hi < maxID {
		maxID = *hi
	}
	firstID, _ := rowID(rows[0], w.idKey)
	density := 1.0
	if span := after - firstID; span > 0 {
		density = min(1, float64(len(rows)-1)/float64(span))
	}
	if maxID == math.MaxInt64 {
		// The descending probe said nothing: fall back to one open-ended chain.
		maxID = after + int64(float64(rowsPerBatch)/density)
	}
	estimate := float64(maxID-after) * density
	if w.total < 0 {
		w.total, w.estimated = len(rows)+int(math.Round(estimate)), true
	}
	if more, err := deliver(rows); !more || err != nil || after >= maxID {
		return err
	}

	// One range per full chained batch; when the list needs several, one
	// more, so that every chain is shorter and the slowest finishes sooner.
	n := max(1, int(math.Ceil(estimate/rowsPerBatch)))
	if n > 1 && n < w.parallel {
		n++
	}
	bounds := make([]int64, n+1)
	for i := range bounds {
		bounds[i] = after + int64(math.Round(float64(maxID-after)*float64(i)/float64(n)))
	}
	work := func(ctx context.Context, i int, push func([]json.RawMessage) error) error {
		if bounds[i] >= bounds[i+1] {
			return nil
		}
		return w.walkRange(ctx, bounds[i], bounds[i+1], density, push)
	}
	return runPipeline(ctx, n, w.parallel, work, deliver)
}

// walkRange pages through the ids in (lo, hi] as chained batches sized by the
// expected density. Rows created after the probe with ids above the highest
// one it saw are not part of the walk.
func (w *walk) walkRange(ctx context.Context, lo, hi int64, density float64, push func([]json.RawMessage) error) error {
	hand := func(rows []json.RawMessage) (bool, error) { return true, push(rows) }
	cursor, seen := lo, 0
	for {
		n := min(MaxBatch, max(1, int(math.Ceil(float64(hi-cursor)*density/pageSize))+1))
		res, err := w.c.Batch(ctx, w.chainCommands(cursor, &hi, n), true)
		if err != nil {
			return err
		}
		complete, err := w.eachPage(res, func(rows []json.RawMessage) (bool, error) {
			next, more, err := w.step(rows, cursor, &hi, hand)
			cursor, seen = next, seen+len(rows)
			return more, err
		})
		if !complete || err != nil {
			return err
		}
		if span := cursor - lo; span > 0 {
			density = min(1, float64(seen)/float64(span))
		}
	}
}
