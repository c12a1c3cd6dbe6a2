package sim

import (
	"fmt"
	"math"
	"strings"
)

// Method names an optimizer.
type Method int

// The optimizers, in the order the lesson meets them.
const (
	SGD Method = iota
	AdaGrad
	RMSProp
	Adam
	// AdaGradFull is the full-matrix AdaGrad of the 2011 paper, for small
	// problems only (AdaGradFullOpt says why).
	AdaGradFull
)

var methodNames = [...]string{"sgd", "adagrad", "rmsprop", "adam", "adagrad-full"}

// lastMethod is the highest known Method.
const lastMethod = Method(len(methodNames) - 1)

// ParseMethod parses "sgd", "adagrad", "rmsprop", "adam" or "adagrad-full"
// (any case, spaces trimmed).
func ParseMethod(s string) (Method, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	for i, n := range methodNames {
		if t == n {
			return Method(i), nil
		}
	}
	return SGD, fmt.Errorf("unknown optimizer %q (want sgd, adagrad, rmsprop, adam or adagrad-full)", s)
}

// String returns the method's lower-case name, the one ParseMethod accepts.
func (m Method) String() string {
	if m >= 0 && int(m) < len(methodNames) {
		return methodNames[m]
	}
	return fmt.Sprintf("Method(%d)", int(m))
}

// Config holds every hyper-parameter of every method; each method reads only
// the fields it uses.
type Config struct {
	Method Method
	LR     float64 // η, the base learning rate
	Eps    float64 // ε, keeps the division finite
	// EpsInSqrt selects where AdaGrad (both forms) and RMSProp put ε: true gives
	// η·g/√(G+ε) (TF.js, Keras 3, optax); false gives η·g/(√G+ε) (PyTorch,
	// TF/Keras 2, and the δ of Duchi et al. 2011). Adam always adds ε outside.
	EpsInSqrt    bool
	G0           float64 // AdaGrad's initial accumulator value (G₀·I for the full form)
	Rho          float64 // RMSProp's decay ρ (PyTorch calls it alpha)
	Beta1, Beta2 float64 // Adam's decays for the first and second moments
}

// DefaultConfig returns the lesson's defaults for m. Every field is filled,
// whatever the method, so switching methods keeps sensible values.
//
// AdaGrad uses ε inside the root, ε = 1e-8 and G₀ = 0. Inside, because the
// lesson writes the update as η/√(G+ε) and the figures must show that formula;
// G₀ = 0, because that is the start of Duchi, Hazan and Singer (2011) and of
// PyTorch, and with it the first step is η·sign(g) in every coordinate (to
// within ε): a clean picture of "each coordinate takes the same first step,
// however steep". ε = 1e-8 shortens that step only by a relative ε/(2g²),
// less than 10⁻⁴ for any |g| ≥ 0.01, invisible in every figure, yet keeps the
// rate finite before the first step (η·10⁴). RMSProp shares the ε convention and uses
// ρ = 0.9, the value of Tieleman and Hinton's lecture 6.5; Adam uses the
// β₁ = 0.9, β₂ = 0.999, ε = 1e-8 of Kingma and Ba (2015).
//
// The learning rates suit the lesson's valley (a = 0.2, b = 10): SGD's
// η = 0.15 gives η·b = 1.5, so it zigzags across the walls (η·b > 1) without
// diverging (η·b < 2) while crawling along the floor; AdaGrad's η = 0.5 is its
// first step length per coordinate; RMSProp and Adam take η = 0.1.
// AdaGradFull shares AdaGrad's values; its first step from G₀ = 0 has length
// η (to within ε) along −g.
//
// The libraries' own defaults are in PyTorchConfig and KerasConfig.
func DefaultConfig(m Method) Config {
	c := Config{Method: m, Eps: 1e-8, EpsInSqrt: true, G0: 0, Rho: 0.9, Beta1: 0.9, Beta2: 0.999}
	switch m {
	case SGD:
		c.LR = 0.15
	case AdaGrad, AdaGradFull:
		c.LR = 0.5
	default:
		c.LR = 0.1
	}
	return c
}

// PyTorchConfig returns torch.optim's defaults for m: SGD has no default rate
// (0.01 here); Adagrad lr 0.01, eps 1e-10 outside the root, initial
// accumulator 0; RMSprop lr 0.01, alpha 0.99, eps 1e-8 outside; Adam lr 1e-3,
// betas (0.9, 0.999), eps 1e-8. PyTorch has no full-matrix AdaGrad:
// AdaGradFull gets Adagrad's values.
func PyTorchConfig(m Method) Config {
	c := Config{Method: m, LR: 0.01, Eps: 1e-8, EpsInSqrt: false, G0: 0, Rho: 0.99, Beta1: 0.9, Beta2: 0.999}
	switch m {
	case AdaGrad, AdaGradFull:
		c.Eps = 1e-10
	case Adam:
		c.LR = 1e-3
	}
	return c
}

// KerasConfig returns the defaults of Keras 3 and TF.js for m: learning rate
// 0.001 (0.01 for SGD), ε = 1e-7 inside the root, AdaGrad's accumulator
// starting at 0.1 (AdaGradFull's at 0.1·I), RMSProp's ρ = 0.9, Adam's
// β₁ = 0.9, β₂ = 0.999.
func KerasConfig(m Method) Config {
	c := Config{Method: m, LR: 0.001, Eps: 1e-7, EpsInSqrt: true, G0: 0.1, Rho: 0.9, Beta1: 0.9, Beta2: 0.999}
	if m == SGD {
		c.LR = 0.01
	}
	return c
}

// Validate reports the first field that is out of range, naming it: the
// method must be known; LR, Eps and G0 finite and ≥ 0; Rho, Beta1 and Beta2
// in [0, 1). ε = 0 is allowed: where a denominator would be 0 the gradient is
// 0 too, and the optimizers then take no step instead of computing 0/0.
func (c Config) Validate() error {
	if c.Method < SGD || c.Method > lastMethod {
		return fmt.Errorf("method: unknown optimizer %d", int(c.Method))
	}
	nonneg := func(name string, v float64) error {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return fmt.Errorf("%s: must be a finite number ≥ 0, got %v", name, v)
		}
		return nil
	}
	unit := func(name string, v float64) error {
		if !(v >= 0 && v < 1) {
			return fmt.Errorf("%s: must be in [0, 1), got %v", name, v)
		}
		return nil
	}
	for _, e := range []error{
		nonneg("lr", c.LR), nonneg("eps", c.Eps), nonneg("g0", c.G0),
		unit("rho", c.Rho), unit("beta1", c.Beta1), unit("beta2", c.Beta2),
	} {
		if e != nil {
			return e
		}
	}
	return nil
}

// Sanitize returns c with every out-of-range field replaced by the lesson's
// default for its method (an unknown method becomes AdaGrad). A valid c is
// returned unchanged.
func (c Config) Sanitize() Config {
	if c.Method < SGD || c.Method > lastMethod {
		c.Method = AdaGrad
	}
	d := DefaultConfig(c.Method)
	fix := func(v *float64, def float64, ok bool) {
		if !ok {
			*v = def
		}
	}
	finNonneg := func(v float64) bool { return v >= 0 && !math.IsInf(v, 1) }
	fix(&c.LR, d.LR, finNonneg(c.LR))
	fix(&c.Eps, d.Eps, finNonneg(c.Eps))
	fix(&c.G0, d.G0, finNonneg(c.G0))
	fix(&c.Rho, d.Rho, c.Rho >= 0 && c.Rho < 1)
	fix(&c.Beta1, d.Beta1, c.Beta1 >= 0 && c.Beta1 < 1)
	fix(&c.Beta2, d.Beta2, c.Beta2 >= 0 && c.Beta2 < 1)
	return c
}
