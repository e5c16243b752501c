// Command hooklist measures how fast the hook core lists a large portal and
// sends bulk updates, side by side with the strategies of other SDKs, against
// the sandbox portal with the standard leaky bucket, the standard operating
// budget and a realistic cost model (sandbox.RealisticCost).
//
//	go run ./bench/hooklist                     # 10,000 and 100,000 deals
//	go run ./bench/hooklist -rows 10000 -scale 0.1
//
// Each measurement gets a fresh portal, so no run inherits another's bucket
// or operating time. -scale shrinks every duration of the model — costs,
// drain rate, operating window — by the same factor, which keeps every ratio
// and makes quick runs possible; published figures use -scale 1.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/b24run/b24run/hook"
	"github.com/b24run/b24run/sandbox"
)

func main() {
	rowsFlag := flag.String("rows", "10000,100000", "comma-separated list sizes")
	pagesMax := flag.Int("pages-max", 10000, "largest list to walk one page per request (the official JS SDK's strategy; 100,000 rows take about 17 minutes)")
	scale := flag.Float64("scale", 1, "time scale of the cost model and limits (0.1 = ten times faster, same ratios)")
	updates := flag.Int("updates", 500, "commands for the BatchByChunk measurement (0 to skip)")
	flag.Parse()
	if err := run(os.Stdout, *rowsFlag, *pagesMax, *scale, *updates); err != nil {
		fmt.Fprintln(os.Stderr, "hooklist:", err)
		os.Exit(1)
	}
}

// model is the portal the benchmark runs against, scaled in time.
type model struct{ scale float64 }

func (m model) d(x time.Duration) time.Duration { return time.Duration(float64(x) * m.scale) }

func (m model) portal(deals int) (*sandbox.Portal, error) {
	limits := sandbox.StandardLimits()
	limits.Bucket.Rate /= m.scale
	limits.OperatingBudget = m.d(limits.OperatingBudget)
	limits.OperatingWindow = m.d(10 * time.Minute)
	c := sandbox.RealisticCost()
	c = sandbox.Cost{PerRequest: m.d(c.PerRequest), PerCommand: m.d(c.PerCommand), PerRow: m.d(c.PerRow), Count: m.d(c.Count), CountPerRecord: m.d(c.CountPerRecord)}
	p, err := sandbox.Start(sandbox.Options{Limits: limits, Cost: c})
	if err != nil {
		return nil, err
	}
	if err := p.Seed("deal", deals); err != nil {
		p.Close()
		return nil, err
	}
	p.ResetStats()
	return p, nil
}

func (m model) client(p *sandbox.Portal) (*hook.Client, error) {
	l := hook.PlanLimits(hook.PlanStandard)
	l.Rate /= m.scale
	l.OperatingBudget = m.d(l.OperatingBudget)
	l.OperatingWindow = m.d(l.OperatingWindow)
	return hook.FromWebhookURL(p.WebhookURL(), hook.WithLoopbackHTTP(), hook.WithLimits(l), hook.WithBackoff(m.d(time.Second), m.d(30*time.Second)))
}

// measurement is one strategy's walk over one list.
type measurement struct {
	label     string
	requests  int
	wall      time.Duration
	rows      int
	rejected  int // 429 + 503 answers
	operating int
}

func run(out io.Writer, rowsFlag string, pagesMax int, scale float64, updates int) error {
	m := model{scale}
	strategies := []struct {
		s     hook.Strategy
		label string
	}{
		{hook.StrategyRanges, "b24run: keyset ranges in parallel"},
		{hook.StrategyChain, "one sequential chain of keyset batches (PHP/Python SDKs)"},
		{hook.StrategyPages, "one 50-row page per request (official JS SDK)"},
	}
	tw := tabwriter.NewWriter(out, 2, 8, 2, ' ', 0)
	fmt.Fprintf(out, "cost model: sandbox.RealisticCost, standard bucket 50 + 2/s, operating budget 480 s / 10 min, time scale %g\n\n", scale)
	fmt.Fprintln(tw, "rows\tstrategy\trequests\twall\t429+503\tOPERATION_TIME_LIMIT\twall / b24run\t")
	for _, f := range strings.Split(rowsFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return fmt.Errorf("-rows: %w", err)
		}
		var base time.Duration
		for _, st := range strategies {
			if st.s == hook.StrategyPages && n > pagesMax {
				fmt.Fprintf(tw, "%d\t%s\t-\t-\t-\t-\t(skipped: -pages-max %d)\t\n", n, st.label, pagesMax)
				continue
			}
			res, err := m.list(n, st.s)
			if err != nil {
				return fmt.Errorf("%d rows, %v: %w", n, st.s, err)
			}
			if res.rows != n {
				return fmt.Errorf("%d rows, %v: got %d rows", n, st.s, res.rows)
			}
			if st.s == hook.StrategyRanges {
				base = res.wall
			}
			fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%d\t%d\t%.1fx\t\n", n, st.label, res.requests, res.wall.Round(time.Millisecond), res.rejected, res.operating, res.wall.Seconds()/base.Seconds())
			fmt.Fprintf(os.Stderr, "  measured %d rows, %v\n", n, st.s)
		}
	}
	tw.Flush()
	if updates > 0 {
		par, seq, err := m.chunks(updates)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "\n%d crm.deal.update commands in %d chunks: BatchByChunk (parallel) %s, one chunk after another %s: %.1fx faster\n",
			updates, (updates+49)/50, par.Round(time.Millisecond), seq.Round(time.Millisecond), seq.Seconds()/par.Seconds())
	}
	return nil
}

func (m model) list(n int, s hook.Strategy) (measurement, error) {
	p, err := m.portal(n)
	if err != nil {
		return measurement{}, err
	}
	defer p.Close()
	c, err := m.client(p)
	if err != nil {
		return measurement{}, err
	}
	start := time.Now()
	rows, err := c.List(context.Background(), "crm.deal.list", map[string]any{"select": []string{"ID", "TITLE", "STAGE_ID", "OPPORTUNITY"}}, hook.ListOptions{Strategy: s})
	wall := time.Since(start)
	if err != nil {
		return measurement{}, err
	}
	st := p.Stats()
	return measurement{
		requests:  st.Requests,
		wall:      wall,
		rows:      len(rows),
		rejected:  st.Rejected["QUERY_LIMIT_EXCEEDED"] + st.Rejected["OPERATION_TIME_LIMIT"],
		operating: st.Rejected["OPERATION_TIME_LIMIT"],
	}, nil
}

// chunks sends n updates through BatchByChunk, then the same chunks one
// after another, each against a fresh portal.
func (m model) chunks(n int) (parallel, sequential time.Duration, err error) {
	cmds := make([]hook.Command, n)
	for i := range cmds {
		cmds[i] = hook.Command{Method: "crm.deal.update", Params: hook.Object{{Key: "id", Value: i + 1}, {Key: "fields", Value: hook.Object{{Key: "STAGE_ID", Value: "WON"}}}}}
	}
	measure := func(send func(context.Context, *hook.Client) error) (time.Duration, error) {
		p, err := m.portal(n)
		if err != nil {
			return 0, err
		}
		defer p.Close()
		c, err := m.client(p)
		if err != nil {
			return 0, err
		}
		start := time.Now()
		if err := send(context.Background(), c); err != nil {
			return 0, err
		}
		d := time.Since(start)
		if w := len(p.Stats().Writes); w != n {
			return 0, fmt.Errorf("%d records written, want %d", w, n)
		}
		return d, nil
	}
	parallel, err = measure(func(ctx context.Context, c *hook.Client) error {
		res, err := c.BatchByChunk(ctx, cmds, true)
		if err == nil && len(res.Failed()) > 0 {
			err = res.Failed()[0].Err
		}
		return err
	})
	if err != nil {
		return 0, 0, err
	}
	sequential, err = measure(func(ctx context.Context, c *hook.Client) error {
		for start := 0; start < len(cmds); start += hook.MaxBatch {
			res, err := c.Batch(ctx, cmds[start:min(start+hook.MaxBatch, len(cmds))], true)
			if err != nil {
				return err
			}
			if f := res.Failed(); len(f) > 0 {
				return f[0].Err
			}
		}
		return nil
	})
	return parallel, sequential, err
}
