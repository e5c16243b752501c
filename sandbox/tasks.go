package sandbox

import (
	"net/http"
	"strings"
	"time"
)

// registerTasks adds tasks.task.{add,get,list,update,delete}. Rows come back with
// camelCase keys and every scalar as a string ("id":"3711"), while filter and order
// keys are UPPER ("ID", ">ID"): a lower-case filter key is silently ignored, which
// is the quirk that breaks naive keyset paging (peers.md pain point 20).
func registerTasks(m methodTable) {
	m.add("tasks.task.add", taskAdd)
	m.add("tasks.task.get", taskGet)
	m.add("tasks.task.list", taskList)
	m.add("tasks.task.update", taskUpdate)
	m.add("tasks.task.delete", taskDelete)
}

// taskFieldLookup resolves select names, which the portal takes in either form.
func taskFieldLookup(t *table, name string) (int, bool) {
	if col, ok := t.byName[name]; ok {
		return col, true
	}
	col, ok := t.byCamel[name]
	return col, ok
}

func errTaskCore(desc string) *apiError {
	return newError(http.StatusBadRequest, "ERROR_CORE", desc)
}

func errTaskNotFound() *apiError {
	return errTaskCore("Task not found or access denied<br>")
}

// taskIDParam reads taskId (any case).
func taskIDParam(params *object) (int, bool) {
	return paramID(params, "taskid")
}

// createTask stores a task with the portal's defaults and records the write.
func createTask(c *call, t *table, fields *object, lookup fieldLookup) *record {
	rec := t.insert(nil)
	now := time.Now().In(c.loc).Format(isoLayout)
	uid := int64(c.p.userID)
	for _, kv := range []struct {
		k string
		v any
	}{
		{"TITLE", ""}, {"DESCRIPTION", ""}, {"STATUS", 2}, {"PRIORITY", 1},
		{"RESPONSIBLE_ID", uid}, {"CREATED_BY", uid}, {"CREATED_DATE", now},
		{"CHANGED_DATE", now}, {"GROUP_ID", 0}, {"UF_CRM_TASK", []any{}},
	} {
		t.setByName(rec, kv.k, kv.v, c.loc)
	}
	t.applyFields(rec, fields, lookup, c.loc, false)
	c.wrote(t, rec.id, "ADD")
	return rec
}

// updateTask applies fields; completing a task (status 5) stamps CLOSED_DATE.
func updateTask(c *call, t *table, rec *record, fields *object, lookup fieldLookup) {
	t.applyFields(rec, fields, lookup, c.loc, false)
	now := time.Now().In(c.loc).Format(isoLayout)
	t.setByName(rec, "CHANGED_DATE", now, c.loc)
	if status, _ := t.valueByName(rec, "STATUS").(int64); status == 5 && t.valueByName(rec, "CLOSED_DATE") == nil {
		t.setByName(rec, "CLOSED_DATE", now, c.loc)
	}
	c.wrote(t, rec.id, "UPDATE")
}

func taskAdd(c *call) (methodResult, *apiError) {
	params := foldKeys(c.params)
	t, aerr := c.table("task")
	if aerr != nil {
		return methodResult{}, aerr
	}
	fields, present, ok := paramObject(params, "fields")
	if !ok || !present {
		return methodResult{}, newError(http.StatusBadRequest, "100", "Could not find value for parameter {fields}")
	}
	if strings.TrimSpace(phpString(fields.value("TITLE"))) == "" {
		return methodResult{}, errTaskCore("Task title is not specified<br>")
	}
	rec := createTask(c, t, fields, byUpperName)
	return methodResult{result: objectOf("task", t.render(rec, t.allColumns(), viewTask))}, nil
}

// taskGet answers a missing-but-plausible id with an empty result rather than an
// error, as the portal does for tasks the user cannot see; a non-positive id is a
// 400.
func taskGet(c *call) (methodResult, *apiError) {
	params := foldKeys(c.params)
	t, aerr := c.table("task")
	if aerr != nil {
		return methodResult{}, aerr
	}
	id, ok := taskIDParam(params)
	if !ok {
		return methodResult{}, errTaskCore("Wrong task ID<br>")
	}
	rec := t.get(id)
	if rec == nil {
		return methodResult{result: newObject()}, nil
	}
	cols := selectColumns(t, params.value("select"), taskFieldLookup, false, true)
	return methodResult{result: objectOf("task", t.render(rec, cols, viewTask))}, nil
}

func taskList(c *call) (methodResult, *apiError) {
	params := foldKeys(c.params)
	t, aerr := c.table("task")
	if aerr != nil {
		return methodResult{}, aerr
	}
	filter, _, _ := paramObject(params, "filter")
	order, _, _ := paramObject(params, "order")
	g, aerr := compileFilter(t, filter, byUpperName, false, c.loc)
	if aerr != nil {
		return methodResult{}, aerr
	}
	keys, _ := compileOrder(t, order, byUpperName, false)
	offset, count := parseStart(params.value("start"))
	q := listQuery{filter: g, order: keys, offset: offset, count: count}
	page := t.list(q, c.loc)
	c.listed(t, q, page)
	cols := selectColumns(t, params.value("select"), taskFieldLookup, false, true)
	rows := make([]any, len(page.recs))
	for i, rec := range page.recs {
		rows[i] = t.render(rec, cols, viewTask)
	}
	return methodResult{result: objectOf("tasks", rows), hasTotal: true, total: page.total, next: page.next}, nil
}

func taskUpdate(c *call) (methodResult, *apiError) {
	params := foldKeys(c.params)
	t, aerr := c.table("task")
	if aerr != nil {
		return methodResult{}, aerr
	}
	id, ok := taskIDParam(params)
	if !ok {
		return methodResult{}, errTaskNotFound()
	}
	rec := t.get(id)
	if rec == nil {
		return methodResult{}, errTaskNotFound()
	}
	fields, present, ok := paramObject(params, "fields")
	if !ok || !present {
		return methodResult{}, newError(http.StatusBadRequest, "100", "Could not find value for parameter {fields}")
	}
	updateTask(c, t, rec, fields, byUpperName)
	return methodResult{result: objectOf("task", true)}, nil
}

func taskDelete(c *call) (methodResult, *apiError) {
	params := foldKeys(c.params)
	t, aerr := c.table("task")
	if aerr != nil {
		return methodResult{}, aerr
	}
	id, ok := taskIDParam(params)
	if !ok || !t.remove(id) {
		return methodResult{}, errTaskNotFound()
	}
	c.wrote(t, id, "DELETE")
	return methodResult{result: objectOf("task", true)}, nil
}
