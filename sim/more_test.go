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

func TestDropout(t *testing.T) {
	d := Dropout{P: 0.3, Coord: 1, Seed: 7}
	kept := 0
	const n = 200000
	for s := 1; s <= n; s++ {
		if d.Keep(s) != d.Keep(s) {
			t.Fatal("Keep is not a pure function of the step")
		}
		if d.Keep(s) {
			kept++
		}
	}
	if f := float64(kept) / n; math.Abs(f-0.7) > 0.005 {
		t.Fatalf("kept fraction %v, want 0.7", f)
	}
	// Another seed gives another mask; P = 0 and P = 1 are absolute.
	e := d
	e.Seed = 8
	same := 0
	for s := 1; s <= 1000; s++ {
		if d.Keep(s) == e.Keep(s) {
			same++
		}
		if !(Dropout{P: 0}).Keep(s) || (Dropout{P: 1}).Keep(s) || !(Dropout{P: math.NaN()}).Keep(s) {
			t.Fatal("P = 0 must keep all, P = 1 drop all, NaN keep all")
		}
	}
	if same > 700 {
		t.Fatalf("seeds 7 and 8 agree on %d of 1000 draws", same)
	}
	// The generator is SplitMix64: its published outputs for state 0 pin it,
	// so every machine and browser draws the same masks.
	for k, want := range []uint64{0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f} {
		if got := splitmix64(uint64(k) * 0x9e3779b97f4a7c15); got != want {
			t.Fatalf("splitmix64 output %d = %#x, want %#x", k, got, want)
		}
	}
	g := []float64{1, 2}
	Dropout{P: 1, Coord: 5}.Apply(1, g)
	Dropout{P: 1, Coord: -1}.Apply(1, g)
	if g[0] != 1 || g[1] != 2 {
		t.Fatal("an out-of-range coordinate must change nothing")
	}
}

func TestDropoutInARun(t *testing.T) {
	l := NewValley(0.2, 10, 0)
	d := &Dropout{P: 1, Coord: 1, Seed: 3}
	r := NewRun(l, DefaultConfig(AdaGrad), l.Start(), d)
	r.Steps(50)
	s := r.State()
	if s.X[1] != 2 || s.G[1] != 0 || s.Used[1] != 0 || s.Grad[1] != 20 {
		t.Fatalf("y gradient always dropped, yet y=%v G=%v used=%v grad=%v", s.X[1], s.G[1], s.Used[1], s.Grad[1])
	}
	// Same seed, same run; half the draws dropped moves y less often.
	a := NewRun(l, DefaultConfig(AdaGrad), l.Start(), &Dropout{P: 0.5, Coord: 1, Seed: 11})
	b := NewRun(l, DefaultConfig(AdaGrad), l.Start(), &Dropout{P: 0.5, Coord: 1, Seed: 11})
	zeros := 0
	for i := 0; i < 300; i++ {
		a.Step()
		b.Step()
		if a.State().X[1] != b.State().X[1] || a.State().X[0] != b.State().X[0] {
			t.Fatal("same seed, different runs")
		}
		if a.State().Used[1] == 0 {
			zeros++
		}
	}
	if zeros < 100 || zeros > 200 {
		t.Fatalf("%d of 300 y gradients dropped at p = 0.5", zeros)
	}
	a.SetDropout(nil)
	a.Step()
	if a.State().Used[1] != a.Preview().Grad[1] && a.State().Used[1] == 0 {
		t.Fatal("SetDropout(nil) should restore dense gradients")
	}
}

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

func TestLandscapes(t *testing.T) {
	ls := []Landscape{NewValley(0.2, 10, 0), NewValley(1, 8, 30), NewValley(0.5, 3, -110), Rosenbrock{}}
	g := make([]float64, 2)
	for _, l := range ls {
		m := l.Minimum()
		l.Grad(m, g)
		if g[0] != 0 || g[1] != 0 || l.Value(m) != 0 {
			t.Errorf("%s: f(min)=%v, grad %v", l.Name(), l.Value(m), g)
		}
		start := l.(interface{ Start() []float64 }).Start()
		v := l.View()
		if !v.Contains(start[0], start[1]) || !v.Contains(m[0], m[1]) || v.XMax-v.XMin <= 0 || v.YMax-v.YMin <= 0 {
			t.Errorf("%s: view %+v misses start %v or minimum %v", l.Name(), v, start, m)
		}
		// Central differences.
		for _, p := range [][]float64{start, {0.3, -0.8}, {-1.1, 1.7}} {
			l.Grad(p, g)
			for i := range 2 {
				h := 1e-6
				a, b := append([]float64(nil), p...), append([]float64(nil), p...)
				a[i] += h
				b[i] -= h
				fd := (l.Value(a) - l.Value(b)) / (2 * h)
				if !near(g[i], fd, 1e-6) {
					t.Errorf("%s at %v: ∂%d = %v, finite difference %v", l.Name(), p, i, g[i], fd)
				}
			}
		}
	}
	// A rotated valley is the unrotated one seen in turned coordinates.
	v0, v30 := NewValley(1, 8, 0), NewValley(1, 8, 30)
	s, c := math.Sincos(math.Pi / 6)
	u := []float64{1.2, -0.4}
	p := []float64{c*u[0] - s*u[1], s*u[0] + c*u[1]}
	if !near(v30.Value(p), v0.Value(u), 1e-14) {
		t.Errorf("rotation: %v vs %v", v30.Value(p), v0.Value(u))
	}
	// Angle 0: steep along y when B > A.
	v0.Grad([]float64{1, 1}, g)
	if g[0] != 1 || g[1] != 8 || v0.Name() != "valley" || (Rosenbrock{}).Name() != "rosenbrock" {
		t.Errorf("valley grad %v", g)
	}
}

// On an axis-aligned valley AdaGrad (ε = 0, G₀ = 0) follows the same path
// whatever the curvatures: each coordinate's step is invariant to the scale
// of its gradient. SGD's path depends on them entirely.
func TestAdaGradIgnoresAxisAlignedCurvature(t *testing.T) {
	c := Config{Method: AdaGrad, LR: 0.5, EpsInSqrt: true}
	ref := NewRun(NewValley(1, 1, 0), c, []float64{-4.5, 2}, nil)
	ref.Steps(200)
	for _, ab := range [][2]float64{{0.2, 10}, {4, 0.25}, {0.5, 128}} {
		r := NewRun(NewValley(ab[0], ab[1], 0), c, []float64{-4.5, 2}, nil)
		r.Steps(200)
		for i, v := range r.State().X {
			if !near(v, ref.State().X[i], 1e-12) {
				t.Errorf("a=%v b=%v: x=%v, with a=b=1: %v", ab[0], ab[1], r.State().X, ref.State().X)
			}
		}
	}
}

// Rotating the valley leaves SGD unchanged (it is rotation-invariant) but
// slows AdaGrad, whose per-coordinate rates no longer line up with the
// valley's axes.
func TestRotationHurtsAdaGradNotSGD(t *testing.T) {
	stepsTo := func(m Method, deg float64) int {
		l := NewValley(0.2, 10, deg)
		r := NewRun(l, DefaultConfig(m), l.Start(), nil)
		for r.State().Step < 100000 && r.Step() {
			if x := r.State().X; math.Hypot(x[0], x[1]) < 0.01 {
				return r.State().Step
			}
		}
		return -1
	}
	sgd0, sgd45 := stepsTo(SGD, 0), stepsTo(SGD, 45)
	ada0, ada45 := stepsTo(AdaGrad, 0), stepsTo(AdaGrad, 45)
	if sgd0 < 0 || sgd0 != sgd45 {
		t.Errorf("SGD: %d steps unrotated, %d at 45°", sgd0, sgd45)
	}
	if ada0 < 0 || ada0 >= sgd0 || ada45 < 4*ada0 {
		t.Errorf("AdaGrad: %d steps unrotated (SGD %d), %d at 45°", ada0, sgd0, ada45)
	}
}
