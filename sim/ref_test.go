package sim

// Independent reference implementations of the libraries' published update
// rules, written plainly from their source formulas (not from this package's
// code), and the tests that hold the package against them over hundreds of
// steps on both landscapes.

import (
	"math"
	"math/big"
	"testing"
)

// refValleyGrad is ∇½(a·x² + b·y²) for an unrotated valley.
func refValleyGrad(a, b float64, p []float64) []float64 {
	return []float64{a * p[0], b * p[1]}
}

// refRosenGrad differentiates (1−x)² + 100(y−x²)² the way reverse-mode
// autodiff does, one node at a time.
func refRosenGrad(p []float64) []float64 {
	x, y := p[0], p[1]
	// node u = 1 − x, f1 = u²: df1/du = 2u, du/dx = −1
	u := 1 - x
	dx1 := -(2 * u)
	// node t = y − x², f2 = 100·t²: df2/dt = 100·(2t); dt/dy = 1; dt/d(x²) = −1; d(x²)/dx = 2x
	t := y - x*x
	dt := 100 * (2 * t)
	dy := dt
	dx2 := (-dt) * (2 * x)
	return []float64{dx1 + dx2, dy}
}

type gradFn func(p []float64) []float64

// torchAdagrad: state_sum.addcmul_(g, g, value=1); std = state_sum.sqrt().add_(eps);
// param.addcdiv_(g, std, value=-clr), clr = lr/(1+(step−1)·lr_decay), lr_decay = 0.
func torchAdagrad(grad gradFn, x0 []float64, lr, eps, init float64, steps int) [][]float64 {
	x := append([]float64(nil), x0...)
	sum := make([]float64, len(x))
	for i := range sum {
		sum[i] = init
	}
	path := [][]float64{append([]float64(nil), x...)}
	for step := 1; step <= steps; step++ {
		g := grad(x)
		clr := lr / (1 + float64(step-1)*0)
		for i := range x {
			sum[i] = sum[i] + g[i]*g[i]
			std := math.Sqrt(sum[i]) + eps
			x[i] = x[i] + (-clr)*(g[i]/std)
		}
		path = append(path, append([]float64(nil), x...))
	}
	return path
}

// tfjsAdagrad: accumulated = accumulated + square(g);
// value = (g / sqrt(accumulated + eps)) * (−lr) + value.
func tfjsAdagrad(grad gradFn, x0 []float64, lr, eps, init float64, steps int) [][]float64 {
	x := append([]float64(nil), x0...)
	acc := make([]float64, len(x))
	for i := range acc {
		acc[i] = init
	}
	path := [][]float64{append([]float64(nil), x...)}
	for step := 1; step <= steps; step++ {
		g := grad(x)
		for i := range x {
			acc[i] = acc[i] + g[i]*g[i]
			x[i] = (g[i]/math.Sqrt(acc[i]+eps))*(-lr) + x[i]
		}
		path = append(path, append([]float64(nil), x...))
	}
	return path
}

// torchRMSprop (centered=False, momentum=0): square_avg.mul_(alpha).addcmul_(g, g, value=1−alpha);
// avg = square_avg.sqrt().add_(eps); param.addcdiv_(g, avg, value=−lr).
// With epsInside, avg = sqrt(square_avg + eps) instead (Keras' placement).
func torchRMSprop(grad gradFn, x0 []float64, lr, alpha, eps float64, epsInside bool, steps int) [][]float64 {
	x := append([]float64(nil), x0...)
	sq := make([]float64, len(x))
	path := [][]float64{append([]float64(nil), x...)}
	for step := 1; step <= steps; step++ {
		g := grad(x)
		for i := range x {
			sq[i] = sq[i] * alpha
			sq[i] = sq[i] + (1-alpha)*g[i]*g[i]
			var avg float64
			if epsInside {
				avg = math.Sqrt(sq[i] + eps)
			} else {
				avg = math.Sqrt(sq[i]) + eps
			}
			x[i] = x[i] + (-lr)*(g[i]/avg)
		}
		path = append(path, append([]float64(nil), x...))
	}
	return path
}

// kerasRMSprop (Keras 3): velocity = rho·velocity + (1−rho)·square(g);
// variable −= lr·g / sqrt(velocity + epsilon).
func kerasRMSprop(grad gradFn, x0 []float64, lr, rho, eps float64, steps int) [][]float64 {
	x := append([]float64(nil), x0...)
	v := make([]float64, len(x))
	path := [][]float64{append([]float64(nil), x...)}
	for step := 1; step <= steps; step++ {
		g := grad(x)
		for i := range x {
			v[i] = rho*v[i] + (1-rho)*(g[i]*g[i])
			x[i] -= lr * g[i] / math.Sqrt(v[i]+eps)
		}
		path = append(path, append([]float64(nil), x...))
	}
	return path
}

// crPow is bⁿ correctly rounded, computed exactly with math/big.
func crPow(b float64, n int) float64 {
	r := new(big.Float).SetPrec(0).SetFloat64(1)
	r.SetPrec(uint(53 * (n + 1)))
	bb := new(big.Float).SetFloat64(b)
	for i := 0; i < n; i++ {
		r.Mul(r, bb)
	}
	f, _ := r.Float64()
	return f
}

// torchAdam (amsgrad=False, single tensor): exp_avg.lerp_(g, 1−beta1);
// exp_avg_sq.mul_(beta2).addcmul_(g, g, value=1−beta2);
// bias_correction1 = 1 − beta1**step; bias_correction2 = 1 − beta2**step;
// step_size = lr / bias_correction1; bias_correction2_sqrt = sqrt(bias_correction2);
// denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps);
// param.addcdiv_(exp_avg, denom, value=−step_size).
func torchAdam(grad gradFn, x0 []float64, lr, beta1, beta2, eps float64, steps int, pow func(float64, int) float64) [][]float64 {
	x := append([]float64(nil), x0...)
	m := make([]float64, len(x))
	v := make([]float64, len(x))
	path := [][]float64{append([]float64(nil), x...)}
	for step := 1; step <= steps; step++ {
		g := grad(x)
		w := 1 - beta1
		bc1 := 1 - pow(beta1, step)
		bc2 := 1 - pow(beta2, step)
		stepSize := lr / bc1
		bc2Sqrt := math.Sqrt(bc2)
		for i := range x {
			if math.Abs(w) < 0.5 { // at::native lerp, scalar path
				m[i] = m[i] + w*(g[i]-m[i])
			} else {
				m[i] = g[i] - (g[i]-m[i])*(1-w)
			}
			v[i] = v[i] * beta2
			v[i] = v[i] + (1-beta2)*g[i]*g[i]
			denom := math.Sqrt(v[i])/bc2Sqrt + eps
			x[i] = x[i] + (-stepSize)*(m[i]/denom)
		}
		path = append(path, append([]float64(nil), x...))
	}
	return path
}

// paperAdam is Algorithm 1 of Kingma and Ba (2015), written as printed.
func paperAdam(grad gradFn, x0 []float64, lr, beta1, beta2, eps float64, steps int) [][]float64 {
	x := append([]float64(nil), x0...)
	m := make([]float64, len(x))
	v := make([]float64, len(x))
	path := [][]float64{append([]float64(nil), x...)}
	for t := 1; t <= steps; t++ {
		g := grad(x)
		for i := range x {
			m[i] = beta1*m[i] + (1-beta1)*g[i]
			v[i] = beta2*v[i] + (1-beta2)*g[i]*g[i]
			mh := m[i] / (1 - math.Pow(beta1, float64(t)))
			vh := v[i] / (1 - math.Pow(beta2, float64(t)))
			x[i] -= lr * mh / (math.Sqrt(vh) + eps)
		}
		path = append(path, append([]float64(nil), x...))
	}
	return path
}

// simPath runs the package's optimizer directly on a landscape.
func simPath(l Landscape, c Config, x0 []float64, steps int) [][]float64 {
	o := newOpt(c, len(x0))
	x := append([]float64(nil), x0...)
	g := make([]float64, len(x0))
	path := [][]float64{append([]float64(nil), x...)}
	for i := 0; i < steps; i++ {
		l.Grad(x, g)
		o.Step(x, g)
		path = append(path, append([]float64(nil), x...))
	}
	return path
}

type refCase struct {
	name string
	l    Landscape
	grad gradFn
	x0   []float64
}

func refCases() []refCase {
	return []refCase{
		{"valley", NewValley(0.2, 10, 0), func(p []float64) []float64 { return refValleyGrad(0.2, 10, p) }, []float64{-4.5, 2}},
		{"valley-steep", NewValley(1, 50, 0), func(p []float64) []float64 { return refValleyGrad(1, 50, p) }, []float64{3, -1.5}},
		{"rosenbrock", Rosenbrock{}, refRosenGrad, []float64{-1.5, 2}},
		{"rosenbrock2", Rosenbrock{}, refRosenGrad, []float64{0.3, -0.7}},
	}
}

// samePath requires bit-for-bit equality, reporting the first difference.
func samePath(t *testing.T, got, want [][]float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("path lengths %d, %d", len(got), len(want))
	}
	for k := range got {
		for i := range got[k] {
			if got[k][i] != want[k][i] && !(math.IsNaN(got[k][i]) && math.IsNaN(want[k][i])) {
				t.Fatalf("step %d coord %d: got %.17g want %.17g", k, i, got[k][i], want[k][i])
			}
		}
	}
}

// nearPath requires |got − want| ≤ tol·(1 + |want|) everywhere.
func nearPath(t *testing.T, got, want [][]float64, tol float64) {
	t.Helper()
	for k := range want {
		for i := range want[k] {
			if d := math.Abs(got[k][i] - want[k][i]); !(d <= tol*(1+math.Abs(want[k][i]))) {
				t.Fatalf("step %d coord %d: got %.17g want %.17g (diff %g)", k, i, got[k][i], want[k][i], d)
			}
		}
	}
}

const refSteps = 500

func TestLandscapeGradMatchesAutodiffOrder(t *testing.T) {
	for _, tc := range refCases() {
		g := make([]float64, 2)
		for _, p := range [][]float64{tc.x0, {0.1, 0.2}, {-1.3, 7.1}, {1e3, -2e2}} {
			tc.l.Grad(p, g)
			w := tc.grad(p)
			if g[0] != w[0] || g[1] != w[1] {
				t.Errorf("%s at %v: grad %v, reference %v", tc.name, p, g, w)
			}
		}
	}
}

func TestAdaGradMatchesPyTorch(t *testing.T) {
	for _, tc := range refCases() {
		for _, lr := range []float64{0.01, 0.1, 0.5} {
			c := PyTorchConfig(AdaGrad)
			c.LR = lr
			samePath(t, simPath(tc.l, c, tc.x0, refSteps), torchAdagrad(tc.grad, tc.x0, lr, 1e-10, 0, refSteps))
			// The TF/Keras 2 variant: outside, ε = 1e-7, G₀ = 0.1.
			c.Eps, c.G0 = 1e-7, 0.1
			samePath(t, simPath(tc.l, c, tc.x0, refSteps), torchAdagrad(tc.grad, tc.x0, lr, 1e-7, 0.1, refSteps))
		}
	}
}

func TestAdaGradMatchesTFjs(t *testing.T) {
	for _, tc := range refCases() {
		for _, lr := range []float64{0.001, 0.1, 0.5} {
			c := KerasConfig(AdaGrad)
			c.LR = lr
			samePath(t, simPath(tc.l, c, tc.x0, refSteps), tfjsAdagrad(tc.grad, tc.x0, lr, 1e-7, 0.1, refSteps))
			// The lesson's default: inside, ε = 1e-8, G₀ = 0.
			d := DefaultConfig(AdaGrad)
			d.LR = lr
			samePath(t, simPath(tc.l, d, tc.x0, refSteps), tfjsAdagrad(tc.grad, tc.x0, lr, 1e-8, 0, refSteps))
		}
	}
}

func TestRMSPropMatchesPyTorch(t *testing.T) {
	for _, tc := range refCases() {
		for _, lr := range []float64{0.001, 0.01} {
			c := PyTorchConfig(RMSProp)
			c.LR = lr
			samePath(t, simPath(tc.l, c, tc.x0, refSteps), torchRMSprop(tc.grad, tc.x0, lr, 0.99, 1e-8, false, refSteps))
			c.EpsInSqrt, c.Rho, c.Eps = true, 0.9, 1e-7
			samePath(t, simPath(tc.l, c, tc.x0, refSteps), torchRMSprop(tc.grad, tc.x0, lr, 0.9, 1e-7, true, refSteps))
		}
	}
}

// Keras writes lr·g/√(v+ε) and ρv + (1−ρ)g²: the same rule, grouped
// differently, so it agrees to within rounding, not bit for bit.
func TestRMSPropMatchesKerasRule(t *testing.T) {
	for _, tc := range refCases()[:2] { // the valleys: no chaos to amplify rounding
		c := KerasConfig(RMSProp)
		c.LR = 0.01
		nearPath(t, simPath(tc.l, c, tc.x0, refSteps), kerasRMSprop(tc.grad, tc.x0, 0.01, 0.9, 1e-7, refSteps), 1e-12)
	}
}

func TestAdamMatchesPyTorch(t *testing.T) {
	for _, tc := range refCases() {
		for _, lr := range []float64{0.001, 0.05} {
			c := PyTorchConfig(Adam)
			c.LR = lr
			samePath(t, simPath(tc.l, c, tc.x0, refSteps), torchAdam(tc.grad, tc.x0, lr, 0.9, 0.999, 1e-8, refSteps, crPow))
			c.Beta1, c.Beta2 = 0.3, 0.9 // weight 0.7 takes lerp's other branch
			samePath(t, simPath(tc.l, c, tc.x0, refSteps), torchAdam(tc.grad, tc.x0, lr, 0.3, 0.9, 1e-8, refSteps, crPow))
		}
	}
}

func TestAdamMatchesPaper(t *testing.T) {
	for _, tc := range refCases()[:2] {
		c := PyTorchConfig(Adam)
		c.LR = 0.05
		nearPath(t, simPath(tc.l, c, tc.x0, refSteps), paperAdam(tc.grad, tc.x0, 0.05, 0.9, 0.999, 1e-8, refSteps), 1e-9)
	}
}

func TestSGDMatchesPyTorch(t *testing.T) {
	for _, tc := range refCases() {
		lr := 0.001
		x := append([]float64(nil), tc.x0...)
		want := [][]float64{append([]float64(nil), x...)}
		for s := 0; s < refSteps; s++ {
			g := tc.grad(x)
			for i := range x {
				x[i] = x[i] + (-lr)*g[i] // param.add_(grad, alpha=−lr)
			}
			want = append(want, append([]float64(nil), x...))
		}
		c := DefaultConfig(SGD)
		c.LR = lr
		samePath(t, simPath(tc.l, c, tc.x0, refSteps), want)
	}
}

func TestPowIntCorrectlyRounded(t *testing.T) {
	for _, b := range []float64{0.9, 0.999, 0.99, 0.3, 0.5, 0.123456789, 0.9999} {
		for _, n := range []int{0, 1, 2, 3, 7, 10, 100, 1000, 4097} {
			if got, want := powInt(b, n), crPow(b, n); got != want {
				t.Errorf("powInt(%v, %d) = %.17g, want %.17g", b, n, got, want)
			}
		}
	}
}
