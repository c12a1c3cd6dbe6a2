package sim

import (
	"math"
	"testing"
)

func TestFrozenFlagsAdaGradFreeze(t *testing.T) {
	l := NewValley(0.2, 10, 0)
	c := DefaultConfig(AdaGrad)
	c.LR = 0.01
	r := NewRun(l, c, l.Start(), nil)
	r.Steps(FrozenWindow - 1)
	if r.State().Frozen {
		t.Fatal("frozen before a full window of negligible steps")
	}
	r.Steps(500)
	s := r.State()
	d := math.Hypot(s.X[0], s.X[1])
	if !s.Frozen || d < 0.1*math.Hypot(4.5, 2) {
		t.Fatalf("η=0.01 after 500 steps: frozen=%v at distance %v", s.Frozen, d)
	}
	// Raising the rate thaws it: immediately, and it stays thawed.
	c.LR = 1
	r.SetConfig(c)
	if r.State().Frozen {
		t.Fatal("still frozen right after raising η")
	}
	for i := 0; i < 100; i++ {
		r.Step()
		if r.State().Frozen {
			t.Fatalf("frozen again %d steps after raising η to 1", i+1)
		}
	}
}

// Linearly converging runs are never frozen, however slow: SGD's rate does
// not shrink, and healthy adaptive runs move a good fraction of the way.
func TestFrozenSparesLinearConvergence(t *testing.T) {
	l := NewValley(0.2, 10, 0)
	cases := []Config{DefaultConfig(AdaGrad), DefaultConfig(RMSProp), DefaultConfig(Adam)}
	for _, lr := range []float64{0.001, 0.01, 0.15} {
		c := DefaultConfig(SGD)
		c.LR = lr
		cases = append(cases, c)
	}
	for _, c := range cases {
		r := NewRun(l, c, l.Start(), nil)
		for i := 0; i < 20000; i++ {
			r.Step()
			if r.State().Frozen {
				x := r.State().X
				t.Fatalf("%v η=%v frozen at step %d, x=%v", c.Method, c.LR, r.State().Step, x)
			}
		}
		if c.Method == SGD && c.LR == 0.001 && math.Abs(r.State().X[0]) > 0.1 {
			t.Fatalf("slow SGD should still be converging: x=%v", r.State().X)
		}
	}
}
