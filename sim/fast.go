package sim

import "math"

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

// The kernel's optimizers.
const (
	fastSGD = iota
	fastAdaGrad
	fastRMSProp
)

// stepsFast is Steps for a run with a kernel: up to n steps, stopping where
// the run would diverge, on numbers held in locals and written back to the
// state at the end. It returns the number of steps taken.
func (r *Run) stepsFast(n int) int {
	st := &r.st
	kind := fastSGD
	var lr, eps, rho float64
	var in bool
	var acc []float64 // the optimizer's own accumulator
	switch o := r.opt.(type) {
	case *SGDOpt:
		lr = o.c.LR
	case *AdaGradOpt:
		kind, acc, lr, eps, in = fastAdaGrad, o.G, o.c.LR, o.c.Eps, o.c.EpsInSqrt
	case *RMSPropOpt:
		kind, acc, lr, eps, rho, in = fastRMSProp, o.V, o.c.LR, o.c.Eps, o.c.Rho, o.c.EpsInSqrt
	}
	w := 1 - rho
	// The valley's Value and Grad, inlined: the same products in the same
	// order, with the rotation's sine and cosine taken once.
	a, b := r.valley.A, r.valley.B
	turned := r.valley.Angle != 0
	sin, cos := 0.0, 1.0
	if turned {
		sin, cos = math.Sincos(r.valley.Angle)
	}
	minX, minY := r.min[0], r.min[1]
	x, y := st.X[0], st.X[1]
	gx, gy := st.Grad[0], st.Grad[1]
	ux, uy := st.Used[0], st.Used[1]
	rx, ry := st.Rate[0], st.Rate[1]
	dx, dy := st.Delta[0], st.Delta[1]
	var ax, ay float64
	if acc != nil {
		ax, ay = acc[0], acc[1]
	}
	loss, t := st.Loss, st.Step
	dropX := r.hasDrop && r.drop.Coord == 0
	dropY := r.hasDrop && r.drop.Coord == 1
	// freezeRule's count and bound in locals, written back once: in Node's
	// WebAssembly about 5% off a step.
	frozenRun, near2 := r.frozenRun, r.nearFrozen()
	stride := r.stride
	k := 0
	for ; k < n; k++ {
		t1 := t + 1
		cux, cuy := gx, gy // the gradient this step uses
		if (dropX || dropY) && !r.drop.Keep(t1) {
			if dropX {
				cux = 0
			} else {
				cuy = 0
			}
		}
		nx, ny := x, y
		nax, nay, nrx, nry := ax, ay, lr, lr
		switch kind {
		case fastSGD:
			nx -= lr * cux
			ny -= lr * cuy
		case fastAdaGrad:
			if cux != 0 {
				nax += cux * cux
			}
			if cuy != 0 {
				nay += cuy * cuy
			}
			qx, qy := denom(nax, eps, in), denom(nay, eps, in)
			if cux != 0 {
				nx -= lr * (cux / qx)
			}
			if cuy != 0 {
				ny -= lr * (cuy / qy)
			}
			nrx, nry = finiteRate(lr/qx), finiteRate(lr/qy)
		case fastRMSProp:
			nax = rho*ax + w*cux*cux
			nay = rho*ay + w*cuy*cuy
			qx, qy := denom(nax, eps, in), denom(nay, eps, in)
			if qx != 0 {
				nx -= lr * (cux / qx)
			}
			if qy != 0 {
				ny -= lr * (cuy / qy)
			}
			nrx, nry = finiteRate(lr/qx), finiteRate(lr/qy)
		}
		// acceptable, on numbers.
		if !(math.Abs(nx) <= RunawayBound && math.Abs(ny) <= RunawayBound) {
			st.Diverged = true
			break
		}
		u, v := nx, ny
		if turned {
			u, v = cos*nx+sin*ny, -sin*nx+cos*ny
		}
		nloss := 0.5 * (a*u*u + b*v*v)
		ngx, ngy := a*u, b*v
		if turned {
			ngx, ngy = cos*ngx-sin*ngy, sin*ngx+cos*ngy
		}
		// v−v is 0 for every finite v and NaN for NaN and ±Inf: one test
		// for all seven, without a branch each.
		if (nloss-nloss)+(ngx-ngx)+(ngy-ngy)+(nax-nax)+(nay-nay)+(nrx-nrx)+(nry-nry) != 0 {
			st.Diverged = true
			break
		}
		shrinking := nrx < rx || nry < ry
		grew := nrx > rx || nry > ry
		dx, dy = nx-x, ny-y
		x, y, gx, gy, ux, uy = nx, ny, ngx, ngy, cux, cuy
		ax, ay, rx, ry, loss, t = nax, nay, nrx, nry, nloss, t1
		mx, my := x-minX, y-minY
		if towardFrozen(shrinking, grew, mx*mx+my*my, dx*dx+dy*dy, near2) {
			frozenRun++
		} else {
			frozenRun = 0
		}
		if t%stride != 0 { // the trail skips this step: spare the call
			continue
		}
		s := r.slot(t)
		stride = r.stride // slot may have thinned the trail
		if s != nil {
			*s = Sample{Step: t, Loss: loss, X: x, Y: y, GX: gx, GY: gy, UsedX: ux, UsedY: uy,
				AccX: ax, AccY: ay, RateX: rx, RateY: ry}
		}
	}
	st.X[0], st.X[1] = x, y
	st.Grad[0], st.Grad[1] = gx, gy
	st.Used[0], st.Used[1] = ux, uy
	st.Rate[0], st.Rate[1] = rx, ry
	st.Delta[0], st.Delta[1] = dx, dy
	if acc != nil {
		acc[0], acc[1] = ax, ay
		st.G[0], st.G[1] = ax, ay
	}
	st.Loss, st.Step = loss, t
	if k > 0 {
		r.frozenRun = frozenRun
		st.Frozen = frozenRun >= FrozenWindow
	}
	return k
}
