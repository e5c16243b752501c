package bindingstest

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/b24run/b24run/bindings"
	"github.com/b24run/b24run/hook"
	"github.com/b24run/b24run/sandbox"
)

// BenchmarkListing is the listing benchmark every language runs, so that
// their figures compare: it seeds rows deals in a sandbox without limits and
// lists them three ways in every iteration, side by side — the Go core alone
// (hook.List), callListSrc and fetchListSrc (scripts that receive every row
// through callListMethod and fetchListMethod and read a field of each) —
// and reports rows per second of each and each script's time relative to
// the core's (1.00 = no overhead).
func BenchmarkListing(b *testing.B, lang bindings.Language, rows int, callListSrc, fetchListSrc string) {
	portal := sandbox.StartTest(b, sandbox.Options{})
	if err := portal.Seed("deal", rows); err != nil {
		b.Fatal(err)
	}
	client, err := hook.FromWebhookURL(portal.WebhookURL(), hook.WithLoopbackHTTP(), hook.WithRateLimit(0, 0))
	if err != nil {
		b.Fatal(err)
	}
	compile := func(src string) bindings.Program {
		p, err := lang.Compile("bench"+lang.Extensions()[0], []byte(src))
		if err != nil {
			b.Fatal(err)
		}
		return p
	}
	callList, fetchList := compile(callListSrc), compile(fetchListSrc)
	env := &bindings.Env{Client: client, Stdout: io.Discard, Logger: slog.New(slog.DiscardHandler)}
	ctx := context.Background()

	var core, viaCall, viaFetch time.Duration
	for b.Loop() {
		start := time.Now()
		got, err := client.List(ctx, "crm.deal.list", nil, hook.ListOptions{})
		if err != nil || len(got) != rows {
			b.Fatalf("hook.List: %d rows, %v", len(got), err)
		}
		core += time.Since(start)
		got = nil

		for _, s := range []struct {
			prog bindings.Program
			took *time.Duration
		}{{callList, &viaCall}, {fetchList, &viaFetch}} {
			start = time.Now()
			if _, err := s.prog.Run(ctx, env); err != nil {
				b.Fatal(err)
			}
			*s.took += time.Since(start)
		}
	}
	n := float64(b.N)
	rate := func(d time.Duration) float64 { return float64(rows) * n / d.Seconds() }
	b.ReportMetric(rate(core), "core-rows/s")
	b.ReportMetric(rate(viaCall), "callList-rows/s")
	b.ReportMetric(rate(viaFetch), "fetchList-rows/s")
	b.ReportMetric(viaCall.Seconds()/core.Seconds(), "callList/core")
	b.ReportMetric(viaFetch.Seconds()/core.Seconds(), "fetchList/core")
	b.ReportMetric(0, "ns/op")
}
