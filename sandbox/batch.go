package sandbox

import (
	"context"
	"net/http"
	"strings"
	"time"
)

// maxBatchCommands is the portal's batch length limit.
const maxBatchCommands = 50

// batchState accumulates the five maps of a batch answer, keyed by command id.
type batchState struct {
	result, errors, total, next, times *object
}

// runBatch executes a v1 batch (b24-rest-facts.md §5): commands run one after
// another in the order given, each may reference earlier results with
// $result[cmd][field]…, failures go to result_error (halt stops at the first), and
// the whole batch is billed to the method "batch" — its commands are not billed to
// their own methods, as measured on real portals (peers.md pain point 24).
func (p *Portal) runBatch(ctx context.Context, params *object, start time.Time) (int, any) {
	execStart := time.Now()
	cmds, _ := asObject(params.value("cmd"))
	if cmds == nil {
		cmds = newObject()
	}
	p.stats.call("batch")
	halt := truthy(params.value("halt"))
	st := batchState{result: newObject(), errors: newObject(), total: newObject(), next: newObject(), times: newObject()}
	// The commands' simulated costs run on a virtual clock and the batch
	// sleeps once for their sum: one long timer is exact, where fifty short
	// ones would each overshoot by the timer's slack.
	clock := execStart
	for _, key := range cmds.keys {
		if ctx.Err() != nil {
			break // the client is gone; stop doing work nobody will see
		}
		cmdStart := clock
		res, aerr, cost := p.runBatchCommand(ctx, cmds.vals[key], st.result)
		clock = later(clock.Add(cost), time.Now())
		op := p.operating.bill("batch", clock, cost)
		rowTime := p.timeObject(timing{start: cmdStart, finish: clock, processing: clock.Sub(cmdStart), op: op})
		if aerr != nil {
			st.errors.set(key, objectOf("error", aerr.code, "error_description", aerr.desc))
			st.times.set(key, rowTime)
			if halt {
				break
			}
			continue
		}
		st.result.set(key, res.result)
		if res.hasTotal {
			st.total.set(key, res.total)
		}
		if res.next > 0 {
			st.next.set(key, res.next)
		}
		st.times.set(key, rowTime)
	}
	_ = sleepCtx(ctx, time.Until(clock.Add(p.cost.PerRequest)))
	now := time.Now()
	op := p.operating.bill("batch", now, p.cost.PerRequest)
	body := objectOf("result", objectOf(
		"result", st.result,
		"result_error", st.errors,
		"result_total", st.total,
		"result_next", st.next,
		"result_time", st.times,
	))
	body.set("time", p.timeObject(timing{start: start, finish: now, processing: now.Sub(execStart), op: op}))
	return http.StatusOK, body
}

// batchLengthError refuses a batch of more than 50 commands as a whole, before
// anything runs (the system-errors table's request-level 400).
func batchLengthError(params *object, v3 bool) *apiError {
	if v3 {
		if params.len() > maxBatchCommands {
			return newV3Error(http.StatusBadRequest, "VALIDATION_REQUESTVALIDATIONEXCEPTION", "Max batch length exceeded")
		}
		return nil
	}
	if cmds, ok := asObject(params.value("cmd")); ok && cmds.len() > maxBatchCommands {
		return errBatchLength()
	}
	return nil
}

// runBatchCommand parses and executes one "method?query" command and returns its
// result and simulated cost.
func (p *Portal) runBatchCommand(ctx context.Context, raw any, results *object) (methodResult, *apiError, time.Duration) {
	cmd, ok := raw.(string)
	if !ok {
		return methodResult{}, errMethodNotFound(), 0
	}
	name, query, _ := strings.Cut(cmd, "?")
	name = strings.TrimSpace(name)
	if len(name) > 5 && strings.EqualFold(name[len(name)-5:], ".json") {
		name = name[:len(name)-5]
	}
	spec, ok := p.methods.lookup(name)
	if !ok {
		p.stats.methodError("ERROR_METHOD_NOT_FOUND")
		return methodResult{}, errMethodNotFound(), 0
	}
	if spec.name == "batch" {
		e := errBatchMethodNotAllowed()
		p.stats.methodError(e.code)
		return methodResult{}, e, 0
	}
	params := parsePHPQuery(query)
	substituteParams(params, results)
	res, aerr, meter := p.execute(ctx, spec, params)
	return res, aerr, p.cost.command(meter)
}

// substituteParams replaces $result[...] references in every string value of
// params, recursively. Keys are left alone.
func substituteParams(params *object, results *object) {
	for _, k := range params.keys {
		params.vals[k] = substituteValue(params.vals[k], results)
	}
}

func substituteValue(v any, results *object) any {
	switch t := v.(type) {
	case string:
		return substituteRefs(t, results)
	case *object:
		substituteParams(t, results)
		return t
	case []any:
		for i := range t {
			t[i] = substituteValue(t[i], results)
		}
		return t
	}
	return v
}

// refPrefix starts a batch result reference.
const refPrefix = "$result["

// substituteRefs replaces each $result[cmd][key]… in s with the value found by
// walking the stored results. A value that is exactly one reference takes the
// referenced value itself (which may be an array); references inside a longer
// string take its string form. A reference that does not resolve — unknown or
// failed command, missing key, index out of range, or an array inside a longer
// string — stays as literal text, as on the portal.
func substituteRefs(s string, results *object) any {
	if !strings.Contains(s, refPrefix) {
		return s
	}
	var b strings.Builder
	i := 0
	for {
		j := strings.Index(s[i:], refPrefix)
		if j < 0 {
			b.WriteString(s[i:])
			break
		}
		j += i
		b.WriteString(s[i:j])
		end, path := parseRefPath(s, j+len("$result"))
		if len(path) == 0 {
			b.WriteString(refPrefix)
			i = j + len(refPrefix)
			continue
		}
		val, ok := resolveRef(results, path)
		if ok && j == 0 && end == len(s) {
			return val
		}
		if ok && isScalarValue(val) {
			b.WriteString(phpString(val))
		} else {
			b.WriteString(s[j:end])
		}
		i = end
	}
	return b.String()
}

// parseRefPath reads consecutive [segment] groups starting at s[pos] and returns
// the end offset and the segments.
func parseRefPath(s string, pos int) (int, []string) {
	var path []string
	for pos < len(s) && s[pos] == '[' {
		closing := strings.IndexByte(s[pos+1:], ']')
		if closing < 0 {
			break
		}
		seg := s[pos+1 : pos+1+closing]
		if strings.ContainsRune(seg, '[') {
			break
		}
		path = append(path, seg)
		pos += closing + 2
	}
	return pos, path
}

func resolveRef(results *object, path []string) (any, bool) {
	var cur any = results
	for _, seg := range path {
		switch t := cur.(type) {
		case *object:
			v, ok := t.get(seg)
			if !ok {
				return nil, false
			}
			cur = v
		case []any:
			n, ok := canonicalIndex(seg)
			if !ok || n >= len(t) {
				return nil, false
			}
			cur = t[n]
		default:
			return nil, false
		}
	}
	return cur, true
}

func isScalarValue(v any) bool {
	switch v.(type) {
	case *object, []any, map[string]any:
		return false
	}
	return true
}

// later returns the later of a and b.
func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
