package hook

import (
	"context"
	"encoding/json"
	"strconv"
)

// offset walks a list by start offsets, for callers whose own order must be
// kept (keyset paging can only order by id). The first page counts the rows;
// the other pages go 50 to a batch, batches in parallel, delivered in order.
// Rows inserted or deleted during the walk shift the offsets, as they would
// for any offset pager.
func (w *walk) offset(ctx context.Context, deliver deliverFunc) error {
	resp, err := w.c.Call(ctx, w.method, w.offsetParams(0))
	if err != nil {
		return err
	}
	rows, err := w.rows(resp.Result)
	if err != nil || len(rows) == 0 {
		return err
	}
	if resp.HasTotal {
		w.total = resp.Total
	}
	if more, err := deliver(rows); !more || err != nil || !resp.HasNext {
		return err
	}
	if !resp.HasTotal {
		return w.followNext(ctx, resp.Next, deliver)
	}
	var starts []int
	for s := resp.Next; s < resp.Total; s += pageSize {
		starts = append(starts, s)
	}
	pieces := (len(starts) + MaxBatch - 1) / MaxBatch
	work := func(ctx context.Context, i int, push func([]json.RawMessage) error) error {
		chunk := starts[i*MaxBatch : min(len(starts), (i+1)*MaxBatch)]
		cmds := make([]Command, len(chunk))
		for k, s := range chunk {
			cmds[k] = Command{Name: "o" + strconv.Itoa(s), Method: w.method, Params: w.offsetParams(s)}
		}
		res, err := w.c.Batch(ctx, cmds, false)
		if err != nil {
			return err
		}
		_, err = w.eachPage(res, func(rows []json.RawMessage) (bool, error) {
			if len(rows) == 0 {
				return false, nil // past the end: the list shrank during the walk
			}
			return true, push(rows)
		})
		return err
	}
	return runPipeline(ctx, pieces, w.parallel, work, deliver)
}

// followNext pages one request at a time by the answers' "next", for methods
// that page but do not report a total.
func (w *walk) followNext(ctx context.Context, next int, deliver deliverFunc) error {
	for {
		resp, err := w.c.Call(ctx, w.method, w.offsetParams(next))
		if err != nil {
			return err
		}
		rows, err := w.rows(resp.Result)
		if err != nil || len(rows) == 0 {
			return err
		}
		if more, err := deliver(rows); !more || err != nil || !resp.HasNext || resp.Next <= next {
			return err
		}
		next = resp.Next
	}
}

// offsetParams is the caller's params with only the start changed.
func (w *walk) offsetParams(start int) Object {
	p := w.params.Clone()
	if w.filter != nil {
		p.Set(w.filterKey, w.filter.Clone())
	}
	p.Set("start", start)
	return p
}
