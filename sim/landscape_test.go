package sim

import (
	"math"
	"testing"
)

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
