package sim

import (
	"math"
	"testing"
)

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
