package js

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"

	"github.com/dop251/goja"

	"github.com/b24run/b24run/bindings"
	"github.com/b24run/b24run/bindings/bindingstest"
)

// benchRows is the size of the listing benchmarks: the goal is that
// a script receiving this many deals adds less than 20% to the time the Go
// core alone takes for the same listing.
const benchRows = 100_000

// BenchmarkListing measures what a script receives from callListMethod and
// fetchListMethod against the Go core alone (see bindingstest).
func BenchmarkListing(b *testing.B) {
	bindingstest.BenchmarkListing(b, New(), benchRows, `
const res = await $b24.callListMethod('crm.deal.list', {});
let sum = 0;
for (const deal of res.getData()) sum += deal.TITLE.length;
if (res.getData().length !== `+fmt.Sprint(benchRows)+`) throw new Error('short list ' + res.getData().length);`, `
let rows = 0;
for await (const page of $b24.fetchListMethod('crm.deal.list', {})) {
  for (const deal of page) rows += deal.TITLE.length > 0 ? 1 : 0;
}
if (rows !== `+fmt.Sprint(benchRows)+`) throw new Error('short list ' + rows);`)
}

// BenchmarkRunCompiled is the cost of one run of an already compiled
// script: a fresh runtime, the prelude and the globals, and a top level
// that awaits and prints.
func BenchmarkRunCompiled(b *testing.B) {
	prog, err := New().Compile("hello.js", []byte(`const x = await Promise.resolve(41); console.log('answer', x + 1);`))
	if err != nil {
		b.Fatal(err)
	}
	env := &bindings.Env{Stdout: io.Discard, Logger: slog.New(slog.DiscardHandler)}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := prog.Run(ctx, env); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompile is the cost of compiling a script (esbuild and goja),
// paid once per version of a script.
func BenchmarkCompile(b *testing.B) {
	src := []byte(`interface D { ID: string }
for await (const page of $b24.fetchListMethod('crm.deal.list')) {
  for (const d of page as D[]) console.log(d.ID);
}`)
	lang := New()
	if _, err := lang.Compile("warm.js", nil); err != nil { // the prelude, compiled once per Language
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := lang.Compile("deals.ts", src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBatchToJS converts the answer of one full chained batch (50
// commands of 50 deals: 2,500 rows) into JavaScript values.
func BenchmarkBatchToJS(b *testing.B) {
	pages := make([][]byte, 50)
	for i := range pages {
		pages[i] = bindingstest.DealPage(i*50, 50)
	}
	size := 0
	for _, p := range pages {
		size += len(p)
	}
	r := benchRun(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			if _, err := r.dec.decode(p); err != nil { // a batch: plain objects
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/2500, "ns/row")
}

// benchRun is a bare run whose decoder the conversion benchmarks use.
func benchRun(b *testing.B) *run {
	b.Helper()
	prog, err := New().Compile("bench.js", []byte(``))
	if err != nil {
		b.Fatal(err)
	}
	r, err := newRun(context.Background(), prog.(*program), &bindings.Env{}, false)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(r.close)
	return r
}

// BenchmarkRowsToJS converts 2,500 rows of a list walk into the shaped rows
// scripts receive from callListMethod and fetchListMethod, and reads one
// field of each, as the listing benchmark's scripts do: a shaped row
// decodes a value when it is first read (rows.go).
func BenchmarkRowsToJS(b *testing.B) {
	var rows [][]byte
	for i := range 2500 {
		p := bindingstest.DealPage(i, 1)
		rows = append(rows, p[1:len(p)-1])
	}
	r := benchRun(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, row := range rows {
			v, err := r.dec.decodeRow(row)
			if err != nil {
				b.Fatal(err)
			}
			_ = v.(*goja.Object).Get("TITLE")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/2500, "ns/row")
}
