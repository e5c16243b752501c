package sandbox

import "net/http"

// registerCRMItem adds crm.item.{list,get,add,update,delete,fields}: a camelCase
// view of the same records the legacy methods see, with real numbers, results
// wrapped in {"items": …} / {"item": …}, and strict filter and order fields.
func registerCRMItem(m methodTable) {
	m.add("crm.item.list", crmItemList)
	m.add("crm.item.get", crmItemGet)
	m.add("crm.item.add", crmItemAdd)
	m.add("crm.item.update", crmItemUpdate)
	m.add("crm.item.delete", crmItemDelete)
	m.add("crm.item.fields", crmItemFields)
}

// itemTable resolves entityTypeId to a table.
func itemTable(c *call) (*table, *apiError) {
	name, ok := crmEntityByTypeID(phpInt(c.params.value("entityTypeId")))
	if !ok {
		return nil, errSmartProcessNotFound()
	}
	return c.table(name)
}

// itemView renders a record for crm.item, adding entityTypeId as the portal does.
// With useOriginalUfNames=Y user fields keep their UF_CRM_… names.
func itemView(c *call, t *table, rec *record, cols []int) *object {
	o := t.render(rec, cols, viewItem)
	if truthy(c.params.value("useOriginalUfNames")) {
		renamed := newObject()
		for _, k := range o.keys {
			name := k
			if col, ok := t.byCamel[k]; ok && t.fields[col].isUF() {
				name = t.fields[col].name
			}
			renamed.set(name, o.vals[k])
		}
		o = renamed
	}
	o.set("entityTypeId", t.spec.typeID)
	return o
}

func crmItemList(c *call) (methodResult, *apiError) {
	t, aerr := itemTable(c)
	if aerr != nil {
		return methodResult{}, aerr
	}
	filter, _, _ := paramObject(c.params, "filter")
	order, _, _ := paramObject(c.params, "order")
	g, aerr := compileFilter(t, filter, byCamelName, true, c.loc)
	if aerr != nil {
		return methodResult{}, aerr
	}
	keys, aerr := compileOrder(t, order, byCamelName, true)
	if aerr != nil {
		return methodResult{}, aerr
	}
	offset, count := parseStart(c.params.value("start"))
	q := listQuery{filter: g, order: keys, offset: offset, count: count}
	page := t.list(q, c.loc)
	c.listed(t, q, page)
	cols := selectColumns(t, c.params.value("select"), byCamelName, false, true)
	items := make([]any, len(page.recs))
	for i, rec := range page.recs {
		items[i] = itemView(c, t, rec, cols)
	}
	return methodResult{result: objectOf("items", items), hasTotal: true, total: page.total, next: page.next}, nil
}

func crmItemGet(c *call) (methodResult, *apiError) {
	t, aerr := itemTable(c)
	if aerr != nil {
		return methodResult{}, aerr
	}
	id, ok := paramID(c.params, "id")
	if !ok {
		return methodResult{}, errItemNotFound()
	}
	rec := t.get(id)
	if rec == nil {
		return methodResult{}, errItemNotFound()
	}
	return methodResult{result: objectOf("item", itemView(c, t, rec, t.allColumns()))}, nil
}

func crmItemAdd(c *call) (methodResult, *apiError) {
	t, aerr := itemTable(c)
	if aerr != nil {
		return methodResult{}, aerr
	}
	fields, _, ok := paramObject(c.params, "fields")
	if !ok {
		return methodResult{}, newError(http.StatusBadRequest, "ERROR_ARGUMENT", "Parameter 'fields' must be array.")
	}
	rec := createCRMRecord(c, t, fields, byCamelName)
	return methodResult{result: objectOf("item", itemView(c, t, rec, t.allColumns()))}, nil
}

func crmItemUpdate(c *call) (methodResult, *apiError) {
	t, aerr := itemTable(c)
	if aerr != nil {
		return methodResult{}, aerr
	}
	id, ok := paramID(c.params, "id")
	if !ok {
		return methodResult{}, errItemNotFound()
	}
	rec := t.get(id)
	if rec == nil {
		return methodResult{}, errItemNotFound()
	}
	fields, _, ok := paramObject(c.params, "fields")
	if !ok {
		return methodResult{}, newError(http.StatusBadRequest, "ERROR_ARGUMENT", "Parameter 'fields' must be array.")
	}
	updateCRMRecord(c, t, rec, fields, byCamelName)
	return methodResult{result: objectOf("item", itemView(c, t, rec, t.allColumns()))}, nil
}

func crmItemDelete(c *call) (methodResult, *apiError) {
	t, aerr := itemTable(c)
	if aerr != nil {
		return methodResult{}, aerr
	}
	id, ok := paramID(c.params, "id")
	if !ok || !t.remove(id) {
		return methodResult{}, errItemNotFound()
	}
	c.wrote(t, id, "DELETE")
	// PHP's empty array: the portal answers "result": [].
	return methodResult{result: newObject()}, nil
}

func crmItemFields(c *call) (methodResult, *apiError) {
	t, aerr := itemTable(c)
	if aerr != nil {
		return methodResult{}, aerr
	}
	out := newObject()
	for _, f := range t.fields {
		if f.camel != "" {
			out.set(f.camel, fieldDescription(f, true))
		}
	}
	return methodResult{result: objectOf("fields", out)}, nil
}
