package sim

import "math"

// AdaGradFullOpt is the full-matrix AdaGrad of Duchi, Hazan and Singer
// (2011). Its memory is the outer-product matrix of all past gradients,
//
//	G ← G + g·gᵀ   (G starts at G₀·I),  then
//	x ← x − η·(G + εI)^(−1/2)·g        (Config.EpsInSqrt)
//	 or x ← x − η·(G^(1/2) + εI)^(−1)·g (the paper's δ)
//
// Where the diagonal form gives each coordinate its own rate, this one gives
// each direction its own: the eigenvectors of G are the principal directions
// of the gradients seen so far, and the step is shrunk along each by the
// root of its eigenvalue. A valley turned away from the axes is therefore
// the same problem to it as the valley lying along them: from a start turned
// with the valley, its path is the turned path (to rounding), which the
// diagonal form's is not.
//
// Real models use the diagonal form because of the cost: for d parameters G
// is a d×d matrix (d² numbers to store, against d) and its inverse root takes
// an eigendecomposition, d³ operations per step (against d). A model with a
// million weights would need 4 TB for G even stored as a triangle, and 10¹⁸
// operations a step.
//
// For d = 2 the eigendecomposition is in closed form, a few roots and
// divisions. Other dimensions use cyclic Jacobi rotations, the textbook
// method for symmetric matrices. A singular G (the first step from G₀ = 0 has rank one) takes
// its pseudo-inverse: a direction no gradient has taken gets no step, so
// every step lies in the span of past gradients. That is also exact for
// ε > 0: G includes the current g, so g has no part along an eigenvector
// whose eigenvalue is 0, and computing that part from rounding noise would
// only amplify the noise, by up to 1/ε. Eigenvalues below 2⁻⁴⁸ of the
// largest count as zero; G's entries carry rounding errors of that relative
// size, so a smaller eigenvalue is noise.
//
// A zero gradient takes no step and leaves G as it is, as in AdaGradOpt.
type AdaGradFullOpt struct {
	c Config
	d int
	// G is the symmetric matrix, packed: G[0:d] its diagonal (exactly the G
	// of the diagonal form for the same gradients), then the entries above
	// the diagonal row by row: for d = 2, [G₁₁, G₂₂, G₁₂].
	G []float64
	// scratch for d ≠ 2: the matrix being diagonalised, its eigenvectors
	// (columns), the eigenvalues' weights and the projections of g.
	work, vec, h, proj []float64
}

// rankTol is the relative size below which an eigenvalue of G counts as 0.
const rankTol = 0x1p-48

func newAdaGradFull(c Config, dim int) *AdaGradFullOpt {
	a := &AdaGradFullOpt{c: c, d: dim, G: make([]float64, dim*(dim+1)/2)}
	if dim != 2 {
		a.work, a.vec = make([]float64, dim*dim), make([]float64, dim*dim)
		a.h, a.proj = make([]float64, dim), make([]float64, dim)
	}
	return a
}

// Matrix returns G's entry (i, j), for 0 ≤ i, j < the dimension.
func (a *AdaGradFullOpt) Matrix(i, j int) float64 {
	return a.G[a.index(i, j)]
}

// index returns where G's entry (i, j) is packed.
func (a *AdaGradFullOpt) index(i, j int) int {
	if i == j {
		return i
	}
	if i > j {
		i, j = j, i
	}
	// rows 0..i−1 above the diagonal hold (d−1) + (d−2) + … + (d−i) entries
	return a.d + i*(2*a.d-i-1)/2 + (j - i - 1)
}

// Step adds g·gᵀ to G, then moves x by −η times the inverse root applied to
// g. A g shorter than the dimension counts as padded with zeros; every
// coordinate of x may move, since the step mixes them. An x shorter than the
// dimension is left alone.
func (a *AdaGradFullOpt) Step(x, g []float64) {
	d := a.d
	n := min(len(g), d)
	if len(x) < d || allZero(g[:n]) {
		return
	}
	lr := a.c.LR
	G := a.G
	if d == 2 {
		g0, g1 := g[0], 0.0
		if n == 2 {
			g1 = g[1]
		}
		G[0] += g0 * g0
		G[1] += g1 * g1
		G[2] += g0 * g1
		p11, p12, p22 := inverseRoot2(G[0], G[1], G[2], a.c.Eps, a.c.EpsInSqrt, true)
		x[0] -= lr * (p11*g0 + p12*g1)
		x[1] -= lr * (p12*g0 + p22*g1)
		return
	}
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			G[a.index(i, j)] += g[i] * g[j]
		}
	}
	a.eigen(true)
	// x −= η·Σₖ h(λₖ)·vₖ·(vₖ·g)
	vec, proj := a.vec, a.proj
	for k := 0; k < d; k++ {
		s := 0.0
		for i := 0; i < n; i++ {
			s += vec[i*d+k] * g[i]
		}
		proj[k] = a.h[k] * s
	}
	for i := 0; i < d; i++ {
		s := 0.0
		for k := 0; k < d; k++ {
			s += vec[i*d+k] * proj[k]
		}
		x[i] -= lr * s
	}
}

func allZero(g []float64) bool {
	for _, v := range g {
		if v != 0 {
			return false
		}
	}
	return true
}

// Rates writes the diagonal of η·(G+εI)^(−1/2) (or η·(G^(1/2)+εI)^(−1)) as
// the last step applied it: the factor along each axis. For a G that is
// diagonal these are the diagonal form's rates; in general the step also has
// off-diagonal terms, which Rates does not show. A direction no gradient has
// taken contributes 0, as in the step; so after a first step from G₀ = 0 the
// rates are η·(gₓ², g_y²)/‖g‖³ (to within ε), not the η/√ε a zero
// accumulator has in the diagonal form. Before the first step, with G = 0,
// every rate is that η/√ε (or η/ε; 0 if ε = 0, where the diagonal form
// reports math.MaxFloat64).
func (a *AdaGradFullOpt) Rates(out []float64) {
	lr, d := a.c.LR, a.d
	n := min(len(out), d)
	if d == 2 {
		p11, _, p22 := inverseRoot2(a.G[0], a.G[1], a.G[2], a.c.Eps, a.c.EpsInSqrt, false)
		p := [2]float64{p11, p22}
		for i := range n {
			out[i] = finiteRate(lr * min(p[i], math.MaxFloat64))
		}
		return
	}
	a.eigen(false)
	for i := range n {
		s := 0.0
		for k := 0; k < d; k++ {
			v := a.vec[i*d+k]
			s += a.h[k] * v * v
		}
		out[i] = finiteRate(lr * min(s, math.MaxFloat64))
	}
}

// Accumulator returns G packed as described at AdaGradFullOpt: its first d
// entries are the diagonal, which is what Run's State.G and the trail show.
func (a *AdaGradFullOpt) Accumulator() []float64 { return a.G }

// Reset sets G to G₀·I.
func (a *AdaGradFullOpt) Reset() {
	clear(a.G)
	for i := 0; i < a.d; i++ {
		a.G[i] = a.c.G0
	}
}

func (a *AdaGradFullOpt) cfg() *Config { return &a.c }
func (a *AdaGradFullOpt) copyFrom(o optimizer) {
	b := o.(*AdaGradFullOpt)
	a.c = b.c
	copy(a.G, b.G)
}

// weight returns h(λ), the factor of the inverse root along an eigenvector
// of G with eigenvalue λ ≥ 0: 1/√(λ+ε) or 1/(√λ+ε), 0 where that
// denominator is 0 (the pseudo-inverse), at most math.MaxFloat64.
func weight(lambda, eps float64, inSqrt bool) float64 {
	q := denom(lambda, eps, inSqrt)
	if q == 0 {
		return 0
	}
	return min(1/q, math.MaxFloat64)
}

// inverseRoot2 returns the entries p₁₁, p₁₂, p₂₂ of h(G) for the symmetric
// positive-semidefinite G = [[a, c], [c, b]], where h is weight: the
// inverse root of G + εI, or the inverse of √G + εI, except that an
// eigenvalue of a non-zero G that counts as 0 has weight 0, whatever ε (see
// AdaGradFullOpt). G = 0 has weight h(0) for the rates, 0 for a step
// (step = true).
//
// With d = (a−b)/2 and r = √(d² + c²), G's eigenvalues are λ± = (a+b)/2 ± r
// and the projector onto λ₊'s eigenvector is U = [[r+d, c], [c, r−d]]/(2r),
// so h(G) = h(λ₊)·U + h(λ₋)·(I − U). Each piece is computed without
// cancellation: the entries are first divided by the largest one (no
// overflow in the squares), λ₋ is det(G)/λ₊ with det from fused
// multiply-adds and clamped at 0, and whichever of r±d would cancel is
// c²/(r∓d) instead.
func inverseRoot2(a, b, c, eps float64, inSqrt, step bool) (p11, p12, p22 float64) {
	m := max(a, b, math.Abs(c))
	if math.IsInf(m, 1) { // G overflowed, which Run rejects: no step, as 1/√∞ = 0 in the diagonal form
		return 0, 0, 0
	}
	if !(m > 0) { // G = 0 (or not a number, which Run rejects too)
		h := weight(0, eps, inSqrt)
		if step { // only a g whose squares underflow leaves G = 0: no step
			h = 0
		}
		return h, 0, h
	}
	a, b, c = a/m, b/m, c/m
	d := (a - b) / 2
	r := math.Hypot(d, c)
	lp := (a+b)/2 + r
	lm := max(diffProd(a, b, c, c), 0) / lp
	if lm <= rankTol*lp {
		lm = 0
	}
	hp, hm := weight(lp*m, eps, inSqrt), 0.0
	if lm > 0 {
		hm = weight(lm*m, eps, inSqrt)
	}
	if r == 0 { // G = a·I
		return hp, 0, hp
	}
	var rpd, rmd float64 // r+d and r−d
	if d >= 0 {
		rpd = r + d
		rmd = c * (c / rpd)
	} else {
		rmd = r - d
		rpd = c * (c / rmd)
	}
	u11, u22, u12 := rpd/(2*r), rmd/(2*r), c/(2*r)
	p11 = min(hp*u11+hm*u22, math.MaxFloat64)
	p22 = min(hp*u22+hm*u11, math.MaxFloat64)
	p12 = (hp - hm) * u12
	return p11, p12, p22
}

// diffProd returns a·b − c·d with one rounding error instead of two (Kahan's
// algorithm with fused multiply-adds).
func diffProd(a, b, c, d float64) float64 {
	w := c * d
	e := math.FMA(-c, d, w) // w − c·d, exactly
	f := math.FMA(a, b, -w)
	return f + e
}

// eigen diagonalises G by cyclic Jacobi rotations: it leaves the
// eigenvectors in the columns of vec and h(λₖ) in h[k], with the zero
// eigenvalues and G = 0 treated as in inverseRoot2.
func (a *AdaGradFullOpt) eigen(step bool) {
	d, A, V := a.d, a.work, a.vec
	m := 0.0
	for _, v := range a.G {
		m = max(m, math.Abs(v))
	}
	clear(V)
	for i := 0; i < d; i++ {
		V[i*d+i] = 1
	}
	if !(m > 0) || math.IsInf(m, 1) { // G = 0, or overflowed (no step, as in inverseRoot2)
		h := weight(0, a.c.Eps, a.c.EpsInSqrt)
		if m > 0 || step {
			h = 0
		}
		for k := range a.h {
			a.h[k] = h
		}
		return
	}
	for i := 0; i < d; i++ {
		for j := 0; j < d; j++ {
			A[i*d+j] = a.G[a.index(i, j)] / m // scaled: no overflow in the squares
		}
	}
	for sweep := 0; sweep < 60; sweep++ { // a handful suffice: convergence is quadratic
		off, all := 0.0, 0.0
		for i := 0; i < d; i++ {
			all += A[i*d+i] * A[i*d+i]
			for j := i + 1; j < d; j++ {
				off += A[i*d+j] * A[i*d+j]
			}
		}
		if off <= 1e-30*(all+2*off) { // off-diagonal below 10⁻¹⁵ of the whole: rounding level
			break
		}
		for p := 0; p < d; p++ {
			for q := p + 1; q < d; q++ {
				apq := A[p*d+q]
				if apq == 0 {
					continue
				}
				// the rotation (c, s) that zeroes A[p][q] (Golub & Van Loan, 8.5)
				theta := (A[q*d+q] - A[p*d+p]) / (2 * apq)
				t := 1 / (math.Abs(theta) + math.Sqrt(theta*theta+1))
				if math.IsInf(theta*theta, 0) {
					t = 1 / (2 * math.Abs(theta))
				}
				if theta < 0 {
					t = -t
				}
				c := 1 / math.Sqrt(t*t+1)
				s := t * c
				for k := 0; k < d; k++ { // A ← A·J
					akp, akq := A[k*d+p], A[k*d+q]
					A[k*d+p], A[k*d+q] = c*akp-s*akq, s*akp+c*akq
				}
				for k := 0; k < d; k++ { // A ← Jᵀ·A
					apk, aqk := A[p*d+k], A[q*d+k]
					A[p*d+k], A[q*d+k] = c*apk-s*aqk, s*apk+c*aqk
				}
				for k := 0; k < d; k++ { // V ← V·J
					vkp, vkq := V[k*d+p], V[k*d+q]
					V[k*d+p], V[k*d+q] = c*vkp-s*vkq, s*vkp+c*vkq
				}
			}
		}
	}
	top := 0.0
	for k := 0; k < d; k++ {
		top = max(top, A[k*d+k])
	}
	for k := 0; k < d; k++ {
		l := max(A[k*d+k], 0)
		if l <= rankTol*top {
			l = 0
		}
		a.h[k] = 0
		if l > 0 {
			a.h[k] = weight(l*m, a.c.Eps, a.c.EpsInSqrt)
		}
	}
}
