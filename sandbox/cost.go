package sandbox

import (
	"context"
	"time"
)

// Cost is simulated server work. The handler sleeps for it, so wall time is
// realistic and concurrent requests overlap as on a real portal, whose PHP workers
// run in parallel, and it is billed to the method's operating time, so clients'
// operating-limit handling can be exercised. A batch runs its commands one after
// another, so its cost is the sum of theirs.
type Cost struct {
	PerRequest     time.Duration // every HTTP request that is executed
	PerCommand     time.Duration // every method execution (each batch sub-command pays it)
	PerRow         time.Duration // every row a list method returns
	Count          time.Duration // extra when a list counts its total (start >= 0)
	CountPerRecord time.Duration // extra per record in the table when counting
}

// RealisticCost approximates a cloud portal: PerRequest 20ms, PerCommand 20ms,
// PerRow 0.5ms, Count 50ms, CountPerRecord 2µs. It is grounded in the docs, where
// one 50-row page with start=-1 took 0.097 s end to end.
func RealisticCost() Cost {
	return Cost{
		PerRequest:     20 * time.Millisecond,
		PerCommand:     20 * time.Millisecond,
		PerRow:         500 * time.Microsecond,
		Count:          50 * time.Millisecond,
		CountPerRecord: 2 * time.Microsecond,
	}
}

// costMeter records what one method execution did, so its cost can be computed
// after it ran.
type costMeter struct {
	rows      int  // rows returned by a list
	counted   bool // the list counted its total
	tableSize int  // records in the table that was counted
}

// command is the cost of one method execution.
func (c Cost) command(m costMeter) time.Duration {
	d := c.PerCommand + time.Duration(m.rows)*c.PerRow
	if m.counted {
		d += c.Count + time.Duration(m.tableSize)*c.CountPerRecord
	}
	return d
}

// sleepCtx waits for d or until ctx is done, reporting ctx's error in that case.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
