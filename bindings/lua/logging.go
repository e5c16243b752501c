package lua

import (
	"io"
	"log/slog"
	"strings"

	glua "github.com/yuin/gopher-lua"

	"github.com/b24run/b24run/hook"
)

// print writes its arguments, tostring'd and separated by tabs, as one line:
// to Env.Stdout for a one-off run (so that `b24run run` output can be
// redirected), else to the structured log at info level.
func (r *runtime) print(L *glua.LState) int {
	var b strings.Builder
	for i := 1; i <= L.GetTop(); i++ {
		if i > 1 {
			b.WriteByte('\t')
		}
		b.WriteString(L.ToStringMeta(L.Get(i)).String())
	}
	if r.stdout != nil {
		b.WriteByte('\n')
		_, _ = io.WriteString(r.stdout, b.String())
		return 0
	}
	r.logger.InfoContext(r.ctx, b.String())
	return 0
}

// logModule is the log global: log.debug/info/warn/error(message, fields)
// write a record to the structured log, which the host has already tagged
// with the script's name. fields is a table of attributes, or the rest of
// the arguments are alternating keys and values, as in log/slog:
//
//	log.info('deal moved', {id = deal.ID, stage = 'WON'})
//	log.warn('slow page', 'ms', 1200)
func (r *runtime) logModule() *glua.LTable {
	m := r.L.CreateTable(0, 4)
	for name, level := range map[string]slog.Level{
		"debug": slog.LevelDebug, "info": slog.LevelInfo, "warn": slog.LevelWarn, "error": slog.LevelError,
	} {
		m.RawSetString(name, r.L.NewFunction(func(L *glua.LState) int {
			r.log(L, level)
			return 0
		}))
	}
	return m
}

func (r *runtime) log(L *glua.LState, level slog.Level) {
	if !r.logger.Enabled(r.ctx, level) {
		return
	}
	msg := ""
	if L.GetTop() >= 1 {
		msg = L.ToStringMeta(L.Get(1)).String()
	}
	var attrs []slog.Attr
	if t, ok := L.Get(2).(*glua.LTable); ok && L.GetTop() == 2 && t.Metatable != r.arrayMT {
		for k, v := t.Next(glua.LNil); k != glua.LNil; k, v = t.Next(k) {
			attrs = append(attrs, r.attr(L, k, v))
		}
	} else {
		for i := 2; i <= L.GetTop(); i += 2 {
			if i == L.GetTop() {
				attrs = append(attrs, r.attr(L, glua.LString("!BADKEY"), L.Get(i)))
				break
			}
			attrs = append(attrs, r.attr(L, L.Get(i), L.Get(i+1)))
		}
	}
	r.logger.LogAttrs(r.ctx, level, msg, attrs...)
}

// attr converts one field: strings, numbers and booleans keep their kind,
// tables are written as JSON.
func (r *runtime) attr(L *glua.LState, k, v glua.LValue) slog.Attr {
	key := L.ToStringMeta(k).String()
	switch v := v.(type) {
	case glua.LString:
		return slog.String(key, string(v))
	case glua.LNumber:
		switch n := number(v).(type) {
		case int64:
			return slog.Int64(key, n)
		case float64:
			return slog.Float64(key, n)
		}
	case glua.LBool:
		return slog.Bool(key, bool(v))
	case *glua.LTable:
		if g, err := r.encoder().value(v); err == nil {
			if b, err := hook.AppendJSON(nil, g); err == nil {
				return slog.String(key, string(b))
			}
		}
	}
	return slog.String(key, L.ToStringMeta(v).String())
}
