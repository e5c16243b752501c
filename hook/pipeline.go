package hook

import (
	"context"
	"encoding/json"
	"sync"
)

// pipeline runs n independent pieces of a walk (id ranges, offset batches)
// on up to parallel goroutines and hands their pages to the consumer in
// piece order, on the consumer's goroutine. Pieces more than 2×parallel ahead
// of the one being consumed wait, so memory stays bounded however long the
// list is.
type pipeline struct {
	mu      sync.Mutex
	changed chan struct{}
	slots   []pipelineSlot
	next    int // next piece a worker claims
	current int // piece being consumed
	err     error
	window  int
}

type pipelineSlot struct {
	pages [][]json.RawMessage
	done  bool
}

// pieceFunc produces the pages of piece i, in order, through push.
type pieceFunc func(ctx context.Context, i int, push func([]json.RawMessage) error) error

func runPipeline(ctx context.Context, n, parallel int, work pieceFunc, deliver deliverFunc) error {
	if n == 0 {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	p := &pipeline{changed: make(chan struct{}), slots: make([]pipelineSlot, n), window: parallel}
	var wg sync.WaitGroup
	for range min(parallel, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.worker(ctx, cancel, work)
		}()
	}
	err := p.consume(ctx, deliver)
	cancel()
	wg.Wait()
	return err
}

func (p *pipeline) worker(ctx context.Context, cancel context.CancelFunc, work pieceFunc) {
	for {
		i, ok := p.claim(ctx)
		if !ok {
			return
		}
		push := func(rows []json.RawMessage) error {
			p.mu.Lock()
			defer p.mu.Unlock()
			if p.err != nil {
				return p.err
			}
			p.slots[i].pages = append(p.slots[i].pages, rows)
			p.notify()
			return nil
		}
		err := work(ctx, i, push)
		p.mu.Lock()
		if err != nil && p.err == nil {
			p.err = err
			cancel()
		}
		p.slots[i].done = true
		p.notify()
		p.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// claim takes the next piece once it is inside the window.
func (p *pipeline) claim(ctx context.Context) (int, bool) {
	p.mu.Lock()
	if p.next >= len(p.slots) || p.err != nil {
		p.mu.Unlock()
		return 0, false
	}
	i := p.next
	p.next++
	for i >= p.current+p.window && p.err == nil {
		ch := p.changed
		p.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return 0, false
		}
		p.mu.Lock()
	}
	ok := p.err == nil
	p.mu.Unlock()
	return i, ok
}

// consume delivers the pages in order until all pieces are done, a piece
// fails, or deliver asks to stop.
func (p *pipeline) consume(ctx context.Context, deliver deliverFunc) error {
	for i := range p.slots {
		for {
			p.mu.Lock()
			s := &p.slots[i]
			if len(s.pages) > 0 {
				rows := s.pages[0]
				s.pages[0] = nil // the consumer owns the page now; keep no reference
				s.pages = s.pages[1:]
				p.mu.Unlock()
				more, err := deliver(rows)
				if err != nil || !more {
					return err
				}
				continue
			}
			if s.done && p.err == nil {
				s.pages = nil
				p.current = i + 1
				p.notify()
				p.mu.Unlock()
				break
			}
			if p.err != nil {
				err := p.err
				p.mu.Unlock()
				return err
			}
			ch := p.changed
			p.mu.Unlock()
			select {
			case <-ch:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
	return nil
}

func (p *pipeline) notify() {
	close(p.changed)
	p.changed = make(chan struct{})
}
