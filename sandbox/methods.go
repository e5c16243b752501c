package sandbox

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"
)

// methodResult is what a method returns besides errors: the `result` value and,
// for lists, `total` and `next`.
type methodResult struct {
	result   any
	hasTotal bool
	total    int
	next     int // 0 = no next page
}

// methodFunc implements one REST method. It runs with the store locked and must
// not block.
type methodFunc func(c *call) (methodResult, *apiError)

// methodSpec is a registered method.
type methodSpec struct {
	name string // lower-case
	fn   methodFunc
}

// methodTable maps lower-cased method names to implementations.
type methodTable map[string]*methodSpec

func (m methodTable) add(name string, fn methodFunc) {
	key := strings.ToLower(name)
	m[key] = &methodSpec{name: key, fn: fn}
}

func (m methodTable) lookup(name string) (*methodSpec, bool) {
	spec, ok := m[strings.ToLower(strings.TrimSpace(name))]
	return spec, ok
}

// names lists the registered methods, sorted, as the `methods` method reports them.
func (m methodTable) names() []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// v1Methods builds the classic REST method table.
func v1Methods() methodTable {
	m := methodTable{}
	registerCRMLegacy(m)
	registerCRMItem(m)
	registerTimeline(m)
	registerTasks(m)
	registerMisc(m)
	// batch is dispatched by the server itself; it is registered so that lookups,
	// `methods` and `method.get` see it.
	m.add("batch", nil)
	return m
}

// call is the context of one method execution.
type call struct {
	p      *Portal
	ctx    context.Context
	method string
	params *object
	loc    *time.Location
	meter  costMeter
	writes []writeRef
	events []pendingEvent
}

// table returns a table of the locked store; the names used by methods are static,
// so a miss is a programming error reported as a portal error, not a panic.
func (c *call) table(name string) (*table, *apiError) {
	t, err := c.p.data.table(name)
	if err != nil {
		return nil, errInternal()
	}
	return t, nil
}

// wrote records an applied write and queues the entity's event.
func (c *call) wrote(t *table, id int, action string) {
	c.writes = append(c.writes, writeRef{entity: t.spec.name, id: id})
	if t.spec.eventPrefix == "" {
		return
	}
	idStr := strconv.Itoa(id)
	var data *object
	if t.spec.name == "task" {
		before, after := any("undefined"), any("undefined")
		if action != "ADD" {
			before = objectOf("ID", idStr)
		}
		if action != "DELETE" {
			after = objectOf("ID", idStr)
		}
		data = objectOf("FIELDS_BEFORE", before, "FIELDS_AFTER", after,
			"IS_ACCESSIBLE_BEFORE", "N", "IS_ACCESSIBLE_AFTER", "undefined")
	} else {
		data = objectOf("FIELDS", objectOf("ID", idStr))
	}
	c.events = append(c.events, pendingEvent{name: t.spec.eventPrefix + action, data: data})
}

// listed records the cost-relevant facts of a list execution.
func (c *call) listed(t *table, q listQuery, page listPage) {
	c.meter.rows += len(page.recs)
	if q.count {
		c.meter.counted = true
		c.meter.tableSize = t.size()
	}
}

// execute runs one method with the store locked and merges its side effects into
// the portal's stats and event queue.
func (p *Portal) execute(ctx context.Context, spec *methodSpec, params *object) (methodResult, *apiError, costMeter) {
	c := &call{p: p, ctx: ctx, method: spec.name, params: params, loc: p.data.loc}
	p.data.mu.Lock()
	res, err := spec.fn(c)
	p.data.mu.Unlock()
	p.stats.call(spec.name)
	p.stats.effects(c.meter, c.writes)
	if err != nil {
		p.stats.methodError(err.code)
	}
	for _, ev := range c.events {
		p.events.publish(ev)
	}
	return res, err, c.meter
}

// Parameter helpers shared by the method implementations.

// paramObject reads an array parameter. It always returns a usable object (empty
// when the parameter is absent or invalid); present reports that the parameter was
// sent non-empty, valid that it was not a scalar where an array belongs.
func paramObject(params *object, key string) (o *object, present, valid bool) {
	v, ok := params.get(key)
	if !ok || v == nil {
		return newObject(), false, true
	}
	if s, isStr := v.(string); isStr && s == "" {
		return newObject(), false, true
	}
	o, isArr := asObject(v)
	if !isArr {
		return newObject(), true, false
	}
	return o, true, true
}

// legacyTarget opens entity's table and reads the "id" that a legacy get,
// update or delete names, answering as those methods do when it is missing.
func (c *call) legacyTarget(entity string, params *object) (*table, int, *apiError) {
	t, aerr := c.table(entity)
	if aerr != nil {
		return nil, 0, aerr
	}
	id, ok := paramID(params, "id")
	if !ok {
		return nil, 0, errLegacyBadID()
	}
	return t, id, nil
}

// paramID reads a positive integer id parameter.
func paramID(params *object, key string) (int, bool) {
	v, ok := params.get(key)
	if !ok || !isNumeric(v) {
		return 0, false
	}
	n := phpInt(v)
	if n <= 0 || n > 1<<31 {
		return 0, false
	}
	return int(n), true
}
