package hook

import (
	"context"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
)

// DryRun answers, during a dry run, every call that may write; reads still
// go to the portal. Write is called from whichever goroutine makes the call,
// so implementations must be safe for concurrent use. It returns the result
// to hand back (for example a fresh negative id for an "add") and records the
// call for the plan of writes.
type DryRun interface {
	Write(ctx context.Context, method string, params any) (json.RawMessage, error)
}

func (c *Client) dryRunCall(ctx context.Context, method string, params any) (*Response, error) {
	c.stats.dryRun.Add(1)
	res, err := c.settings.dryRun.Write(ctx, method, params)
	if err != nil {
		return nil, err
	}
	if len(res) == 0 {
		res = json.RawMessage("true")
	}
	return &Response{Result: res, Status: 200, Method: method}, nil
}

// dryRunBatch answers the writes of a batch locally, in order, and sends its
// reads to the portal as one batch. A read that refers to a write's result
// with $result[...] gets the local answer substituted first.
func (c *Client) dryRunBatch(ctx context.Context, cmds []Command, halt bool) (*BatchResult, error) {
	out := &BatchResult{Commands: make([]CommandResult, len(cmds)), Status: 200}
	local := map[string]json.RawMessage{}
	var reads []Command
	var readPos []int
	for i, cmd := range cmds {
		key := cmd.Name
		if key == "" {
			key = strconv.Itoa(i)
		}
		if IsReadOnly(cmd.Method) {
			reads = append(reads, Command{Name: "r" + key, Method: cmd.Method, Params: substituteRefs(cmd.Params, local)})
			readPos = append(readPos, i)
			continue
		}
		c.stats.dryRun.Add(1)
		res, err := c.settings.dryRun.Write(ctx, cmd.Method, cmd.Params)
		cr := CommandResult{Key: key, Method: cmd.Method, Answered: true}
		if err != nil {
			cr.Err = asError(cmd.Method, err)
		} else {
			if len(res) == 0 {
				res = json.RawMessage("true")
			}
			cr.Result = res
			local[key] = res
		}
		out.Commands[i] = cr
		if cr.Err != nil && halt {
			return out, nil
		}
	}
	if len(reads) > 0 {
		res, err := c.Batch(ctx, reads, halt)
		if err != nil {
			return nil, err
		}
		for j, cr := range res.Commands {
			cr.Key = strings.TrimPrefix(cr.Key, "r")
			out.Commands[readPos[j]] = cr
		}
		out.Time = res.Time
	}
	return out, nil
}

func asError(method string, err error) *Error {
	if e, ok := err.(*Error); ok {
		return e
	}
	return &Error{Code: "DRY_RUN_ERROR", Description: err.Error(), Method: method}
}

var refPattern = regexp.MustCompile(`\$result\[([^\]]*)\]((?:\[[^\]]*\])*)`)

// substituteRefs replaces $result[key][path...] references to locally
// answered commands inside string values; other references stay as they are.
func substituteRefs(v any, local map[string]json.RawMessage) any {
	if len(local) == 0 {
		return v
	}
	switch v := v.(type) {
	case string:
		return refPattern.ReplaceAllStringFunc(v, func(ref string) string {
			m := refPattern.FindStringSubmatch(ref)
			raw, ok := local[m[1]]
			if !ok {
				return ref
			}
			val, err := DecodeJSON(raw)
			if err != nil {
				return ref
			}
			for _, p := range strings.Split(strings.Trim(m[2], "[]"), "][") {
				if p == "" {
					continue
				}
				switch cur := val.(type) {
				case Object:
					if val, ok = cur.Get(p); !ok {
						return ref
					}
				case []any:
					i, err := strconv.Atoi(p)
					if err != nil || i < 0 || i >= len(cur) {
						return ref
					}
					val = cur[i]
				default:
					return ref
				}
			}
			switch s := val.(type) {
			case string:
				return s
			case json.Number:
				return string(s)
			case bool:
				return strconv.FormatBool(s)
			}
			return ref
		})
	case Object:
		out := make(Object, len(v))
		for i, m := range v {
			out[i] = Member{m.Key, substituteRefs(m.Value, local)}
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = substituteRefs(e, local)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = substituteRefs(e, local)
		}
		return out
	}
	return v
}
