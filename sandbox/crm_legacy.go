package sandbox

import (
	"strconv"
	"time"
)

// registerCRMLegacy adds crm.{deal,contact,company,lead}.{list,get,add,update,
// delete,fields}: UPPER_SNAKE keys, every scalar rendered as a string, errors as
// HTTP 400 with an empty code, and top-level parameter names in either case (the
// later of FILTER/filter silently wins).
func registerCRMLegacy(m methodTable) {
	for _, entity := range []string{"deal", "contact", "company", "lead"} {
		h := crmLegacy{entity: entity}
		prefix := "crm." + entity + "."
		m.add(prefix+"list", h.list)
		m.add(prefix+"get", h.get)
		m.add(prefix+"add", h.add)
		m.add(prefix+"update", h.update)
		m.add(prefix+"delete", h.delete)
		m.add(prefix+"fields", h.fields)
	}
}

// crmLegacy implements the legacy methods of one CRM entity.
type crmLegacy struct{ entity string }

func (h crmLegacy) list(c *call) (methodResult, *apiError) {
	params := foldKeys(c.params)
	t, aerr := c.table(h.entity)
	if aerr != nil {
		return methodResult{}, aerr
	}
	filter, _, ok := paramObject(params, "filter")
	if !ok {
		return methodResult{}, errLegacy("Parameter 'filter' must be array.")
	}
	order, _, ok := paramObject(params, "order")
	if !ok {
		return methodResult{}, errLegacy("Parameter 'order' must be array.")
	}
	g, aerr := compileFilter(t, filter, byUpperName, false, c.loc)
	if aerr != nil {
		return methodResult{}, aerr
	}
	keys, aerr := compileOrder(t, order, byUpperName, false)
	if aerr != nil {
		return methodResult{}, aerr
	}
	offset, count := parseStart(params.value("start"))
	q := listQuery{filter: g, order: keys, offset: offset, count: count}
	page := t.list(q, c.loc)
	c.listed(t, q, page)
	cols := selectColumns(t, params.value("select"), byUpperName, true, false)
	rows := make([]any, len(page.recs))
	for i, rec := range page.recs {
		rows[i] = t.render(rec, cols, viewLegacy)
	}
	return methodResult{result: rows, hasTotal: true, total: page.total, next: page.next}, nil
}

func (h crmLegacy) get(c *call) (methodResult, *apiError) {
	params := foldKeys(c.params)
	t, id, aerr := c.legacyTarget(h.entity, params)
	if aerr != nil {
		return methodResult{}, aerr
	}
	rec := t.get(id)
	if rec == nil {
		return methodResult{}, errLegacyNotFound()
	}
	return methodResult{result: t.render(rec, t.allColumns(), viewLegacy)}, nil
}

func (h crmLegacy) add(c *call) (methodResult, *apiError) {
	params := foldKeys(c.params)
	t, aerr := c.table(h.entity)
	if aerr != nil {
		return methodResult{}, aerr
	}
	fields, present, ok := paramObject(params, "fields")
	if !ok || !present {
		return methodResult{}, errLegacy("Parameter 'fields' must be array.")
	}
	rec := createCRMRecord(c, t, fields, byUpperName)
	return methodResult{result: rec.id}, nil
}

func (h crmLegacy) update(c *call) (methodResult, *apiError) {
	params := foldKeys(c.params)
	t, id, aerr := c.legacyTarget(h.entity, params)
	if aerr != nil {
		return methodResult{}, aerr
	}
	fields, present, ok := paramObject(params, "fields")
	if !ok || !present {
		return methodResult{}, errLegacy("Parameter 'fields' must be array.")
	}
	rec := t.get(id)
	if rec == nil {
		return methodResult{}, errLegacyNotFound()
	}
	updateCRMRecord(c, t, rec, fields, byUpperName)
	return methodResult{result: true}, nil
}

func (h crmLegacy) delete(c *call) (methodResult, *apiError) {
	params := foldKeys(c.params)
	t, id, aerr := c.legacyTarget(h.entity, params)
	if aerr != nil {
		return methodResult{}, aerr
	}
	if !t.remove(id) {
		return methodResult{}, errLegacyNotFound()
	}
	c.wrote(t, id, "DELETE")
	return methodResult{result: true}, nil
}

func (h crmLegacy) fields(c *call) (methodResult, *apiError) {
	t, aerr := c.table(h.entity)
	if aerr != nil {
		return methodResult{}, aerr
	}
	out := newObject()
	for _, f := range t.fields {
		out.set(f.name, fieldDescription(f, false))
	}
	return methodResult{result: out}, nil
}

// fieldDescription is one entry of *.fields.
func fieldDescription(f *fieldDef, withUpperName bool) *object {
	o := objectOf(
		"type", f.bxType,
		"isRequired", f.flags&flagRequired != 0,
		"isReadOnly", f.readOnly(),
		"isImmutable", f.name == "ID",
		"isMultiple", f.multiple(),
		"isDynamic", f.isUF(),
		"title", f.title,
	)
	if withUpperName {
		o.set("upperName", f.name)
	}
	return o
}

// createCRMRecord stores a new CRM record with the portal's defaults (title
// "Deal #id", first stage, assigned to the caller, …), applies the client's fields
// and records the write.
func createCRMRecord(c *call, t *table, fields *object, lookup fieldLookup) *record {
	rec := t.insert(nil)
	now := time.Now().In(c.loc)
	uid := int64(c.p.userID)
	sys := func(name string, v any) { t.setByName(rec, name, v, c.loc) }
	sys("CREATED_BY_ID", uid)
	sys("MODIFY_BY_ID", uid)
	sys("ASSIGNED_BY_ID", uid)
	sys("DATE_CREATE", now.Format(isoLayout))
	sys("DATE_MODIFY", now.Format(isoLayout))
	sys("OPENED", "Y")
	switch t.spec.name {
	case "deal":
		sys("CATEGORY_ID", 0)
		sys("STAGE_ID", "NEW")
		sys("TYPE_ID", "SALE")
		sys("CURRENCY_ID", "USD")
		sys("OPPORTUNITY", 0.0)
		sys("TAX_VALUE", 0.0)
		sys("COMPANY_ID", 0)
		sys("CONTACT_ID", 0)
		sys("CLOSED", "N")
		sys("BEGINDATE", now.Format("2006-01-02"))
		sys("CLOSEDATE", now.AddDate(0, 0, 7).Format("2006-01-02"))
	case "lead":
		sys("STATUS_ID", "NEW")
		sys("CURRENCY_ID", "USD")
		sys("OPPORTUNITY", 0.0)
	case "contact":
		sys("TYPE_ID", "CLIENT")
		sys("COMPANY_ID", 0)
	case "company":
		sys("COMPANY_TYPE", "CUSTOMER")
		sys("CURRENCY_ID", "USD")
	}
	t.applyFields(rec, fields, lookup, c.loc, false)
	if t.spec.name == "deal" {
		syncDealContacts(t, rec, fields, lookup)
	}
	if title, _ := t.valueByName(rec, "TITLE").(string); title == "" && t.spec.name != "contact" {
		sys("TITLE", defaultTitle(t.spec.name, rec.id))
	}
	c.wrote(t, rec.id, "ADD")
	return rec
}

// updateCRMRecord applies fields to an existing record and records the write.
func updateCRMRecord(c *call, t *table, rec *record, fields *object, lookup fieldLookup) {
	t.applyFields(rec, fields, lookup, c.loc, false)
	if t.spec.name == "deal" {
		syncDealContacts(t, rec, fields, lookup)
	}
	t.setByName(rec, "DATE_MODIFY", nowISO(c.loc), c.loc)
	t.setByName(rec, "MODIFY_BY_ID", int64(c.p.userID), c.loc)
	c.wrote(t, rec.id, "UPDATE")
}

// syncDealContacts keeps CONTACT_ID and CONTACT_IDS consistent the way the portal
// does: CONTACT_IDS wins when sent, CONTACT_ID alone becomes the only contact.
func syncDealContacts(t *table, rec *record, fields *object, lookup fieldLookup) {
	idsCol, _ := t.byName["CONTACT_IDS"]
	idCol, _ := t.byName["CONTACT_ID"]
	sentIDs, sentID := false, false
	for _, k := range fields.keys {
		if col, ok := lookup(t, k); ok {
			sentIDs = sentIDs || col == idsCol
			sentID = sentID || col == idCol
		}
	}
	switch {
	case sentIDs:
		ids, _ := rec.val(idsCol).([]any)
		if len(ids) > 0 {
			rec.setVal(idCol, ids[0])
		} else {
			rec.setVal(idCol, int64(0))
		}
	case sentID:
		if id, _ := rec.val(idCol).(int64); id > 0 {
			rec.setVal(idsCol, []any{id})
		} else {
			rec.setVal(idsCol, []any{})
		}
	}
}

func defaultTitle(entity string, id int) string {
	switch entity {
	case "deal":
		return "Deal #" + strconv.Itoa(id)
	case "lead":
		return "Lead #" + strconv.Itoa(id)
	case "company":
		return "Company #" + strconv.Itoa(id)
	}
	return ""
}
