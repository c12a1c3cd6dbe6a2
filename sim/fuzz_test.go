package sim

import (
	"math"
	"testing"
)

// FuzzStep drives runs with arbitrary hyper-parameters, landscapes, starts
// and dropout, and optimizers with arbitrary gradients. Nothing may panic, and
// no non-finite or runaway value may leave a Run, diverged or not.
func FuzzStep(f *testing.F) {
	f.Add(uint8(1), 0.5, 1e-8, 0.0, 0.9, 0.9, 0.999, true, false, 0.2, 10.0, 0.0, -4.5, 2.0, 0.5, uint64(1), 3.0, -4.0)
	f.Add(uint8(0), 0.25, 1e-8, 0.0, 0.9, 0.9, 0.999, true, false, 0.2, 10.0, 0.0, -4.5, 2.0, 0.0, uint64(2), 1e308, -1e308)
	f.Add(uint8(3), 1e300, 0.0, 0.1, 0.99, 0.3, 0.9, false, true, 1.0, 1.0, 45.0, -1.5, 2.0, 1.0, uint64(3), math.Inf(1), math.NaN())
	f.Add(uint8(2), 1e-3, 1e-300, 1e300, 0.0, 0.0, 0.0, false, false, -5.0, 1e300, 1e10, 1e300, -1e300, -1.0, uint64(4), 0.0, 0.0)
	f.Fuzz(func(t *testing.T, method uint8, lr, eps, g0, rho, b1, b2 float64, inSqrt, rosen bool,
		a, b, angle, x, y, p float64, seed uint64, gx, gy float64) {
		c := Config{Method: Method(method % 6), LR: lr, Eps: eps, EpsInSqrt: inSqrt, G0: g0, Rho: rho, Beta1: b1, Beta2: b2}
		var l Landscape = NewValley(a, b, angle)
		if rosen {
			l = Rosenbrock{}
		}
		r := NewRun(l, c, []float64{x, y}, &Dropout{P: p, Coord: int(seed % 3), Seed: seed})
		check := func(s *State, what string) {
			for _, v := range [][]float64{s.X, s.Grad, s.Used, s.G, s.Rate, s.Delta, s.Next} {
				for _, e := range v {
					if math.IsNaN(e) || math.IsInf(e, 0) {
						t.Fatalf("%s: non-finite value in %+v", what, s)
					}
				}
			}
			if math.IsNaN(s.Loss) || math.IsInf(s.Loss, 0) {
				t.Fatalf("%s: loss %v", what, s.Loss)
			}
			for _, e := range s.X {
				if math.Abs(e) > RunawayBound {
					t.Fatalf("%s: runaway position %v without stopping", what, s.X)
				}
			}
		}
		check(r.State(), "start")
		for k := 0; k < 40; k++ {
			if k == 20 {
				c.LR *= 3
				r.SetConfig(c)
			}
			check(r.Preview(), "preview")
			before := r.State().Step
			took := r.Step()
			s := r.State()
			check(s, "step")
			if took != (s.Step == before+1) || (!took && !s.Diverged) {
				t.Fatalf("Step()=%v but step %d→%d, diverged=%v", took, before, s.Step, s.Diverged)
			}
		}
		for _, sm := range r.Trail() {
			for _, v := range []float64{sm.X, sm.Y, sm.Loss, sm.GX, sm.GY, sm.UsedX, sm.UsedY, sm.AccX, sm.AccY, sm.RateX, sm.RateY} {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("non-finite trail sample %+v", sm)
				}
			}
		}
		// Bare optimizers take any gradient without panicking, and report
		// finite-or-MaxFloat64 rates while their state is finite.
		o := New(c, 2)
		xs := []float64{x, y}
		o.Step(xs, []float64{gx, gy})
		o.Step(xs[:1], []float64{gx})
		if ag, ok := o.(*AdaGradOpt); ok {
			ag.StepSparse(xs, []int{int(seed % 4), -1}, []float64{gy})
		}
		rates := make([]float64, 3)
		o.Rates(rates)
		if allFinite(o.Accumulator()) {
			for _, v := range rates[:2] {
				if math.IsInf(v, 0) {
					t.Fatalf("infinite rate %v from finite state %v", rates, o.Accumulator())
				}
			}
		}
		o.Reset()
	})
}

// FuzzInverseRoot2 feeds the 2×2 inverse root any positive-semidefinite G
// (a = p², b = q², c = ρ·|p|·|q| with |ρ| ≤ 1, all finite) and any finite
// ε ≥ 0: the result is finite, never NaN, and positive semidefinite, as an
// inverse root must be.
func FuzzInverseRoot2(f *testing.F) {
	f.Add(3.0, 4.0, 1.0, 1e-8, true)
	f.Add(1e-160, 1e160, -1.0, 0.0, false)
	f.Add(0.0, 5.0, 0.3, 5e-324, false)
	f.Add(1e154, 1e154, 0.999999, 1e300, true)
	f.Fuzz(func(t *testing.T, p, q, rho, eps float64, in bool) {
		if !finite(p) || !finite(q) || !(rho >= -1 && rho <= 1) || !(eps >= 0) || math.IsInf(eps, 1) {
			t.Skip()
		}
		a, b, c := p*p, q*q, rho*math.Abs(p)*math.Abs(q)
		if !finite(a) || !finite(b) || !finite(c) {
			t.Skip() // G overflowed: Run rejects it before any step
		}
		for _, step := range []bool{false, true} {
			p11, p12, p22 := inverseRoot2(a, b, c, eps, in, step)
			if !finite(p11) || !finite(p12) || !finite(p22) || p11 < 0 || p22 < 0 {
				t.Fatalf("G=(%v %v %v) ε=%v inside=%v step=%v: (%v %v %v)", a, b, c, eps, in, step, p11, p12, p22)
			}
			if p12*p12 > p11*p22*(1+1e-9)+1e-300 && !math.IsInf(p12*p12, 1) {
				t.Fatalf("G=(%v %v %v) ε=%v: (%v %v %v) is not positive semidefinite", a, b, c, eps, p11, p12, p22)
			}
		}
	})
}
