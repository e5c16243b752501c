package hook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// pageSize is the portal's fixed page of list methods.
const pageSize = 50

// splitRows returns the rows of a list result: the result itself when
// resultKey is empty, else the array under resultKey.
func splitRows(method string, result json.RawMessage, resultKey string) ([]json.RawMessage, error) {
	result = bytes.TrimSpace(result)
	if resultKey != "" {
		if len(result) > 0 && result[0] == '[' {
			// PHP's empty array where an object was expected: no rows.
			var arr []json.RawMessage
			if err := json.Unmarshal(result, &arr); err == nil && len(arr) == 0 {
				return nil, nil
			}
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(result, &obj); err != nil {
			return nil, fmt.Errorf("%s: the result is not an object holding %q", method, resultKey)
		}
		inner, ok := obj[resultKey]
		if !ok {
			return nil, fmt.Errorf("%s: the result has no %q key", method, resultKey)
		}
		result = bytes.TrimSpace(inner)
	}
	if len(result) == 0 || string(result) == "null" {
		return nil, nil
	}
	if result[0] == '{' {
		// PHP serializes a list with non-sequential keys as an object.
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(result, &obj); err == nil && len(obj) == 0 {
			return nil, nil
		}
		return nil, fmt.Errorf("%s: the result is an object, not a list of rows (set the result key)", method)
	}
	var rows []json.RawMessage
	if err := json.Unmarshal(result, &rows); err != nil {
		return nil, fmt.Errorf("%s: rows: %w", method, err)
	}
	return rows, nil
}

// detectResultKey finds the rows of an unknown list method: the result
// itself if it is an array, else its only array-valued member.
func detectResultKey(result json.RawMessage) (string, bool) {
	result = bytes.TrimSpace(result)
	if len(result) == 0 || result[0] == '[' {
		return "", true
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(result, &obj) != nil {
		return "", false
	}
	found := ""
	for k, v := range obj {
		if v = bytes.TrimSpace(v); len(v) > 0 && v[0] == '[' {
			if found != "" {
				return "", false
			}
			found = k
		}
	}
	return found, found != ""
}

// rowID reads the id of a row. The id may be a JSON number or a numeric
// string; the key is matched exactly first, then case-insensitively.
func rowID(row json.RawMessage, key string) (int64, bool) {
	var obj map[string]json.RawMessage
	if json.Unmarshal(row, &obj) != nil {
		return 0, false
	}
	raw, ok := obj[key]
	if !ok {
		for k, v := range obj {
			if strings.EqualFold(k, key) {
				raw, ok = v, true
				break
			}
		}
	}
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
