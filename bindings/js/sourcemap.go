package js

import (
	"encoding/json"
	"errors"
	"strings"
)

// goja looks a position up in a source map with its 1-based column where
// the map wants a 0-based one, and hands the 0-based source column back as
// if it were 1-based. Shifting every generated and every source column of the
// map by one makes both ends right: a frame reads "deal.ts:4:8" with the
// column counted from 1, as Node prints it. Within a line generated columns
// are relative to the previous segment, so shifting the first segment of
// each line shifts the line; source columns are relative across the whole
// map, so shifting the first segment that has one shifts them all.
func shiftMappings(mappings string) (string, error) {
	var out strings.Builder
	out.Grow(len(mappings) + 64)
	srcShifted := false
	for li, line := range strings.Split(mappings, ";") {
		if li > 0 {
			out.WriteByte(';')
		}
		if line == "" {
			continue
		}
		for si, seg := range strings.Split(line, ",") {
			if si > 0 {
				out.WriteByte(',')
			}
			fields, err := decodeVLQ(seg)
			if err != nil {
				return "", err
			}
			if si == 0 && len(fields) > 0 {
				fields[0]++
			}
			if !srcShifted && len(fields) >= 4 {
				fields[3]++
				srcShifted = true
			}
			for _, f := range fields {
				encodeVLQ(&out, f)
			}
		}
	}
	return out.String(), nil
}

const base64Digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

var errVLQ = errors.New("invalid VLQ in source map")

func decodeVLQ(seg string) ([]int, error) {
	var fields []int
	shift, value := 0, 0
	for i := 0; i < len(seg); i++ {
		d := strings.IndexByte(base64Digits, seg[i])
		if d < 0 {
			return nil, errVLQ
		}
		value += (d & 31) << shift
		if d&32 != 0 {
			shift += 5
			continue
		}
		n := value >> 1
		if value&1 != 0 {
			n = -n
		}
		fields = append(fields, n)
		shift, value = 0, 0
	}
	if shift != 0 {
		return nil, errVLQ
	}
	return fields, nil
}

func encodeVLQ(out *strings.Builder, n int) {
	v := n << 1
	if n < 0 {
		v = (-n << 1) | 1
	}
	for {
		d := v & 31
		v >>= 5
		if v > 0 {
			d |= 32
		}
		out.WriteByte(base64Digits[d])
		if v == 0 {
			return
		}
	}
}

// fixSourceMap shifts the columns of an esbuild source map for goja (see
// shiftMappings) and renames its sources with rename, for the names stack
// frames show.
func fixSourceMap(raw []byte, rename func(source string) string) ([]byte, error) {
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	if mappings, ok := m["mappings"].(string); ok {
		shifted, err := shiftMappings(mappings)
		if err != nil {
			return nil, err
		}
		m["mappings"] = shifted
	}
	if sources, ok := m["sources"].([]any); ok {
		for i, s := range sources {
			name, _ := s.(string)
			sources[i] = rename(name)
		}
	}
	return json.Marshal(m)
}
