package rare

import (
	"math"
	"sync"
)

// The held-out loss takes log(1 + e^x) of every test example's margin for
// both learners: two thousand a measurement, dozens of measurements a
// second while the figure plays fast. math.Log1p(math.Exp(x)) costs about
// 95 ns in WebAssembly (Node 20), most of a measurement. softplus instead
// reads a table: on each interval of width softplusStep of a = |x|, the
// quintic that matches g(a) = log(1 + e^−a) and its first two derivatives,
// −σ(−a) and σ(−a)(1 − σ(−a)), at both ends (Hermite interpolation). At
// two million random points of [0, 37) it stayed within 2.3e-16 of
// math.Log1p(math.Exp(−a)); log(1 + e^x) = max(x, 0) + g(|x|), and
// TestSoftplusTable holds softplus to 1e-15 and an ulp of the library's.
const (
	softplusStep = 1.0 / 64
	softplusEnd  = 37 // from here on g(a) = e^−a to double precision
	softplusN    = softplusEnd / softplusStep
)

// softplusCoef[k] are the quintic's coefficients on [k, k+1)·softplusStep,
// in t = a/softplusStep − k, constant term first; filled by
// buildSoftplus, which New calls.
var (
	softplusCoef  [softplusN][6]float64
	buildSoftplus = sync.OnceFunc(func() {
		g := func(a float64) float64 { return math.Log1p(math.Exp(-a)) }
		s := func(a float64) float64 { return 1 / (1 + math.Exp(a)) } // σ(−a)
		const h = softplusStep
		for k := range softplusCoef {
			a0, a1 := float64(k)*h, float64(k+1)*h
			s0, s1 := s(a0), s(a1)
			// Values, and derivatives scaled to t: d/dt = h·d/da.
			p0, p1 := g(a0), g(a1)
			d0, d1 := -s0*h, -s1*h
			c0, c1 := s0*(1-s0)*h*h, s1*(1-s1)*h*h
			// p(t) = p0 + d0·t + c0/2·t² + A·t³ + B·t⁴ + C·t⁵, with A, B and
			// C solving p(1) = p1, p'(1) = d1, p''(1) = c1.
			r0 := p1 - (p0 + d0 + c0/2)
			r1 := d1 - (d0 + c0)
			r2 := c1 - c0
			softplusCoef[k] = [6]float64{p0, d0, c0 / 2, 10*r0 - 4*r1 + r2/2, -15*r0 + 7*r1 - r2, 6*r0 - 3*r1 + r2/2}
		}
	})
)

// softplus is log(1 + e^x) without overflow. buildSoftplus must have run.
func softplus(x float64) float64 {
	a := math.Abs(x)
	if !(a < softplusEnd) { // far out, or not a number
		if x > 0 {
			return x + math.Exp(-x)
		}
		return math.Exp(x) // log1p(y) = y for y < 1e-16; NaN stays NaN
	}
	u := a * (1 / softplusStep)
	k := int(u)
	t := u - float64(k)
	c := &softplusCoef[k]
	g := c[0] + t*(c[1]+t*(c[2]+t*(c[3]+t*(c[4]+t*c[5]))))
	if x > 0 {
		return x + g
	}
	return g
}
