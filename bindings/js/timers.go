package js

import (
	"container/heap"
	"time"

	"github.com/dop251/goja"
)

// timer is one setTimeout, setInterval or setImmediate.
type timer struct {
	id       int
	due      time.Time
	interval time.Duration // > 0 for setInterval
	delay    time.Duration
	fn       goja.Callable
	args     []goja.Value
	ref      bool // keeps the run alive, as in Node until unref()
	seq      uint64
	index    int
}

// timerQueue orders timers by due time, then by creation, as Node fires
// timers that fall due together in the order they were set.
type timerQueue struct {
	items  timerHeap
	byID   map[int]*timer
	nextID int
	seq    uint64
	refs   int
}

// add schedules fn after delay (clamped to 1 ms as in Node, 0 for
// setImmediate) and returns its id.
func (q *timerQueue) add(fn goja.Callable, delay time.Duration, repeat, immediate bool, args []goja.Value) int {
	if q.byID == nil {
		q.byID = map[int]*timer{}
	}
	if !immediate && delay < time.Millisecond {
		delay = time.Millisecond
	}
	q.nextID++
	t := &timer{id: q.nextID, due: time.Now().Add(delay), delay: delay, fn: fn, args: args, ref: true}
	if repeat {
		t.interval = delay
	}
	q.byID[t.id] = t
	q.push(t)
	return t.id
}

func (q *timerQueue) push(t *timer) {
	q.seq++
	t.seq = q.seq
	heap.Push(&q.items, t)
	if t.ref {
		q.refs++
	}
}

// pop removes t from the queue (it stays known by id while it repeats).
func (q *timerQueue) pop(t *timer) {
	if t.index < 0 {
		return
	}
	heap.Remove(&q.items, t.index)
	if t.ref {
		q.refs--
	}
	if t.interval == 0 {
		delete(q.byID, t.id)
	}
}

// clear cancels a timer; unknown ids are ignored, as in Node.
func (q *timerQueue) clear(id int) {
	if t, ok := q.byID[id]; ok {
		t.interval = 0
		q.pop(t)
		delete(q.byID, id)
	}
}

// setRef marks a timer as keeping the run alive or not (ref/unref).
func (q *timerQueue) setRef(id int, ref bool) {
	t, ok := q.byID[id]
	if !ok || t.ref == ref {
		return
	}
	t.ref = ref
	if t.index >= 0 {
		if ref {
			q.refs++
		} else {
			q.refs--
		}
	}
}

// hasRef reports whether a timer keeps the run alive.
func (q *timerQueue) hasRef(id int) bool {
	t, ok := q.byID[id]
	return ok && t.ref
}

// refresh restarts a timer's delay from now.
func (q *timerQueue) refresh(id int) {
	t, ok := q.byID[id]
	if !ok || t.index < 0 {
		return
	}
	t.due = time.Now().Add(t.delay)
	heap.Fix(&q.items, t.index)
}

// next returns the timer to fire next, or nil when no timer keeps the run
// alive (unref'd timers then never fire, as in Node).
func (q *timerQueue) next() *timer {
	if q.refs == 0 || len(q.items) == 0 {
		return nil
	}
	return q.items[0]
}

type timerHeap []*timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if !h[i].due.Equal(h[j].due) {
		return h[i].due.Before(h[j].due)
	}
	return h[i].seq < h[j].seq
}
func (h timerHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index, h[j].index = i, j
}
func (h *timerHeap) Push(x any) {
	t := x.(*timer)
	t.index = len(*h)
	*h = append(*h, t)
}
func (h *timerHeap) Pop() any {
	old := *h
	t := old[len(old)-1]
	old[len(old)-1] = nil
	t.index = -1
	*h = old[:len(old)-1]
	return t
}
