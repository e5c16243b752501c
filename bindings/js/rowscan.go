package js

import (
	"bytes"

	"github.com/b24run/b24run/internal/jsonscan"
)

// Scanning a row is most of what a list walk costs the runtime goroutine
// once values are decoded lazily (rows.go), so it leans on what rows of one
// list share: the same text between their values. A row skeleton keeps, for
// each column of the last row, the bytes from the end of the previous value
// (or the row's opening brace) to the start of the column's value: the
// comma, the key in quotes, the colon and any white space. Where the next
// row has the same bytes in the same place, one comparison settles its
// separator, its key and its colon; and a short string value equal to the
// column's last one is recognised the same way. The bytes compared were
// validated when they were first read, so what matches them is valid too.

// rowSkeleton is what the last row of a walk looked like around its values.
type rowSkeleton struct {
	cols []skeletonColumn
}

// skeletonColumn is one column of a row skeleton. Its byte slices are slices
// of an earlier row, which keeps its text anyway.
type skeletonColumn struct {
	glue   []byte // from the end of the previous value to the start of this one
	key    string
	last   []byte // the last short string value, between its quotes
	misses uint8  // rows since last matched the column's value
}

// scan walks the object at data[i], the whole document, noting where its
// values start, and finds its shape: nil when a shaped row cannot
// represent it. It validates every value without decoding any. The offsets
// it returns are written straight into the decoder's slab, which newRow
// then takes them from.
func (rd *rowDecoder) scan(d *jsonDecoder, data []byte, i int) (*rowShape, []uint32, error) {
	sk := &rd.skeleton
	if cap(rd.startSlab) < 2*len(sk.cols)+1 {
		rd.startSlab = make([]uint32, 0, slabRows*max(len(sk.cols), 8))
	}
	starts := rd.startSlab[:0]
	fast := true // every column's glue is the last row's: so are the keys
	// Until this row is read whole, the skeleton may hold keys of its own:
	// a row that fails half way must not pass for the last one.
	lastLen := rd.lastLen
	rd.lastLen = -1
	pos := i
	for col := 0; ; col++ {
		if col == len(sk.cols) {
			sk.cols = append(sk.cols, skeletonColumn{})
		}
		c := &sk.cols[col]
		var start int
		if c.glue != nil && bytes.HasPrefix(data[pos:], c.glue) {
			start = jsonscan.SkipSpace(data, pos+len(c.glue))
		} else {
			k, next, done, err := d.memberHead(data, pos, col == 0)
			if err != nil {
				return nil, nil, err
			}
			if done {
				pos = next
				break
			}
			*c = skeletonColumn{glue: data[pos:next:next], key: k}
			start, fast = next, false
		}
		starts = append(starts, uint32(start))
		end, err := c.skipValue(data, start)
		if err != nil {
			return nil, nil, err
		}
		pos = end
	}
	if end := jsonscan.SkipSpace(data, pos); end != len(data) {
		return nil, nil, syntaxError(end, "unexpected data after the value")
	}
	if rd.lastLen = len(starts); !fast || rd.lastLen != lastLen {
		keys := rd.keys[:0]
		for _, c := range sk.cols[:len(starts)] {
			keys = append(keys, c.key)
		}
		rd.keys = keys
		rd.last = rd.shapeOf(d, keys)
	}
	return rd.last, starts, nil
}

// memberHead reads what leads from pos to the value of the next member of
// an object: the opening brace (first) or a comma, the key and its colon.
// It returns the key and the offset of the value, or done and the offset
// after the object when it closes instead.
func (d *jsonDecoder) memberHead(data []byte, pos int, first bool) (key string, next int, done bool, err error) {
	if first {
		// The caller saw the brace.
		if pos = jsonscan.SkipSpace(data, pos+1); pos < len(data) && data[pos] == '}' {
			return "", pos + 1, true, nil
		}
	} else if pos, done, err = separator(data, pos, '}'); err != nil || done {
		return "", pos, done, err
	}
	raw, escaped, end, err := jsonscan.String(data, pos)
	if err != nil {
		if pos >= len(data) || data[pos] != '"' {
			err = syntaxError(pos, "expected a key")
		}
		return "", end, false, err
	}
	if key, err = d.internKey(raw, escaped); err != nil {
		return "", end, false, err
	}
	if end = jsonscan.SkipSpace(data, end); end >= len(data) || data[end] != ':' {
		return "", end, false, syntaxError(end, "expected ':'")
	}
	return key, jsonscan.SkipSpace(data, end+1), false, nil
}

// skipValue validates the value that starts at data[i] and returns the
// offset after it. A short string that repeats the column's last one is
// recognised by comparing bytes; any other is scanned and remembered.
func (c *skeletonColumn) skipValue(data []byte, i int) (int, error) {
	if i >= len(data) || data[i] != '"' {
		return jsonscan.Skip(data, i)
	}
	// A column whose values keep changing (ids, dates) is compared again
	// only every 16th row, to notice when its values start repeating.
	if c.last != nil {
		if c.misses%16 == 0 {
			if end, ok := sameText(data, i, c.last); ok {
				c.misses = 0
				return end, nil
			}
		}
		c.misses++
	}
	raw, _, end, err := jsonscan.String(data, i)
	if err == nil && len(raw) <= maxInternedLen {
		c.last = raw[:len(raw):len(raw)]
	}
	return end, err
}
