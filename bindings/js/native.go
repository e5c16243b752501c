package js

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/dop251/goja"
)

// native builds the object the prelude calls into: the Go half of one run.
// Each function runs on the run's goroutine, takes the run's context into
// any I/O, and turns a Go panic into a JavaScript error rather than a crash.
func (r *run) native() *goja.Object {
	n := r.rt.NewObject()
	set := func(name string, f func(goja.FunctionCall) goja.Value) {
		_ = n.Set(name, r.guard(name, f))
	}
	// Portal.
	set("call", r.nativeCall)
	set("batch", r.nativeBatch)
	set("list", r.nativeList)
	set("fetch", r.nativeFetch)
	set("origin", func(goja.FunctionCall) goja.Value { return r.rt.ToValue(r.origin()) })
	set("userId", func(goja.FunctionCall) goja.Value { return r.rt.ToValue(r.userID()) })
	set("stats", r.nativeStats)
	// Host.
	set("info", r.nativeInfo)
	set("print", r.nativePrint)
	set("write", r.nativeWrite)
	set("exit", r.nativeExit)
	set("on", func(c goja.FunctionCall) goja.Value { return r.register(&r.events, c) })
	set("schedule", func(c goja.FunctionCall) goja.Value { return r.register(&r.schedules, c) })
	set("setTimer", r.nativeSetTimer)
	set("clearTimer", func(c goja.FunctionCall) goja.Value {
		r.timers.clear(int(c.Argument(0).ToInteger()))
		return goja.Undefined()
	})
	set("refTimer", func(c goja.FunctionCall) goja.Value {
		id := int(c.Argument(0).ToInteger())
		if len(c.Arguments) > 1 {
			r.timers.setRef(id, c.Argument(1).ToBoolean())
		}
		return r.rt.ToValue(r.timers.hasRef(id))
	})
	set("refreshTimer", func(c goja.FunctionCall) goja.Value {
		r.timers.refresh(int(c.Argument(0).ToInteger()))
		return goja.Undefined()
	})
	set("uuid", func(goja.FunctionCall) goja.Value { return r.rt.ToValue(uuidV7()) })
	set("now", func(goja.FunctionCall) goja.Value {
		return r.rt.ToValue(float64(time.Since(r.started).Nanoseconds()) / 1e6)
	})
	set("promiseState", r.nativePromiseState)
	// Intl (intl.go).
	set("intlLocales", r.nativeIntlLocales)
	set("intlResolve", r.nativeIntlResolve)
	set("intlNumberFormatter", r.nativeIntlNumberFormatter)
	set("intlCurrencyDigits", r.nativeIntlCurrencyDigits)
	set("intlTimeZone", r.nativeIntlTimeZone)
	set("intlDateFormatter", r.nativeIntlDateFormatter)
	return n
}

// guard wraps a host function so that a Go panic (a bug) becomes a
// JavaScript error; JavaScript exceptions and interrupts pass through.
func (r *run) guard(name string, f func(goja.FunctionCall) goja.Value) func(goja.FunctionCall) goja.Value {
	return func(c goja.FunctionCall) (v goja.Value) {
		defer func() {
			x := recover()
			if x == nil {
				return
			}
			switch x.(type) {
			case goja.Value, *goja.Exception, *goja.InterruptedError, *goja.StackOverflowError:
				panic(x)
			}
			panic(r.rt.NewGoError(fmt.Errorf("b24run internal error in %s: %v", name, x)))
		}()
		return f(c)
	}
}

func (r *run) nativeInfo(goja.FunctionCall) goja.Value {
	env := r.rt.NewObject()
	for _, k := range sortedKeys(r.env.Vars) {
		_ = env.Set(k, r.env.Vars[k])
	}
	args := make([]any, len(r.env.Args))
	for i, a := range r.env.Args {
		args[i] = a
	}
	info := r.rt.NewObject()
	_ = info.Set("name", r.prog.name)
	_ = info.Set("args", r.rt.NewArray(args...))
	_ = info.Set("env", env)
	_ = info.Set("dryRun", r.env.DryRun)
	_ = info.Set("maxStringBytes", r.limits.MaxStringBytes)
	return info
}

// nativePrint writes one console line: console.log to the run's stdout
// (the log at info when there is none), the other levels to the log.
func (r *run) nativePrint(c goja.FunctionCall) goja.Value {
	level, text := c.Argument(0).String(), c.Argument(1).String()
	if level == "log" && r.stdout != nil {
		_, _ = io.WriteString(r.stdout, text+"\n")
		return goja.Undefined()
	}
	lvl := slog.LevelInfo
	switch level {
	case "debug":
		lvl = slog.LevelDebug
	case "warn":
		lvl = slog.LevelWarn
	case "error":
		lvl = slog.LevelError
	}
	r.logger.Log(r.ctx, lvl, text)
	return goja.Undefined()
}

// nativeWrite is process.stdout.write: text without a newline.
func (r *run) nativeWrite(c goja.FunctionCall) goja.Value {
	text := c.Argument(0).String()
	if r.stdout != nil {
		_, _ = io.WriteString(r.stdout, text)
	} else {
		r.logger.Log(r.ctx, slog.LevelInfo, strings.TrimRight(text, "\n"))
	}
	return r.rt.ToValue(true)
}

// nativeExit is process.exit: it ends the run at once (the interrupt cannot
// be caught by the script).
func (r *run) nativeExit(c goja.FunctionCall) goja.Value {
	code := int(c.Argument(0).ToInteger())
	r.exitCode = &code
	r.rt.Interrupt(exitSignal{})
	return goja.Undefined()
}

func (r *run) register(list *[]registration, c goja.FunctionCall) goja.Value {
	fn, ok := goja.AssertFunction(c.Argument(1))
	if !ok {
		panic(r.rt.NewTypeError("handler must be a function"))
	}
	*list = append(*list, registration{name: c.Argument(0).String(), fn: fn})
	return goja.Undefined()
}

// nativeSetTimer is setTimeout/setInterval/setImmediate:
// setTimer(fn, delay, kind, args) with kind "timeout", "interval" or
// "immediate".
func (r *run) nativeSetTimer(c goja.FunctionCall) goja.Value {
	fn, ok := goja.AssertFunction(c.Argument(0))
	if !ok {
		panic(r.rt.NewTypeError("The \"callback\" argument must be of type function"))
	}
	delay := time.Duration(0)
	if d := c.Argument(1).ToFloat(); d > 0 && d < 1<<31 {
		delay = time.Duration(d * float64(time.Millisecond))
	}
	var args []goja.Value
	if arr, ok := c.Argument(3).(*goja.Object); ok {
		_ = r.rt.ExportTo(arr, &args)
	}
	kind := c.Argument(2).String()
	id := r.timers.add(fn, delay, kind == "interval", kind == "immediate", args)
	return r.rt.ToValue(id)
}

func (r *run) nativePromiseState(c goja.FunctionCall) goja.Value {
	p, ok := c.Argument(0).Export().(*goja.Promise)
	if !ok {
		return r.rt.NewArray("pending", goja.Undefined())
	}
	switch p.State() {
	case goja.PromiseStateFulfilled:
		return r.rt.NewArray("fulfilled", p.Result())
	case goja.PromiseStateRejected:
		return r.rt.NewArray("rejected", p.Result())
	}
	return r.rt.NewArray("pending", goja.Undefined())
}

func (r *run) nativeStats(goja.FunctionCall) goja.Value {
	o := r.rt.NewObject()
	if r.client == nil {
		return o
	}
	s := r.client.Stats()
	_ = o.Set("totalRequests", s.Requests)
	_ = o.Set("retries", s.Retries)
	_ = o.Set("failedRequests", s.Failures)
	_ = o.Set("limitHits", s.QueryLimitHits+s.OperatingHits)
	return o
}

// uuidV7 returns a fresh UUIDv7 string, as the SDK generates request ids.
func uuidV7() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	ms := uint64(time.Now().UnixMilli())
	binary.BigEndian.PutUint16(b[0:2], uint16(ms>>32))
	binary.BigEndian.PutUint32(b[2:6], uint32(ms))
	b[6] = (b[6] & 0x0f) | 0x70
	b[8] = (b[8] & 0x3f) | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
