package scene

import (
	"sync"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
)

// Queue keeps the page's calls in order until the game applies them, all
// at once, at the start of a frame (or just before the page reads the
// figure, so that a read sees every call made before it). It has no fixed
// size, so a burst of calls in one task (a script, a flood of messages)
// loses none. Two kinds of call merge with the one queued just before them,
// because applying them one by one would only repeat work: runs of steps add
// up (to params.MaxStepsPerCall per entry), and a pointer move replaces the
// move before it, since a drag's result depends only on where the pointer
// is now. Calls may come from any goroutine.
type Queue struct {
	mu    sync.Mutex
	calls []call
	spare []call // the other buffer: Apply swaps them, so queuing allocates nothing once warm
}

// call is one queued call: a function, a run of steps, or a pointer event.
type call struct {
	fn      func(*Figure)
	steps   int
	pointer string // the event's kind, as Figure.Pointer takes it
	x, y    float64
}

// Do queues fn.
func (q *Queue) Do(fn func(*Figure)) { q.push(call{fn: fn}) }

// Step queues n steps.
func (q *Queue) Step(n int) { q.push(call{steps: n}) }

// Pointer queues a pointer event, as Figure.Pointer takes it.
func (q *Queue) Pointer(kind string, x, y float64) { q.push(call{pointer: kind, x: x, y: y}) }

func (q *Queue) push(c call) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if n := len(q.calls); n > 0 {
		last := &q.calls[n-1]
		switch {
		case c.steps > 0 && last.steps > 0 && last.steps+c.steps <= params.MaxStepsPerCall:
			last.steps += c.steps
			return
		case c.pointer == "move" && last.pointer == "move":
			*last = c
			return
		}
	}
	q.calls = append(q.calls, c)
}

// Len is the number of queued entries, after merging.
func (q *Queue) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.calls)
}

// Apply applies the queued calls to f in order and empties the queue. It
// reports whether there were any. A call that queues another (from inside
// a hook) leaves it for the next Apply.
func (q *Queue) Apply(f *Figure) bool {
	q.mu.Lock()
	calls := q.calls
	q.calls, q.spare = q.spare[:0], nil
	q.mu.Unlock()
	for _, c := range calls {
		switch {
		case c.fn != nil:
			c.fn(f)
		case c.pointer != "":
			f.Pointer(c.pointer, c.x, c.y)
		default:
			f.Step(c.steps)
		}
	}
	clear(calls) // let the functions go
	q.mu.Lock()
	q.spare = calls[:0]
	q.mu.Unlock()
	return len(calls) > 0
}
