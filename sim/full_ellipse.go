package sim

import "math"

// StepEllipse describes, for a 2-D run, the ellipse on which the next step
// of a unit gradient would land, whatever its direction: the image of the
// unit circle under η·(G+εI)^(−1/2) (or η·(G^(1/2)+εI)^(−1)). r1 is the
// half-axis along angle (radians, counter-clockwise from x), r2 the one
// across it. Its axes are G's eigenvectors: r1 lies along the direction the
// gradients have pointed most, where the step is shortest. It takes G as
// it is now, with the pseudo-inverse's rule of the step: along an
// eigenvalue that counts as 0 beside the other (no gradient has gone that
// way) the half-axis is 0, and G = 0 gives the circle of radius η·h(0).
// For another dimension, or a G that overflowed, it returns zeros.
func (a *AdaGradFullOpt) StepEllipse() (r1, r2, angle float64) {
	if a.d != 2 {
		return 0, 0, 0
	}
	g11, g22, g12 := a.G[0], a.G[1], a.G[2]
	// Scaled by the largest entry, as in inverseRoot2, so that the squares
	// in the determinant neither overflow nor underflow.
	m := max(g11, g22, math.Abs(g12))
	if math.IsInf(m, 1) || math.IsNaN(m) {
		return 0, 0, 0
	}
	if m > 0 {
		g11, g22, g12 = g11/m, g22/m, g12/m
	} else {
		m = 1
	}
	mean, half := (g11+g22)/2, (g11-g22)/2
	r := math.Hypot(half, g12)
	hi := mean + r
	lo := 0.0
	if hi > 0 {
		lo = max(diffProd(g11, g22, g12, g12), 0) / hi // det/λ₊: no cancellation
	}
	lr := a.c.LR
	r1 = finiteRate(lr * weight(hi*m, a.c.Eps, a.c.EpsInSqrt))
	r2 = finiteRate(lr * weight(lo*m, a.c.Eps, a.c.EpsInSqrt))
	if hi > 0 && lo <= rankTol*hi {
		r2 = 0
	}
	return r1, r2, 0.5 * math.Atan2(2*g12, g11-g22)
}
