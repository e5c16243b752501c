package lua

import (
	"strconv"

	glua "github.com/yuin/gopher-lua"

	"github.com/b24run/b24run/internal/jsonscan"
)

// The decoder's strings and numbers. Boxing a value as an LValue allocates,
// and a list's rows repeat most of theirs (ids, "Y"/"N" flags, currencies,
// stage names, member names), so short strings and small integers come
// from caches of ready LValues.

const (
	// maxCachedString and maxStringCache bound the short-string cache, so
	// that free text cannot bloat it.
	maxCachedString = 32
	maxStringCache  = 8192
	// smallInts is how many small non-negative integers have a ready
	// LValue.
	smallInts = 1024
	// maxExactInt is the largest integer a float64 (a Lua number) holds
	// exactly.
	maxExactInt = 1 << 53
)

// smallIntValues holds the boxed integers 0..smallInts-1. It is filled once
// and only read, so every decoder of every run shares it.
var smallIntValues = func() (vs [smallInts]glua.LValue) {
	for i := range vs {
		vs[i] = glua.LNumber(i)
	}
	return vs
}()

// stringValue converts the string that starts at data[i].
func (d *decoder) stringValue(i int) (glua.LValue, int, error) {
	text, end, err := d.stringText(i)
	switch {
	case err != nil:
		return nil, end, err
	case len(text) > maxCachedString:
		return glua.LString(text), end, nil
	}
	if v, ok := d.strs[string(text)]; ok {
		return v, end, nil
	}
	return d.remember(string(text)), end, nil
}

// stringText reads the string that starts at data[i] and returns its
// decoded contents, valid until the next call.
func (d *decoder) stringText(i int) ([]byte, int, error) {
	raw, escaped, end, err := jsonscan.String(d.data, i)
	if err != nil {
		return nil, end, stoppedAt(err, end)
	}
	if escaped {
		if d.text, err = jsonscan.AppendUnescaped(d.text[:0], raw); err != nil {
			return nil, end, err
		}
		raw = d.text
	}
	return raw, end, nil
}

// key converts a member name (raw contents, as jsonscan.String returns
// them), as a string and boxed: names repeat in every row, so short ones
// come from the string cache.
func (d *decoder) key(raw []byte, escaped bool) (string, glua.LValue, error) {
	if escaped {
		s, err := jsonscan.Unescape(raw)
		return s, glua.LString(s), err
	}
	if len(raw) > maxCachedString {
		s := string(raw)
		return s, glua.LString(s), nil
	}
	v, ok := d.strs[string(raw)]
	if !ok {
		v = d.remember(string(raw))
	}
	return string(v.(glua.LString)), v, nil
}

func (d *decoder) remember(s string) glua.LValue {
	v := glua.LValue(glua.LString(s))
	if len(d.strs) < maxStringCache {
		d.strs[s] = v
	}
	return v
}

// number converts the number that starts at data[i]. Integers stay exact:
// one a float64 cannot hold is the string of its digits; "-0" is 0.
func (d *decoder) number(i int) (glua.LValue, int, error) {
	text, integer, end, err := jsonscan.Number(d.data, i)
	if err != nil {
		return nil, end, stoppedAt(err, end)
	}
	if !integer {
		f, err := jsonscan.Float(text)
		if err != nil {
			return nil, end, syntaxError(i, "invalid number")
		}
		return glua.LNumber(f), end, nil
	}
	n, ok := jsonscan.Int(text)
	switch {
	case ok && n >= 0 && n < smallInts:
		return smallIntValues[n], end, nil
	case ok:
		return glua.LNumber(n), end, nil
	}
	n, err = strconv.ParseInt(string(text), 10, 64)
	if err != nil || n > maxExactInt || n < -maxExactInt {
		return glua.LString(text), end, nil
	}
	return glua.LNumber(n), end, nil
}
