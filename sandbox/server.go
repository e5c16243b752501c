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
	// The method name is the client's; the path (which holds the secret) is never logged.
	p.log.Debug("rest request", "api", x.api(), "method", x.rt.method, "status", x.status,
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

// handle runs the pipeline: route and credentials, parameters, leaky bucket,
// method lookup, operating budget, faults, execution.
func (x *exchange) handle() {
	p, rt := x.p, x.rt
	if x.r.Method != http.MethodGet && x.r.Method != http.MethodPost && x.r.Method != http.MethodHead {
		x.reject(newError(http.StatusMethodNotAllowed, "INVALID_REQUEST", "Only GET and POST requests are accepted"))
		return
	}
	switch rt.kind {
	case routeBadPath:
		if rt.v3 {
			x.reject(errV3MethodNotFound(rt.method))
		} else {
			x.reject(errMethodNotFound())
		}
		return
	case routeNoAuth:
		if rt.v3 {
			x.reject(errV3AccessDenied())
		} else {
			x.reject(errNoAuth())
		}
		return
	}
	if !p.authorized(rt) {
		if rt.v3 {
			x.reject(errV3AccessDenied())
		} else {
			x.reject(errInvalidCredentials())
		}
		return
	}
	params, perr := readParams(x.w, x.r, rt.v3)
	if perr != nil {
		x.reject(perr)
		return
	}
	if !p.bucket.allow(time.Now()) {
		x.reject(errQueryLimit())
		return
	}
	table := p.methods
	if rt.v3 {
		table = p.v3methods
	}
	spec, ok := table.lookup(rt.method)
	if !ok {
		if rt.v3 {
			x.reject(errV3MethodNotFound(rt.method))
		} else {
			x.reject(errMethodNotFound())
		}
		return
	}
	if p.operating.blocked(spec.name, time.Now()) {
		x.reject(errOperationTimeLimit())
		return
	}
	ctx := x.r.Context()
	fault := p.faults.decide(spec.name)
	if fault != nil {
		p.stats.fault(fault.kind)
		if !fault.after {
			if fault.kind != FaultSlow {
				x.status = faultStatus(fault)
				writeFault(x.w, fault)
				return
			}
			if sleepCtx(ctx, p.faults.slowBy) != nil {
				return // the client gave up; the request never ran
			}
		}
	}

	p.stats.begin()
	status, body := x.run(ctx, spec, params)
	p.stats.end()

	if fault != nil && fault.after {
		if fault.kind != FaultSlow {
			x.status = faultStatus(fault)
			writeFault(x.w, fault)
			return
		}
		if sleepCtx(ctx, p.faults.slowBy) != nil {
			return
		}
	}
	x.status = status
	writeJSON(x.w, status, body)
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
