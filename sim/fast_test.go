package sim

import (
	"math"
	"strconv"
	"testing"
)

// The 2-D kernel takes exactly the general step: every state and every
// trail sample the same to the bit, through zero gradients, ε = 0, dropped
// gradients, rotation, freezing, divergence, restarts and a change of
// method.
func TestFastStepIsTheGeneralStep(t *testing.T) {
	type tc struct {
		name  string
		l     *Valley
		c     Config
		start []float64
		drop  *Dropout
	}
	var cases []tc
	for _, m := range []Method{SGD, AdaGrad, RMSProp} {
		for _, in := range []bool{true, false} {
			for _, eps := range []float64{1e-8, 0, 0.3} {
				for _, lr := range []float64{0.05, 0.18, 0.5, 3} {
					c := DefaultConfig(m)
					c.LR, c.Eps, c.EpsInSqrt = lr, eps, in
					if m == AdaGrad {
						c.G0 = map[float64]float64{1e-8: 0, 0: 0, 0.3: 0.1}[eps]
					}
					cases = append(cases,
						tc{"valley", NewValley(0.2, 10, 0), c, []float64{-4.5, 2}, nil},
						tc{"on the floor (g_y = 0)", NewValley(0.02, 10, 0), c, []float64{-4.5, 0}, nil},
						tc{"turned", NewValley(0.2, 10, 30), c, []float64{-4, 1}, nil},
						tc{"freeze", NewValley(0.2, 10, 0), c, []float64{-40, 5}, nil},
						tc{"sparse", NewValley(10, 0.2, 0), c, []float64{-2, 2.5}, &Dropout{P: 0.8, Coord: 1, Seed: 3}},
						tc{"x dropped", NewValley(0.2, 10, 0), c, []float64{-4.5, 2}, &Dropout{P: 0.5, Coord: 0, Seed: 9}},
						tc{"steep", NewValley(0.2, 1000, 0), c, []float64{-4.5, 2}, nil},
					)
				}
			}
		}
	}
	for _, k := range cases {
		fast := NewRun(k.l, k.c, k.start, k.drop)
		slow := NewRun(k.l, k.c, k.start, k.drop)
		slow.noFast = true
		slow.useFast()
		if fast.valley == nil || slow.valley != nil {
			t.Fatalf("%s: the kernel is not in use where it should be", k.name)
		}
		what := func(phase string) string {
			return k.name + " " + k.c.Method.String() + " η=" + ftoa(k.c.LR) + " ε=" + ftoa(k.c.Eps) + " in=" + map[bool]string{true: "1", false: "0"}[k.c.EpsInSqrt] + " " + phase
		}
		same := func(phase string) bool {
			a, b := fast.State(), slow.State()
			if !sameState(a, b) {
				t.Errorf("%s: kernel %+v\ngeneral %+v", what(phase), *a, *b)
				return false
			}
			ta, tb := fast.Trail(), slow.Trail()
			if len(ta) != len(tb) {
				t.Errorf("%s: trail %d vs %d", what(phase), len(ta), len(tb))
				return false
			}
			for i := range ta {
				if !sameSample(ta[i], tb[i]) {
					t.Errorf("%s: trail sample %d: %+v vs %+v", what(phase), i, ta[i], tb[i])
					return false
				}
			}
			return true
		}
		for _, n := range []int{1, 2, 17, 300, 2500} {
			fast.Steps(n)
			slow.Steps(n)
			if !same("after steps") {
				break
			}
		}
		c := k.c
		c.LR *= 0.5
		fast.SetConfig(c)
		slow.SetConfig(c)
		fast.Reset(k.start)
		slow.Reset(k.start)
		fast.Steps(200)
		slow.Steps(200)
		same("after SetConfig and Reset")
	}
	// Adam, and landscapes other than the valley, keep the general step.
	if r := NewRun(NewValley(0.2, 10, 0), DefaultConfig(Adam), nil, nil); r.valley != nil {
		t.Error("the kernel took Adam")
	}
	if r := NewRun(Rosenbrock{}, DefaultConfig(AdaGrad), nil, nil); r.valley != nil {
		t.Error("the kernel took Rosenbrock")
	}
	r := NewRun(NewValley(0.2, 10, 0), DefaultConfig(AdaGrad), nil, nil)
	r.SetConfig(DefaultConfig(Adam))
	if r.valley != nil {
		t.Error("a run switched to Adam kept the kernel")
	}
}

// sameState compares two states bit for bit (NaN never appears; ±0 are told apart).
func sameState(a, b *State) bool {
	if a.Step != b.Step || a.Diverged != b.Diverged || a.Frozen != b.Frozen || !same64(a.Loss, b.Loss) {
		return false
	}
	for _, p := range [][2][]float64{{a.X, b.X}, {a.Grad, b.Grad}, {a.Used, b.Used}, {a.G, b.G}, {a.Rate, b.Rate}, {a.Delta, b.Delta}} {
		if len(p[0]) != len(p[1]) {
			return false
		}
		for i := range p[0] {
			if !same64(p[0][i], p[1][i]) {
				return false
			}
		}
	}
	return true
}

func sameSample(a, b Sample) bool {
	return a.Step == b.Step && same64(a.X, b.X) && same64(a.Y, b.Y) && same64(a.Loss, b.Loss) &&
		same64(a.RateX, b.RateX) && same64(a.RateY, b.RateY) && same64(a.GX, b.GX) && same64(a.GY, b.GY) &&
		same64(a.UsedX, b.UsedX) && same64(a.UsedY, b.UsedY) && same64(a.AccX, b.AccX) && same64(a.AccY, b.AccY)
}

func same64(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }

func ftoa(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
