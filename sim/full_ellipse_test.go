package sim

import (
	"math"
	"testing"
)

// The step ellipse holds exactly the steps: for unit gradients u in every
// direction, η·P·u (P the inverse root the step applies) is the point the
// ellipse's axes give; the short axis lies along the gradients.
func TestStepEllipseHoldsTheSteps(t *testing.T) {
	for _, in := range []bool{true, false} {
		for _, gs := range [][][2]float64{
			{{3, 4}},
			{{1, 0}, {0, 2}},
			{{-0.9, 20}, {2, -14}, {-0.5, 9}},
			{{1, 1}, {1, 1.01}},
		} {
			o := New(Config{Method: AdaGradFull, LR: 0.5, Eps: 1e-3, EpsInSqrt: in}, 2).(*AdaGradFullOpt)
			for _, g := range gs {
				o.Step([]float64{0, 0}, g[:])
			}
			r1, r2, ang := o.StepEllipse()
			s, c := math.Sincos(ang)
			for k := range 360 {
				a := float64(k) * math.Pi / 180
				u := []float64{math.Cos(a), math.Sin(a)}
				// The step from a fresh copy, with G as it is: P·u, through
				// the pseudo-inverse's own code path (Rates takes h at
				// every eigenvalue, as StepEllipse does).
				p11, p12, p22 := inverseRoot2(o.G[0], o.G[1], o.G[2], o.c.Eps, in, false)
				dx, dy := 0.5*(p11*u[0]+p12*u[1]), 0.5*(p12*u[0]+p22*u[1])
				// The same point from the ellipse: r1 along its axis, r2 across.
				p, q := c*u[0]+s*u[1], -s*u[0]+c*u[1]
				ex, ey := r1*p*c-r2*q*s, r1*p*s+r2*q*c
				if math.Hypot(dx-ex, dy-ey) > 1e-9*(r1+r2) {
					t.Fatalf("in=%v gradients %v: the step for direction %d° is (%g, %g), the ellipse (%g, %g, %g rad) says (%g, %g)",
						in, gs, k, dx, dy, r1, r2, ang, ex, ey)
				}
			}
			if len(gs) > 1 && !(r1 <= r2) {
				t.Errorf("in=%v gradients %v: half-axes %g along the gradients and %g across; want the first shorter", in, gs, r1, r2)
			}
			if len(gs) == 1 && r2 != 0 {
				t.Errorf("in=%v one gradient: the step across it is %g; want 0 (the pseudo-inverse)", in, r2)
			}
		}
	}
}

// On a valley turned by 45°, the gradients point across it, so the short
// axis turns to lie across the valley and the long one along its floor.
func TestStepEllipseTurnsWithTheValley(t *testing.T) {
	l := NewValley(DefaultValleyA, DefaultValleyB, 45)
	r := NewRun(l, DefaultConfig(AdaGradFull), []float64{-4.5, 2}, nil)
	r.Steps(20)
	r1, r2, ang := r.Optimizer().(*AdaGradFullOpt).StepEllipse()
	across := 135 * math.Pi / 180 // the valley's steep direction
	if d := math.Abs(math.Remainder(ang-across, math.Pi)); d > 0.05 || !(r2 > 3*r1) {
		t.Errorf("after 20 steps the step ellipse's short axis is at %.1f°, want about 135° (across the valley); half-axes %g, %g",
			ang*180/math.Pi, r1, r2)
	}
}

// Huge and tiny accumulators: the ellipse stays finite and its axes keep
// their ratio, since G's scale only scales the half-axes (ε = 0).
func TestStepEllipseAtExtremeScales(t *testing.T) {
	var ref [2]float64
	for i, k := range []float64{1, 1e99, 1e-100} {
		o := New(Config{Method: AdaGradFull, LR: 0.5, Eps: 0, EpsInSqrt: true}, 2).(*AdaGradFullOpt)
		for _, g := range [][2]float64{{3, 4}, {-1, 2}, {0.5, -3}} {
			o.Step([]float64{0, 0}, []float64{g[0] * k, g[1] * k})
		}
		r1, r2, ang := o.StepEllipse()
		if math.IsNaN(r1) || math.IsNaN(r2) || math.IsNaN(ang) || !(r1 > 0 && r2 > 0) {
			t.Fatalf("gradients ×%g: ellipse (%g, %g, %g)", k, r1, r2, ang)
		}
		if i == 0 {
			ref = [2]float64{r1, r2}
			continue
		}
		if got := r2 / r1; math.Abs(got-ref[1]/ref[0]) > 1e-9*got {
			t.Errorf("gradients ×%g: axis ratio %g, at ×1 %g", k, got, ref[1]/ref[0])
		}
	}
}
