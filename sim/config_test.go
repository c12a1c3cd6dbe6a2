package sim

import (
	"math"
	"testing"
)

func TestSetConfigKeepsPositionAndAccumulator(t *testing.T) {
	l := Rosenbrock{}
	r := NewRun(l, DefaultConfig(AdaGrad), l.Start(), nil)
	r.Steps(10)
	x := append([]float64(nil), r.State().X...)
	G := append([]float64(nil), r.State().G...)
	c := r.Config()
	c.LR, c.G0 = 0.05, 3 // G₀ applies only at Reset
	r.SetConfig(c)
	s := r.State()
	if s.X[0] != x[0] || s.G[0] != G[0] || s.G[1] != G[1] || s.Step != 10 {
		t.Fatalf("SetConfig moved the run: %v %v", s.X, s.G)
	}
	if want := 0.05 / math.Sqrt(G[0]+1e-8); !near(s.Rate[0], want, 1e-15) {
		t.Fatalf("rate %v, want %v", s.Rate[0], want)
	}
	r.Reset(l.Start())
	if r.State().G[0] != 3 {
		t.Fatalf("G₀ not applied at Reset: %v", r.State().G)
	}
	// Changing the method starts its state fresh at the same place.
	r.Steps(5)
	x = append(x[:0], r.State().X...)
	r.SetConfig(DefaultConfig(SGD))
	if r.State().G != nil || r.State().X[0] != x[0] || r.Preview().G != nil {
		t.Fatalf("switch to SGD: G=%v X=%v", r.State().G, r.State().X)
	}
	r.SetConfig(DefaultConfig(Adam))
	if g := r.State().G; len(g) != 2 || g[0] != 0 || !r.Step() {
		t.Fatalf("switch to Adam: G=%v", g)
	}
}
