package sandbox

import (
	"sort"
	"strings"
)

// maxPHPNesting is PHP's default max_input_nesting_level: a variable with more bracket
// levels is dropped entirely, as PHP does.
const maxPHPNesting = 64

// parsePHPQuery parses an application/x-www-form-urlencoded string the way PHP fills
// $_GET and $_POST, which is how every Bitrix24 method (and every batch command)
// sees its parameters: `fields[TITLE]=x` nests, `select[]=ID` appends, keys and
// values are percent-decoded before the brackets are read (`a%5Bb%5D=1` is a[b]=1),
// and a later assignment to the same key wins.
//
// One deliberate difference: PHP turns spaces and dots in top-level names into
// underscores; the sandbox keeps them, since no Bitrix parameter uses them and
// keeping them lets a client's keys round-trip.
func parsePHPQuery(q string) *object {
	root := newObject()
	for q != "" {
		var pair string
		pair, q, _ = strings.Cut(q, "&")
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		setPHPVar(root, phpURLDecode(k), phpURLDecode(v))
	}
	return root
}

// phpIndex is one bracket segment of a PHP variable name; an empty `[]` appends.
type phpIndex struct {
	key    string
	append bool
}

// setPHPVar assigns val to the PHP variable named key (already percent-decoded)
// inside root, following php_register_variable_ex.
func setPHPVar(root *object, key string, val any) {
	key = strings.TrimLeft(key, " ")
	open := strings.IndexByte(key, '[')
	if open < 0 {
		if key != "" {
			root.set(key, val)
		}
		return
	}
	base := key[:open]
	if base == "" {
		return
	}
	var path []phpIndex
	rest := key[open:]
	for {
		closing := strings.IndexByte(rest[1:], ']')
		if closing < 0 {
			if len(path) == 0 {
				// PHP: an unmatched first '[' is not an index; it becomes '_' and the
				// whole name is a plain variable.
				root.set(base+"_"+strings.ReplaceAll(rest[1:], "[", "_"), val)
				return
			}
			break // PHP ignores the unterminated tail
		}
		path = append(path, phpIndex{key: rest[1 : 1+closing], append: closing == 0})
		if len(path) > maxPHPNesting {
			return
		}
		rest = rest[closing+2:]
		if !strings.HasPrefix(rest, "[") {
			break // PHP ignores anything after the last ']' that is not another '['
		}
	}
	cur, curKey, curAppend := root, base, false
	for _, idx := range path {
		var child *object
		switch {
		case curAppend:
			child = newObject()
			cur.push(child)
		default:
			if existing, ok := cur.vals[curKey].(*object); ok {
				child = existing
			} else {
				child = newObject()
				cur.set(curKey, child)
			}
		}
		cur, curKey, curAppend = child, idx.key, idx.append
	}
	if curAppend {
		cur.push(val)
	} else {
		cur.set(curKey, val)
	}
}

// phpURLDecode decodes like PHP's urldecode: '+' is a space, %XX a byte, and a
// malformed escape is kept literally.
func phpURLDecode(s string) string {
	if !strings.ContainsAny(s, "%+") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '+':
			b.WriteByte(' ')
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return ('0' <= c && c <= '9') || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F')
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// phpURLEncode encodes like PHP's urlencode, which http_build_query uses: letters,
// digits and "-_." stay, a space is '+', everything else is %XX in upper case.
func phpURLEncode(s string) string {
	const upperHex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_', c == '.':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(upperHex[c>>4])
			b.WriteByte(upperHex[c&0xF])
		}
	}
	return b.String()
}

// encodePHPQuery serialises params like PHP's http_build_query: nested keys as
// percent-encoded brackets, booleans as 1/0, nulls and empty arrays omitted. The
// portal uses it for the bodies of outgoing event deliveries.
func encodePHPQuery(o *object) string {
	var parts []string
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch t := v.(type) {
		case nil:
			return
		case bool:
			s := "0"
			if t {
				s = "1"
			}
			parts = append(parts, phpURLEncode(prefix)+"="+s)
		case *object, []any:
			obj, _ := asObject(t)
			for _, k := range obj.keys {
				walk(prefix+"["+k+"]", obj.vals[k])
			}
		case map[string]any:
			keys := make([]string, 0, len(t))
			for k := range t {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(prefix+"["+k+"]", t[k])
			}
		default:
			parts = append(parts, phpURLEncode(prefix)+"="+phpURLEncode(phpString(t)))
		}
	}
	for _, k := range o.keys {
		walk(k, o.vals[k])
	}
	return strings.Join(parts, "&")
}

// sortedObject converts a map (recursively) into an object with sorted keys, for
// deterministic output.
func sortedObject(m map[string]any) *object {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	o := newObject()
	for _, k := range keys {
		v := m[k]
		if sub, ok := v.(map[string]any); ok {
			v = sortedObject(sub)
		}
		o.set(k, v)
	}
	return o
}
