package sandbox

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// isoLayout is the portal's datetime format: ISO-8601 with a numeric offset, never "Z".
const isoLayout = "2006-01-02T15:04:05-07:00"

// portalOffset is the portal's fixed UTC offset (Moscow time, common on real
// portals); a non-zero offset keeps clients honest about time zones.
const portalOffset = 3 * 60 * 60

// store holds all records of a portal. One mutex guards everything: method
// executions are microseconds long and the simulated cost is slept outside it, so
// concurrent requests still overlap.
type store struct {
	mu     sync.Mutex
	loc    *time.Location
	tables map[string]*table
}

func newStore() *store {
	s := &store{loc: time.FixedZone("", portalOffset), tables: map[string]*table{}}
	for _, spec := range allEntitySpecs() {
		s.tables[spec.name] = newTable(spec)
	}
	return s
}

// table returns the named table; callers hold mu.
func (s *store) table(name string) (*table, error) {
	t, ok := s.tables[name]
	if !ok {
		return nil, fmt.Errorf("sandbox: unknown entity %q", name)
	}
	return t, nil
}

// record is one stored entity: its values by column index (columns added later for
// new user fields may be missing from older records, which reads as nil).
type record struct {
	id   int
	cols []any
}

func (r *record) val(col int) any {
	if col < len(r.cols) {
		return r.cols[col]
	}
	return nil
}

func (r *record) setVal(col int, v any) {
	for len(r.cols) <= col {
		r.cols = append(r.cols, nil)
	}
	r.cols[col] = v
}

// table stores the records of one entity with a sorted id index, so id-range scans
// (the keyset paging every serious client does) are a binary search away.
type table struct {
	spec        *entitySpec
	fields      []*fieldDef
	byName      map[string]int
	byCamel     map[string]int
	sorted      []*record // by id
	byID        map[int]*record
	nextID      int
	nextMultiID int64
}

func newTable(spec *entitySpec) *table {
	t := &table{
		spec:        spec,
		byName:      map[string]int{},
		byCamel:     map[string]int{},
		byID:        map[int]*record{},
		nextID:      1,
		nextMultiID: 1,
	}
	for i := range spec.fields {
		t.addField(spec.fields[i])
	}
	return t
}

func (t *table) addField(f fieldDef) int {
	col := len(t.fields)
	t.fields = append(t.fields, &f)
	t.byName[f.name] = col
	if f.camel != "" {
		t.byCamel[f.camel] = col
	}
	return col
}

// userField returns the column of a user field, creating it on first use: the
// sandbox accepts any UF_ name instead of requiring userfield.add first.
func (t *table) userField(name string) int {
	if col, ok := t.byName[name]; ok {
		return col
	}
	camel := ufCamel(name)
	if t.spec.typeID == 0 {
		camel = ""
	}
	return t.addField(fieldDef{name: name, camel: camel, kind: kindAny, bxType: "string", title: name})
}

func (t *table) size() int { return len(t.sorted) }

func (t *table) get(id int) *record { return t.byID[id] }

// insert stores a new record under the next id and returns it.
func (t *table) insert(cols []any) *record {
	id := t.nextID
	t.nextID++
	rec := &record{id: id, cols: cols}
	rec.setVal(0, int64(id))
	t.byID[id] = rec
	// Ids only grow, so appending keeps the index sorted.
	t.sorted = append(t.sorted, rec)
	return rec
}

// remove deletes a record and reports whether it existed.
func (t *table) remove(id int) bool {
	if _, ok := t.byID[id]; !ok {
		return false
	}
	delete(t.byID, id)
	i := sort.Search(len(t.sorted), func(i int) bool { return t.sorted[i].id >= id })
	if i < len(t.sorted) && t.sorted[i].id == id {
		t.sorted = append(t.sorted[:i], t.sorted[i+1:]...)
	}
	return true
}

// fieldLookup resolves a client's field name to a column.
type fieldLookup func(t *table, name string) (int, bool)

// byUpperName resolves legacy UPPER_SNAKE names.
func byUpperName(t *table, name string) (int, bool) {
	col, ok := t.byName[name]
	return col, ok
}

// byCamelName resolves crm.item camelCase names (user fields as ufCrm_…).
func byCamelName(t *table, name string) (int, bool) {
	col, ok := t.byCamel[name]
	return col, ok
}

// applyFields writes client-supplied fields into rec. Unknown keys are ignored, as
// on the portal, except user-field names, which create the field. Read-only fields
// are ignored unless system is set (seeding).
func (t *table) applyFields(rec *record, fields *object, lookup fieldLookup, loc *time.Location, system bool) {
	for _, key := range fields.keys {
		col, ok := lookup(t, key)
		if !ok {
			uf, isUF := ufUpper(key)
			if !isUF {
				continue
			}
			col = t.userField(uf)
		}
		f := t.fields[col]
		if col == 0 || (f.readOnly() && !system) {
			continue
		}
		v := fields.vals[key]
		if f.kind == kindMultiField {
			rec.setVal(col, t.mergeMultiField(rec.val(col), v))
			continue
		}
		rec.setVal(col, normalizeValue(f, v, loc))
	}
}

// setByName stores a value by UPPER name (creating user fields), for portal code.
func (t *table) setByName(rec *record, name string, v any, loc *time.Location) {
	col, ok := t.byName[name]
	if !ok {
		if !strings.HasPrefix(name, "UF_") {
			return
		}
		col = t.userField(name)
	}
	f := t.fields[col]
	if f.kind == kindMultiField {
		rec.setVal(col, t.mergeMultiField(rec.val(col), v))
		return
	}
	rec.setVal(col, normalizeValue(f, v, loc))
}

// valueByName reads a value by UPPER name.
func (t *table) valueByName(rec *record, name string) any {
	if col, ok := t.byName[name]; ok {
		return rec.val(col)
	}
	return nil
}

// normalizeValue converts client input to the stored form of f.
func normalizeValue(f *fieldDef, v any, loc *time.Location) any {
	if f.multiple() {
		list := listOrSingle(v)
		out := make([]any, 0, len(list))
		for _, e := range list {
			if n := normalizeScalar(f.kind, e, loc); n != nil {
				out = append(out, n)
			}
		}
		return out
	}
	if f.kind == kindAny {
		if list, ok := asList(v); ok {
			out := make([]any, 0, len(list))
			for _, e := range list {
				out = append(out, phpString(e))
			}
			return out
		}
	}
	return normalizeScalar(f.kind, v, loc)
}

func normalizeScalar(k kind, v any, loc *time.Location) any {
	if v == nil {
		return nil
	}
	if _, ok := v.(*object); ok {
		v = phpString(v)
	}
	if _, ok := v.([]any); ok {
		v = phpString(v)
	}
	switch k {
	case kindInt:
		if s, ok := v.(string); ok && strings.TrimSpace(s) == "" {
			return nil
		}
		return phpInt(v)
	case kindFloat:
		if s, ok := v.(string); ok && strings.TrimSpace(s) == "" {
			return nil
		}
		return phpFloat(v)
	case kindChar:
		if truthy(v) {
			return "Y"
		}
		return "N"
	case kindBool:
		return truthy(v)
	case kindDateTime:
		s := phpString(v)
		if s == "" {
			return nil
		}
		if isPortalISO(s, loc) {
			return s
		}
		if tm, ok := parseDateTime(s, loc); ok {
			return tm.In(loc).Format(isoLayout)
		}
		return s
	}
	return phpString(v)
}

// isPortalISO reports whether s is already in the portal's format and offset
// ("2024-01-01T09:00:00+03:00"), so storing it needs no parse and re-format; this
// keeps seeding large tables fast.
func isPortalISO(s string, loc *time.Location) bool {
	const pattern = "dddd-dd-ddTdd:dd:dd+dd:dd"
	if len(s) != len(pattern) {
		return false
	}
	for i := 0; i < len(pattern); i++ {
		switch pattern[i] {
		case 'd':
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		case '+':
			if s[i] != '+' && s[i] != '-' {
				return false
			}
		default:
			if s[i] != pattern[i] {
				return false
			}
		}
	}
	offset := (int(s[20]-'0')*10+int(s[21]-'0'))*3600 + (int(s[23]-'0')*10+int(s[24]-'0'))*60
	if s[19] == '-' {
		offset = -offset
	}
	_, want := time.Unix(0, 0).In(loc).Zone()
	if offset != want {
		return false
	}
	_, err := time.Parse(isoLayout, s) // rejects impossible dates such as month 13
	return err == nil
}

// parseDateTime reads the date formats clients send: RFC 3339 (with or without
// fraction), local ISO without offset, "YYYY-MM-DD HH:MM:SS", "YYYY-MM-DD" and the
// portal's display format "DD.MM.YYYY[ HH:MM:SS]".
func parseDateTime(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if tm, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return tm, true
	}
	for _, layout := range []string{
		"2006-01-02T15:04:05", "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05",
		"2006-01-02T15:04", "2006-01-02", "02.01.2006 15:04:05", "02.01.2006",
	} {
		if tm, err := time.ParseInLocation(layout, s, loc); err == nil {
			return tm, true
		}
	}
	return time.Time{}, false
}

// mergeMultiField applies PHONE/EMAIL input the way the portal does: items with an
// ID update (or, with DELETE=Y or an empty VALUE, remove) the existing item; items
// without one are appended.
func (t *table) mergeMultiField(existing, input any) any {
	cur, _ := existing.([]any)
	out := append([]any(nil), cur...)
	for _, raw := range listOrSingle(input) {
		in, ok := asObject(raw)
		if !ok {
			in = objectOf("VALUE", phpString(raw))
		}
		value := phpString(in.value("VALUE"))
		valueType := phpString(in.value("VALUE_TYPE"))
		if valueType == "" {
			valueType = "WORK"
		}
		if id := phpInt(in.value("ID")); id > 0 {
			for i, e := range out {
				item := e.(*object)
				if item.value("ID") != id {
					continue
				}
				if truthy(in.value("DELETE")) || value == "" {
					out = append(out[:i], out[i+1:]...)
				} else {
					item.set("VALUE", value)
					item.set("VALUE_TYPE", valueType)
				}
				break
			}
			continue
		}
		if value == "" {
			continue
		}
		out = append(out, objectOf("ID", t.nextMultiID, "VALUE_TYPE", valueType, "VALUE", value))
		t.nextMultiID++
	}
	return out
}

// view selects how a record is rendered.
type view uint8

const (
	viewLegacy view = iota // crm.deal.* etc.: UPPER keys, every scalar a string
	viewUser               // user.*: UPPER keys, strings, ACTIVE a boolean, departments ints
	viewItem               // crm.item.*: camelCase keys, real numbers
	viewTask               // tasks.task.*: camelCase keys, every scalar a string
	viewV3                 // REST v3: camelCase keys, real numbers
)

func (vw view) camel() bool { return vw == viewItem || vw == viewTask || vw == viewV3 }

// render builds the response object for rec with the given columns.
func (t *table) render(rec *record, cols []int, vw view) *object {
	o := newObject()
	for _, col := range cols {
		f := t.fields[col]
		key := f.name
		if vw.camel() {
			if f.camel == "" {
				continue
			}
			key = f.camel
		}
		o.set(key, renderValue(f, rec.val(col), vw))
	}
	return o
}

func renderValue(f *fieldDef, v any, vw view) any {
	if v == nil {
		return nil
	}
	if list, ok := v.([]any); ok {
		out := make([]any, len(list))
		for i, e := range list {
			out[i] = renderScalar(f, e, vw, true)
		}
		return out
	}
	return renderScalar(f, v, vw, false)
}

func renderScalar(f *fieldDef, v any, vw view, inList bool) any {
	switch t := v.(type) {
	case int64:
		if vw == viewItem || vw == viewV3 || (inList && vw != viewTask) {
			return t
		}
		return strconv.FormatInt(t, 10)
	case float64:
		if vw == viewItem || vw == viewV3 {
			return t
		}
		return strconv.FormatFloat(t, 'f', 2, 64)
	case bool:
		if vw == viewLegacy || vw == viewTask {
			if t {
				return "Y"
			}
			return "N"
		}
		return t
	case *object:
		// A PHONE/EMAIL item: the legacy view has string ids.
		out := newObject()
		for _, k := range t.keys {
			out.set(k, renderScalar(f, t.vals[k], viewLegacy, false))
		}
		return out
	}
	return v
}

// allColumns lists every column, in schema order.
func (t *table) allColumns() []int {
	cols := make([]int, len(t.fields))
	for i := range cols {
		cols[i] = i
	}
	return cols
}

// nowISO is the current time in the portal's format.
func nowISO(loc *time.Location) string { return time.Now().In(loc).Format(isoLayout) }
