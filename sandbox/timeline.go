package sandbox

import (
	"strings"
	"time"
)

// registerTimeline adds crm.timeline.comment.{add,get,list,update,delete}. Since
// crm 23.100.0 these read only the lower-case `fields` key, so unlike other legacy
// CRM methods their parameter names are not case-folded.
func registerTimeline(m methodTable) {
	m.add("crm.timeline.comment.add", timelineAdd)
	m.add("crm.timeline.comment.get", timelineGet)
	m.add("crm.timeline.comment.list", timelineList)
	m.add("crm.timeline.comment.update", timelineUpdate)
	m.add("crm.timeline.comment.delete", timelineDelete)
}

// timelineTarget resolves ENTITY_TYPE/ENTITY_ID to an existing CRM record's table.
func timelineTarget(c *call, fields *object) *apiError {
	entity := strings.ToLower(strings.TrimSpace(phpString(fields.value("ENTITY_TYPE"))))
	switch entity {
	case "deal", "lead", "contact", "company":
	default:
		return errLegacy("ENTITY_TYPE is not defined or invalid.")
	}
	id, ok := paramID(fields, "ENTITY_ID")
	if !ok {
		return errLegacy("ENTITY_ID is not defined or invalid.")
	}
	t, aerr := c.table(entity)
	if aerr != nil {
		return aerr
	}
	if t.get(id) == nil {
		return errLegacyNotFound()
	}
	return nil
}

func timelineAdd(c *call) (methodResult, *apiError) {
	t, aerr := c.table("timeline_comment")
	if aerr != nil {
		return methodResult{}, aerr
	}
	fields, present, ok := paramObject(c.params, "fields")
	if !ok || !present {
		return methodResult{}, errLegacy("Parameter 'fields' must be array.")
	}
	if aerr := timelineTarget(c, fields); aerr != nil {
		return methodResult{}, aerr
	}
	if strings.TrimSpace(phpString(fields.value("COMMENT"))) == "" {
		return methodResult{}, errLegacy("COMMENT is not defined or empty.")
	}
	rec := t.insert(nil)
	t.setByName(rec, "AUTHOR_ID", int64(c.p.userID), c.loc)
	t.setByName(rec, "CREATED", time.Now().In(c.loc).Format(isoLayout), c.loc)
	t.applyFields(rec, fields, byUpperName, c.loc, false)
	t.setByName(rec, "ENTITY_TYPE", strings.ToLower(phpString(fields.value("ENTITY_TYPE"))), c.loc)
	c.wrote(t, rec.id, "ADD")
	return methodResult{result: rec.id}, nil
}

func timelineGet(c *call) (methodResult, *apiError) {
	t, id, aerr := c.legacyTarget("timeline_comment", c.params)
	if aerr != nil {
		return methodResult{}, aerr
	}
	rec := t.get(id)
	if rec == nil {
		return methodResult{}, errLegacyNotFound()
	}
	return methodResult{result: t.render(rec, t.allColumns(), viewLegacy)}, nil
}

func timelineList(c *call) (methodResult, *apiError) {
	t, aerr := c.table("timeline_comment")
	if aerr != nil {
		return methodResult{}, aerr
	}
	filter, _, _ := paramObject(c.params, "filter")
	order, _, _ := paramObject(c.params, "order")
	g, aerr := compileFilter(t, filter, byUpperName, false, c.loc)
	if aerr != nil {
		return methodResult{}, aerr
	}
	keys, _ := compileOrder(t, order, byUpperName, false)
	offset, count := parseStart(c.params.value("start"))
	q := listQuery{filter: g, order: keys, offset: offset, count: count}
	page := t.list(q, c.loc)
	c.listed(t, q, page)
	cols := selectColumns(t, c.params.value("select"), byUpperName, true, false)
	rows := make([]any, len(page.recs))
	for i, rec := range page.recs {
		rows[i] = t.render(rec, cols, viewLegacy)
	}
	return methodResult{result: rows, hasTotal: true, total: page.total, next: page.next}, nil
}

func timelineUpdate(c *call) (methodResult, *apiError) {
	t, id, aerr := c.legacyTarget("timeline_comment", c.params)
	if aerr != nil {
		return methodResult{}, aerr
	}
	rec := t.get(id)
	if rec == nil {
		return methodResult{}, errLegacyNotFound()
	}
	fields, present, ok := paramObject(c.params, "fields")
	if !ok || !present {
		return methodResult{}, errLegacy("Parameter 'fields' must be array.")
	}
	// Only the text can change; the comment stays on its entity.
	if v, ok := fields.get("COMMENT"); ok {
		t.setByName(rec, "COMMENT", v, c.loc)
	}
	c.wrote(t, id, "UPDATE")
	return methodResult{result: id}, nil
}

func timelineDelete(c *call) (methodResult, *apiError) {
	t, id, aerr := c.legacyTarget("timeline_comment", c.params)
	if aerr != nil {
		return methodResult{}, aerr
	}
	if !t.remove(id) {
		return methodResult{}, errLegacyNotFound()
	}
	c.wrote(t, id, "DELETE")
	return methodResult{result: true}, nil
}
