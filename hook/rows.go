package hook

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/b24run/b24run/internal/jsonscan"
)

// pageSize is the portal's fixed page of list methods.
const pageSize = 50

// splitRows returns the rows of a list result: the result itself when
// resultKey is empty, else the array under resultKey. The rows are
// subslices of result.
func splitRows(method string, result json.RawMessage, resultKey string) ([]json.RawMessage, error) {
	i := jsonscan.SkipSpace(result, 0)
	if resultKey != "" {
		if i < len(result) && result[i] == '[' {
			n := 0
			if _, err := jsonscan.Array(result, i, func([]byte) error { n++; return nil }); err == nil && n == 0 {
				return nil, nil // PHP's empty array where an object was expected: no rows
			}
		}
		var inner []byte
		found := false
		_, err := jsonscan.Object(result, i, func(key []byte, escaped bool, v []byte) error {
			if k, _ := jsonscan.Key(key, escaped); k == resultKey {
				inner, found = v, true
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("%s: the result is not an object holding %q", method, resultKey)
		}
		if !found {
			return nil, fmt.Errorf("%s: the result has no %q key", method, resultKey)
		}
		result, i = inner, 0
	}
	if i >= len(result) || result[i] == 'n' {
		return nil, nil
	}
	if result[i] == '{' {
		// PHP serializes a list with non-sequential keys as an object.
		empty := true
		if _, err := jsonscan.Object(result, i, func([]byte, bool, []byte) error { empty = false; return nil }); err == nil && empty {
			return nil, nil
		}
		return nil, fmt.Errorf("%s: the result is an object, not a list of rows (set the result key)", method)
	}
	rows := make([]json.RawMessage, 0, pageSize)
	if _, err := jsonscan.Array(result, i, func(v []byte) error {
		rows = append(rows, v)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("%s: rows: %w", method, err)
	}
	return rows, nil
}

// detectResultKey finds the rows of an unknown list method: the result
// itself if it is an array, else its only array-valued member.
func detectResultKey(result json.RawMessage) (string, bool) {
	i := jsonscan.SkipSpace(result, 0)
	if i >= len(result) || result[i] == '[' {
		return "", true
	}
	found, arrays := "", 0
	_, err := jsonscan.Object(result, i, func(key []byte, escaped bool, v []byte) error {
		if len(v) > 0 && v[0] == '[' {
			arrays++
			found, _ = jsonscan.Key(key, escaped)
		}
		return nil
	})
	return found, err == nil && arrays == 1
}

// rowField returns the raw value of a row's field and the key's exact
// spelling: matched exactly first, then case-insensitively.
func rowField(row json.RawMessage, key string) (value []byte, spelling string, ok bool) {
	var folded []byte
	var foldedKey string
	_, err := jsonscan.Object(row, 0, func(k []byte, escaped bool, v []byte) error {
		name, err := jsonscan.Key(k, escaped)
		switch {
		case name == key:
			value, spelling, ok = v, name, true
		case folded == nil && strings.EqualFold(name, key):
			folded, foldedKey = v, name
		}
		return err
	})
	if err != nil {
		return nil, "", false
	}
	if !ok && folded != nil {
		return folded, foldedKey, true
	}
	return value, spelling, ok
}

// rowID reads the id of a row: a JSON number or a numeric string.
func rowID(row json.RawMessage, key string) (int64, bool) {
	raw, _, ok := rowField(row, key)
	if !ok {
		return 0, false
	}
	f, ok := flexFloat(raw)
	if !ok || f != float64(int64(f)) {
		return 0, false
	}
	return int64(f), true
}

// parseBound reads a filter bound the caller gave on the id field.
func parseBound(v any) (int64, bool) {
	switch x := v.(type) {
	case string:
		n, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		return n, err == nil
	case json.Number:
		n, err := x.Int64()
		return n, err == nil
	}
	if s, ok := numberString(v); ok {
		n, err := strconv.ParseInt(s, 10, 64)
		return n, err == nil
	}
	return 0, false
}
