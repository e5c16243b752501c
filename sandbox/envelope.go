package sandbox

import (
	"net/http"
	"strconv"
	"time"
)

// timing is the data of a `time` block.
type timing struct {
	start, finish time.Time
	processing    time.Duration
	op            opReading
}

// timeObject renders a `time` block (b24-rest-facts.md §2). The operating fields
// are left out on portals that mimic on-premise installations.
func (p *Portal) timeObject(t timing) *object {
	o := objectOf(
		"start", unixSeconds(t.start),
		"finish", unixSeconds(t.finish),
		"duration", t.finish.Sub(t.start).Seconds(),
		"processing", t.processing.Seconds(),
		"date_start", t.start.In(p.data.loc).Format(isoLayout),
		"date_finish", t.finish.In(p.data.loc).Format(isoLayout),
	)
	if !p.omitOp {
		o.set("operating", t.op.total.Seconds())
		o.set("operating_reset_at", t.op.resetAt.Unix())
	}
	return o
}

// unixSeconds is a unix time with microseconds, as PHP's microtime(true) gives.
func unixSeconds(t time.Time) float64 {
	return float64(t.UnixMicro()) / 1e6
}

// successBody builds the v1 envelope: result, then total and next for lists (next
// only when another page exists), then time.
func (p *Portal) successBody(res methodResult, t timing) *object {
	body := objectOf("result", res.result)
	if res.hasTotal {
		body.set("total", res.total)
	}
	if res.next > 0 {
		body.set("next", res.next)
	}
	body.set("time", p.timeObject(t))
	return body
}

// writeJSON sends a JSON answer with the portal's content type.
func writeJSON(w http.ResponseWriter, status int, body any) {
	data := encodeJSON(body)
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

// writeError sends an error answer.
func writeError(w http.ResponseWriter, e *apiError) {
	writeJSON(w, e.status, e.body())
}
