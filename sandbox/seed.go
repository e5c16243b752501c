package sandbox

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// seedEntities are the entities Seed can fill.
func seedEntities() []string {
	return []string{"deal", "contact", "company", "lead", "task", "user"}
}

// Seed adds n deterministic records of an entity: "deal", "contact", "company",
// "lead", "task" or "user". Ids continue from the current maximum and every value
// derives from the id, so the same sequence of Seed calls always yields the same
// data. Seeding is not an API write: it fires no events and is not in Stats.
func (p *Portal) Seed(entity string, n int) error {
	return p.SeedFunc(entity, n, nil)
}

// SeedFunc is Seed with a hook that may adjust each record's legacy (UPPER_SNAKE)
// fields before it is stored; i is the record's index within this call (0..n-1).
// Values may be strings, numbers, bools or []any / []map[string]any for multiple
// fields such as PHONE.
func (p *Portal) SeedFunc(entity string, n int, adjust func(i int, fields map[string]any)) error {
	gen := seedGenerator(entity)
	if gen == nil {
		return fmt.Errorf("sandbox: cannot seed %q; use one of %s", entity, strings.Join(seedEntities(), ", "))
	}
	if n < 0 {
		return fmt.Errorf("sandbox: seed count must not be negative, got %d", n)
	}
	p.data.mu.Lock()
	defer p.data.mu.Unlock()
	t := p.data.tables[entity]
	loc := p.data.loc
	for i := 0; i < n; i++ {
		id := t.nextID
		rec := t.insert(make([]any, 0, len(t.fields)))
		if adjust == nil {
			gen(id, func(name string, v any) { t.setByName(rec, name, v, loc) })
			continue
		}
		fields := map[string]any{}
		gen(id, func(name string, v any) { fields[name] = v })
		adjust(i, fields)
		delete(fields, "ID")
		for _, name := range sortedKeys(fields) {
			t.setByName(rec, name, seedValue(fields[name]), loc)
		}
	}
	return nil
}

// seedValue converts hook-supplied Go values into the request value model.
func seedValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		return sortedObject(t)
	case []map[string]any:
		out := make([]any, len(t))
		for i, m := range t {
			out[i] = sortedObject(m)
		}
		return out
	case []string:
		out := make([]any, len(t))
		for i, s := range t {
			out[i] = s
		}
		return out
	case []int:
		out := make([]any, len(t))
		for i, n := range t {
			out[i] = n
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = seedValue(e)
		}
		return out
	}
	return v
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// seedBase is the creation time of record #0; record #k was created k hours later.
func seedBase() time.Time {
	return time.Date(2024, 1, 1, 9, 0, 0, 0, time.FixedZone("", portalOffset))
}

func seedTime(k int) string { return seedBase().Add(time.Duration(k) * time.Hour).Format(isoLayout) }

// seedGenerator returns the field generator of an entity; it emits fields in a
// fixed order from the record id k (>= 1). Cyclic values start at their first
// entry for id 1, so deal #1 is in stage NEW.
func seedGenerator(entity string) func(k int, set func(string, any)) {
	firstNames := []string{"Anna", "Boris", "Clara", "Dmitri", "Elena", "Felix", "Galina", "Hugo", "Irina", "Jonas"}
	lastNames := []string{"Ivanova", "Smith", "Müller", "Petrov", "García", "Rossi", "Novak", "Weber", "Kowalski", "Dubois"}
	name := func(k int) (string, string) {
		return firstNames[(k-1)%len(firstNames)], lastNames[((k-1)/len(firstNames))%len(lastNames)]
	}
	email := func(first, last string, k int) string {
		return fmt.Sprintf("%s.%s.%d@example.com", strings.ToLower(first), strings.ToLower(asciiFold(last)), k)
	}
	phone := func(k int) string { return fmt.Sprintf("+1 555 %03d %04d", k%1000, (k*37)%10000) }
	audit := func(k int, set func(string, any)) {
		set("ASSIGNED_BY_ID", 1+(k-1)%5)
		set("CREATED_BY_ID", 1)
		set("MODIFY_BY_ID", 1)
		set("DATE_CREATE", seedTime(k))
		set("DATE_MODIFY", seedBase().Add(time.Duration(k)*time.Hour+30*time.Minute).Format(isoLayout))
		set("OPENED", "Y")
		set("COMMENTS", "")
	}
	multi := func(value string) []any { return []any{objectOf("VALUE", value, "VALUE_TYPE", "WORK")} }

	switch entity {
	case "deal":
		stages := []string{"NEW", "PREPARATION", "PREPAYMENT_INVOICE", "EXECUTING", "FINAL_INVOICE", "WON", "LOSE"}
		return func(k int, set func(string, any)) {
			stage := stages[(k-1)%len(stages)]
			set("TITLE", fmt.Sprintf("Deal #%d", k))
			set("TYPE_ID", "SALE")
			set("CATEGORY_ID", 0)
			set("STAGE_ID", stage)
			set("PROBABILITY", (k*13)%101)
			set("CURRENCY_ID", []string{"USD", "EUR"}[(k-1)%2])
			set("OPPORTUNITY", float64((k*7919)%1000000)/100+0.5)
			set("TAX_VALUE", 0.0)
			set("COMPANY_ID", 1+(k-1)%20)
			set("CONTACT_ID", 1+(k-1)%50)
			set("CONTACT_IDS", []any{1 + (k-1)%50})
			set("BEGINDATE", seedTime(k))
			set("CLOSEDATE", seedBase().AddDate(0, 0, 7).Add(time.Duration(k)*time.Hour).Format(isoLayout))
			closed := "N"
			if stage == "WON" || stage == "LOSE" {
				closed = "Y"
			}
			set("CLOSED", closed)
			set("SOURCE_ID", []string{"WEB", "CALL", "EMAIL"}[(k-1)%3])
			audit(k, set)
			set("UF_CRM_1700000000", fmt.Sprintf("REF-%05d", k))
		}
	case "lead":
		statuses := []string{"NEW", "IN_PROCESS", "PROCESSED", "CONVERTED", "JUNK"}
		return func(k int, set func(string, any)) {
			first, last := name(k)
			set("TITLE", fmt.Sprintf("Lead #%d", k))
			set("NAME", first)
			set("LAST_NAME", last)
			set("STATUS_ID", statuses[(k-1)%len(statuses)])
			set("SOURCE_ID", []string{"CALL", "WEB", "EMAIL"}[(k-1)%3])
			set("CURRENCY_ID", []string{"USD", "EUR"}[(k-1)%2])
			set("OPPORTUNITY", float64((k*4271)%500000)/100)
			audit(k, set)
			set("PHONE", multi(phone(k)))
			set("EMAIL", multi(email(first, last, k)))
		}
	case "contact":
		return func(k int, set func(string, any)) {
			first, last := name(k)
			set("NAME", first)
			set("LAST_NAME", last)
			set("POST", []string{"Manager", "Engineer", "Director", "Accountant"}[(k-1)%4])
			set("TYPE_ID", "CLIENT")
			set("SOURCE_ID", []string{"CALL", "WEB", "EMAIL"}[(k-1)%3])
			set("COMPANY_ID", 1+(k-1)%20)
			audit(k, set)
			set("PHONE", multi(phone(k)))
			set("EMAIL", multi(email(first, last, k)))
		}
	case "company":
		industries := []string{"IT", "MANUFACTURING", "BANKING", "CONSULTING", "DELIVERY"}
		return func(k int, set func(string, any)) {
			set("TITLE", fmt.Sprintf("Company #%d", k))
			set("COMPANY_TYPE", []string{"CUSTOMER", "PARTNER", "SUPPLIER"}[(k-1)%3])
			set("INDUSTRY", industries[(k-1)%len(industries)])
			set("EMPLOYEES", []string{"EMPLOYEES_1", "EMPLOYEES_2", "EMPLOYEES_3", "EMPLOYEES_4"}[(k-1)%4])
			set("REVENUE", float64((k*104729)%10000000)/100)
			set("CURRENCY_ID", []string{"USD", "EUR"}[(k-1)%2])
			audit(k, set)
			set("PHONE", multi(phone(k)))
			set("EMAIL", multi(fmt.Sprintf("info%d@company%d.example.com", k, k)))
		}
	case "task":
		return func(k int, set func(string, any)) {
			set("TITLE", fmt.Sprintf("Task #%d", k))
			set("DESCRIPTION", "")
			set("STATUS", []int{2, 3, 4, 5}[(k-1)%4])
			set("PRIORITY", 1)
			set("RESPONSIBLE_ID", 1+(k-1)%5)
			set("CREATED_BY", 1)
			set("CREATED_DATE", seedTime(k))
			set("CHANGED_DATE", seedTime(k))
			set("DEADLINE", seedBase().AddDate(0, 0, k).Format(isoLayout))
			set("GROUP_ID", 0)
			set("UF_CRM_TASK", []any{fmt.Sprintf("D_%d", 1+(k-1)%100)})
		}
	case "user":
		return func(k int, set func(string, any)) {
			first, last := name(k)
			set("ACTIVE", k%10 != 0)
			set("NAME", first)
			set("LAST_NAME", last)
			set("EMAIL", email(first, last, k))
			set("DATE_REGISTER", seedTime(k))
			set("IS_ONLINE", "N")
			set("TIME_ZONE", "")
			set("PERSONAL_GENDER", []string{"F", "M"}[k%2])
			set("WORK_POSITION", []string{"Manager", "Engineer", "Director", "Accountant"}[k%4])
			set("UF_DEPARTMENT", []any{1 + k%3})
			set("USER_TYPE", "employee")
		}
	}
	return nil
}

// asciiFold drops accents from the few non-ASCII letters in the seed names, so
// seeded e-mail addresses stay plain ASCII.
func asciiFold(s string) string {
	return strings.NewReplacer("ü", "u", "í", "i", "á", "a", "é", "e").Replace(s)
}
