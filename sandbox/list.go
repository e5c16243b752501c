package sandbox

import (
	"slices"
	"strings"
	"time"
)

// pageSize is the fixed page size of v1 list methods.
const pageSize = 50

// orderKey is one sort key of a list.
type orderKey struct {
	col  int
	desc bool
}

// listQuery is a compiled list request.
type listQuery struct {
	filter *filterGroup
	order  []orderKey
	offset int
	count  bool // start >= 0: count the total (and report next)
	limit  int
}

// listPage is one page of results.
type listPage struct {
	recs  []*record
	total int
	next  int // offset of the next page; 0 when there is none
}

// parseStart reads `start`: an offset, or any negative value (the docs' start=-1)
// to skip counting.
func parseStart(v any) (offset int, count bool) {
	if v == nil {
		return 0, true
	}
	n := phpInt(v)
	if n < 0 {
		return 0, false
	}
	return int(min(n, 1<<31)), true
}

// compileOrder reads an `order` object ({FIELD: "ASC"|"DESC"}) in key order.
func compileOrder(t *table, order *object, lookup fieldLookup, strict bool) ([]orderKey, *apiError) {
	var keys []orderKey
	for _, name := range order.keys {
		col, ok := lookup(t, name)
		if !ok {
			if strict {
				return nil, errInvalidOrderField(name)
			}
			continue
		}
		desc := strings.EqualFold(strings.TrimSpace(phpString(order.vals[name])), "DESC")
		keys = append(keys, orderKey{col: col, desc: desc})
	}
	return keys, nil
}

// list runs a query. Ordered by id (the default) it walks the sorted id index from
// the range the id conditions allow and stops after one page unless it has to
// count; when the id range is the whole filter, counting is arithmetic. Any other
// order collects the matches and sorts them.
func (t *table) list(q listQuery, loc *time.Location) listPage {
	if q.limit <= 0 {
		q.limit = pageSize
	}
	lo, hi, rangeOnly := q.filter.idRange(t)
	var page listPage
	if len(q.order) == 0 || (len(q.order) == 1 && q.order[0].col == 0) {
		desc := len(q.order) == 1 && q.order[0].desc
		page = t.scanByID(q, lo, hi, rangeOnly, desc, loc)
	} else {
		page = t.scanSorted(q, lo, hi, loc)
	}
	if q.count && q.offset+len(page.recs) < page.total {
		page.next = q.offset + q.limit
	}
	return page
}

func (t *table) scanByID(q listQuery, lo, hi int, rangeOnly, desc bool, loc *time.Location) listPage {
	var page listPage
	if rangeOnly {
		n := hi - lo
		from := min(q.offset, n)
		to := min(from+q.limit, n)
		page.recs = make([]*record, 0, to-from)
		for i := from; i < to; i++ {
			idx := lo + i
			if desc {
				idx = hi - 1 - i
			}
			page.recs = append(page.recs, t.sorted[idx])
		}
		if q.count {
			page.total = n
		}
		return page
	}
	matched := 0
	for i := 0; i < hi-lo; i++ {
		idx := lo + i
		if desc {
			idx = hi - 1 - i
		}
		rec := t.sorted[idx]
		if !q.filter.match(rec, loc) {
			continue
		}
		matched++
		if matched > q.offset && len(page.recs) < q.limit {
			page.recs = append(page.recs, rec)
		} else if !q.count && len(page.recs) >= q.limit {
			break
		}
	}
	if q.count {
		page.total = matched
	}
	return page
}

// sortKey is a precomputed comparable form of one value, so big sorts do not
// re-parse or re-lower-case values on every comparison.
type sortKey struct {
	null  bool
	isNum bool
	num   float64
	str   string
}

func makeSortKey(f *fieldDef, v any, loc *time.Location) sortKey {
	if list, ok := v.([]any); ok {
		if len(list) == 0 {
			return sortKey{null: true}
		}
		v = list[0]
	}
	if v == nil {
		return sortKey{null: true}
	}
	switch f.kind {
	case kindInt, kindFloat, kindBool:
		return sortKey{isNum: true, num: storedNumber(v)}
	case kindDateTime:
		if tm, ok := parseDateTime(storedString(v), loc); ok {
			return sortKey{isNum: true, num: float64(tm.UnixNano())}
		}
	}
	return sortKey{str: strings.ToLower(storedString(v))}
}

func (a sortKey) compare(b sortKey) int {
	switch {
	case a.null && b.null:
		return 0
	case a.null:
		return -1 // NULLs first in ascending order, as MySQL sorts them
	case b.null:
		return 1
	case a.isNum && b.isNum:
		return cmpFloat(a.num, b.num)
	}
	return strings.Compare(a.str, b.str)
}

func (t *table) scanSorted(q listQuery, lo, hi int, loc *time.Location) listPage {
	type row struct {
		rec  *record
		keys []sortKey
	}
	var rows []row
	for _, rec := range t.sorted[lo:hi] {
		if !q.filter.match(rec, loc) {
			continue
		}
		keys := make([]sortKey, len(q.order))
		for i, k := range q.order {
			keys[i] = makeSortKey(t.fields[k.col], rec.val(k.col), loc)
		}
		rows = append(rows, row{rec: rec, keys: keys})
	}
	slices.SortStableFunc(rows, func(a, b row) int {
		for i, k := range q.order {
			c := a.keys[i].compare(b.keys[i])
			if k.desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return 0 // stable: ties stay in id order
	})
	var page listPage
	from := min(q.offset, len(rows))
	to := min(from+q.limit, len(rows))
	for _, r := range rows[from:to] {
		page.recs = append(page.recs, r.rec)
	}
	if q.count {
		page.total = len(rows)
	}
	return page
}

// selectColumns resolves a `select` list. "*" means every field the view shows by
// default (legacy views leave out multiple fields), "UF_*" every user field; names
// not known are dropped; alwaysID puts the id first, as crm.item and tasks do.
func selectColumns(t *table, sel any, lookup fieldLookup, legacyStar, alwaysID bool) []int {
	names := listOrSingle(sel)
	if len(names) == 0 {
		names = []any{"*"}
		if legacyStar {
			names = append(names, "UF_*")
		}
	}
	seen := map[int]bool{}
	var cols []int
	add := func(col int) {
		if !seen[col] {
			seen[col] = true
			cols = append(cols, col)
		}
	}
	if alwaysID {
		add(0)
	}
	for _, raw := range names {
		name := strings.TrimSpace(phpString(raw))
		switch {
		case name == "*":
			for col, f := range t.fields {
				if legacyStar && (f.flags&flagNoStar != 0 || f.isUF()) {
					continue
				}
				add(col)
			}
		case name == "UF_*" || name == "uf*" || name == "ufCrm*":
			for col, f := range t.fields {
				if f.isUF() {
					add(col)
				}
			}
		default:
			if col, ok := lookup(t, name); ok {
				add(col)
			}
		}
	}
	return cols
}
