package sim

import (
	"math"
	"runtime"
	"slices"
	"testing"
)

func stateFinite(t *testing.T, s *State, what string) {
	t.Helper()
	for name, v := range map[string][]float64{"X": s.X, "Grad": s.Grad, "Used": s.Used, "G": s.G, "Rate": s.Rate, "Delta": s.Delta, "Next": s.Next} {
		for i, x := range v {
			if !finite(x) {
				t.Fatalf("%s: %s[%d] = %v", what, name, i, x)
			}
		}
	}
	if !finite(s.Loss) {
		t.Fatalf("%s: Loss = %v", what, s.Loss)
	}
	for i, x := range s.X {
		if math.Abs(x) > RunawayBound {
			t.Fatalf("%s: X[%d] = %v beyond the runaway bound", what, i, x)
		}
	}
}

func TestDivergenceStopsAtLastFinitePoint(t *testing.T) {
	for _, tc := range []struct {
		l  Landscape
		lr float64
	}{{NewValley(0.2, 10, 0), 0.25}, {Rosenbrock{}, 0.01}, {Rosenbrock{}, 1e300}, {NewValley(1, 1, 30), 1e200}} {
		c := DefaultConfig(SGD)
		c.LR = tc.lr
		r := NewRun(tc.l, c, nil, nil)
		r.Reset([]float64{-1.5, 2})
		n := r.Steps(100000)
		s := r.State()
		if !s.Diverged || n >= 100000 || s.Step != n {
			t.Fatalf("%s η=%v: %d steps, state step %d, diverged=%v", tc.l.Name(), tc.lr, n, s.Step, s.Diverged)
		}
		stateFinite(t, s, "diverged state")
		x := append([]float64(nil), s.X...)
		if r.Step() || r.Steps(10) != 0 || s.X[0] != x[0] || s.X[1] != x[1] || s.Step != n {
			t.Fatal("a diverged run moved")
		}
		p := r.Preview()
		stateFinite(t, p, "preview of diverged")
		if !p.Diverged || p.Next[0] != x[0] || p.Next[1] != x[1] {
			t.Fatalf("preview of a diverged run: %+v", p)
		}
		for _, sm := range r.Trail() {
			for _, v := range []float64{sm.X, sm.Y, sm.Loss, sm.GX, sm.GY, sm.RateX, sm.RateY, sm.AccX, sm.AccY, sm.UsedX, sm.UsedY} {
				if !finite(v) {
					t.Fatalf("non-finite trail sample %+v", sm)
				}
			}
		}
		r.Reset([]float64{0.5, 0.5})
		if r.State().Diverged || r.State().Step != 0 {
			t.Fatal("Reset did not clear divergence")
		}
	}
}

func TestPreviewIsTheNextStep(t *testing.T) {
	for m := SGD; m <= lastMethod; m++ {
		for _, drop := range []*Dropout{nil, {P: 0.5, Coord: 1, Seed: 42}} {
			c := PyTorchConfig(m)
			if m == SGD {
				c.LR = 1e-3 // 0.01 diverges from here
			}
			r := NewRun(Rosenbrock{}, c, []float64{-1.5, 2}, drop)
			for k := 0; k < 300; k++ {
				p := r.Preview()
				next := append([]float64(nil), p.Next...)
				used := append([]float64(nil), p.Used...)
				rate := append([]float64(nil), p.Rate...)
				G := append([]float64(nil), p.G...)
				delta := append([]float64(nil), p.Delta...)
				if p.Step != r.State().Step || p.X[0] != r.State().X[0] {
					t.Fatal("preview changed step or position")
				}
				if !r.Step() {
					t.Fatalf("%v: step %d diverged", m, k)
				}
				s := r.State()
				for i := range next {
					if s.X[i] != next[i] || s.Used[i] != used[i] || s.Rate[i] != rate[i] || s.Delta[i] != delta[i] {
						t.Fatalf("%v step %d: preview %v %v %v, step %v %v %v", m, s.Step, next, used, rate, s.X, s.Used, s.Rate)
					}
					if G != nil && s.G[i] != G[i] {
						t.Fatalf("%v step %d: preview G %v, step G %v", m, s.Step, G, s.G)
					}
				}
			}
		}
	}
}

func TestStateAtStepZero(t *testing.T) {
	r := NewRun(NewValley(0.2, 10, 0), DefaultConfig(AdaGrad), []float64{-4.5, 2}, nil)
	s := r.State()
	if s.Step != 0 || s.Delta[0] != 0 || s.Delta[1] != 0 || s.Next != nil {
		t.Fatalf("step 0 state %+v", s)
	}
	if s.Grad[0] != -0.9 || s.Grad[1] != 20 || s.Used[0] != s.Grad[0] || s.Used[1] != s.Grad[1] {
		t.Fatalf("grad %v used %v", s.Grad, s.Used)
	}
	if s.Loss != 0.5*(0.2*4.5*4.5+10*4) || s.G[0] != 0 || s.G[1] != 0 {
		t.Fatalf("loss %v G %v", s.Loss, s.G)
	}
	// η/√(0+1e-8) = 0.5·10⁴: large but finite.
	if !near(s.Rate[0], 5000, 1e-12) || !near(s.Rate[1], 5000, 1e-12) {
		t.Fatalf("initial rate %v", s.Rate)
	}
	if r.Trail()[0].Step != 0 || len(r.Trail()) != 1 {
		t.Fatalf("trail at start %v", r.Trail())
	}
}

func TestBadInputsAreRepaired(t *testing.T) {
	nan := math.NaN()
	r := NewRun(nil, Config{Method: 42, LR: nan, Eps: -1}, []float64{nan}, nil)
	if r.Landscape().Name() != "valley" || r.Config().Validate() != nil {
		t.Fatalf("landscape %v config %+v", r.Landscape().Name(), r.Config())
	}
	stateFinite(t, r.State(), "repaired start")
	r.Reset([]float64{math.Inf(-1), 1, 7})
	if x := r.State().X; x[0] != -RunawayBound || x[1] != 1 || len(x) != 2 {
		t.Fatalf("start %v", x)
	}
	// A landscape that is infinite at the start: stopped before it begins.
	r = NewRun(NewValley(math.Inf(1), 1, 0), DefaultConfig(AdaGrad), []float64{1, 1}, nil)
	stateFinite(t, r.State(), "infinite valley")
	if !r.State().Diverged || r.Step() {
		t.Fatal("a run on an infinite landscape should be stopped")
	}
}

func TestRunStepAllocatesNothing(t *testing.T) {
	for m := SGD; m <= lastMethod; m++ {
		r := NewRun(NewValley(0.2, 10, 0), DefaultConfig(m), []float64{-4.5, 2}, &Dropout{P: 0.3, Coord: 1, Seed: 1})
		if a := testing.AllocsPerRun(5000, func() { r.Step(); r.Preview(); r.Trail() }); a != 0 {
			t.Errorf("%v: %v allocs per step", m, a)
		}
	}
}

// A million steps: the trail stays bounded, keeps the whole path (step 0 to
// now, evenly thinned) and memory does not grow.
func TestTrailBoundedOverAMillionSteps(t *testing.T) {
	r := NewRun(Rosenbrock{}, DefaultConfig(AdaGrad), []float64{-1.5, 2}, &Dropout{P: 0.5, Coord: 1, Seed: 9})
	r.Steps(1000)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	maxLen := 0
	for k := 0; k < 1000; k++ {
		r.Steps(999)
		maxLen = max(maxLen, len(r.Trail()))
	}
	runtime.ReadMemStats(&after)
	if d := after.TotalAlloc - before.TotalAlloc; d > 4096 {
		t.Errorf("allocated %d bytes over ~1e6 steps", d)
	}
	if r.State().Step != 1000+999*1000 {
		t.Fatalf("step %d", r.State().Step)
	}
	tr := r.Trail()
	if maxLen > TrailCap+1 || len(tr) < TrailCap/2 {
		t.Fatalf("trail length %d (max seen %d)", len(tr), maxLen)
	}
	if tr[0].Step != 0 || tr[len(tr)-1].Step != r.State().Step || tr[len(tr)-1].X != r.State().X[0] {
		t.Fatalf("trail ends %+v … %+v, state step %d", tr[0], tr[len(tr)-1], r.State().Step)
	}
	stride := tr[1].Step - tr[0].Step
	for i := 1; i < len(tr)-1; i++ {
		if tr[i].Step-tr[i-1].Step != stride {
			t.Fatalf("uneven trail at %d: %d→%d, stride %d", i, tr[i-1].Step, tr[i].Step, stride)
		}
	}
	if stride < 256 {
		t.Fatalf("stride %d after a million steps", stride)
	}
}

func TestTrailKeepsEveryStepWhileShort(t *testing.T) {
	r := NewRun(NewValley(0.2, 10, 0), DefaultConfig(SGD), nil, nil)
	r.Steps(100)
	tr := r.Trail()
	if len(tr) != 101 {
		t.Fatalf("trail length %d, want 101", len(tr))
	}
	for i, s := range tr {
		if s.Step != i {
			t.Fatalf("sample %d has step %d", i, s.Step)
		}
	}
}

// A run moved onto another landscape is the same as a new run there.
func TestSetLandscapeEqualsNewRun(t *testing.T) {
	start := []float64{-4.5, 2}
	r := NewRun(NewValley(0.2, 10, 0), DefaultConfig(AdaGrad), start, nil)
	r.Steps(50)
	l := NewValley(0.02, 10, 30)
	if !r.SetLandscape(l, start) {
		t.Fatal("SetLandscape refused a valley of the same dimension")
	}
	fresh := NewRun(l, DefaultConfig(AdaGrad), start, nil)
	r.Steps(80)
	fresh.Steps(80)
	a, b := r.State(), fresh.State()
	if a.Step != b.Step || a.X[0] != b.X[0] || a.X[1] != b.X[1] || a.G[0] != b.G[0] || a.G[1] != b.G[1] {
		t.Fatalf("moved run at %d (%v, %v) G %v; new run at %d (%v, %v) G %v", a.Step, a.X[0], a.X[1], a.G, b.Step, b.X[0], b.X[1], b.G)
	}
	if r.Landscape() != Landscape(l) {
		t.Fatal("Landscape() does not return the new landscape")
	}
	if r.SetLandscape(oneDim{}, []float64{1}) {
		t.Fatal("SetLandscape took a landscape of another dimension")
	}
	if r.State().X[0] != a.X[0] {
		t.Fatal("a refused SetLandscape moved the run")
	}
}

type oneDim struct{}

func (oneDim) Value(p []float64) float64 { return p[0] * p[0] }
func (oneDim) Grad(p, out []float64)     { out[0] = 2 * p[0] }
func (oneDim) Minimum() []float64        { return []float64{0} }
func (oneDim) View() Box                 { return Box{-1, 1, -1, 1} }
func (oneDim) Name() string              { return "parabola" }

// η = 0 with ε = 0 and an empty accumulator: the rates before the first step
// are 0/0 in the formula; the state reports 0, never NaN.
func TestZeroRateZeroEpsHasNoNaN(t *testing.T) {
	for m := SGD; m <= lastMethod; m++ {
		c := DefaultConfig(m)
		c.LR, c.Eps, c.G0 = 0, 0, 0
		r := NewRun(nil, c, nil, nil)
		stateFinite(t, r.State(), m.String()+" at the start")
		for k := 0; k < 3; k++ {
			stateFinite(t, r.Preview(), m.String()+" preview")
			r.Step()
			stateFinite(t, r.State(), m.String())
		}
		if s := r.State(); s.Rate[0] != 0 || s.Delta[0] != 0 {
			t.Errorf("%v: rate %v, step %v; want 0 and 0 with η = 0", m, s.Rate, s.Delta)
		}
	}
}

func TestKeepEveryOther(t *testing.T) {
	for _, c := range []struct{ in, want []int }{
		{nil, []int{}}, {[]int{7}, []int{7}}, {[]int{1, 2}, []int{1}},
		{[]int{0, 1, 2, 3, 4}, []int{0, 2, 4}}, {[]int{0, 1, 2, 3, 4, 5}, []int{0, 2, 4}},
	} {
		got := KeepEveryOther(append([]int(nil), c.in...))
		if len(got) != len(c.want) || (len(got) > 0 && !slices.Equal(got, c.want)) {
			t.Errorf("KeepEveryOther(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}
