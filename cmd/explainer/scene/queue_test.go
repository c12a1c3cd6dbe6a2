package scene

import (
	"reflect"
	"testing"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
)

func queueFigure(t testing.TB) *Figure {
	v, ns := params.ParseQuery("fig=valley")
	if len(ns) > 0 {
		t.Fatal(ns)
	}
	return New(v, nil, false)
}

func TestQueueMergesWhatRepeatsAndKeepsTheOrder(t *testing.T) {
	var q Queue
	var log []string
	q.Step(3)
	q.Step(4) // merges: one entry of 7
	q.Do(func(f *Figure) { log = append(log, "fn") })
	q.Step(2)
	q.Pointer("down", 1, 1)
	q.Pointer("move", 2, 2)
	q.Pointer("move", 3, 3) // replaces the move before it
	q.Pointer("up", 3, 3)
	q.Pointer("move", 4, 4) // not merged across the release
	if got := q.Len(); got != 7 {
		t.Errorf("%d entries queued, want 7", got)
	}
	type entry struct {
		fn      bool
		steps   int
		pointer string
		x, y    float64
	}
	want := []entry{{steps: 7}, {fn: true}, {steps: 2}, {pointer: "down", x: 1, y: 1}, {pointer: "move", x: 3, y: 3},
		{pointer: "up", x: 3, y: 3}, {pointer: "move", x: 4, y: 4}}
	for i, c := range q.calls {
		if got := (entry{c.fn != nil, c.steps, c.pointer, c.x, c.y}); got != want[i] {
			t.Errorf("entry %d is %+v, want %+v", i, got, want[i])
		}
	}
	f := queueFigure(t)
	if !q.Apply(f) || q.Len() != 0 {
		t.Fatalf("Apply: the queue still holds %d", q.Len())
	}
	if f.step != 9 || len(log) != 1 {
		t.Errorf("after Apply: step %d, %d calls of fn; want 9 and 1", f.step, len(log))
	}
	if q.Apply(f) {
		t.Error("Apply on an empty queue reported calls")
	}
}

func TestQueueStepRunsStopAtTheCap(t *testing.T) {
	var q Queue
	q.Step(params.MaxStepsPerCall)
	q.Step(1)
	if q.Len() != 2 {
		t.Errorf("%d entries, want 2: a merged run may not pass MaxStepsPerCall", q.Len())
	}
}

// A drag's moves merged into one give exactly the figure the moves one by
// one give: where the pointer ended is all that counts.
func TestQueueMergedDragEqualsEveryMove(t *testing.T) {
	merged, each := queueFigure(t), queueFigure(t)
	var q Queue
	for _, f := range []*Figure{merged, each} {
		f.Seek(40)
	}
	hx, hy := merged.Handle()
	x0, y0 := merged.v.X0, merged.v.Y0
	moves := [][2]float64{{hx + 5, hy}, {hx + 9, hy - 3}, {hx - 20, hy + 11}, {hx - 31, hy + 2}}
	q.Pointer("down", hx, hy)
	each.Pointer("down", hx, hy)
	for _, m := range moves {
		q.Pointer("move", m[0], m[1])
		each.Pointer("move", m[0], m[1])
	}
	if q.Len() != 2 {
		t.Fatalf("%d entries for a press and four moves, want 2", q.Len())
	}
	q.Apply(merged)
	if merged.v.X0 == x0 || merged.v.Y0 == y0 {
		t.Fatal("the drag did not move the start")
	}
	if !reflect.DeepEqual(merged.Summary(), each.Summary()) || !reflect.DeepEqual(merged.v, each.v) {
		t.Errorf("merged drag:\n%+v\none move at a time:\n%+v", merged.Summary(), each.Summary())
	}
}

func TestQueueLeavesCallsQueuedWhileApplyingForNextTime(t *testing.T) {
	var q Queue
	f := queueFigure(t)
	q.Do(func(f *Figure) { q.Step(5) })
	q.Apply(f)
	if f.step != 0 || q.Len() != 1 {
		t.Fatalf("step %d, %d queued; want 0 and 1", f.step, q.Len())
	}
	q.Apply(f)
	if f.step != 5 {
		t.Errorf("step %d after the second Apply, want 5", f.step)
	}
}

func TestQueueAllocatesNothingWhileDragging(t *testing.T) {
	var q Queue
	f := queueFigure(t)
	hx, hy := f.Handle()
	f.Pointer("down", hx, hy)
	i := 0.0
	drag := func() {
		i++
		q.Pointer("move", hx+i, hy)
		q.Pointer("move", hx+i+0.5, hy)
		q.Apply(f)
	}
	drag()
	if n := testing.AllocsPerRun(50, drag); n != 0 {
		t.Errorf("%v allocations per frame of dragging, want 0", n)
	}
}
