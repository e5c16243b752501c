package hook

import (
	"log/slog"
	"time"
)

// Log levels and attributes of the client's records. Keeping them in one place
// keeps the records uniform and makes sure none carries a URL.
const (
	slogDebug = slog.LevelDebug
	slogWarn  = slog.LevelWarn
)

func attrMethod(m string) slog.Attr          { return slog.String("method", m) }
func attrCode(c string) slog.Attr            { return slog.String("code", c) }
func attrStatus(s int) slog.Attr             { return slog.Int("status", s) }
func attrAttempt(n int) slog.Attr            { return slog.Int("attempt", n) }
func attrWait(d time.Duration) slog.Attr     { return slog.Duration("wait", d) }
func attrDuration(d time.Duration) slog.Attr { return slog.Duration("duration", d) }
func attrBytes(n int) slog.Attr              { return slog.Int("bytes", n) }

// attrDetail describes what a call carries; empty for plain calls, which
// then log no such attribute.
func attrDetail(d string) slog.Attr {
	if d == "" {
		return slog.Attr{}
	}
	return slog.String("commands", d)
}
