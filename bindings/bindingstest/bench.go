package bindingstest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
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

// DealPage is a JSON array of n deal rows shaped like the sandbox's
// crm.deal.list rows (ids from+1...), for the languages' conversion
// benchmarks: they convert the same bytes, so their figures compare.
func DealPage(from, n int) []byte {
	var sb strings.Builder
	sb.WriteByte('[')
	for i := from; i < from+n; i++ {
		if i > from {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `{"ID":"%d","TITLE":"Deal #%d","TYPE_ID":"SALE","CATEGORY_ID":"0","STAGE_ID":"PREPARATION","PROBABILITY":"13","CURRENCY_ID":"EUR","OPPORTUNITY":"79.69","TAX_VALUE":"0.00","COMPANY_ID":"2","CONTACT_ID":"2","LEAD_ID":null,"BEGINDATE":"2024-01-01T10:00:00+03:00","CLOSEDATE":"2024-01-08T10:00:00+03:00","CLOSED":"N","SOURCE_ID":"CALL","SOURCE_DESCRIPTION":null,"ASSIGNED_BY_ID":"2","CREATED_BY_ID":"1","MODIFY_BY_ID":"1","DATE_CREATE":"2024-01-01T10:00:00+03:00","DATE_MODIFY":"2024-01-01T10:30:00+03:00","OPENED":"Y","COMMENTS":"","UF_CRM_1700000000":"REF-%05d"}`, i+1, i+1, i+1)
	}
	sb.WriteByte(']')
	return []byte(sb.String())
}
