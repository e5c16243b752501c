package js

import (
	"context"
	"errors"
	"iter"

	"github.com/dop251/goja"

	"github.com/b24run/b24run/bindings"
	"github.com/b24run/b24run/hook"
)

// The portal half of native: thin adapters from the prelude's calls to the
// hook core. They answer plain objects ({answer, status} or {error}) and
// leave the SDK's choice between a failed result and a thrown AjaxError to
// the prelude. A run whose context ends stops here: the runtime is
// interrupted and the script cannot catch it.

func (r *run) origin() string {
	if r.client == nil {
		return ""
	}
	return r.client.TargetOrigin()
}

func (r *run) userID() int {
	if r.client == nil {
		return 0
	}
	return r.client.UserID()
}

// portalClosed returns the error a portal call raises when it may not run:
// while a rule loads, or when the host gave no portal at all.
func (r *run) portalClosed(method string) *hook.Error {
	if !r.portal {
		e := *bindings.ErrPortalDisabled
		e.Method = method
		return &e
	}
	if r.client == nil {
		return &hook.Error{Code: "B24RUN_NO_PORTAL", Description: "no Bitrix24 portal is configured for this run", Method: method}
	}
	return nil
}

// errorValue turns a failed call into {error: {code, description, status,
// method, validation}}. A run whose context ended is interrupted instead.
func (r *run) errorValue(err error, method string) goja.Value {
	o := r.rt.NewObject()
	_ = o.Set("error", r.errorObject(err, method))
	return o
}

func (r *run) errorObject(err error, method string) goja.Value {
	if r.ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		r.rt.Interrupt(r.ctx.Err())
		return goja.Undefined()
	}
	var he *hook.Error
	if !errors.As(err, &he) {
		he = &hook.Error{Code: "JSSDK_UNKNOWN_ERROR", Description: err.Error(), Method: method}
	}
	o := r.rt.NewObject()
	_ = o.Set("code", he.Code)
	_ = o.Set("description", he.Message())
	_ = o.Set("status", he.Status)
	_ = o.Set("method", he.Method)
	if len(he.Validation) > 0 {
		v := make([]any, len(he.Validation))
		for i, s := range he.Validation {
			v[i] = s
		}
		_ = o.Set("validation", r.rt.NewArray(v...))
	}
	_ = o.DefineDataProperty(goErrorKey, r.rt.ToValue(len(r.goErrors)), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	r.goErrors = append(r.goErrors, err)
	return o
}

// methodParams reads the method and params arguments every native portal
// function takes. fail, when not nil, is the error value to hand back: the
// portal is closed (a rule loading) or the params cannot be sent.
func (r *run) methodParams(c goja.FunctionCall) (method string, params any, fail goja.Value) {
	method = c.Argument(0).String()
	if e := r.portalClosed(method); e != nil {
		return method, nil, r.errorValue(e, method)
	}
	params, err := r.exportParams(c.Argument(1))
	if err != nil {
		return method, nil, r.invalidParams(err, method)
	}
	return method, params, nil
}

func (r *run) invalidParams(err error, method string) goja.Value {
	return r.errorValue(&hook.Error{Code: hook.CodeInvalidParams, Description: err.Error(), Status: 400, Method: method}, method)
}

// nativeCall is native.call(method, params) → {answer, status} | {error}.
func (r *run) nativeCall(c goja.FunctionCall) goja.Value {
	method, params, fail := r.methodParams(c)
	if fail != nil {
		return fail
	}
	resp, err := r.client.Call(r.ctx, method, params)
	if err != nil {
		return r.errorValue(err, method)
	}
	answer, err := r.answer(resp.Result, resp.HasTotal, resp.Total, resp.HasNext, resp.Next, resp.Time, true)
	if err != nil {
		return r.errorValue(err, method)
	}
	o := r.rt.NewObject()
	_ = o.Set("answer", answer)
	_ = o.Set("status", resp.Status)
	return o
}

// answer builds the raw payload an AjaxResult keeps: {result, total, next,
// time}, total and next only when the portal sent them.
func (r *run) answer(raw []byte, hasTotal bool, total int, hasNext bool, next int, t hook.Time, hasTime bool) (*goja.Object, error) {
	result, err := r.dec.decode(raw)
	if err != nil {
		return nil, &hook.Error{Code: hook.CodeUnexpected, Description: "the answer is not valid JSON: " + err.Error()}
	}
	o := r.rt.NewObject()
	_ = o.Set("result", result)
	if hasTotal {
		_ = o.Set("total", total)
	}
	if hasNext {
		_ = o.Set("next", next)
	}
	if hasTime {
		_ = o.Set("time", r.timeObject(t))
	}
	return o, nil
}

// timeObject is the answer's time block, in the portal's key order.
func (r *run) timeObject(t hook.Time) *goja.Object {
	o := r.rt.NewObject()
	_ = o.Set("start", t.Start)
	_ = o.Set("finish", t.Finish)
	_ = o.Set("duration", t.Duration)
	_ = o.Set("processing", t.Processing)
	_ = o.Set("date_start", t.DateStart)
	_ = o.Set("date_finish", t.DateFinish)
	if t.HasOperating {
		_ = o.Set("operating_reset_at", t.OperatingResetAt)
		_ = o.Set("operating", t.Operating)
	}
	return o
}

// nativeBatch is native.batch(commands, halt, byChunk) → {status, time,
// rows, error?}: one row per command, in order, each {answered, result,
// error, total, next, time}. byChunk sends any number of commands 50 to a
// request, chunks in parallel.
func (r *run) nativeBatch(c goja.FunctionCall) goja.Value {
	if e := r.portalClosed("batch"); e != nil {
		return r.errorValue(e, "batch")
	}
	cmdsObj, _ := c.Argument(0).(*goja.Object)
	if cmdsObj == nil {
		return r.invalidParams(errors.New("batch commands must be an array"), "batch")
	}
	n := int(cmdsObj.Get("length").ToInteger())
	cmds := make([]hook.Command, n)
	for i := range n {
		row := cmdsObj.Get(itoa(i)).ToObject(r.rt)
		params, err := r.exportParams(row.Get("params"))
		if err != nil {
			return r.invalidParams(err, row.Get("method").String())
		}
		cmds[i] = hook.Command{Name: row.Get("name").String(), Method: row.Get("method").String(), Params: params}
	}
	halt, byChunk := c.Argument(1).ToBoolean(), c.Argument(2).ToBoolean()
	var res *hook.BatchResult
	var err error
	if byChunk {
		res, err = r.client.BatchByChunk(r.ctx, cmds, halt)
	} else {
		res, err = r.client.Batch(r.ctx, cmds, halt)
	}
	if r.ctx.Err() != nil {
		return r.errorValue(r.ctx.Err(), "batch")
	}
	var o *goja.Object
	if res == nil {
		return r.errorValue(err, "batch")
	}
	o = r.rt.NewObject()
	if err != nil {
		_ = o.Set("error", r.errorObject(firstError(err), "batch"))
	}
	_ = o.Set("status", res.Status)
	_ = o.Set("time", r.timeObject(res.Time))
	rows := make([]any, len(res.Commands))
	for i, cr := range res.Commands {
		row := r.rt.NewObject()
		_ = row.Set("answered", cr.Answered || cr.Err != nil)
		if cr.Err != nil {
			_ = row.Set("error", r.errorObject(cr.Err, cr.Method))
		} else if cr.Answered {
			v, derr := r.dec.decode(cr.Result)
			if derr != nil {
				_ = row.Set("error", r.errorObject(&hook.Error{Code: hook.CodeUnexpected, Description: derr.Error(), Method: cr.Method}, cr.Method))
			} else {
				_ = row.Set("result", v)
			}
		}
		if cr.HasTotal {
			_ = row.Set("total", cr.Total)
		}
		if cr.HasNext {
			_ = row.Set("next", cr.Next)
		}
		if cr.Time.Start != 0 || cr.Time.Finish != 0 {
			_ = row.Set("time", r.timeObject(cr.Time))
		}
		rows[i] = row
	}
	_ = o.Set("rows", r.rt.NewArray(rows...))
	return o
}

// firstError unwraps errors.Join (BatchByChunk joins its chunks' errors).
func firstError(err error) error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		if errs := j.Unwrap(); len(errs) > 0 {
			return errs[0]
		}
	}
	return err
}

// listOptions reads {idKey, cursorKey, customKey, count} from the prelude.
func (r *run) listOptions(v goja.Value) hook.ListOptions {
	var opts hook.ListOptions
	o, ok := v.(*goja.Object)
	if !ok {
		return opts
	}
	str := func(name string) string {
		x := o.Get(name)
		if x == nil || goja.IsUndefined(x) || goja.IsNull(x) {
			return ""
		}
		return x.String()
	}
	opts.IDKey, opts.CursorKey, opts.ResultKey = str("idKey"), str("cursorKey"), str("customKey")
	if x := o.Get("count"); x != nil {
		opts.Count = x.ToBoolean()
	}
	return opts
}

// nativeList is native.list(method, params, opts) → {items, error?}: every
// row, converted page by page as the core delivers them, so that converting
// overlaps with the core fetching the next pages in parallel. opts.progress
// is called (rows, total) after each page. The rows are bounded by
// Limits.MaxListRows.
func (r *run) nativeList(c goja.FunctionCall) goja.Value {
	method, params, fail := r.methodParams(c)
	if fail != nil {
		return fail
	}
	opts := r.listOptions(c.Argument(2))
	opts.MaxRows = r.limits.MaxListRows
	var progress goja.Callable
	if o, ok := c.Argument(2).(*goja.Object); ok {
		progress, _ = goja.AssertFunction(o.Get("progress"))
	}
	var cbErr error
	opts.Progress = func(p hook.Progress) {
		if r.env.ListProgress != nil {
			r.env.ListProgress(method, p)
		}
		if progress != nil && cbErr == nil {
			_, cbErr = progress(goja.Undefined(), r.rt.ToValue(p.Rows), r.rt.ToValue(p.Total))
		}
	}
	items := make([]any, 0, 64)
	var listErr error
	for page, err := range r.client.Fetch(r.ctx, method, params, opts) {
		if err != nil {
			listErr = err
			break
		}
		for _, row := range page.Rows {
			v, err := r.dec.decodeRow(row)
			if err != nil {
				listErr = &hook.Error{Code: hook.CodeUnexpected, Description: err.Error(), Method: method}
				break
			}
			items = append(items, v)
		}
		if cbErr != nil || listErr != nil {
			break
		}
	}
	if cbErr != nil {
		panic(cbErr)
	}
	o := r.rt.NewObject()
	_ = o.Set("items", r.rt.NewArray(items...))
	if listErr != nil {
		_ = o.Set("error", r.errorObject(listErr, method))
	}
	return o
}

// fetchCursor is one fetchListMethod walk in progress: the core's page
// iterator, pulled one page per next(). The run closes any cursor a script
// abandons.
type fetchCursor struct {
	next func() (hook.Page, error, bool)
	stop func()
	done bool
}

func (f *fetchCursor) close() {
	if !f.done {
		f.done = true
		f.stop()
	}
}

// nativeFetch is native.fetch(method, params, opts) → an iterator whose
// next() returns {done} | {value: rows} | {error}, and close().
func (r *run) nativeFetch(c goja.FunctionCall) goja.Value {
	method, params, early := r.methodParams(c)
	it := r.rt.NewObject()
	var cursor *fetchCursor
	if early == nil {
		opts := r.listOptions(c.Argument(2))
		if r.env.ListProgress != nil {
			opts.Progress = func(p hook.Progress) { r.env.ListProgress(method, p) }
		}
		next, stop := iter.Pull2(r.client.Fetch(r.ctx, method, params, opts))
		cursor = &fetchCursor{next: next, stop: stop}
		r.cursors[cursor] = struct{}{}
	}
	_ = it.Set("next", r.guard("fetch.next", func(goja.FunctionCall) goja.Value {
		if early != nil {
			v := early
			early = nil
			return v
		}
		step := r.rt.NewObject()
		if cursor == nil || cursor.done {
			_ = step.Set("done", true)
			return step
		}
		page, err, ok := cursor.next()
		switch {
		case !ok:
			cursor.close()
			_ = step.Set("done", true)
		case err != nil:
			cursor.close()
			return r.errorValue(err, method)
		default:
			rows := make([]any, len(page.Rows))
			for i, row := range page.Rows {
				v, err := r.dec.decodeRow(row)
				if err != nil {
					cursor.close()
					return r.errorValue(&hook.Error{Code: hook.CodeUnexpected, Description: err.Error(), Method: method}, method)
				}
				rows[i] = v
			}
			_ = step.Set("value", r.rt.NewArray(rows...))
		}
		return step
	}))
	_ = it.Set("close", r.guard("fetch.close", func(goja.FunctionCall) goja.Value {
		if cursor != nil {
			cursor.close()
			delete(r.cursors, cursor)
		}
		return goja.Undefined()
	}))
	return it
}
