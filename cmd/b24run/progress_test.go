package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/b24run/b24run/hook"
)

func TestProgressBarDrawsAndClears(t *testing.T) {
	var buf bytes.Buffer
	b := &progressBar{w: &buf}
	b.update("crm.deal.list", hook.Progress{Rows: 50, Total: 10000, Estimated: true}) // small: not worth a bar yet
	if buf.Len() != 0 {
		t.Errorf("drew a bar for 50 rows: %q", buf.String())
	}
	b.update("crm.deal.list", hook.Progress{Rows: 5000, Total: 10000, Estimated: true})
	if got := buf.String(); !strings.Contains(got, "crm.deal.list [===============               ] 5000/~10000 rows") {
		t.Errorf("bar %q", got)
	}
	buf.Reset()
	b.update("crm.deal.list", hook.Progress{Rows: 10000, Total: 10000})
	if got := buf.String(); !strings.HasSuffix(got, "\r\033[K") || !strings.Contains(got, "10000/10000") {
		t.Errorf("the finished bar must be cleared: %q", got)
	}
	buf.Reset()
	b.update("tasks.task.list", hook.Progress{Rows: 700, Total: -1})
	if got := buf.String(); !strings.Contains(got, "tasks.task.list: 700 rows") {
		t.Errorf("unknown total: %q", got)
	}
	if newProgressBar(&buf) != nil {
		t.Error("a bar on something that is not a terminal")
	}
}
