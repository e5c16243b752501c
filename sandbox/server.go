package sandbox

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// serveHTTP is the portal's HTTP handler.
func (p *Portal) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.URL.Path, "/rest/") {
		p.serveIndex(w, r)
		return
	}
	start := time.Now()
	x := &exchange{p: p, w: w, r: r, start: start, rt: parseRoute(r.URL.Path)}
	p.stats.request()
	x.handle()
	// The path holds the secret and is never logged. Neither is the method name of
	// an unauthenticated request: with a malformed path it may be the secret.
	method := "?"
	if x.authed {
		method = x.rt.method
	}
	p.log.Debug("rest request", "api", x.api(), "method", method, "status", x.status,
		"duration", time.Since(start))
}

// serveIndex answers outside /rest/ with a short description, for people who open
// the sandbox URL in a browser.
func (p *Portal) serveIndex(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/" {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = fmt.Fprintf(w, "b24run sandbox Bitrix24 portal\nREST API: %s/rest/%d/{secret}/{method}\n", p.url, p.userID)
}

// exchange is one /rest/ request on its way through the pipeline.
type exchange struct {
	p      *Portal
	w      http.ResponseWriter
	r      *http.Request
	rt     route
	start  time.Time
	status int
	authed bool
}

func (x *exchange) api() string {
	if x.rt.v3 {
		return "v3"
	}
	return "v1"
}

// reject answers with an error for a request that is not executed.
func (x *exchange) reject(e *apiError) {
	x.p.stats.reject(e.code)
	x.status = e.status
	writeError(x.w, e)
}

// handle runs the pipeline: admission (credentials, parameters, limits, method),
// then execution with any fault the request draws.
func (x *exchange) handle() {
	spec, params, ok := x.admit()
	if !ok {
		return
	}
	x.execute(spec, params)
}

// admit checks everything that refuses a request before it runs, answering the
// refusal itself; ok reports that the request may run.
func (x *exchange) admit() (spec *methodSpec, params *object, ok bool) {
	p, rt := x.p, x.rt
	// refuse answers with the v1 or the v3 form of an error.
	refuse := func(v1, v3 *apiError) (*methodSpec, *object, bool) {
		if rt.v3 {
			x.reject(v3)
		} else {
			x.reject(v1)
		}
		return nil, nil, false
	}
	switch {
	case x.r.Method != http.MethodGet && x.r.Method != http.MethodPost && x.r.Method != http.MethodHead:
		e := newError(http.StatusMethodNotAllowed, "INVALID_REQUEST", "Only GET and POST requests are accepted")
		return refuse(e, e)
	case rt.kind == routeBadPath:
		return refuse(errMethodNotFound(), errV3MethodNotFound(""))
	case rt.kind == routeNoAuth:
		return refuse(errNoAuth(), errV3AccessDenied())
	case !p.authorized(rt):
		return refuse(errInvalidCredentials(), errV3AccessDenied())
	}
	x.authed = true
	params, perr := readParams(x.w, x.r, rt.v3)
	if perr != nil {
		return refuse(perr, perr)
	}
	if !p.bucket.allow(time.Now()) {
		return refuse(errQueryLimit(), errQueryLimit())
	}
	table := p.methods
	if rt.v3 {
		table = p.v3methods
	}
	spec, found := table.lookup(rt.method)
	if !found {
		return refuse(errMethodNotFound(), errV3MethodNotFound(rt.method))
	}
	if spec.name == "batch" {
		if e := batchLengthError(params, rt.v3); e != nil {
			return refuse(e, e)
		}
	}
	if p.operating.blocked(spec.name, time.Now()) {
		return refuse(errOperationTimeLimit(), errOperationTimeLimit())
	}
	return spec, params, true
}

// execute runs an admitted request. A fault drawn for it strikes before the method
// runs (nothing happens) or after (its writes are applied and the answer is lost);
// FaultSlow only delays the answer.
func (x *exchange) execute(spec *methodSpec, params *object) {
	p, ctx := x.p, x.r.Context()
	fault := p.faults.decide(spec.name)
	if fault != nil {
		p.stats.fault(fault.kind)
	}
	if fault != nil && !fault.after && !x.strike(ctx, fault) {
		return
	}
	p.stats.begin()
	status, body := x.run(ctx, spec, params)
	p.stats.end()
	if fault != nil && fault.after && !x.strike(ctx, fault) {
		return
	}
	x.status = status
	writeJSON(x.w, status, body)
}

// strike applies a fault and reports whether the request should carry on: only a
// FaultSlow whose client is still waiting does.
func (x *exchange) strike(ctx context.Context, fault *faultPlan) bool {
	if fault.kind == FaultSlow {
		return sleepCtx(ctx, x.p.faults.slowBy) == nil
	}
	x.status = faultStatus(fault)
	writeFault(x.w, fault)
	return false
}

func faultStatus(f *faultPlan) int {
	switch f.kind {
	case FaultCustom:
		return f.status
	case Fault502HTML:
		return http.StatusBadGateway
	case FaultReset:
		return 0
	}
	return http.StatusInternalServerError
}

// run executes the method (or batch) and returns the answer to send.
func (x *exchange) run(ctx context.Context, spec *methodSpec, params *object) (int, any) {
	switch {
	case spec.name == "batch" && x.rt.v3:
		return x.p.runV3Batch(ctx, params, x.start)
	case spec.name == "batch":
		return x.p.runBatch(ctx, params, x.start)
	}
	return x.p.runSingle(ctx, spec, params, x.start, x.rt.v3)
}

// runSingle executes one method, sleeps for its cost, bills the cost to the
// method's operating time and builds the envelope.
func (p *Portal) runSingle(ctx context.Context, spec *methodSpec, params *object, start time.Time, v3 bool) (int, any) {
	execStart := time.Now()
	res, aerr, meter := p.execute(ctx, spec, params)
	cost := p.cost.PerRequest + p.cost.command(meter)
	_ = sleepCtx(ctx, cost) // a cancelled client cannot receive the answer anyway
	now := time.Now()
	op := p.operating.bill(spec.name, now, cost)
	if aerr != nil {
		if v3 && !aerr.v3 {
			aerr = v3Wrap(aerr)
		}
		return aerr.status, aerr.body()
	}
	t := timing{start: start, finish: now, processing: now.Sub(execStart), op: op}
	if v3 {
		return http.StatusOK, objectOf("result", res.result, "time", p.timeObject(t))
	}
	return http.StatusOK, p.successBody(res, t)
}
