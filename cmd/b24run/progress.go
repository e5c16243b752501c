package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/b24run/b24run/hook"
)

// progressBar draws the advance of long list calls on a terminal's stderr.
// It never draws when stderr is not a terminal, so redirected output stays
// clean.
type progressBar struct {
	w     io.Writer
	mu    sync.Mutex
	last  time.Time
	shown bool
}

// newProgressBar returns the bar's callback, or nil when w is not a terminal.
func newProgressBar(w io.Writer) func(string, hook.Progress) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	b := &progressBar{w: w}
	return b.update
}

// minRows is the size below which a list is not worth a bar.
const minRows = 500

func (b *progressBar) update(method string, p hook.Progress) {
	b.mu.Lock()
	defer b.mu.Unlock()
	done := p.Total >= 0 && p.Rows >= p.Total
	if p.Rows < minRows && !b.shown {
		return
	}
	if !done && time.Since(b.last) < 100*time.Millisecond {
		return
	}
	b.last, b.shown = time.Now(), true
	line := fmt.Sprintf("%s: %d rows", method, p.Rows)
	if p.Total > 0 {
		const width = 30
		filled := min(width, width*p.Rows/p.Total)
		approx := ""
		if p.Estimated {
			approx = "~"
		}
		line = fmt.Sprintf("%s [%s%s] %d/%s%d rows", method, strings.Repeat("=", filled), strings.Repeat(" ", width-filled), p.Rows, approx, p.Total)
	}
	fmt.Fprintf(b.w, "\r\033[K%s", line)
	if done {
		fmt.Fprint(b.w, "\r\033[K")
		b.shown, b.last = false, time.Time{} // the next list starts its own bar at once
	}
}
