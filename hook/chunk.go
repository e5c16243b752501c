package hook

import (
	"context"
	"errors"
	"strconv"
	"sync"
)

// BatchByChunk sends any number of commands, 50 to a request. The chunks are
// independent requests (with halt, a failure stops only the rest of its own
// chunk, as in the official SDK), so they run in parallel within the
// limiters. The result lists every command in order, keyed by its name or its
// position in cmds — never by its position inside a chunk, which would make
// errors of different chunks collide.
//
// When a whole chunk fails (the request got no usable answer), its commands
// carry that error, the other chunks' results are kept, and the joined chunk
// errors are returned alongside the result.
func (c *Client) BatchByChunk(ctx context.Context, cmds []Command, halt bool) (*BatchResult, error) {
	out := &BatchResult{Commands: make([]CommandResult, len(cmds)), Status: 200}
	if len(cmds) == 0 {
		return out, nil
	}
	if _, err := checkBatch(cmds[:1]); err != nil {
		return nil, err
	}
	named := cmds[0].Name != ""
	seen := make(map[string]bool, len(cmds))
	for i, cmd := range cmds {
		if (cmd.Name != "") != named || (named && seen[cmd.Name]) {
			_, err := checkBatch([]Command{cmds[0], cmd})
			if err == nil {
				err = &Error{Code: CodeInvalidParams, Description: "batch command name " + strconv.Quote(cmd.Name) + " is used twice", Status: 400, Method: "batch"}
			}
			return nil, err
		}
		seen[cmd.Name] = true
		if cmd.Method == "" {
			return nil, &Error{Code: CodeInvalidParams, Description: "batch command " + strconv.Itoa(i) + " has no method", Status: 400, Method: "batch"}
		}
	}

	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
		sem  = make(chan struct{}, c.settings.parallel)
	)
	for start := 0; start < len(cmds); start += MaxBatch {
		end := min(start+MaxBatch, len(cmds))
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
				defer func() { <-sem }()
			case <-ctx.Done():
				c.failChunk(out, cmds, start, end, ctx.Err(), &mu, &errs)
				return
			}
			res, err := c.Batch(ctx, cmds[start:end], halt)
			if err != nil {
				c.failChunk(out, cmds, start, end, err, &mu, &errs)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			for j, cr := range res.Commands {
				if !named {
					cr.Key = strconv.Itoa(start + j)
				}
				out.Commands[start+j] = cr
			}
			if res.Time.Finish > out.Time.Finish {
				out.Time = res.Time
			}
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// failChunk records a chunk that got no answer: each of its commands carries
// the chunk's error.
func (c *Client) failChunk(out *BatchResult, cmds []Command, start, end int, err error, mu *sync.Mutex, errs *[]error) {
	mu.Lock()
	defer mu.Unlock()
	*errs = append(*errs, err)
	var herr *Error
	if !errors.As(err, &herr) {
		herr = &Error{Code: CodeNetwork, Description: err.Error(), Method: "batch", cause: err}
	}
	for i := start; i < end; i++ {
		key := cmds[i].Name
		if key == "" {
			key = strconv.Itoa(i)
		}
		out.Commands[i] = CommandResult{Key: key, Method: cmds[i].Method, Err: herr}
	}
}
