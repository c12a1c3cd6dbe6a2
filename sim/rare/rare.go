// Package rare simulates the case that motivated AdaGrad: a linear
// classifier over a large vocabulary in which a few words turn up in almost
// every example and most words are rare (Duchi, Hazan & Singer, "Adaptive
// Subgradient Methods for Online Learning and Stochastic Optimization",
// JMLR 12, 2011, §1 and §6.1 on text classification).
//
// The data are simulated, not real text. Word frequencies follow Zipf's law
// (the word of rank k appears with probability ∝ k^−s); each example is a
// handful of words drawn from it, a bag of words with presence features; its
// label is drawn from a hidden true weight vector through the logistic
// function. SGD and AdaGrad learn logistic regression from the same stream,
// one example per step, each step touching only the example's words — the
// cost of a step grows with the words per example, never with the
// vocabulary. The held-out loss is measured on a fixed test set drawn from
// the same distribution.
//
// Everything is seeded: a Model reset and stepped n times is in exactly the
// state of any other Model with the same Config stepped n times.
package rare

import (
	"math"
	"math/rand/v2"

	"github.com/adagrad-explained/adagrad/sim"
)

// Ranges of the Config fields; New clamps to them.
const (
	MinVocab, MaxVocab = 100, 1_000_000
	MinZipf, MaxZipf   = 1.01, 3 // Zipf's law needs s > 1 for a distribution over any vocabulary
	MinWords, MaxWords = 1, 200
	MinLR, MaxLR       = 1e-4, 100
	MinEps, MaxEps     = 1e-10, 1 // with ε = 0 a gradient whose square underflows would step by ±Inf
	TestSize           = 1000     // held-out examples
	CurvePoints        = 100      // the held-out loss is measured this often per Horizon examples, at most
)

// Config is one simulated problem and the two learners' rates.
type Config struct {
	Vocab     int     // words in the vocabulary
	Zipf      float64 // Zipf's exponent s
	Words     int     // words drawn per example (repeats count once)
	Seed      uint64  // the true weights, the test set and the stream
	Weight    float64 // standard deviation of the true weights
	SGDLR     float64 // SGD's η
	AdaGradLR float64 // AdaGrad's η
	Eps       float64 // AdaGrad's ε, inside the root as in the lesson
	Horizon   int     // examples the figure shows; sets how often the curve is sampled
}

// DefaultConfig is the figure's default problem. The two rates were tuned
// separately, each the best of a grid for its own method (see
// TestDefaultRatesAreTuned).
func DefaultConfig() Config {
	return Config{Vocab: 10_000, Zipf: 1.1, Words: 10, Seed: 1, Weight: 2,
		SGDLR: 0.1, AdaGradLR: 0.5, Eps: 1e-8, Horizon: 20_000}
}

// clamped returns c with every field within its range; NaN takes the default.
func (c Config) clamped() Config {
	d := DefaultConfig()
	f := func(v, lo, hi, def float64) float64 {
		if math.IsNaN(v) {
			return def
		}
		return math.Min(math.Max(v, lo), hi)
	}
	c.Vocab = min(max(c.Vocab, MinVocab), MaxVocab)
	c.Zipf = f(c.Zipf, MinZipf, MaxZipf, d.Zipf)
	c.Words = min(max(c.Words, MinWords), MaxWords)
	c.Weight = f(c.Weight, 0, 10, d.Weight)
	c.SGDLR = f(c.SGDLR, MinLR, MaxLR, d.SGDLR)
	c.AdaGradLR = f(c.AdaGradLR, MinLR, MaxLR, d.AdaGradLR)
	c.Eps = f(c.Eps, MinEps, MaxEps, d.Eps)
	c.Horizon = min(max(c.Horizon, 10), 10_000_000)
	return c
}

// The learners, in the order of every pair this package returns.
const (
	SGD = iota
	AdaGrad
)

// Point is the held-out loss of both learners after Step examples.
type Point struct {
	Step int
	Loss [2]float64
}

// Model is the simulated problem and both learners' weights.
type Model struct {
	c       Config
	words   []word  // by frequency rank, most frequent first
	testOff []int32 // test example i's words are testW[testOff[i]:testOff[i+1]]
	testW   []int32 // as places in tested
	// tested holds the weights of the words some test example has, copied
	// from their records at each step: the held-out pass reads a few
	// thousand of them side by side, where at a million words the records
	// lie megabytes apart and each read would be a trip to memory.
	tested [][2]float64
	testY  []float64 // ±1
	floor  float64   // the held-out loss of the true weights

	src  uniforms // the test set's draws, then the stream's
	zipf zipfTable
	step int
	ex   []int // the current example's words
	raw  []int // its draws, repeats and all
	loss [2]float64
	at   int // the step loss was measured at, −1 for never
	each int // the curve's spacing in examples
	pts  []Point
	bins Bins
}

// word is everything the model keeps about one word, side by side: a step
// touches about ten words, and at a million words each one it reads from
// another array would be another trip to memory. It is padded to 64
// bytes, a cache line (TestWordRecordSize): at 48, half the records
// straddled two lines, and a step at a million words took 7% longer.
type word struct {
	w     [2]float64 // each learner's weight
	sumSq float64    // AdaGrad's G: the sum of the word's squared gradients
	truth float64    // the hidden true weight
	seen  bool       // in a training example since Reset
	band  uint8      // its frequency band in Bins
	stale bool       // its AdaGrad rate changed since Bins last counted it
	drawn bool       // already among the words of the example being drawn
	test  int32      // 1 + its place in Model.tested; 0 if no test example has it
	// logRate is log(AdaGrad's rate)·logScale as last counted in its
	// band's sum, 0 before it is counted.
	logRate int64
	_       [16]byte // to a cache line
}

// New builds the problem c describes (clamped to the ranges above) at
// step 0. It allocates in proportion to the vocabulary; Step allocates
// nothing.
func New(c Config) *Model {
	c = c.clamped()
	buildSoftplus()
	m := &Model{c: c}
	m.words = make([]word, c.Vocab)
	tr := rand.New(rand.NewPCG(c.Seed, 0x7275_7468)) // "ruth"
	for j := range m.words {
		r := &m.words[j]
		r.truth = c.Weight * tr.NormFloat64()
		r.w = [2]float64{r.truth, r.truth} // for the floor below; Reset clears them
	}
	m.src.seed(c.Seed, 0x74_6573_74) // "test"
	m.zipf = newZipfTable(c.Vocab, c.Zipf)
	m.testOff = make([]int32, 0, TestSize+1)
	m.testW = make([]int32, 0, TestSize*c.Words)
	m.testY = make([]float64, 0, TestSize)
	m.ex = make([]int, 0, c.Words)
	m.raw = make([]int, 0, c.Words)
	for range TestSize {
		z := m.draw()
		m.testOff = append(m.testOff, int32(len(m.testW)))
		for _, j := range m.ex {
			r := &m.words[j]
			if r.test == 0 {
				m.tested = append(m.tested, r.w)
				r.test = int32(len(m.tested))
			}
			m.testW = append(m.testW, r.test-1)
		}
		m.testY = append(m.testY, m.label(z))
	}
	m.testOff = append(m.testOff, int32(len(m.testW)))
	m.floor = m.heldOut()[SGD] // a learner that holds the true weights
	m.pts = make([]Point, 0, CurvePoints+2)
	m.bins.init(m)
	m.Reset()
	return m
}

// SetRates gives both learners new rates and AdaGrad a new ε (clamped as
// New clamps them) and resets them. The problem stays — the true weights,
// the test set, the stream — so a model with a million words changes its
// rates without building its vocabulary's tables again: the state is that
// of New with the new rates, at step 0.
func (m *Model) SetRates(sgdLR, adaGradLR, eps float64) {
	c := m.c
	c.SGDLR, c.AdaGradLR, c.Eps = sgdLR, adaGradLR, eps
	m.c = c.clamped()
	m.Reset()
}

// Config returns the model's configuration, as clamped.
func (m *Model) Config() Config { return m.c }

// Reset forgets everything learnt and restarts the stream at its first
// example; the truth and the test set stay.
func (m *Model) Reset() {
	for j := range m.words {
		r := &m.words[j]
		*r = word{truth: r.truth, band: r.band, test: r.test} // the problem's, not learnt
	}
	clear(m.tested)
	m.src.seed(m.c.Seed, 0x7374_7265_616d) // "stream"
	m.step, m.at = 0, -1
	m.each = max(1, m.c.Horizon/CurvePoints)
	m.pts = m.pts[:0]
	m.bins.reset()
	m.pts = append(m.pts, Point{Step: 0, Loss: m.Loss()})
}

// draw fills m.ex with one example's distinct words, in the order first
// drawn, and returns its true logit.
func (m *Model) draw() float64 {
	// All the draws come first, so that at a large vocabulary the cache
	// misses of the drawn words' records overlap in the loop after,
	// instead of each waiting on the one before.
	m.raw = m.raw[:0]
	if t := &m.zipf; t.pHead == 1 { // no tail: the head's table, read here
		for range m.c.Words {
			m.raw = append(m.raw, t.head.pick(m.src.get()))
		}
	} else {
		for range m.c.Words {
			m.raw = append(m.raw, t.draw(&m.src))
		}
	}
	// A repeat is known by the flag its word's record carries while the
	// example is being drawn: one look at a record the step reads anyway,
	// where sorting the draws to find repeats cost a fifth of a step.
	m.ex = m.ex[:0]
	for _, j := range m.raw {
		if r := &m.words[j]; !r.drawn {
			r.drawn = true
			m.ex = append(m.ex, j)
		}
	}
	z := 0.0
	for _, j := range m.ex {
		r := &m.words[j]
		r.drawn = false
		z += r.truth
	}
	return z
}

// label draws ±1 with P(+1) = σ(z).
func (m *Model) label(z float64) float64 {
	if m.src.get() < sigmoid(z) {
		return 1
	}
	return -1
}

// Step learns from the next n examples (n ≤ 0 does nothing).
func (m *Model) Step(n int) {
	for range n {
		y := m.label(m.draw())
		m.step++
		// Both learners see the same words: one pass sums their logits and
		// one updates them, each reading a word's record once.
		var z [2]float64
		for _, j := range m.ex {
			r := &m.words[j]
			z[SGD] += r.w[SGD]
			z[AdaGrad] += r.w[AdaGrad]
		}
		// d/dz of log(1 + e^(−yz)) is −y·σ(−yz), the gradient of each of
		// the example's words. AdaGrad's update is sim.AdaGradOpt's
		// StepSparse with ε inside the root, on the word's own G.
		gs, ga := -y*sigmoid(-y*z[SGD]), -y*sigmoid(-y*z[AdaGrad])
		for _, j := range m.ex {
			r := &m.words[j]
			was := r.w
			r.w[SGD] -= m.c.SGDLR * gs
			if ga != 0 {
				r.sumSq += ga * ga
				r.w[AdaGrad] -= m.c.AdaGradLR * (ga / math.Sqrt(r.sumSq+m.c.Eps))
			}
			m.bins.moved(r, int32(j), was)
			r.seen = true
			if r.test != 0 {
				m.tested[r.test-1] = r.w
			}
		}
		if m.step%m.each == 0 {
			m.pts = append(m.pts, Point{Step: m.step, Loss: m.Loss()})
			if len(m.pts) == cap(m.pts) { // beyond the horizon: keep every other point
				m.pts = sim.KeepEveryOther(m.pts)
				m.each *= 2
			}
		}
	}
}

// Seen is the number of examples learnt from since Reset.
func (m *Model) Seen() int { return m.step }

// Loss is each learner's mean held-out log-loss now.
func (m *Model) Loss() [2]float64 {
	if m.at != m.step {
		m.loss = m.heldOut()
		m.at = m.step
	}
	return m.loss
}

// Floor is the held-out loss of the true weights: the best a learner can
// expect.
func (m *Model) Floor() float64 { return m.floor }

// Curve is the held-out loss at step 0 and every few examples since, oldest
// first. It is the model's own slice: read it, do not keep it.
func (m *Model) Curve() []Point { return m.pts }

// heldOut is the mean log-loss of each learner on the test set, both in
// one pass over it: a figure playing fast measures them dozens of times a
// second, and the pass, not the arithmetic, is much of the cost.
func (m *Model) heldOut() [2]float64 {
	var sa, sb float64
	for i, y := range m.testY {
		za, zb := 0.0, 0.0
		for _, k := range m.testW[m.testOff[i]:m.testOff[i+1]] {
			w := &m.tested[k]
			za += w[SGD]
			zb += w[AdaGrad]
		}
		sa += softplus(-y * za)
		sb += softplus(-y * zb)
	}
	n := float64(len(m.testY))
	return [2]float64{sa / n, sb / n}
}

// Rate is the step size learner k would give word j now: SGD's η, or
// AdaGrad's η/√(G_j+ε) (η/√ε for a word never seen).
func (m *Model) Rate(k, j int) float64 {
	if k == SGD {
		return m.c.SGDLR
	}
	return m.c.AdaGradLR / math.Sqrt(m.words[j].sumSq+m.c.Eps)
}

func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}
