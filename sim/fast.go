package sim

// The lesson's runs, SGD, AdaGrad and RMSProp on the 2-D valley, step
// through a kernel of their own: the same floating-point operations in the
// same order as Run's general step (the optimizers' Step and Rates, the
// valley's Value and Grad, acceptable), on plain numbers instead of slices
// and interfaces. A figure recomputes thousands of steps whenever its start
// point is dragged, and in WebAssembly the general step cost about six times
// the arithmetic it does. TestFastStepIsTheGeneralStep holds the two to the
// same bits.

// useFast picks the kernel for the run's landscape and method, or none.
func (r *Run) useFast() {
	v, ok := r.l.(*Valley)
	r.valley = nil
	if ok && r.dim == 2 && !r.noFast {
		switch r.opt.(type) {
		case *SGDOpt, *AdaGradOpt, *RMSPropOpt:
			r.valley = v
		}
	}
}

// stepFast is Step for a run with a kernel.
func (r *Run) stepFast() bool {
	st := &r.st
	t := st.Step + 1
	ux, uy := st.Grad[0], st.Grad[1] // the gradient this step uses
	if r.hasDrop && (r.drop.Coord == 0 || r.drop.Coord == 1) && !r.drop.Keep(t) {
		if r.drop.Coord == 0 {
			ux = 0
		} else {
			uy = 0
		}
	}
	nx, ny := st.X[0], st.X[1]
	var ax, ay, rx, ry float64 // accumulator and rates after the step
	var acc []float64          // the optimizer's own accumulator, written on success
	switch o := r.opt.(type) {
	case *SGDOpt:
		lr := o.c.LR
		nx -= lr * ux
		ny -= lr * uy
		rx, ry = lr, lr
	case *AdaGradOpt:
		acc = o.G
		lr, eps, in := o.c.LR, o.c.Eps, o.c.EpsInSqrt
		ax, ay = acc[0], acc[1]
		if ux != 0 {
			ax += ux * ux
		}
		if uy != 0 {
			ay += uy * uy
		}
		dx, dy := denom(ax, eps, in), denom(ay, eps, in)
		if ux != 0 {
			nx -= lr * (ux / dx)
		}
		if uy != 0 {
			ny -= lr * (uy / dy)
		}
		rx, ry = finiteRate(lr/dx), finiteRate(lr/dy)
	case *RMSPropOpt:
		acc = o.V
		lr, eps, rho, in := o.c.LR, o.c.Eps, o.c.Rho, o.c.EpsInSqrt
		w := 1 - rho
		ax = rho*acc[0] + w*ux*ux
		ay = rho*acc[1] + w*uy*uy
		dx, dy := denom(ax, eps, in), denom(ay, eps, in)
		if dx != 0 {
			nx -= lr * (ux / dx)
		}
		if dy != 0 {
			ny -= lr * (uy / dy)
		}
		rx, ry = finiteRate(lr/dx), finiteRate(lr/dy)
	}
	// acceptable, on numbers.
	if !(abs(nx) <= RunawayBound && abs(ny) <= RunawayBound) {
		return r.diverge()
	}
	loss := r.valley.value(nx, ny)
	gx, gy := r.valley.grad(nx, ny)
	if !finite(loss) || !finite(gx) || !finite(gy) || !finite(ax) || !finite(ay) || !finite(rx) || !finite(ry) {
		return r.diverge()
	}
	if acc != nil {
		acc[0], acc[1] = ax, ay
		st.G[0], st.G[1] = ax, ay
	}
	dx, dy := nx-st.X[0], ny-st.X[1]
	shrinking := rx < st.Rate[0] || ry < st.Rate[1]
	grew := rx > st.Rate[0] || ry > st.Rate[1]
	st.Delta[0], st.Delta[1] = dx, dy
	st.X[0], st.X[1] = nx, ny
	st.Used[0], st.Used[1] = ux, uy
	st.Grad[0], st.Grad[1] = gx, gy
	st.Rate[0], st.Rate[1] = rx, ry
	st.Loss = loss
	st.Step = t
	mx, my := nx-r.min[0], ny-r.min[1]
	d2 := mx*mx + my*my
	step2 := dx*dx + dy*dy
	r.freezeRule(shrinking, grew, d2, step2)
	r.record()
	return true
}

// diverge marks the run stopped where it is.
func (r *Run) diverge() bool {
	r.st.Diverged = true
	return false
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
