package sim

import (
	"math"
	"math/rand/v2"
	"testing"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol*(1+math.Abs(b)) }

// Hand-worked steps, numbers checked on paper.
func TestAdaGradHandWorked(t *testing.T) {
	// ε = 0, G₀ = 0, η = 0.5, from the origin.
	c := Config{Method: AdaGrad, LR: 0.5, EpsInSqrt: true}
	o := newOpt(c, 2)
	x := []float64{0, 0}
	o.Step(x, []float64{3, -4}) // G = (9, 16); x −= 0.5·(3/3, −4/4)
	if x[0] != -0.5 || x[1] != 0.5 {
		t.Fatalf("step 1: x = %v, want (−0.5, 0.5)", x)
	}
	o.Step(x, []float64{4, 3}) // G = (25, 25); x −= 0.5·(4/5, 3/5) = (0.4, 0.3)
	if G := o.Accumulator(); G[0] != 25 || G[1] != 25 {
		t.Fatalf("G = %v, want (25, 25)", G)
	}
	if !near(x[0], -0.9, 1e-15) || !near(x[1], 0.2, 1e-15) {
		t.Fatalf("step 2: x = %v, want (−0.9, 0.2)", x)
	}
	r := make([]float64, 2)
	o.Rates(r) // 0.5/√25
	if r[0] != 0.1 || r[1] != 0.1 {
		t.Fatalf("rates %v, want 0.1", r)
	}

	// Keras-style start G₀ = 7, ε = 9 inside: G = 7 + 3² = 16, √(16+9) = 5.
	o = newOpt(Config{Method: AdaGrad, LR: 1, Eps: 9, EpsInSqrt: true, G0: 7}, 1)
	x = []float64{1}
	o.Step(x, []float64{3})
	if !near(x[0], 1-3.0/5, 1e-15) {
		t.Fatalf("inside: x = %v, want 0.4", x)
	}
	// Outside: √16 + 1 = 5.
	o = newOpt(Config{Method: AdaGrad, LR: 1, Eps: 1, EpsInSqrt: false, G0: 7}, 1)
	x = []float64{1}
	o.Step(x, []float64{3})
	if !near(x[0], 0.4, 1e-15) {
		t.Fatalf("outside: x = %v, want 0.4", x)
	}
}

func TestSGDHandWorked(t *testing.T) {
	// Lesson valley a = 0.2, b = 10 from (−4.5, 2), η = 0.15: g = (−0.9, 20),
	// x₁ = (−4.5 + 0.135, 2 − 3) = (−4.365, −1).
	r := NewRun(NewValley(0.2, 10, 0), DefaultConfig(SGD), []float64{-4.5, 2}, nil)
	r.Step()
	x := r.State().X
	if !near(x[0], -4.365, 1e-15) || x[1] != -1 {
		t.Fatalf("x₁ = %v, want (−4.365, −1)", x)
	}
}

func TestRMSPropHandWorked(t *testing.T) {
	// ρ = 0.75, ε = 0 outside, g = 2: v = 0.25·4 = 1, step = η·2/1.
	o := newOpt(Config{Method: RMSProp, LR: 0.1, Rho: 0.75}, 1)
	x := []float64{0}
	o.Step(x, []float64{2})
	if o.Accumulator()[0] != 1 || !near(x[0], -0.2, 1e-15) {
		t.Fatalf("v = %v, x = %v; want 1, −0.2", o.Accumulator(), x)
	}
	// Again g = 2: v = 0.75 + 1 = 1.75, step = 0.1·2/√1.75.
	o.Step(x, []float64{2})
	if o.Accumulator()[0] != 1.75 || !near(x[0], -0.2-0.2/math.Sqrt(1.75), 1e-15) {
		t.Fatalf("v = %v, x = %v", o.Accumulator(), x)
	}
}

func TestAdamFirstStepIsLRTimesSign(t *testing.T) {
	// m = (1−β₁)g, v = (1−β₂)g², so m̂ = g, √v̂ = |g|: Δ = −η·g/(|g|+ε).
	o := newOpt(PyTorchConfig(Adam), 3)
	x := []float64{0, 0, 0}
	g := []float64{5, -0.02, 300}
	o.Step(x, g)
	for i := range x {
		want := -1e-3 * g[i] / (math.Abs(g[i]) + 1e-8)
		if !near(x[i], want, 1e-12) {
			t.Errorf("coord %d: %v, want %v", i, x[i], want)
		}
	}
}

// With G₀ = 0 and ε = 0 the first AdaGrad step is exactly η·sign(g), in both
// conventions, whatever the gradient's size; with the lesson's ε = 1e-8 it is
// that to within ε/g².
func TestAdaGradFirstStepIsSign(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for k := 0; k < 1000; k++ {
		g := []float64{rng.NormFloat64() * math.Pow(10, rng.Float64()*8-3), -rng.ExpFloat64() * 50}
		for _, in := range []bool{true, false} {
			o := newOpt(Config{Method: AdaGrad, LR: 0.3, EpsInSqrt: in}, 2)
			x := []float64{1, 1}
			o.Step(x, g)
			for i := range x {
				if want := 1 - 0.3*math.Copysign(1, g[i]); x[i] != want {
					t.Fatalf("g=%v inside=%v: x=%v, want %v", g, in, x, want)
				}
			}
		}
		o := newOpt(DefaultConfig(AdaGrad), 2)
		x := []float64{0, 0}
		o.Step(x, g)
		for i := range x {
			if want := -0.5 * math.Copysign(1, g[i]); !near(x[i], want, 1e-8/(g[i]*g[i])+1e-15) {
				t.Fatalf("default config, g=%v: x=%v, want %v", g, x, want)
			}
		}
	}
}

// With ε = 0, multiplying one coordinate's gradients by c leaves AdaGrad's
// steps unchanged: exactly for a power of two, to rounding otherwise.
func TestAdaGradScaleInvariance(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, c := range []float64{4, 0.125, 3.7, 1e-3, 250} {
		for _, in := range []bool{true, false} {
			cfg := Config{Method: AdaGrad, LR: 0.2, EpsInSqrt: in}
			a, b := newOpt(cfg, 2), newOpt(cfg, 2)
			xa, xb := []float64{1, 2}, []float64{1, 2}
			for s := 0; s < 200; s++ {
				g0, g1 := rng.NormFloat64(), rng.NormFloat64()
				a.Step(xa, []float64{g0, g1})
				b.Step(xb, []float64{g0 * c, g1})
			}
			exact := c == 4 || c == 0.125
			if exact && xa[0] != xb[0] || !near(xa[0], xb[0], 1e-13) || xa[1] != xb[1] {
				t.Errorf("c=%v inside=%v: %v vs %v", c, in, xa, xb)
			}
		}
	}
}

// G never decreases and the effective rate never increases, whatever the
// gradients (zeros included).
func TestAdaGradMonotone(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, c := range []Config{DefaultConfig(AdaGrad), PyTorchConfig(AdaGrad), KerasConfig(AdaGrad)} {
		o := newOpt(c, 3)
		x := make([]float64, 3)
		G := make([]float64, 3)
		prevR := make([]float64, 3)
		r := make([]float64, 3)
		copy(G, o.Accumulator())
		o.Rates(prevR)
		for s := 0; s < 2000; s++ {
			g := []float64{rng.NormFloat64() * 100, 0, rng.NormFloat64() * 1e-4}
			if s%3 == 0 {
				g[0] = 0
			}
			o.Step(x, g)
			o.Rates(r)
			for i, v := range o.Accumulator() {
				if v < G[i] || r[i] > prevR[i] {
					t.Fatalf("%+v step %d coord %d: G %v→%v, rate %v→%v", c, s, i, G[i], v, prevR[i], r[i])
				}
			}
			copy(G, o.Accumulator())
			copy(prevR, r)
		}
		if prevR[0] >= prevR[1] {
			t.Errorf("the coordinate with large gradients should have the smaller rate: %v", prevR)
		}
	}
}

func TestSparseEqualsDense(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	const n = 1000
	for _, c := range []Config{DefaultConfig(AdaGrad), PyTorchConfig(AdaGrad), KerasConfig(AdaGrad)} {
		dense, sparse := newOpt(c, n).(*AdaGradOpt), newOpt(c, n).(*AdaGradOpt)
		xd, xs := make([]float64, n), make([]float64, n)
		for i := range xd {
			xd[i] = rng.NormFloat64()
			xs[i] = xd[i]
		}
		for s := 0; s < 50; s++ {
			g := make([]float64, n)
			var idx []int
			var val []float64
			for _, i := range rng.Perm(n)[:20] {
				g[i] = rng.NormFloat64()
				idx, val = append(idx, i), append(val, g[i])
			}
			dense.Step(xd, g)
			sparse.StepSparse(xs, idx, val)
		}
		for i := range xd {
			if xd[i] != xs[i] || dense.G[i] != sparse.G[i] {
				t.Fatalf("%+v coord %d: dense (%v, G %v), sparse (%v, G %v)", c, i, xd[i], dense.G[i], xs[i], sparse.G[i])
			}
		}
	}
	// Bad indices and short value lists are skipped, not a crash.
	a := newOpt(DefaultConfig(AdaGrad), 3).(*AdaGradOpt)
	x := []float64{1, 1, 1}
	a.StepSparse(x, []int{-1, 5, 1, 2}, []float64{1, 1, 1})
	if x[0] != 1 || x[2] != 1 || x[1] >= 1 {
		t.Fatalf("x = %v, want only coordinate 1 moved", x)
	}
}

// SGD on ½(a·x² + b·y²): y_{t+1} = (1 − ηb)·y_t, so it zigzags when ηb > 1,
// creeps monotonically when ηb < 1, and diverges when ηb > 2.
func TestSGDValleyRegimes(t *testing.T) {
	l := NewValley(0.2, 10, 0)
	for _, tc := range []struct {
		lr              float64
		zigzag, diverge bool
	}{{0.05, false, false}, {0.15, true, false}, {0.19, true, false}, {0.21, true, true}, {0.5, true, true}} {
		c := DefaultConfig(SGD)
		c.LR = tc.lr
		r := NewRun(l, c, []float64{-4.5, 2}, nil)
		flips := 0
		prevY := r.State().X[1]
		for r.State().Step < 200 && r.Step() {
			y := r.State().X[1]
			if y*prevY < 0 {
				flips++
			}
			prevY = y
		}
		if (flips > 0) != tc.zigzag {
			t.Errorf("η=%v: %d sign flips of y, want zigzag=%v", tc.lr, flips, tc.zigzag)
		}
		if r.State().Diverged != tc.diverge {
			t.Errorf("η=%v: diverged=%v, want %v", tc.lr, r.State().Diverged, tc.diverge)
		}
		if !tc.diverge && math.Abs(r.State().X[1]) > 1e-6 {
			t.Errorf("η=%v: y = %v after 200 steps, want → 0", tc.lr, r.State().X[1])
		}
	}
}

func TestParseMethodAndString(t *testing.T) {
	for m := SGD; m <= lastMethod; m++ {
		got, err := ParseMethod(" " + m.String() + " ")
		if err != nil || got != m {
			t.Errorf("ParseMethod(%q) = %v, %v", m.String(), got, err)
		}
	}
	if m, err := ParseMethod("AdaGrad"); err != nil || m != AdaGrad {
		t.Errorf("case-insensitive parse failed: %v %v", m, err)
	}
	for _, s := range []string{"", "adagrad2", "sgdm"} {
		if _, err := ParseMethod(s); err == nil {
			t.Errorf("ParseMethod(%q) accepted", s)
		}
	}
	if s := Method(9).String(); s != "Method(9)" {
		t.Errorf("unknown method string %q", s)
	}
}

func TestValidateNamesTheField(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	ok := DefaultConfig(AdaGrad)
	for m := SGD; m <= lastMethod; m++ {
		for _, c := range []Config{DefaultConfig(m), PyTorchConfig(m), KerasConfig(m)} {
			if err := c.Validate(); err != nil {
				t.Errorf("%v defaults rejected: %v", m, err)
			}
		}
	}
	for _, tc := range []struct {
		field string
		mod   func(*Config)
	}{
		{"method", func(c *Config) { c.Method = 7 }},
		{"lr", func(c *Config) { c.LR = -0.1 }},
		{"lr", func(c *Config) { c.LR = nan }},
		{"lr", func(c *Config) { c.LR = inf }},
		{"eps", func(c *Config) { c.Eps = -1e-8 }},
		{"g0", func(c *Config) { c.G0 = nan }},
		{"rho", func(c *Config) { c.Rho = 1 }},
		{"beta1", func(c *Config) { c.Beta1 = -0.5 }},
		{"beta2", func(c *Config) { c.Beta2 = nan }},
	} {
		c := ok
		tc.mod(&c)
		err := c.Validate()
		if err == nil || err.Error()[:len(tc.field)+1] != tc.field+":" {
			t.Errorf("%s: Validate() = %v, want an error naming it", tc.field, err)
		}
		if s := c.Sanitize(); s.Validate() != nil {
			t.Errorf("%s: Sanitize left %+v invalid: %v", tc.field, s, s.Validate())
		}
	}
	c := ok
	c.Eps = 0
	if err := c.Validate(); err != nil {
		t.Errorf("ε = 0 is allowed, got %v", err)
	}
	if ok.Sanitize() != ok {
		t.Error("Sanitize changed a valid config")
	}
}

// With ε = 0 and nothing accumulated, a zero gradient takes no step (the
// libraries would compute 0/0); a non-zero one still steps, bit for bit as
// with the plain formula.
func TestZeroGradientWithZeroEps(t *testing.T) {
	for m := SGD; m <= lastMethod; m++ {
		for _, in := range []bool{true, false} {
			c := DefaultConfig(m)
			c.Eps, c.EpsInSqrt = 0, in
			o := New(c, 2)
			x := []float64{1, -2}
			o.Step(x, []float64{0, 0})
			o.Step(x, []float64{0, 3})
			if x[0] != 1 || !(x[1] >= -2.5 && x[1] < -2) {
				t.Errorf("%v inside=%v: x = %v", m, in, x)
			}
			r := make([]float64, 2)
			o.Rates(r)
			for _, v := range append(r, x...) {
				if !finite(v) {
					t.Errorf("%v inside=%v: non-finite %v %v", m, in, x, r)
				}
			}
		}
	}
	// The zero-gradient skip is invisible when G > 0: same bits as the formula.
	o := New(Config{Method: AdaGrad, LR: 0.1, Eps: 1e-10, G0: 0.5}, 1)
	x := []float64{0.7}
	o.Step(x, []float64{0})
	if want := 0.7 - 0.1*(0/(math.Sqrt(0.5)+1e-10)); x[0] != want {
		t.Errorf("x = %v, want %v", x[0], want)
	}
}
