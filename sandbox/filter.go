package sandbox

import (
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// filterOp is a filter operator; on the wire it prefixes the field name
// (b24-rest-facts.md §6.4).
type filterOp uint8

const (
	opEq         filterOp = iota // "" or "="; with a list value it means IN
	opNe                         // "!" or "!="
	opGt                         // ">"
	opGe                         // ">="
	opLt                         // "<"
	opLe                         // "<="
	opLike                       // "%": case-insensitive substring
	opNotLike                    // "!%"
	opPattern                    // "=%" / "%=": LIKE with % and _ wildcards in the value
	opNotPattern                 // "!=%" / "!%="
	opIn                         // "@"
	opNotIn                      // "!@"
)

// splitOperator separates the operator prefix from a filter key; longer prefixes
// are tried first so "!=%" is not read as "!".
func splitOperator(key string) (filterOp, string) {
	prefixes := []struct {
		p  string
		op filterOp
	}{
		{"!=%", opNotPattern}, {"!%=", opNotPattern}, {"=%", opPattern}, {"%=", opPattern},
		{"!@", opNotIn}, {"!%", opNotLike}, {"!=", opNe}, {">=", opGe}, {"<=", opLe},
		{">", opGt}, {"<", opLt}, {"@", opIn}, {"%", opLike}, {"=", opEq}, {"!", opNe},
	}
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(key, p.p); ok {
			return p.op, rest
		}
	}
	return opEq, key
}

// positive maps a negated operator to the one it negates.
func (op filterOp) positive() (filterOp, bool) {
	switch op {
	case opNe:
		return opEq, true
	case opNotLike:
		return opLike, true
	case opNotPattern:
		return opPattern, true
	case opNotIn:
		return opIn, true
	}
	return op, false
}

// operand is one filter value, pre-converted for the field's kind.
type operand struct {
	empty  bool    // "" or null: matches empty values
	num    float64 // numeric value (PHP intval/floatval rules: non-numeric is 0)
	str    string  // lower-cased string form
	tm     time.Time
	isTime bool
}

// condition is one filter key: a field, an operator and its operands.
type condition struct {
	col  int
	f    *fieldDef
	op   filterOp
	vals []operand
}

// filterGroup is a set of conditions joined by AND (or OR with "logic":"OR"), with
// nested groups as crm.item.list allows.
type filterGroup struct {
	or     bool
	conds  []condition
	groups []*filterGroup
}

// compileFilter turns a client's filter object into a filterGroup. Unknown fields
// are an INVALID_ARG_VALUE error when strict (crm.item.*) and silently ignored
// otherwise, as legacy methods and tasks.task.list do.
func compileFilter(t *table, filter *object, lookup fieldLookup, strict bool, loc *time.Location) (*filterGroup, *apiError) {
	g := &filterGroup{}
	for _, key := range filter.keys {
		raw := filter.vals[key]
		if strings.EqualFold(key, "logic") {
			g.or = strings.EqualFold(strings.TrimSpace(phpString(raw)), "OR")
			continue
		}
		op, name := splitOperator(key)
		if sub, isArray := asObject(raw); isArray && op == opEq {
			if _, numeric := canonicalIndex(name); numeric || hasLogicKey(sub) {
				child, err := compileFilter(t, sub, lookup, strict, loc)
				if err != nil {
					return nil, err
				}
				g.groups = append(g.groups, child)
				continue
			}
		}
		col, ok := lookup(t, name)
		if !ok {
			if strict {
				return nil, errInvalidFilterField(name)
			}
			continue
		}
		f := t.fields[col]
		c := condition{col: col, f: f, op: op}
		values := listOrSingle(raw)
		if raw == nil {
			values = []any{nil}
		}
		for _, v := range values {
			c.vals = append(c.vals, makeOperand(f, v, loc))
		}
		g.conds = append(g.conds, c)
	}
	return g, nil
}

func hasLogicKey(o *object) bool {
	for _, k := range o.keys {
		if strings.EqualFold(k, "logic") {
			return true
		}
	}
	return false
}

func makeOperand(f *fieldDef, v any, loc *time.Location) operand {
	s := phpString(v)
	o := operand{str: strings.ToLower(s), empty: v == nil || s == ""}
	switch f.kind {
	case kindInt, kindFloat:
		o.num = phpFloat(v)
	case kindChar:
		o.str = "n"
		if truthy(v) {
			o.str = "y"
		}
	case kindBool:
		o.num = 0
		if truthy(v) {
			o.num = 1
		}
	case kindDateTime:
		o.tm, o.isTime = parseDateTime(s, loc)
	}
	return o
}

// match reports whether rec satisfies the group.
func (g *filterGroup) match(rec *record, loc *time.Location) bool {
	if g == nil {
		return true
	}
	for i := range g.conds {
		ok := g.conds[i].match(rec, loc)
		if g.or && ok {
			return true
		}
		if !g.or && !ok {
			return false
		}
	}
	for _, sub := range g.groups {
		ok := sub.match(rec, loc)
		if g.or && ok {
			return true
		}
		if !g.or && !ok {
			return false
		}
	}
	// An OR group with no conditions matches everything, like an empty filter.
	return !g.or || (len(g.conds) == 0 && len(g.groups) == 0)
}

func (c *condition) match(rec *record, loc *time.Location) bool {
	op, negated := c.op.positive()
	v := rec.val(c.col)
	var elems []any
	switch t := v.(type) {
	case []any:
		elems = t
		if c.f.kind == kindMultiField {
			elems = make([]any, 0, len(t))
			for _, e := range t {
				if item, ok := e.(*object); ok {
					elems = append(elems, item.value("VALUE"))
				}
			}
		}
		if len(elems) == 0 {
			elems = []any{nil}
		}
	default:
		elems = []any{v}
	}
	hit := false
	for _, e := range elems {
		if c.test(op, e, loc) {
			hit = true
			break
		}
	}
	return hit != negated
}

// test applies a positive operator to one stored value.
func (c *condition) test(op filterOp, v any, loc *time.Location) bool {
	switch op {
	case opEq, opIn:
		for i := range c.vals {
			if c.equal(v, &c.vals[i], loc) {
				return true
			}
		}
		return false
	case opGt, opGe, opLt, opLe:
		if len(c.vals) == 0 {
			return false
		}
		cmp, ok := c.compare(v, &c.vals[0], loc)
		if !ok {
			return false
		}
		switch op {
		case opGt:
			return cmp > 0
		case opGe:
			return cmp >= 0
		case opLt:
			return cmp < 0
		}
		return cmp <= 0
	case opLike:
		s := strings.ToLower(storedString(v))
		for i := range c.vals {
			if strings.Contains(s, c.vals[i].str) {
				return true
			}
		}
		return false
	case opPattern:
		s := strings.ToLower(storedString(v))
		for i := range c.vals {
			if likeMatch(s, c.vals[i].str) {
				return true
			}
		}
		return false
	}
	return false
}

func (c *condition) equal(v any, o *operand, loc *time.Location) bool {
	if o.empty {
		return isEmpty(v)
	}
	if v == nil {
		return false
	}
	switch c.f.kind {
	case kindInt, kindFloat, kindBool:
		return storedNumber(v) == o.num
	case kindDateTime:
		if tm, ok := parseDateTime(storedString(v), loc); ok && o.isTime {
			return tm.Equal(o.tm)
		}
	}
	return strings.ToLower(storedString(v)) == o.str
}

// compare orders a stored value against an operand; ok is false for empty values,
// which never satisfy a range condition (SQL NULL semantics).
func (c *condition) compare(v any, o *operand, loc *time.Location) (int, bool) {
	if v == nil {
		return 0, false
	}
	switch c.f.kind {
	case kindInt, kindFloat, kindBool:
		return cmpFloat(storedNumber(v), o.num), true
	case kindDateTime:
		if tm, ok := parseDateTime(storedString(v), loc); ok && o.isTime {
			return tm.Compare(o.tm), true
		}
	}
	return strings.Compare(strings.ToLower(storedString(v)), o.str), true
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func storedNumber(v any) float64 {
	switch t := v.(type) {
	case int64:
		return float64(t)
	case float64:
		return t
	case bool:
		if t {
			return 1
		}
		return 0
	}
	return phpFloat(v)
}

func storedString(v any) string {
	if b, ok := v.(bool); ok {
		if b {
			return "Y"
		}
		return "N"
	}
	return phpString(v)
}

// likeMatch matches SQL LIKE: % is any run, _ any one character. Both arguments
// are already lower-cased, which gives MySQL's case-insensitive collation.
func likeMatch(s, pattern string) bool {
	// Iterative matching with one backtrack point for the last %.
	si, pi := 0, 0
	starP, starS := -1, 0
	for si < len(s) {
		if pi < len(pattern) {
			pc, pw := utf8.DecodeRuneInString(pattern[pi:])
			switch pc {
			case '%':
				starP, starS = pi, si
				pi += pw
				continue
			case '_':
				_, sw := utf8.DecodeRuneInString(s[si:])
				si += sw
				pi += pw
				continue
			default:
				sc, sw := utf8.DecodeRuneInString(s[si:])
				if sc == pc {
					si += sw
					pi += pw
					continue
				}
			}
		}
		if starP < 0 {
			return false
		}
		_, sw := utf8.DecodeRuneInString(s[starS:])
		starS += sw
		si = starS
		pi = starP + 1
	}
	for pi < len(pattern) && pattern[pi] == '%' {
		pi++
	}
	return pi == len(pattern)
}

// idRange narrows a top-level AND group's id conditions (>, >=, <, <=, = on ID) to
// a slice range of t.sorted, and reports whether those are the group's only
// conditions, in which case every record in the range matches.
func (g *filterGroup) idRange(t *table) (lo, hi int, rangeOnly bool) {
	lo, hi = 0, len(t.sorted)
	if g == nil {
		return lo, hi, true
	}
	if g.or {
		return lo, hi, len(g.conds) == 0 && len(g.groups) == 0
	}
	rangeOnly = len(g.groups) == 0
	first := func(pred func(id float64) bool) int {
		return sort.Search(len(t.sorted), func(i int) bool { return pred(float64(t.sorted[i].id)) })
	}
	for i := range g.conds {
		c := &g.conds[i]
		if c.col != 0 || len(c.vals) != 1 || c.vals[0].empty {
			rangeOnly = false
			continue
		}
		v := c.vals[0].num
		switch c.op {
		case opGt:
			lo = max(lo, first(func(id float64) bool { return id > v }))
		case opGe:
			lo = max(lo, first(func(id float64) bool { return id >= v }))
		case opLt:
			hi = min(hi, first(func(id float64) bool { return id >= v }))
		case opLe:
			hi = min(hi, first(func(id float64) bool { return id > v }))
		case opEq, opIn:
			lo = max(lo, first(func(id float64) bool { return id >= v }))
			hi = min(hi, first(func(id float64) bool { return id > v }))
		default:
			rangeOnly = false
		}
	}
	if hi < lo {
		hi = lo
	}
	return lo, hi, rangeOnly
}
