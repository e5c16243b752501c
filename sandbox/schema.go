package sandbox

import "strings"

// kind is how the sandbox stores, compares and renders a field's value.
type kind uint8

const (
	kindInt        kind = iota + 1 // int64
	kindFloat                      // float64; legacy views print two decimals
	kindString                     // string
	kindChar                       // "Y" / "N"
	kindDateTime                   // ISO-8601 string with the portal's offset
	kindBool                       // bool (user ACTIVE is a real JSON boolean)
	kindMultiField                 // PHONE / EMAIL: list of {ID, VALUE_TYPE, VALUE, TYPE_ID}
	kindAny                        // user fields created on the fly: strings or lists of strings
)

// fieldFlag marks a field's properties as reported by *.fields.
type fieldFlag uint8

const (
	flagRequired fieldFlag = 1 << iota
	flagReadOnly
	flagMultiple
	flagNoStar // not returned by select "*" in legacy lists (multiple fields)
)

// fieldDef describes one field of an entity.
type fieldDef struct {
	name   string // UPPER_SNAKE, as legacy methods and tasks' filters use it
	camel  string // crm.item / tasks view name; "" hides the field there
	kind   kind
	bxType string // type name reported by *.fields
	title  string
	flags  fieldFlag
}

func (f *fieldDef) multiple() bool { return f.flags&flagMultiple != 0 }
func (f *fieldDef) readOnly() bool { return f.flags&flagReadOnly != 0 }
func (f *fieldDef) isUF() bool     { return strings.HasPrefix(f.name, "UF_") }

// entitySpec describes an entity type the portal stores.
type entitySpec struct {
	name        string // "deal", "task", ...
	typeID      int    // CRM entityTypeId; 0 for non-CRM entities
	eventPrefix string // "ONCRMDEAL"; "" when the entity fires no events
	fields      []fieldDef
}

func fd(name, camel string, k kind, bxType, title string, flags ...fieldFlag) fieldDef {
	f := fieldDef{name: name, camel: camel, kind: k, bxType: bxType, title: title}
	for _, fl := range flags {
		f.flags |= fl
	}
	return f
}

// Common CRM fields shared by several entities.
func crmAuditFields() []fieldDef {
	return []fieldDef{
		fd("ASSIGNED_BY_ID", "assignedById", kindInt, "user", "Responsible person"),
		fd("CREATED_BY_ID", "createdBy", kindInt, "user", "Created by", flagReadOnly),
		fd("MODIFY_BY_ID", "updatedBy", kindInt, "user", "Modified by", flagReadOnly),
		fd("DATE_CREATE", "createdTime", kindDateTime, "datetime", "Created on", flagReadOnly),
		fd("DATE_MODIFY", "updatedTime", kindDateTime, "datetime", "Modified on", flagReadOnly),
		fd("OPENED", "opened", kindChar, "char", "Available to everyone"),
		fd("COMMENTS", "comments", kindString, "string", "Comment"),
	}
}

func crmContactFields() []fieldDef {
	return []fieldDef{
		fd("PHONE", "", kindMultiField, "crm_multifield", "Phone", flagMultiple, flagNoStar),
		fd("EMAIL", "", kindMultiField, "crm_multifield", "E-mail", flagMultiple, flagNoStar),
	}
}

func idField() fieldDef {
	return fd("ID", "id", kindInt, "integer", "ID", flagReadOnly)
}

func dealSpec() *entitySpec {
	fields := []fieldDef{
		idField(),
		fd("TITLE", "title", kindString, "string", "Name"),
		fd("TYPE_ID", "typeId", kindString, "crm_status", "Type"),
		fd("CATEGORY_ID", "categoryId", kindInt, "crm_category", "Pipeline"),
		fd("STAGE_ID", "stageId", kindString, "crm_status", "Deal stage"),
		fd("PROBABILITY", "probability", kindInt, "integer", "Probability"),
		fd("CURRENCY_ID", "currencyId", kindString, "crm_currency", "Currency"),
		fd("OPPORTUNITY", "opportunity", kindFloat, "double", "Amount"),
		fd("TAX_VALUE", "taxValue", kindFloat, "double", "Tax rate"),
		fd("COMPANY_ID", "companyId", kindInt, "crm_company", "Company"),
		fd("CONTACT_ID", "contactId", kindInt, "crm_contact", "Contact"),
		fd("CONTACT_IDS", "contactIds", kindInt, "crm_contact", "Contacts", flagMultiple, flagNoStar),
		fd("LEAD_ID", "leadId", kindInt, "crm_lead", "Lead"),
		fd("BEGINDATE", "begindate", kindDateTime, "date", "Start date"),
		fd("CLOSEDATE", "closedate", kindDateTime, "date", "Expected close date"),
		fd("CLOSED", "closed", kindChar, "char", "Closed"),
		fd("SOURCE_ID", "sourceId", kindString, "crm_status", "Source"),
		fd("SOURCE_DESCRIPTION", "sourceDescription", kindString, "string", "Source information"),
	}
	fields = append(fields, crmAuditFields()...)
	fields = append(fields,
		fd("UF_CRM_1700000000", "ufCrm_1700000000", kindAny, "string", "External reference"))
	return &entitySpec{name: "deal", typeID: 2, eventPrefix: "ONCRMDEAL", fields: fields}
}

func leadSpec() *entitySpec {
	fields := []fieldDef{
		idField(),
		fd("TITLE", "title", kindString, "string", "Lead name"),
		fd("NAME", "name", kindString, "string", "First name"),
		fd("SECOND_NAME", "secondName", kindString, "string", "Second name"),
		fd("LAST_NAME", "lastName", kindString, "string", "Last name"),
		fd("COMPANY_TITLE", "companyTitle", kindString, "string", "Company name"),
		fd("POST", "post", kindString, "string", "Position"),
		fd("STATUS_ID", "stageId", kindString, "crm_status", "Status"),
		fd("SOURCE_ID", "sourceId", kindString, "crm_status", "Source"),
		fd("CURRENCY_ID", "currencyId", kindString, "crm_currency", "Currency"),
		fd("OPPORTUNITY", "opportunity", kindFloat, "double", "Amount"),
		fd("COMPANY_ID", "companyId", kindInt, "crm_company", "Company"),
		fd("CONTACT_ID", "contactId", kindInt, "crm_contact", "Contact"),
	}
	fields = append(fields, crmAuditFields()...)
	fields = append(fields, crmContactFields()...)
	return &entitySpec{name: "lead", typeID: 1, eventPrefix: "ONCRMLEAD", fields: fields}
}

func contactSpec() *entitySpec {
	fields := []fieldDef{
		idField(),
		fd("HONORIFIC", "honorific", kindString, "crm_status", "Salutation"),
		fd("NAME", "name", kindString, "string", "First name"),
		fd("SECOND_NAME", "secondName", kindString, "string", "Second name"),
		fd("LAST_NAME", "lastName", kindString, "string", "Last name"),
		fd("POST", "post", kindString, "string", "Position"),
		fd("TYPE_ID", "typeId", kindString, "crm_status", "Contact type"),
		fd("SOURCE_ID", "sourceId", kindString, "crm_status", "Source"),
		fd("COMPANY_ID", "companyId", kindInt, "crm_company", "Company"),
		fd("BIRTHDATE", "birthdate", kindDateTime, "date", "Date of birth"),
	}
	fields = append(fields, crmAuditFields()...)
	fields = append(fields, crmContactFields()...)
	return &entitySpec{name: "contact", typeID: 3, eventPrefix: "ONCRMCONTACT", fields: fields}
}

func companySpec() *entitySpec {
	fields := []fieldDef{
		idField(),
		fd("TITLE", "title", kindString, "string", "Company name", flagRequired),
		fd("COMPANY_TYPE", "typeId", kindString, "crm_status", "Company type"),
		fd("INDUSTRY", "industry", kindString, "crm_status", "Industry"),
		fd("EMPLOYEES", "employees", kindString, "crm_status", "Employees"),
		fd("REVENUE", "revenue", kindFloat, "double", "Annual revenue"),
		fd("CURRENCY_ID", "currencyId", kindString, "crm_currency", "Currency"),
	}
	fields = append(fields, crmAuditFields()...)
	fields = append(fields, crmContactFields()...)
	return &entitySpec{name: "company", typeID: 4, eventPrefix: "ONCRMCOMPANY", fields: fields}
}

func taskSpec() *entitySpec {
	return &entitySpec{name: "task", eventPrefix: "ONTASK", fields: []fieldDef{
		idField(),
		fd("TITLE", "title", kindString, "string", "Name", flagRequired),
		fd("DESCRIPTION", "description", kindString, "string", "Description"),
		fd("STATUS", "status", kindInt, "enum", "Status"),
		fd("PRIORITY", "priority", kindInt, "enum", "Priority"),
		fd("RESPONSIBLE_ID", "responsibleId", kindInt, "integer", "Assignee", flagRequired),
		fd("CREATED_BY", "createdBy", kindInt, "integer", "Created by"),
		fd("CREATED_DATE", "createdDate", kindDateTime, "datetime", "Created on", flagReadOnly),
		fd("CHANGED_DATE", "changedDate", kindDateTime, "datetime", "Modified on", flagReadOnly),
		fd("CLOSED_DATE", "closedDate", kindDateTime, "datetime", "Completed on", flagReadOnly),
		fd("DEADLINE", "deadline", kindDateTime, "datetime", "Deadline"),
		fd("GROUP_ID", "groupId", kindInt, "integer", "Project"),
		fd("PARENT_ID", "parentId", kindInt, "integer", "Parent task"),
		fd("UF_CRM_TASK", "ufCrmTask", kindString, "crm", "CRM items", flagMultiple),
	}}
}

func userSpec() *entitySpec {
	return &entitySpec{name: "user", eventPrefix: "ONUSER", fields: []fieldDef{
		idField(),
		fd("ACTIVE", "active", kindBool, "boolean", "Active"),
		fd("NAME", "name", kindString, "string", "First name"),
		fd("LAST_NAME", "lastName", kindString, "string", "Last name"),
		fd("SECOND_NAME", "secondName", kindString, "string", "Second name"),
		fd("EMAIL", "email", kindString, "string", "E-mail"),
		fd("LAST_LOGIN", "lastLogin", kindDateTime, "datetime", "Last login"),
		fd("DATE_REGISTER", "dateRegister", kindDateTime, "datetime", "Registered on"),
		fd("IS_ONLINE", "isOnline", kindChar, "char", "Online"),
		fd("TIME_ZONE", "timeZone", kindString, "string", "Time zone"),
		fd("PERSONAL_GENDER", "personalGender", kindString, "string", "Gender"),
		fd("PERSONAL_BIRTHDAY", "personalBirthday", kindString, "string", "Date of birth"),
		fd("WORK_POSITION", "workPosition", kindString, "string", "Position"),
		fd("UF_DEPARTMENT", "ufDepartment", kindInt, "integer", "Departments", flagMultiple),
		fd("USER_TYPE", "userType", kindString, "string", "User type"),
	}}
}

func timelineCommentSpec() *entitySpec {
	return &entitySpec{name: "timeline_comment", eventPrefix: "ONCRMTIMELINECOMMENT", fields: []fieldDef{
		idField(),
		fd("ENTITY_ID", "entityId", kindInt, "integer", "Entity ID", flagRequired),
		fd("ENTITY_TYPE", "entityType", kindString, "string", "Entity type", flagRequired),
		fd("COMMENT", "comment", kindString, "string", "Comment", flagRequired),
		fd("AUTHOR_ID", "authorId", kindInt, "user", "Author"),
		fd("CREATED", "created", kindDateTime, "datetime", "Created on", flagReadOnly),
	}}
}

func notifySpec() *entitySpec {
	return &entitySpec{name: "notify", fields: []fieldDef{
		idField(),
		fd("USER_ID", "userId", kindInt, "integer", "Recipient", flagRequired),
		fd("MESSAGE", "message", kindString, "string", "Message", flagRequired),
		fd("TYPE", "type", kindString, "string", "Type"),
		fd("AUTHOR_ID", "authorId", kindInt, "integer", "Author"),
		fd("DATE_CREATE", "dateCreate", kindDateTime, "datetime", "Created on", flagReadOnly),
	}}
}

// allEntitySpecs lists every entity the portal stores.
func allEntitySpecs() []*entitySpec {
	return []*entitySpec{
		dealSpec(), contactSpec(), companySpec(), leadSpec(),
		taskSpec(), userSpec(), timelineCommentSpec(), notifySpec(),
	}
}

// crmEntityByTypeID maps crm.item's entityTypeId to an entity name.
func crmEntityByTypeID(id int64) (string, bool) {
	switch id {
	case 1:
		return "lead", true
	case 2:
		return "deal", true
	case 3:
		return "contact", true
	case 4:
		return "company", true
	}
	return "", false
}

// ufCamel converts a CRM user-field name to crm.item's camelCase form:
// UF_CRM_1700000000 → ufCrm_1700000000 (the entity prefix UF_CRM becomes ufCrm and
// the suffix is kept).
func ufCamel(name string) string {
	if rest, ok := strings.CutPrefix(name, "UF_CRM_"); ok {
		return "ufCrm_" + rest
	}
	if rest, ok := strings.CutPrefix(name, "UF_"); ok {
		return "uf_" + rest
	}
	return name
}

// ufUpper is ufCamel's inverse; ok is false when name is not a user-field name.
func ufUpper(name string) (string, bool) {
	if rest, ok := strings.CutPrefix(name, "ufCrm_"); ok && rest != "" {
		return "UF_CRM_" + rest, true
	}
	if strings.HasPrefix(name, "UF_") && len(name) > 3 {
		return name, true
	}
	return "", false
}
