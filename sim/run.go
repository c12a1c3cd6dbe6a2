package sim

import "math"

// RunawayBound is the largest |coordinate| a run may reach. A step beyond it
// (or to NaN or ±Inf) is not taken and the run is marked Diverged: both
// built-in landscapes start within |5| and have minima within |1|, so a
// million is far past any recoverable run, while every value the landscapes
// compute there (Rosenbrock ~1e26) is still comfortably finite.
const RunawayBound = 1e6

// The freeze detector. A step is "negligible" when it moves less than
// FrozenRatio of the remaining distance to the minimum, ‖Δ‖ < 10⁻³·‖x − x*‖,
// i.e. at that pace halving the distance would take more than ~700 steps;
// it counts only while the run is still far from the minimum, farther than
// FrozenNear (0.1%) of its starting distance, and while the effective rates
// are shrinking (none rose, one fell). A run is Frozen after FrozenWindow
// consecutive such steps and stops being Frozen at the first step that is not.
//
// The shrinking-rates condition is what makes this AdaGrad's flaw rather than
// slowness: SGD's rate never changes, so a slow but linearly converging SGD
// run is never flagged, and a run whose rate is raised (SetConfig) clears.
const (
	FrozenRatio  = 1e-3
	FrozenNear   = 1e-3
	FrozenWindow = 20
)

// TrailCap bounds the trail: at most TrailCap recorded samples plus the
// latest point.
const TrailCap = 1024

// State is one moment of a run. Its slices belong to the Run and are valid
// until its next Step, SetConfig or Reset. Every float in it is finite.
type State struct {
	Step int
	X    []float64 // position x_t
	Grad []float64 // true gradient ∇f(x_t)
	// Used is the gradient the last step used (after Dropout). At step 0 it is
	// Grad. In a Preview it is the gradient the next step will use.
	Used  []float64
	G     []float64 // accumulator after the last step (AdaGrad G, RMSProp/Adam v, AdaGradFull G's diagonal); nil for SGD
	Rate  []float64 // effective per-coordinate rate (see Optimizer.Rates)
	Delta []float64 // the last step, x_t − x_{t−1}; zeros at step 0; in a Preview, Next − X
	Next  []float64 // Preview only: x_{t+1}; nil otherwise
	Loss  float64   // f(x_t)
	// Diverged: the next step would produce a non-finite value or a
	// coordinate beyond RunawayBound, so the run stopped; X is its last
	// finite point. In a Preview: the next step would diverge (Next = X).
	Diverged bool
	// Frozen: the steps have been negligible while still far from the
	// minimum; see FrozenRatio for the exact rule.
	Frozen bool
}

// Sample is one point of the trail: enough to draw the path and the plots.
// GX, GY are the true gradient, UsedX, UsedY the gradient used to arrive
// here, AccX, AccY the accumulator (0 for SGD), RateX, RateY the effective
// rates. For a 1-D landscape the Y fields are 0.
type Sample struct {
	Step                     int
	X, Y, Loss, RateX, RateY float64
	GX, GY                   float64
	UsedX, UsedY, AccX, AccY float64
}

// Run is one optimizer on one landscape from one start. It allocates nothing
// per step.
type Run struct {
	l          Landscape
	opt, save  optimizer // save: the state before a step, to undo a divergent one
	prev       optimizer // scratch for Preview
	drop       Dropout
	hasDrop    bool
	dim        int
	min        []float64
	d0         float64 // start's distance to the minimum
	st, pv     State
	scratch    []float64 // candidate position
	scratchG   []float64
	scratchR   []float64
	candLoss   float64
	frozenRun  int
	samples    []Sample // cap TrailCap+1
	valley     *Valley  // the landscape, when the 2-D kernel steps the run (fast.go)
	noFast     bool     // tests: always the general step
	stride     int
	lastRecord int
}

// NewRun starts a run of c on l from start. drop = nil means dense
// gradients. An invalid c is replaced by c.Sanitize(); l = nil means the
// lesson's valley; a start of the wrong length or with bad entries is
// repaired (missing or NaN coordinates become 0, those beyond ±RunawayBound,
// ±Inf included, are clamped to it).
func NewRun(l Landscape, c Config, start []float64, drop *Dropout) *Run {
	if l == nil {
		l = NewValley(DefaultValleyA, DefaultValleyB, 0)
	}
	r := &Run{l: l, min: l.Minimum()}
	r.dim = len(r.min)
	c = c.Sanitize()
	r.newOptimizers(c)
	n := r.dim
	mk := func() []float64 { return make([]float64, n) }
	r.st = State{X: mk(), Grad: mk(), Used: mk(), Rate: mk(), Delta: mk()}
	r.pv = State{X: mk(), Grad: mk(), Used: mk(), Rate: mk(), Delta: mk(), Next: mk()}
	if c.Method != SGD {
		r.st.G, r.pv.G = mk(), mk()
	}
	r.scratch, r.scratchG, r.scratchR = mk(), mk(), mk()
	r.samples = make([]Sample, 0, TrailCap+1)
	r.SetDropout(drop)
	r.Reset(start)
	return r
}

func (r *Run) newOptimizers(c Config) {
	r.opt, r.save, r.prev = newOpt(c, r.dim), newOpt(c, r.dim), newOpt(c, r.dim)
	r.useFast()
}

// Landscape returns the run's landscape.
func (r *Run) Landscape() Landscape { return r.l }

// Config returns the run's current configuration.
func (r *Run) Config() Config { return *r.opt.cfg() }

// Optimizer returns the live optimizer (for reading its state).
func (r *Run) Optimizer() Optimizer { return r.opt }

// SetDropout changes the gradient dropout from the next step on; nil means
// dense gradients.
func (r *Run) SetDropout(d *Dropout) {
	r.hasDrop = d != nil
	if d != nil {
		r.drop = *d
	}
}

// Reset restarts the run from start (repaired as in NewRun) with a fresh
// optimizer state and an empty trail, keeping the configuration.
func (r *Run) Reset(start []float64) {
	x := r.st.X
	for i := range x {
		v := 0.0
		if i < len(start) && !math.IsNaN(start[i]) {
			v = math.Max(-RunawayBound, math.Min(RunawayBound, start[i]))
		}
		x[i] = v
	}
	r.opt.Reset()
	r.st.Step, r.st.Diverged, r.st.Frozen, r.frozenRun = 0, false, false, 0
	clear(r.st.Delta)
	r.l.Grad(x, r.st.Grad)
	r.st.Loss = r.l.Value(x)
	copy(r.st.Used, r.st.Grad)
	r.opt.Rates(r.st.Rate)
	copy(r.st.G, r.opt.Accumulator())
	// A landscape that is not finite at the start (say a valley with an
	// infinite curvature) yields a run that is stopped before it begins.
	if !allFinite(r.st.Grad) || !finite(r.st.Loss) || !allFinite(r.st.G) {
		r.st.Diverged = true
		zeroNonFinite(r.st.Grad)
		zeroNonFinite(r.st.Used)
		zeroNonFinite(r.st.G)
		if !finite(r.st.Loss) {
			r.st.Loss = 0
		}
	}
	r.d0 = r.dist(x)
	r.samples, r.stride, r.lastRecord = r.samples[:0], 1, -1
	r.record()
}

// SetLandscape moves the run onto l and restarts it from start, keeping its
// configuration and its storage. It reports false, changing nothing, when l
// has another dimension than the run (make a new Run for that).
func (r *Run) SetLandscape(l Landscape, start []float64) bool {
	m := l.Minimum()
	if len(m) != r.dim {
		return false
	}
	r.l, r.min = l, m
	r.useFast()
	r.Reset(start)
	return true
}

// SetConfig changes the hyper-parameters from the next step on without
// moving the run or clearing its accumulator (G₀ matters only at Reset). A
// change of Method starts the new method's state fresh at the current
// position. The freeze detector starts counting again. An invalid c is
// replaced by c.Sanitize().
func (r *Run) SetConfig(c Config) {
	c = c.Sanitize()
	if c.Method != r.opt.cfg().Method {
		r.newOptimizers(c)
		if c.Method == SGD {
			r.st.G, r.pv.G = nil, nil
		} else if r.st.G == nil {
			r.st.G, r.pv.G = make([]float64, r.dim), make([]float64, r.dim)
		}
		copy(r.st.G, r.opt.Accumulator())
	}
	*r.opt.cfg() = c
	r.opt.Rates(r.st.Rate)
	r.frozenRun, r.st.Frozen = 0, false
}

// State returns the current state (no allocation; valid until the next
// Step, SetConfig or Reset).
func (r *Run) State() *State { return &r.st }

// Step takes one step. It returns false, changing nothing, when the run has
// diverged, and false when this step would diverge (the run is then marked
// Diverged and stays where it was).
func (r *Run) Step() bool {
	if r.st.Diverged {
		return false
	}
	if r.valley != nil {
		return r.stepsFast(1) == 1
	}
	t := r.st.Step + 1
	used := r.scratchG
	copy(used, r.st.Grad)
	if r.hasDrop {
		r.drop.Apply(t, used)
	}
	r.save.copyFrom(r.opt)
	nx := r.scratch
	copy(nx, r.st.X)
	r.opt.Step(nx, used)
	if !r.acceptable(nx, r.opt) {
		r.opt.copyFrom(r.save)
		r.st.Diverged = true
		return false
	}
	// One pass over the coordinates: move, keep what the step used, and
	// compare the new rates with the old.
	st := &r.st
	acc, next, rates := r.opt.Accumulator(), r.pv.Next, r.scratchR
	shrinking, grew := false, false
	d2, step2 := 0.0, 0.0 // squared distance to the minimum, squared step
	for i := range nx {
		delta := nx[i] - st.X[i]
		st.Delta[i], st.X[i], st.Used[i], st.Grad[i] = delta, nx[i], used[i], next[i]
		if st.G != nil {
			st.G[i] = acc[i]
		}
		if v := rates[i]; v < st.Rate[i] {
			shrinking = true
		} else if v > st.Rate[i] {
			grew = true
		}
		st.Rate[i] = rates[i]
		m := nx[i] - r.min[i]
		d2 += m * m
		step2 += delta * delta
	}
	st.Loss = r.candLoss
	st.Step = t
	r.freezeRule(shrinking, grew, d2, step2)
	r.record()
	return true
}

// freezeRule counts a step toward Frozen (see FrozenRatio).
func (r *Run) freezeRule(shrinking, grew bool, d2, step2 float64) {
	if towardFrozen(shrinking, grew, d2, step2, r.nearFrozen()) {
		r.frozenRun++
	} else {
		r.frozenRun = 0
	}
	r.st.Frozen = r.frozenRun >= FrozenWindow
}

// towardFrozen reports whether a step counts toward Frozen, on squares,
// which spares two roots: d2 is the squared distance to the minimum, step2
// the squared step, near2 the run's nearFrozen.
func towardFrozen(shrinking, grew bool, d2, step2, near2 float64) bool {
	return shrinking && !grew && d2 > near2 && step2 < FrozenRatio*FrozenRatio*d2
}

// nearFrozen is the squared distance to the minimum within which a run
// is never Frozen: FrozenNear of its starting distance.
func (r *Run) nearFrozen() float64 { return FrozenNear * FrozenNear * r.d0 * r.d0 }

// acceptable checks a candidate position nx reached by optimizer o: finite,
// within RunawayBound, with a finite loss, gradient, accumulator and rates
// there. It leaves the loss in candLoss, the gradient in pv.Next (free
// scratch until Preview fills it) and the rates in scratchR.
func (r *Run) acceptable(nx []float64, o optimizer) bool {
	for _, v := range nx {
		if !(math.Abs(v) <= RunawayBound) {
			return false
		}
	}
	r.candLoss = r.l.Value(nx)
	if !finite(r.candLoss) {
		return false
	}
	r.l.Grad(nx, r.pv.Next)
	if !allFinite(r.pv.Next) || !allFinite(o.Accumulator()) {
		return false
	}
	o.Rates(r.scratchR)
	return allFinite(r.scratchR)
}

// Steps takes up to n steps, stopping early if the run diverges, and returns
// the number taken.
func (r *Run) Steps(n int) int {
	if r.valley != nil && !r.st.Diverged {
		return r.stepsFast(n)
	}
	k := 0
	for k < n && r.Step() {
		k++
	}
	return k
}

// Preview returns what the next step would do, without changing the run:
// Step, X, Grad and Loss are the current ones; Used is the gradient the next
// step will use (same Dropout draw as the step itself), G and Rate are the
// accumulator and rates after it, Next the position after it and Delta =
// Next − X. If the next step would diverge, Diverged is set, Next = X and
// G, Rate are the current ones. The result is valid until the next call.
func (r *Run) Preview() *State {
	pv, st := &r.pv, &r.st
	pv.Step, pv.Loss, pv.Frozen = st.Step, st.Loss, st.Frozen
	copy(pv.X, st.X)
	copy(pv.Grad, st.Grad)
	copy(pv.Used, st.Grad)
	pv.Diverged = st.Diverged
	if !st.Diverged {
		if r.hasDrop {
			r.drop.Apply(st.Step+1, pv.Used)
		}
		r.prev.copyFrom(r.opt)
		nx := r.scratch
		copy(nx, st.X)
		r.prev.Step(nx, pv.Used)
		if r.acceptable(nx, r.prev) {
			copy(pv.Next, nx)
			copy(pv.G, r.prev.Accumulator())
			copy(pv.Rate, r.scratchR)
			for i := range nx {
				pv.Delta[i] = nx[i] - st.X[i]
			}
			return pv
		}
		pv.Diverged = true
	}
	copy(pv.Next, st.X)
	copy(pv.G, st.G)
	copy(pv.Rate, st.Rate)
	clear(pv.Delta)
	return pv
}

// Trail returns the bounded history, oldest first, ending with the current
// point. While the run is short every step is there; each time TrailCap
// samples are stored, every other one is dropped and only every second step
// is recorded from then on, so the whole path keeps its shape with memory
// that never grows. The slice is the Run's own, valid until the next Step.
func (r *Run) Trail() []Sample {
	n := len(r.samples)
	if r.lastRecord == r.st.Step {
		return r.samples
	}
	out := r.samples[:n+1]
	out[n] = r.sample()
	return out
}

func (r *Run) record() {
	if s := r.slot(r.st.Step); s != nil {
		r.fill(s)
	}
}

// KeepEveryOther keeps the first, third, fifth… elements of s, in place,
// and returns the shorter slice: how a record sampled every k steps that
// has filled up goes on at every 2k.
func KeepEveryOther[T any](s []T) []T {
	k := 0
	for i := 0; i < len(s); i += 2 {
		s[k] = s[i]
		k++
	}
	return s[:k]
}

// slot returns where the trail keeps step t, or nil when it skips it; it
// thins the trail when full.
func (r *Run) slot(t int) *Sample {
	if t%r.stride != 0 {
		return nil
	}
	if len(r.samples) == TrailCap {
		r.samples = KeepEveryOther(r.samples)
		r.stride *= 2
		if t%r.stride != 0 {
			return nil
		}
	}
	n := len(r.samples)
	r.samples = r.samples[:n+1] // within the capacity of TrailCap+1
	r.lastRecord = t
	return &r.samples[n]
}

func (r *Run) sample() Sample {
	var s Sample
	r.fill(&s)
	return s
}

// fill writes the current point into s.
func (r *Run) fill(s *Sample) {
	st := &r.st
	*s = Sample{Step: st.Step, Loss: st.Loss,
		X: at(st.X, 0), Y: at(st.X, 1), GX: at(st.Grad, 0), GY: at(st.Grad, 1),
		UsedX: at(st.Used, 0), UsedY: at(st.Used, 1), AccX: at(st.G, 0), AccY: at(st.G, 1),
		RateX: at(st.Rate, 0), RateY: at(st.Rate, 1)}
}

func (r *Run) dist(x []float64) float64 {
	s := 0.0
	for i, v := range x {
		d := v - r.min[i]
		s += d * d
	}
	return math.Sqrt(s)
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func allFinite(v []float64) bool {
	for _, x := range v {
		if !finite(x) {
			return false
		}
	}
	return true
}

func zeroNonFinite(v []float64) {
	for i, x := range v {
		if !finite(x) {
			v[i] = 0
		}
	}
}
