package hook

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/b24run/b24run/internal/jsonscan"
)

// MaxBatch is the most commands the portal accepts in one batch.
const MaxBatch = 50

// Command is one command of a batch.
type Command struct {
	// Name keys the command's result and errors, and is what `$result[name]`
	// references point at. Either every command of a batch has a unique name
	// or none has; unnamed commands are keyed by position ("0", "1", ...).
	Name   string
	Method string
	Params any
}

// BatchResult is the answer to a batch: one CommandResult per command, in the
// order of the commands.
type BatchResult struct {
	Commands []CommandResult
	// Time is the batch request's own time block (billed to method "batch").
	Time   Time
	Status int
}

// CommandResult is what the portal answered for one command.
type CommandResult struct {
	// Key is the command's name, or its position as a string.
	Key    string
	Method string
	// Answered is false when the portal said nothing of the command: with
	// halt, the commands after the first failure are not executed.
	Answered bool
	// Result is the command's raw result (valid JSON, possibly null) when it
	// succeeded.
	Result json.RawMessage
	// Err is the command's error when it failed.
	Err      *Error
	Total    int
	HasTotal bool
	Next     int
	HasNext  bool
	Time     Time
}

// Failed returns the commands that answered with an error.
func (r *BatchResult) Failed() []CommandResult {
	var out []CommandResult
	for _, c := range r.Commands {
		if c.Err != nil {
			out = append(out, c)
		}
	}
	return out
}

// Batch sends up to 50 commands in one request. With halt the portal stops
// at the first failing command. A failed command is reported in its
// CommandResult; the error return is for the request as a whole.
//
// Each command travels as "method?query", the query encoded exactly as the
// official SDK encodes it (see AppendQuery); `$result[...]` references inside
// values reach the portal untouched.
func (c *Client) Batch(ctx context.Context, cmds []Command, halt bool) (*BatchResult, error) {
	named, err := checkBatch(cmds)
	if err != nil {
		return nil, err
	}
	if c.settings.dryRun != nil && !batchIsReadOnly(cmds) {
		return c.dryRunBatch(ctx, cmds, halt)
	}
	body, err := encodeBatch(cmds, halt, named)
	if err != nil {
		return nil, err
	}
	resp, err := c.post(ctx, "batch", body, batchIsReadOnly(cmds), describeBatch(cmds))
	if err != nil {
		return nil, err
	}
	return decodeBatch(cmds, resp)
}

func checkBatch(cmds []Command) (named bool, err error) {
	if len(cmds) == 0 {
		return false, &Error{Code: CodeBatchEmpty, Description: "Batch must contain at least one command", Status: 400, Method: "batch"}
	}
	if len(cmds) > MaxBatch {
		return false, &Error{Code: CodeBatchTooLarge, Description: fmt.Sprintf("Batch too large: %d commands (max: %d)", len(cmds), MaxBatch), Status: 400, Method: "batch"}
	}
	named = cmds[0].Name != ""
	seen := make(map[string]bool, len(cmds))
	for i, cmd := range cmds {
		if cmd.Method == "" {
			return false, &Error{Code: CodeInvalidParams, Description: fmt.Sprintf("batch command %d has no method", i), Status: 400, Method: "batch"}
		}
		if (cmd.Name != "") != named {
			return false, &Error{Code: CodeInvalidParams, Description: "either every batch command has a name or none has", Status: 400, Method: "batch"}
		}
		if named {
			if seen[cmd.Name] {
				return false, &Error{Code: CodeInvalidParams, Description: fmt.Sprintf("batch command name %q is used twice", cmd.Name), Status: 400, Method: "batch"}
			}
			seen[cmd.Name] = true
		}
	}
	return named, nil
}

// describeBatch summarizes a batch's methods for the log:
// "crm.deal.list×50" or "crm.deal.get×2, user.current".
func describeBatch(cmds []Command) string {
	var order []string
	count := map[string]int{}
	for _, c := range cmds {
		if count[c.Method] == 0 {
			order = append(order, c.Method)
		}
		count[c.Method]++
	}
	parts := make([]string, len(order))
	for i, m := range order {
		parts[i] = m
		if n := count[m]; n > 1 {
			parts[i] += "×" + strconv.Itoa(n)
		}
	}
	return strings.Join(parts, ", ")
}

// encodeCommand builds one batch command string, "method?query".
func encodeCommand(method string, params any) (string, error) {
	buf := append([]byte(method), '?')
	buf, err := AppendQuery(buf, params)
	if err != nil {
		return "", &Error{Code: CodeInvalidParams, Description: err.Error(), Status: 400, Method: method}
	}
	return string(buf), nil
}

// encodeBatch builds the JSON body {"halt":0|1,"cmd":[...]|{...}}.
func encodeBatch(cmds []Command, halt, named bool) ([]byte, error) {
	buf := []byte(`{"halt":`)
	if halt {
		buf = append(buf, '1')
	} else {
		buf = append(buf, '0')
	}
	buf = append(buf, `,"cmd":`...)
	open, close := byte('['), byte(']')
	if named {
		open, close = '{', '}'
	}
	buf = append(buf, open)
	for i, cmd := range cmds {
		s, err := encodeCommand(cmd.Method, cmd.Params)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			buf = append(buf, ',')
		}
		if named {
			buf = appendJSONString(buf, cmd.Name)
			buf = append(buf, ':')
		}
		buf = appendJSONString(buf, s)
	}
	return append(buf, close, '}'), nil
}

// decodeBatch matches the portal's five result maps to the commands.
func decodeBatch(cmds []Command, resp *Response) (*BatchResult, error) {
	var maps [5]map[string][]byte
	_, err := jsonscan.Object(resp.Result, 0, func(key []byte, _ bool, v []byte) error {
		i := slices.Index([]string{"result", "result_error", "result_total", "result_next", "result_time"}, string(key))
		if i < 0 {
			return nil
		}
		m, err := keyedMap(v)
		maps[i] = m
		return err
	})
	if err != nil {
		return nil, &Error{Code: CodeUnexpected, Description: "batch answer: " + err.Error(), Status: resp.Status, Method: "batch"}
	}
	results, errs, totals, nexts, times := maps[0], maps[1], maps[2], maps[3], maps[4]

	out := &BatchResult{Commands: make([]CommandResult, len(cmds)), Time: resp.Time, Status: resp.Status}
	for i, cmd := range cmds {
		key := cmd.Name
		if key == "" {
			key = strconv.Itoa(i)
		}
		cr := CommandResult{Key: key, Method: cmd.Method}
		if raw, ok := errs[key]; ok {
			cr.Answered = true
			cr.Err = rowError(cmd.Method, resp.Status, raw)
		} else if raw, ok := results[key]; ok {
			cr.Answered = true
			cr.Result = raw
		}
		if f, ok := flexFloat(totals[key]); ok {
			cr.Total, cr.HasTotal = int(f), true
		}
		if f, ok := flexFloat(nexts[key]); ok {
			cr.Next, cr.HasNext = int(f), true
		}
		if raw, ok := times[key]; ok {
			_ = cr.Time.UnmarshalJSON(raw)
		}
		out.Commands[i] = cr
	}
	return out, nil
}

// keyedMap reads one of the batch maps, which PHP serializes as an object, or
// as an array when its keys are 0..n-1 (and as [] when it is empty). The
// values are subslices of raw.
func keyedMap(raw []byte) (map[string][]byte, error) {
	m := map[string][]byte{}
	i := jsonscan.SkipSpace(raw, 0)
	if i >= len(raw) || raw[i] == 'n' {
		return m, nil
	}
	var err error
	if raw[i] == '[' {
		n := 0
		_, err = jsonscan.Array(raw, i, func(v []byte) error {
			m[strconv.Itoa(n)] = v
			n++
			return nil
		})
		return m, err
	}
	_, err = jsonscan.Object(raw, i, func(key []byte, escaped bool, v []byte) error {
		k, err := jsonscan.Key(key, escaped)
		m[k] = v
		return err
	})
	return m, err
}

// rowError reads a result_error entry: {"error","error_description"} or a
// bare code string.
func rowError(method string, status int, raw json.RawMessage) *Error {
	var row struct {
		Error       json.RawMessage `json:"error"`
		Description json.RawMessage `json:"error_description"`
	}
	if json.Unmarshal(raw, &row) == nil && row.Error != nil {
		if e := bodyError(method, status, row.Error, row.Description); e != nil {
			return e
		}
	}
	var code string
	if json.Unmarshal(raw, &code) == nil {
		return &Error{Code: code, Description: "Some error in response", Status: status, Method: method}
	}
	return &Error{Code: CodeUnexpected, Description: "unreadable batch error entry", Status: status, Method: method}
}
