package sim

import "math"

// Optimizer updates a parameter vector in place from its gradient.
//
// Step and Rates allocate nothing. The slices passed in must be at least as
// long as the optimizer's dimension; only the first len(g) coordinates of x
// are touched, except by AdaGradFull, whose step mixes the coordinates.
// Optimizers do not check for NaN or Inf: Run does.
type Optimizer interface {
	// Step updates the optimizer's state with gradient g, then x.
	Step(x, g []float64)
	// Rates writes the current effective per-coordinate rate into out: the
	// factor the last step applied to its gradient (before the first step,
	// the factor a zero accumulator gives). SGD: η. AdaGrad: η/√(G+ε) or
	// η/(√G+ε). RMSProp: the same with v. Adam: η/(√v̂+ε), applied to the
	// bias-corrected first moment m̂, with v̂ = v/(1−β₂ᵗ) (v̂ = v before the
	// first step). AdaGradFull: the diagonal of η·(G+εI)^(−1/2) or
	// η·(√G+εI)^(−1). Values that would be +Inf are reported as
	// math.MaxFloat64.
	Rates(out []float64)
	// Accumulator returns G for AdaGrad, v (the running mean of g²) for
	// RMSProp and Adam, nil for SGD; for AdaGradFull the matrix G packed with
	// its diagonal first (see AdaGradFullOpt.G). It is the live state: read,
	// don't write.
	Accumulator() []float64
	// Reset returns the state to its start (G = G₀, moments 0, t = 0).
	Reset()
}

// New returns an optimizer for c on vectors of length dim. An invalid c is
// replaced by c.Sanitize(); a negative dim counts as 0.
func New(c Config, dim int) Optimizer {
	return newOpt(c.Sanitize(), max(dim, 0))
}

// optimizer is what Run needs beyond the public interface.
type optimizer interface {
	Optimizer
	cfg() *Config
	copyFrom(o optimizer) // o has the same type and dimension
}

func newOpt(c Config, dim int) optimizer {
	var o optimizer
	switch c.Method {
	case SGD:
		o = &SGDOpt{c: c}
	case AdaGrad:
		o = &AdaGradOpt{c: c, G: make([]float64, dim)}
	case RMSProp:
		o = &RMSPropOpt{c: c, V: make([]float64, dim)}
	case AdaGradFull:
		o = newAdaGradFull(c, dim)
	default:
		o = &AdamOpt{c: c, M: make([]float64, dim), V: make([]float64, dim)}
	}
	o.Reset()
	return o
}

// finiteRate turns a +Inf rate (a zero denominator) into math.MaxFloat64,
// and the 0/0 of η = 0 over a zero denominator into 0: a rate of 0 is what
// η = 0 means, and a NaN must not reach the page.
func finiteRate(r float64) float64 {
	if r > math.MaxFloat64 {
		return math.MaxFloat64
	}
	if r != r {
		return 0
	}
	return r
}

// SGDOpt is plain gradient descent: x ← x − η·g. PyTorch computes the same
// product and sum.
type SGDOpt struct{ c Config }

// Step moves x against g by η·g.
func (s *SGDOpt) Step(x, g []float64) {
	lr := s.c.LR
	for i, gi := range g {
		x[i] -= lr * gi
	}
}

// Rates writes η into every coordinate.
func (s *SGDOpt) Rates(out []float64) {
	for i := range out {
		out[i] = s.c.LR
	}
}

func (s *SGDOpt) Accumulator() []float64 { return nil }
func (s *SGDOpt) Reset()                 {}
func (s *SGDOpt) cfg() *Config           { return &s.c }
func (s *SGDOpt) copyFrom(o optimizer)   { s.c = o.(*SGDOpt).c }

// AdaGradOpt is the diagonal AdaGrad of Duchi, Hazan and Singer (2011):
//
//	G ← G + g⊙g,  then  x ← x − η·g/√(G+ε)   (Config.EpsInSqrt)
//	                 or  x ← x − η·g/(√G+ε)
//
// The float64 operations and their order are those of PyTorch's Adagrad
// (state_sum += g*g; std = sqrt(state_sum) + eps; x -= lr*(g/std)) and, with
// ε inside, of TF.js (x += (g/sqrt(G+eps))·(−lr)). G starts at Config.G0.
//
// A zero gradient leaves its coordinate untouched. That is what the
// libraries compute too (G + 0 = G, x − η·0/std = x) whenever std > 0, and it
// keeps ε = 0 usable: with G = 0 the libraries would compute 0/0 = NaN, while
// the pseudo-inverse of Duchi et al. simply takes no step.
type AdaGradOpt struct {
	c Config
	G []float64 // the accumulated squared gradients, one per coordinate
}

// Step adds g⊙g to G, then moves x; a coordinate's step shrinks as its G grows.
// A coordinate whose gradient is zero is left exactly as it is.
func (a *AdaGradOpt) Step(x, g []float64) {
	// lesson:adagrad-step:begin
	G, lr, eps := a.G, a.c.LR, a.c.Eps
	for i, gi := range g {
		if gi == 0 {
			continue // nothing to learn here, and no 0/0 when G = ε = 0
		}
		G[i] += gi * gi // this coordinate's memory of its squared gradients
		var std float64
		if a.c.EpsInSqrt {
			std = math.Sqrt(G[i] + eps) // ε inside the root (TF.js, Keras 3, optax)
		} else {
			std = math.Sqrt(G[i]) + eps // ε outside (PyTorch; δ in the 2011 paper)
		}
		x[i] -= lr * (gi / std) // large G, small step
	}
	// lesson:adagrad-step:end
}

// StepSparse performs the same update as Step for a gradient whose only
// non-zero coordinates are x[idx[k]], with values val[k]. Coordinates not
// listed keep their G and position, exactly as Step leaves a coordinate
// whose gradient is 0, so the cost is proportional to len(idx), not to the
// dimension. Indices out of range are skipped; a repeated index is applied
// twice, as two successive updates (sum duplicates first for one update).
func (a *AdaGradOpt) StepSparse(x []float64, idx []int, val []float64) {
	G, lr, eps := a.G, a.c.LR, a.c.Eps
	n := min(len(idx), len(val))
	for k := 0; k < n; k++ {
		i, gi := idx[k], val[k]
		if i < 0 || i >= len(G) || i >= len(x) || gi == 0 {
			continue
		}
		G[i] += gi * gi
		var std float64
		if a.c.EpsInSqrt {
			std = math.Sqrt(G[i] + eps)
		} else {
			std = math.Sqrt(G[i]) + eps
		}
		x[i] -= lr * (gi / std)
	}
}

// Rates writes η/√(G+ε) (or η/(√G+ε)) per coordinate.
func (a *AdaGradOpt) Rates(out []float64) {
	for i := range out[:min(len(out), len(a.G))] {
		out[i] = finiteRate(a.c.LR / denom(a.G[i], a.c.Eps, a.c.EpsInSqrt))
	}
}

// denom returns √(v+ε) or √v+ε.
func denom(v, eps float64, inSqrt bool) float64 {
	if inSqrt {
		return math.Sqrt(v + eps)
	}
	return math.Sqrt(v) + eps
}

func (a *AdaGradOpt) Accumulator() []float64 { return a.G }

// Reset sets every coordinate of G to G₀.
func (a *AdaGradOpt) Reset() {
	for i := range a.G {
		a.G[i] = a.c.G0
	}
}
func (a *AdaGradOpt) cfg() *Config { return &a.c }
func (a *AdaGradOpt) copyFrom(o optimizer) {
	b := o.(*AdaGradOpt)
	a.c = b.c
	copy(a.G, b.G)
}

// RMSPropOpt is RMSProp (Tieleman and Hinton 2012, lecture 6.5): AdaGrad with
// a leaky accumulator that forgets at rate 1−ρ:
//
//	v ← ρ·v + (1−ρ)·g⊙g,  then  x ← x − η·g/(√v+ε)   (PyTorch RMSprop)
//	                       or  x ← x − η·g/√(v+ε)   (Keras, TF.js)
//
// with the operations ordered as in PyTorch (v·ρ + ((1−ρ)·g)·g;
// x − lr·(g/denominator)). v starts at 0.
type RMSPropOpt struct {
	c Config
	V []float64 // running mean of g², one per coordinate
}

// Step updates v, then moves x.
func (r *RMSPropOpt) Step(x, g []float64) {
	V, lr, eps, rho := r.V, r.c.LR, r.c.Eps, r.c.Rho
	w := 1 - rho
	for i, gi := range g {
		V[i] = rho*V[i] + w*gi*gi
		if d := denom(V[i], eps, r.c.EpsInSqrt); d != 0 { // d = 0 only if ε = 0 and g (≈) 0: no step
			x[i] -= lr * (gi / d)
		}
	}
}

// Rates writes η/(√v+ε) (or η/√(v+ε)) per coordinate.
func (r *RMSPropOpt) Rates(out []float64) {
	for i := range out[:min(len(out), len(r.V))] {
		out[i] = finiteRate(r.c.LR / denom(r.V[i], r.c.Eps, r.c.EpsInSqrt))
	}
}

func (r *RMSPropOpt) Accumulator() []float64 { return r.V }

// Reset sets v to 0.
func (r *RMSPropOpt) Reset()       { clear(r.V) }
func (r *RMSPropOpt) cfg() *Config { return &r.c }
func (r *RMSPropOpt) copyFrom(o optimizer) {
	b := o.(*RMSPropOpt)
	r.c = b.c
	copy(r.V, b.V)
}

// AdamOpt is Adam (Kingma and Ba 2015) with bias correction, computed as
// PyTorch's single-tensor Adam does:
//
//	m ← lerp(m, g, 1−β₁)               (m + (1−β₁)(g−m))
//	v ← β₂·v + (1−β₂)·g⊙g
//	step size = η/(1−β₁ᵗ)
//	x ← x − step size · m/(√v/√(1−β₂ᵗ) + ε)
//
// βᵗ is computed correctly rounded, as C's pow gives it. ε is always outside
// the root (Config.EpsInSqrt is ignored).
type AdamOpt struct {
	c    Config
	M, V []float64 // first and second moment estimates
	T    int       // steps taken
}

// Step advances t, updates both moments, then moves x.
func (a *AdamOpt) Step(x, g []float64) {
	a.T++
	b1, b2, lr, eps := a.c.Beta1, a.c.Beta2, a.c.LR, a.c.Eps
	bc1 := 1 - powInt(b1, a.T)
	bc2 := 1 - powInt(b2, a.T)
	stepSize := lr / bc1
	bc2Sqrt := math.Sqrt(bc2)
	w1, w2 := 1-b1, 1-b2
	M, V := a.M, a.V
	for i, gi := range g {
		M[i] = lerp(M[i], gi, w1)
		V[i] = b2*V[i] + w2*gi*gi
		if d := math.Sqrt(V[i])/bc2Sqrt + eps; d != 0 { // d = 0 only if ε = 0 and v = 0: no step
			x[i] -= stepSize * (M[i] / d)
		}
	}
}

// lerp is PyTorch's scalar lerp(start, end, weight), which switches formula at
// weight 0.5 to stay exact at both ends.
func lerp(start, end, weight float64) float64 {
	if math.Abs(weight) < 0.5 {
		return start + weight*(end-start)
	}
	return end - (end-start)*(1-weight)
}

// Rates writes η/(√v̂+ε) per coordinate, with √v̂ = √v/√(1−β₂ᵗ) (t ≥ 1).
func (a *AdamOpt) Rates(out []float64) {
	bc2Sqrt := 1.0
	if a.T > 0 {
		bc2Sqrt = math.Sqrt(1 - powInt(a.c.Beta2, a.T))
	}
	for i := range out[:min(len(out), len(a.V))] {
		out[i] = finiteRate(a.c.LR / (math.Sqrt(a.V[i])/bc2Sqrt + a.c.Eps))
	}
}

func (a *AdamOpt) Accumulator() []float64 { return a.V }

// Reset zeroes both moments and the step count.
func (a *AdamOpt) Reset() {
	clear(a.M)
	clear(a.V)
	a.T = 0
}
func (a *AdamOpt) cfg() *Config { return &a.c }
func (a *AdamOpt) copyFrom(o optimizer) {
	b := o.(*AdamOpt)
	a.c, a.T = b.c, b.T
	copy(a.M, b.M)
	copy(a.V, b.V)
}

// powInt returns bⁿ (n ≥ 0) rounded correctly in all but pathological cases:
// it squares and multiplies in double-double arithmetic (about 106 bits) and
// rounds once at the end, so it agrees with a correctly rounded C pow where
// math.Pow, which rounds at every multiplication, can be off by a few ulps.
func powInt(b float64, n int) float64 {
	rh, rl := 1.0, 0.0
	bh, bl := b, 0.0
	for ; n > 0; n >>= 1 {
		if n&1 == 1 {
			rh, rl = ddMul(rh, rl, bh, bl)
		}
		bh, bl = ddMul(bh, bl, bh, bl)
	}
	return rh + rl
}

// ddMul multiplies two double-double numbers (hi + lo).
func ddMul(ah, al, bh, bl float64) (float64, float64) {
	p := ah * bh
	e := math.FMA(ah, bh, -p) // the rounding error of p, exactly
	e += ah*bl + al*bh
	s := p + e
	return s, e - (s - p)
}
