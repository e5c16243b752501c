package sandbox

import (
	"context"
	"net/http"
	"strings"
	"time"
)

// v3Methods builds the minimal REST 3.0 table (b24-rest-facts.md §9): tasks only,
// plus batch. Everything else answers METHODNOTFOUNDEXCEPTION, as a v1-only method
// does on /rest/api/.
func v3Methods() methodTable {
	m := methodTable{}
	m.add("tasks.task.get", v3TaskGet)
	m.add("tasks.task.list", v3TaskList)
	m.add("tasks.task.add", v3TaskAdd)
	m.add("tasks.task.update", v3TaskUpdate)
	m.add("tasks.task.delete", v3TaskDelete)
	m.add("batch", nil)
	return m
}

// v3Wrap converts a v1-style method error into the v3 shape.
func v3Wrap(e *apiError) *apiError {
	suffix := "ACCESSDENIEDEXCEPTION"
	switch e.status {
	case http.StatusNotFound:
		suffix = "METHODNOTFOUNDEXCEPTION"
	case http.StatusBadRequest:
		suffix = "VALIDATION_REQUESTVALIDATIONEXCEPTION"
	}
	if e.status >= 500 {
		suffix = "INTERNALEXCEPTION"
	}
	return newV3Error(e.status, suffix, e.desc)
}

// v3TaskID reads the required `id`.
func v3TaskID(params *object) (int, *apiError) {
	if _, ok := params.get("id"); !ok {
		return 0, errV3Required("id")
	}
	id, ok := paramID(params, "id")
	if !ok {
		return 0, errV3EntityNotFound()
	}
	return id, nil
}

func v3TaskGet(c *call) (methodResult, *apiError) {
	t, aerr := c.table("task")
	if aerr != nil {
		return methodResult{}, aerr
	}
	id, aerr := v3TaskID(c.params)
	if aerr != nil {
		return methodResult{}, aerr
	}
	rec := t.get(id)
	if rec == nil {
		return methodResult{}, errV3EntityNotFound()
	}
	cols := selectColumns(t, c.params.value("select"), taskFieldLookup, false, true)
	return methodResult{result: objectOf("item", t.render(rec, cols, viewV3))}, nil
}

// v3TaskList supports the v3 filter form [[field, op, value], …] with =, !=, >,
// >=, <, <=, in; `order` {field: ASC|DESC}; and pagination {page, limit, offset}.
func v3TaskList(c *call) (methodResult, *apiError) {
	t, aerr := c.table("task")
	if aerr != nil {
		return methodResult{}, aerr
	}
	filter := newObject()
	for _, raw := range listOrSingle(c.params.value("filter")) {
		cond, _ := asList(raw)
		if len(cond) < 2 {
			continue
		}
		field := phpString(cond[0])
		op, value := "=", cond[1]
		if len(cond) >= 3 {
			op, value = strings.ToLower(phpString(cond[1])), cond[2]
		}
		prefix := map[string]string{"=": "=", "!=": "!=", ">": ">", ">=": ">=", "<": "<", "<=": "<=", "in": "@"}[op]
		if prefix == "" {
			return methodResult{}, newV3Error(http.StatusBadRequest, "UNKNOWNFILTEROPERATOREXCEPTION", "Unknown filter operator `"+op+"`")
		}
		if _, ok := t.byCamel[field]; !ok {
			return methodResult{}, newV3Error(http.StatusBadRequest, "UNKNOWNDTOPROPERTYEXCEPTION", "Unknown field `"+field+"` for entity `TaskDto`")
		}
		filter.set(prefix+field, value)
	}
	g, aerr := compileFilter(t, filter, byCamelName, true, c.loc)
	if aerr != nil {
		return methodResult{}, aerr
	}
	order, _, _ := paramObject(c.params, "order")
	keys, aerr := compileOrder(t, order, byCamelName, true)
	if aerr != nil {
		return methodResult{}, newV3Error(http.StatusBadRequest, "INVALIDORDEREXCEPTION", aerr.desc)
	}
	pag, _, _ := paramObject(c.params, "pagination")
	limit := int(phpInt(pag.value("limit")))
	if limit <= 0 || limit > pageSize {
		limit = pageSize
	}
	page := max(int(phpInt(pag.value("page"))), 1)
	offset := (page-1)*limit + max(int(phpInt(pag.value("offset"))), 0)
	q := listQuery{filter: g, order: keys, offset: offset, limit: limit}
	res := t.list(q, c.loc)
	c.listed(t, q, res)
	cols := selectColumns(t, c.params.value("select"), taskFieldLookup, false, true)
	items := make([]any, len(res.recs))
	for i, rec := range res.recs {
		items[i] = t.render(rec, cols, viewV3)
	}
	return methodResult{result: objectOf("items", items)}, nil
}

func v3TaskAdd(c *call) (methodResult, *apiError) {
	t, aerr := c.table("task")
	if aerr != nil {
		return methodResult{}, aerr
	}
	fields, _, ok := paramObject(c.params, "fields")
	if !ok || fields.len() == 0 {
		return methodResult{}, errV3Required("fields")
	}
	if strings.TrimSpace(phpString(fields.value("title"))) == "" {
		return methodResult{}, errV3Required("title")
	}
	rec := createTask(c, t, fields, byCamelName)
	cols := t.allColumns()
	return methodResult{result: objectOf("item", t.render(rec, cols, viewV3))}, nil
}

func v3TaskUpdate(c *call) (methodResult, *apiError) {
	t, aerr := c.table("task")
	if aerr != nil {
		return methodResult{}, aerr
	}
	id, aerr := v3TaskID(c.params)
	if aerr != nil {
		return methodResult{}, aerr
	}
	rec := t.get(id)
	if rec == nil {
		return methodResult{}, errV3EntityNotFound()
	}
	fields, _, _ := paramObject(c.params, "fields")
	updateTask(c, t, rec, fields, byCamelName)
	return methodResult{result: objectOf("result", true)}, nil
}

func v3TaskDelete(c *call) (methodResult, *apiError) {
	t, aerr := c.table("task")
	if aerr != nil {
		return methodResult{}, aerr
	}
	id, aerr := v3TaskID(c.params)
	if aerr != nil {
		return methodResult{}, aerr
	}
	if !t.remove(id) {
		return methodResult{}, errV3EntityNotFound()
	}
	c.wrote(t, id, "DELETE")
	return methodResult{result: objectOf("result", true)}, nil
}

// runV3Batch runs a REST 3.0 batch: the body is a list (or an object keyed
// "0","1",…) of {method, query, as}. It is all-or-nothing on the wire: the first
// failing command fails the whole request with its error (commands that already ran
// keep their writes). Results come back as a list in input order. v3 $ref
// substitution is not supported.
func (p *Portal) runV3Batch(ctx context.Context, params *object, start time.Time) (int, any) {
	execStart := time.Now()
	p.stats.call("batch")
	results := make([]any, 0, params.len())
	for _, key := range params.keys {
		cmd, ok := asObject(params.vals[key])
		if !ok {
			e := newV3Error(http.StatusBadRequest, "INVALIDSELECTEXCEPTION", "Each batch command must be an object with `method`")
			return e.status, e.body()
		}
		spec, ok := p.v3methods.lookup(phpString(cmd.value("method")))
		if !ok || spec.name == "batch" {
			e := errV3MethodNotFound(phpString(cmd.value("method")))
			return e.status, e.body()
		}
		query, _ := asObject(cmd.value("query"))
		if query == nil {
			query = newObject()
		}
		res, aerr, meter := p.execute(ctx, spec, query)
		cost := p.cost.command(meter)
		_ = sleepCtx(ctx, cost)
		p.operating.bill("batch", time.Now(), cost)
		if aerr != nil {
			if !aerr.v3 {
				aerr = v3Wrap(aerr)
			}
			return aerr.status, aerr.body()
		}
		results = append(results, res.result)
	}
	_ = sleepCtx(ctx, p.cost.PerRequest)
	now := time.Now()
	op := p.operating.bill("batch", now, p.cost.PerRequest)
	t := timing{start: start, finish: now, processing: now.Sub(execStart), op: op}
	return http.StatusOK, objectOf("result", results, "time", p.timeObject(t))
}
