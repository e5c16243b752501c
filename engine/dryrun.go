package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/b24run/b24run/hook"
)

// Plan is the dry run's record of writes: it answers every call that may
// write with a plausible result instead of sending it, and keeps the calls
// in order for the plan printed at the end. It implements hook.DryRun.
type Plan struct {
	mu      sync.Mutex
	entries []PlanEntry
	lastID  int64
}

// PlanEntry is one write a dry run did not send.
type PlanEntry struct {
	Seq    int             `json:"seq"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	Result json.RawMessage `json:"result"`
}

var _ hook.DryRun = (*Plan)(nil)

// Write records the call and returns what the portal would plausibly
// answer: a fresh negative id for an "add" (so later calls can refer to it
// without touching a real record), true for the rest, in the shape of the
// method's family.
func (p *Plan) Write(_ context.Context, method string, params any) (json.RawMessage, error) {
	raw, err := hook.AppendJSON(nil, params)
	if err != nil {
		return nil, err
	}
	if params == nil {
		raw = []byte("{}")
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	result := plausibleResult(method, raw, func() int64 { p.lastID--; return p.lastID })
	p.entries = append(p.entries, PlanEntry{Seq: len(p.entries) + 1, Method: method, Params: raw, Result: result})
	return result, nil
}

func plausibleResult(method string, params []byte, nextID func() int64) json.RawMessage {
	m := strings.ToLower(method)
	verb := m[strings.LastIndexByte(m, '.')+1:]
	var fields json.RawMessage = []byte("{}")
	var p struct {
		Fields json.RawMessage `json:"fields"`
		ID     json.RawMessage `json:"id"`
	}
	if json.Unmarshal(params, &p) == nil && len(p.Fields) > 0 && p.Fields[0] == '{' {
		fields = p.Fields
	}
	withID := func(id string) string {
		if string(fields) == "{}" {
			return `{"id":` + id + `}`
		}
		return `{"id":` + id + `,` + string(fields[1:])
	}
	switch {
	case strings.HasPrefix(m, "crm.item.") && verb == "delete":
		return json.RawMessage(`[]`)
	case strings.HasPrefix(m, "crm.item.") && (verb == "add" || verb == "update"):
		id := string(p.ID)
		if verb == "add" || id == "" {
			id = fmt.Sprint(nextID())
		}
		return json.RawMessage(`{"item":` + withID(id) + `}`)
	case strings.HasPrefix(m, "tasks.task.") && verb == "add":
		return json.RawMessage(`{"task":` + withID(fmt.Sprintf(`"%d"`, nextID())) + `}`)
	case strings.HasPrefix(m, "tasks.task."):
		return json.RawMessage(`{"task":true}`)
	case verb == "add" || strings.HasSuffix(verb, "add"):
		return json.RawMessage(fmt.Sprint(nextID()))
	}
	return json.RawMessage(`true`)
}

// Entries returns the recorded writes in call order.
func (p *Plan) Entries() []PlanEntry {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]PlanEntry(nil), p.entries...)
}

// WriteTable prints the plan for people: one line per method with the number
// of calls and the params of the first.
func (p *Plan) WriteTable(w io.Writer) error {
	entries := p.Entries()
	if len(entries) == 0 {
		_, err := fmt.Fprintln(w, "dry run: the script would write nothing")
		return err
	}
	type group struct {
		method string
		count  int
		first  json.RawMessage
	}
	var groups []*group
	index := map[string]*group{}
	for _, e := range entries {
		g := index[e.Method]
		if g == nil {
			g = &group{method: e.Method, first: e.Params}
			index[e.Method] = g
			groups = append(groups, g)
		}
		g.count++
	}
	fmt.Fprintf(w, "dry run: %d write(s) not sent:\n", len(entries))
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "METHOD\tCALLS\tFIRST PARAMS")
	for _, g := range groups {
		fmt.Fprintf(tw, "%s\t%d\t%s\n", g.method, g.count, truncate(string(g.first), 100))
	}
	return tw.Flush()
}

// WriteJSONLines writes one JSON object per write, in call order.
func (p *Plan) WriteJSONLines(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, e := range p.Entries() {
		if err := enc.Encode(e); err != nil {
			return fmt.Errorf("write plan: %w", err)
		}
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n-3] + "..."
}
