package hook

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"strings"
)

// Strategy is how List and Fetch walk a list method.
type Strategy int

const (
	// StrategyAuto picks StrategyRanges, or StrategyOffset when the caller
	// orders the rows by something other than the id, or StrategyChain when
	// by the id descending.
	StrategyAuto Strategy = iota
	// StrategyRanges pages by id (keyset: ">ID" filter, start=-1, so the
	// portal never counts), chains 50 pages to a batch through $result
	// references, and walks independent id ranges in parallel. One probe
	// request finds the id range.
	StrategyRanges
	// StrategyChain is keyset paging with one sequential chain of 50-page
	// batches: what the official PHP and Python SDKs do.
	StrategyChain
	// StrategyPages is keyset paging with one request per 50-row page: what
	// the official JS SDK's callList/fetchList do.
	StrategyPages
	// StrategyOffset pages by start offsets, 50 pages to a batch, batches in
	// parallel. It keeps the caller's order; each page makes the portal count.
	StrategyOffset
)

// String names the strategy, for logs and benchmark tables.
func (s Strategy) String() string {
	switch s {
	case StrategyRanges:
		return "ranges"
	case StrategyChain:
		return "chain"
	case StrategyPages:
		return "pages"
	case StrategyOffset:
		return "offset"
	}
	return "auto"
}

// ListOptions tune List and Fetch. The zero value uses what b24run knows of
// the method and the fastest strategy.
type ListOptions struct {
	// IDKey is the field of a row holding its id ("ID", "id"). Default: known
	// per method (crm.item.list "id", ...), else "ID".
	IDKey string
	// CursorKey is the name the id is filtered and ordered by, when it
	// differs from IDKey (tasks.task.list rows say "id", filters "ID").
	CursorKey string
	// ResultKey is the member of the result holding the rows ("items",
	// "tasks"). Default: known per method, else found in the first answer.
	ResultKey string
	Strategy  Strategy
	// Parallel bounds the id ranges or offset batches in flight; 0 means the
	// client's WithParallel value.
	Parallel int
	// Count makes the first request count the rows, so that Progress gets an
	// exact total (the portal pays for a COUNT once).
	Count bool
	// MaxRows, when positive, makes the walk fail once more rows than this
	// arrive, so a script cannot exhaust memory with an unbounded list.
	MaxRows int
	// Progress is called after each page, on the goroutine that consumes the
	// pages.
	Progress func(Progress)
}

// Progress reports a walk's advance.
type Progress struct {
	Rows int // rows delivered so far
	// Total is the number of rows when known (Count, offset paging) or
	// estimated from the id range (Estimated); -1 when unknown.
	Total     int
	Estimated bool
}

// Page is one page of rows, at most 50, in walk order.
type Page struct {
	Rows []json.RawMessage
}

// Fetch walks every row of a list method and yields its pages in order;
// memory stays bounded whatever the list's size. Breaking out of the loop
// stops the walk and its requests. A failure is yielded once, as the error of
// a final empty page.
//
// Keyset strategies deliver rows in id order, each exactly once, and fail
// with ErrCursorStalled when the method ignores the id filter.
func (c *Client) Fetch(ctx context.Context, method string, params any, opts ListOptions) iter.Seq2[Page, error] {
	return func(yield func(Page, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		w, err := c.newWalk(method, params, opts)
		if err != nil {
			yield(Page{}, err)
			return
		}
		if err := w.run(ctx, func(rows []json.RawMessage) bool { return yield(Page{Rows: rows}, nil) }); err != nil {
			yield(Page{}, err)
		}
	}
}

// List returns every row of a list method. See Fetch.
func (c *Client) List(ctx context.Context, method string, params any, opts ListOptions) ([]json.RawMessage, error) {
	var all []json.RawMessage
	for page, err := range c.Fetch(ctx, method, params, opts) {
		if err != nil {
			return all, err
		}
		all = append(all, page.Rows...)
	}
	return all, nil
}

// walk is one List or Fetch in progress.
type walk struct {
	c      *Client
	method string
	opts   ListOptions

	params    Object // the caller's params, rewritten per page
	filterKey string // the spelling the caller used, or "filter"
	orderKey  string
	filter    Object // the caller's filter without its id bounds
	lo, hi    *int64 // the caller's id bounds: lo exclusive, hi inclusive
	desc      bool

	resultKey   string
	resultKnown bool
	idKey       string
	cursorKey   string

	strategy Strategy
	parallel int

	delivered int
	total     int
	estimated bool
}

func (c *Client) newWalk(method string, params any, opts ListOptions) (*walk, error) {
	obj, err := toObject(params)
	if err != nil {
		return nil, &Error{Code: CodeInvalidParams, Description: err.Error(), Status: 400, Method: method}
	}
	w := &walk{c: c, method: method, opts: opts, total: -1, strategy: opts.Strategy}
	w.parallel = opts.Parallel
	if w.parallel <= 0 {
		w.parallel = c.settings.parallel
	}
	spec, known := specFor(method)
	w.resultKey, w.resultKnown = spec.resultKey, known
	w.idKey, w.cursorKey = spec.idKey, spec.cursorKey
	if opts.ResultKey != "" {
		w.resultKey, w.resultKnown = opts.ResultKey, true
	}
	if opts.IDKey != "" && !(known && strings.EqualFold(opts.IDKey, spec.idKey)) {
		// An explicit key overrides the table, unless it only differs in case
		// (the JS SDK's default "ID" against crm.item.list's "id").
		w.idKey, w.cursorKey = opts.IDKey, opts.IDKey
	}
	if opts.CursorKey != "" {
		w.cursorKey = opts.CursorKey
	}
	if err := w.splitParams(obj); err != nil {
		return nil, &Error{Code: CodeInvalidParams, Description: err.Error(), Status: 400, Method: method}
	}
	return w, nil
}

// splitParams takes the caller's filter, order and start apart, so that each
// page can set its own, and picks the strategy the caller's order allows.
func (w *walk) splitParams(obj Object) error {
	for _, key := range []string{"filter", "order", "select", "start"} {
		if _, n := obj.lookupFold(key); n > 1 {
			return fmt.Errorf("params have %q in more than one spelling; the portal would silently keep only one of them", key)
		}
	}
	w.filterKey, w.orderKey = "filter", "order"
	if i, n := obj.lookupFold("filter"); n == 1 {
		w.filterKey = obj[i].Key
		f, err := toObject(obj[i].Value)
		if err != nil {
			return fmt.Errorf("filter: %w", err)
		}
		if w.filter, err = w.takeBounds(f); err != nil {
			return err
		}
	}
	if i, n := obj.lookupFold("start"); n == 1 {
		obj.Delete(obj[i].Key)
	}
	if i, n := obj.lookupFold("select"); n == 1 {
		if sel, ok := toSlice(obj[i].Value); ok && len(sel) > 0 && !selects(sel, w.idKey, w.cursorKey) {
			obj[i].Value = append(sel, w.cursorKey)
		}
	}
	var userOrder Object
	if i, n := obj.lookupFold("order"); n == 1 {
		w.orderKey = obj[i].Key
		o, err := toObject(obj[i].Value)
		if err != nil {
			return fmt.Errorf("order: %w", err)
		}
		userOrder = o
	}
	w.params = obj
	byID, desc := orderIsByID(userOrder, w.cursorKey, w.idKey)
	w.desc = desc
	if w.strategy == StrategyAuto {
		switch {
		case len(userOrder) > 0 && !byID:
			w.strategy = StrategyOffset
		case desc:
			w.strategy = StrategyChain
		default:
			w.strategy = StrategyRanges
		}
	}
	if w.strategy == StrategyOffset {
		if w.lo != nil || w.hi != nil {
			// Offset paging sends the caller's filter as it was.
			w.filter = w.restoreBounds()
		}
		return nil
	}
	if len(userOrder) > 0 && !byID {
		return fmt.Errorf("a keyset walk orders rows by %s; drop the order or use the offset strategy", w.cursorKey)
	}
	if w.desc && w.strategy == StrategyRanges {
		w.strategy = StrategyChain
	}
	return nil
}

// takeBounds removes the caller's >, >=, <, <= conditions on the id from the
// filter and keeps them as the walk's bounds.
func (w *walk) takeBounds(f Object) (Object, error) {
	out := Object{}
	for _, m := range f {
		op, field := splitOperator(m.Key)
		if !strings.EqualFold(field, w.cursorKey) || (op != ">" && op != ">=" && op != "<" && op != "<=") {
			out = append(out, m)
			continue
		}
		n, ok := parseBound(m.Value)
		if !ok {
			return nil, fmt.Errorf("filter %q must be an integer id to combine with paging by id", m.Key)
		}
		switch op {
		case ">=":
			n--
			fallthrough
		case ">":
			if w.lo == nil || n > *w.lo {
				w.lo = &n
			}
		case "<":
			n--
			fallthrough
		case "<=":
			if w.hi == nil || n < *w.hi {
				w.hi = &n
			}
		}
	}
	return out, nil
}

func (w *walk) restoreBounds() Object {
	f := w.filter.Clone()
	if w.lo != nil {
		f = append(f, Member{">" + w.cursorKey, *w.lo})
	}
	if w.hi != nil {
		f = append(f, Member{"<=" + w.cursorKey, *w.hi})
	}
	w.lo, w.hi = nil, nil
	return f
}

// splitOperator separates a filter key's operator prefix from the field.
func splitOperator(key string) (op, field string) {
	i := 0
	for i < len(key) && strings.IndexByte("<>=!%@", key[i]) >= 0 {
		i++
	}
	return key[:i], key[i:]
}

// orderIsByID reports whether order sorts by the id alone, and descending.
func orderIsByID(order Object, keys ...string) (byID, desc bool) {
	if len(order) != 1 {
		return len(order) == 0, false
	}
	for _, k := range keys {
		if strings.EqualFold(order[0].Key, k) {
			dir, _ := order[0].Value.(string)
			return true, strings.EqualFold(dir, "desc")
		}
	}
	return false, false
}

func toSlice(v any) ([]any, bool) {
	switch s := v.(type) {
	case []any:
		return append([]any(nil), s...), true
	}
	if g, ok := generic(v); ok {
		s, ok := g.([]any)
		return s, ok
	}
	return nil, false
}

func selects(sel []any, keys ...string) bool {
	for _, v := range sel {
		s, _ := v.(string)
		if s == "*" {
			return true
		}
		for _, k := range keys {
			if strings.EqualFold(s, k) {
				return true
			}
		}
	}
	return false
}

// run walks the list with the chosen strategy, handing pages to emit in
// order on the calling goroutine. emit returns false to stop.
func (w *walk) run(ctx context.Context, emit func([]json.RawMessage) bool) error {
	deliver := func(rows []json.RawMessage) (bool, error) {
		w.delivered += len(rows)
		if w.opts.MaxRows > 0 && w.delivered > w.opts.MaxRows {
			return false, &Error{Code: "TOO_MANY_ROWS", Description: fmt.Sprintf("the list has more than %d rows; page through it instead of loading it whole", w.opts.MaxRows), Method: w.method}
		}
		if !emit(rows) {
			return false, nil
		}
		if w.opts.Progress != nil {
			w.opts.Progress(Progress{Rows: w.delivered, Total: w.total, Estimated: w.estimated})
		}
		return true, nil
	}
	switch w.strategy {
	case StrategyOffset:
		return w.offset(ctx, deliver)
	case StrategyPages:
		return w.pages(ctx, deliver)
	case StrategyChain:
		return w.chain(ctx, deliver)
	default:
		return w.ranges(ctx, deliver)
	}
}

// deliverFunc hands a page to the consumer; false means stop.
type deliverFunc func([]json.RawMessage) (bool, error)
