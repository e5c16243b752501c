package jsonscan

import (
	"fmt"
	"strings"
	"testing"
)

// benchPage is a list page as the portal sends it: 2,500 deal rows of
// strings, numbers and a nested multi-field.
func benchPage() []byte {
	var b strings.Builder
	b.WriteString(`{"result":[`)
	for i := range 2500 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"ID":"%d","TITLE":"Deal #%d — Ünïcode \"quoted\"","STAGE_ID":"NEW","OPPORTUNITY":"%d.50","CURRENCY_ID":"USD",`+
			`"ASSIGNED_BY_ID":"1","DATE_CREATE":"2026-01-02T03:04:05+03:00","COMMENTS":"line 1\nline 2","PHONE":[{"VALUE":"+7 999 000-00-%02d","VALUE_TYPE":"WORK"}]}`,
			i+1, i+1, i*100, i%100)
	}
	b.WriteString(`],"total":2500,"time":{"start":1,"operating":0.5}}`)
	return []byte(b.String())
}

func BenchmarkScanPage(b *testing.B) {
	page := benchPage()
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := Whole(page); err != nil {
			b.Fatal(err)
		}
	}
}
