package rare

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"unsafe"

	"github.com/adagrad-explained/adagrad/sim"
)

func small() Config {
	c := DefaultConfig()
	c.Vocab, c.Horizon = 2000, 3000
	return c
}

func TestStartsAtLogTwo(t *testing.T) {
	m := New(small())
	if l := m.Loss(); math.Abs(l[SGD]-math.Ln2) > 1e-12 || l[AdaGrad] != l[SGD] {
		t.Errorf("held-out loss of zero weights %v; want log 2 = %v for both", l, math.Ln2)
	}
	if f := m.Floor(); !(f > 0 && f < math.Ln2) {
		t.Errorf("the true weights' held-out loss %v; want between 0 and log 2", f)
	}
}

// Reset and n steps give exactly the state of a fresh model stepped n
// times, whatever came before: what seek(n) relies on.
func TestResetReplaysExactly(t *testing.T) {
	c := small()
	a, b := New(c), New(c)
	a.Step(1234)
	a.Step(700)
	a.Reset()
	a.Step(500)
	b.Step(500)
	for j := range a.words {
		for k := range 2 {
			if a.words[j].w[k] != b.words[j].w[k] {
				t.Fatalf("learner %d word %d: %v after reset and replay, %v fresh", k, j, a.words[j].w[k], b.words[j].w[k])
			}
		}
	}
	if a.Loss() != b.Loss() || len(a.Curve()) != len(b.Curve()) {
		t.Fatalf("loss %v / %v, curve %d / %d points", a.Loss(), b.Loss(), len(a.Curve()), len(b.Curve()))
	}
	ba, bb := a.Bands(nil), b.Bands(nil)
	for i := range ba {
		if ba[i] != bb[i] {
			t.Fatalf("band %d: %+v after replay, %+v fresh", i, ba[i], bb[i])
		}
	}
}

// The head's alias table holds exactly Zipf's probabilities, and draws
// from head and tail follow them, for a vocabulary within the head and for
// ones with a tail.
func TestZipfTable(t *testing.T) {
	for _, v := range []int{5000, 3 * headWords, MaxVocab} {
		for _, s := range []float64{1.01, 1.1, 2} {
			tab := newZipfTable(v, s)
			want := make([]float64, v)
			h := 0.0
			for j := range want {
				want[j] = math.Pow(float64(j+1), -s)
				h += want[j]
			}
			got := make([]float64, min(v, headWords))
			tableShares(got, tab.head, tab.pHead)
			if v <= headWords && tab.pHead != 1 {
				t.Fatalf("%d words: the head's share is %v", v, tab.pHead)
			}
			for j := range got {
				if p := want[j] / h; math.Abs(got[j]-p) > 1e-12+1e-9*p {
					t.Fatalf("%d words, s=%g: word %d has probability %.6g in the table, %.6g in Zipf's law", v, s, j, got[j], p)
				}
			}
			// Draws land in each of a dozen bands of ranks as often as the
			// law says, to within five standard deviations, and so do
			// single words at the head's and the tail's edges.
			var r uniforms
			r.seed(1, 2)
			const n = 400_000
			count := make([]int, v)
			for range n {
				count[tab.draw(&r)]++
			}
			var edges []int
			for _, e := range []int{0, 1, 2, 3, 10, 100, 1000, headWords - 1, headWords, headWords + 1, headWords + 2, 2 * headWords, 100_000} {
				if e < v-1 {
					edges = append(edges, e)
				}
			}
			edges = append(edges, v-1, v)
			for i := 1; i < len(edges); i++ {
				lo, hi := edges[i-1], edges[i]
				p, c := 0.0, 0
				for j := lo; j < hi; j++ {
					p += want[j] / h
					c += count[j]
				}
				if sd := math.Sqrt(n * p * (1 - p)); math.Abs(float64(c)-n*p) > 5*sd+1 {
					t.Errorf("%d words, s=%g: ranks %d to %d drawn %d times in %d; want %.1f ± %.1f", v, s, lo+1, hi, c, n, n*p, 5*sd)
				}
			}
		}
	}
}

// The tail's sampler keeps, for each rank k, exactly the values of y from
// H(k+½) − h(k) to H(k+½), its quick test (the squeeze) never keeps a y
// that the full test would throw away, and its draws follow the law rank
// by rank. It is checked from the first ranks up, where h bends most and
// the part thrown away is widest; beyond the head it is a billionth of a
// rank wide.
func TestZipfTailKeepsExactly(t *testing.T) {
	for _, s := range []float64{1.01, 1.1, 2, 3} {
		for _, a := range []int{1, 3} {
			tail := newZipfTail(a, 1000, s)
			for _, k := range []int{a + 1, a + 2, a + 10, 999} {
				h := tail.mass(float64(k))
				low, high := tail.cumulative(float64(k)+0.5)-h, tail.cumulative(float64(k)+0.5)
				if got, kept := tail.at(low + 1e-9*h); got != k || !kept {
					t.Errorf("s=%g a=%d: y just above rank %d's lower end gives rank %d, kept %v", s, a, k, got, kept)
				}
				if got, kept := tail.at(low - 1e-9*h); got == k && kept {
					t.Errorf("s=%g a=%d: y just below rank %d's lower end is kept", s, a, k)
				}
				if got, kept := tail.at(high - 1e-9*h); got != k || !kept {
					t.Errorf("s=%g a=%d: y just below rank %d's upper end gives rank %d, kept %v", s, a, k, got, kept)
				}
			}
			for k := a + 1; k <= 1000; k++ {
				x := float64(k) - tail.squeeze
				low := tail.cumulative(float64(k)+0.5) - tail.mass(float64(k))
				if y := tail.cumulative(x); y < low-4*ulp(low) {
					t.Fatalf("s=%g a=%d: the squeeze keeps x = %v for rank %d, below its interval", s, a, x, k)
				}
			}
			var r uniforms
			r.seed(5, 6)
			const n = 300_000
			count := map[int]int{}
			for range n {
				count[tail.draw(&r)]++
			}
			total := 0.0
			for k := a; k <= 1000; k++ {
				total += tail.mass(float64(k))
			}
			for k := a; k < a+5; k++ {
				p := tail.mass(float64(k)) / total
				if sd := math.Sqrt(n * p * (1 - p)); math.Abs(float64(count[k])-n*p) > 5*sd+1 {
					t.Errorf("s=%g a=%d: rank %d drawn %d times in %d; want %.1f ± %.1f", s, a, k, count[k], n, n*p, 5*sd)
				}
			}
		}
	}
}

func ulp(x float64) float64 { return math.Abs(math.Nextafter(x, math.Inf(1)) - x) }

// tableShares adds to p[j] the probability that a draw from a, itself
// chosen with probability share, gives j.
func tableShares(p []float64, a aliasTable, share float64) {
	n := float64(len(a))
	for j, s := range a {
		p[j] += share * s.keep / n
		p[s.other] += share * (1 - s.keep) / n
	}
}

// The sparse step is logistic regression's gradient step on the example's
// words: the same as a dense step over the whole vocabulary.
func TestSparseStepIsTheDenseStep(t *testing.T) {
	c := small()
	m := New(c)
	w := [2][]float64{make([]float64, c.Vocab), make([]float64, c.Vocab)}
	ada := sim.New(sim.Config{Method: sim.AdaGrad, LR: c.AdaGradLR, Eps: c.Eps, EpsInSqrt: true}, c.Vocab)
	g := make([]float64, c.Vocab)
	for step := 0; step < 300; step++ {
		// Draw the example as the model will, from a copy of its stream.
		state := m.src
		y := m.label(m.draw())
		ex := append([]int(nil), m.ex...)
		m.src = state
		m.Step(1)
		for k := range w {
			z := 0.0
			for _, j := range ex {
				z += w[k][j]
			}
			clear(g)
			for _, j := range ex {
				g[j] = -y * sigmoid(-y*z) // ∂/∂w_j of log(1 + exp(−y·w·x)), x_j = 1
			}
			if k == SGD {
				for j := range g {
					w[k][j] -= c.SGDLR * g[j]
				}
			} else {
				ada.Step(w[k], g)
			}
			for j := range w[k] {
				if w[k][j] != m.words[j].w[k] {
					t.Fatalf("step %d, learner %d, word %d: dense %v, sparse %v", step+1, k, j, w[k][j], m.words[j].w[k])
				}
			}
		}
	}
}

// The bands' running sums agree with sums taken afresh over every word.
func TestBandsMatchAFreshCount(t *testing.T) {
	c := small()
	m := New(c)
	m.Step(2500)
	got := m.Bands(nil)
	if len(got) != NBins {
		t.Fatalf("%d bands for %d words; want %d", len(got), c.Vocab, NBins)
	}
	next := 1
	for _, b := range got {
		if b.FirstRank != next || b.LastRank < b.FirstRank {
			t.Fatalf("band %+v does not follow rank %d", b, next-1)
		}
		next = b.LastRank + 1
		seen, logs := 0, 0.0
		var err [2]float64
		for j := b.FirstRank - 1; j < b.LastRank; j++ {
			if m.words[j].seen {
				seen++
				logs += math.Log(m.Rate(AdaGrad, j))
			}
			for k := range err {
				d := m.words[j].w[k] - m.words[j].truth
				err[k] += d * d
			}
		}
		if seen != b.Seen {
			t.Errorf("ranks %d–%d: %d seen, counted %d", b.FirstRank, b.LastRank, b.Seen, seen)
		}
		n := float64(b.LastRank - b.FirstRank + 1)
		for k := range err {
			if want := math.Sqrt(err[k] / n); math.Abs(b.Error[k]-want) > 1e-9*(1+want) {
				t.Errorf("ranks %d–%d, learner %d: error %v, counted %v", b.FirstRank, b.LastRank, k, b.Error[k], want)
			}
		}
		if seen > 0 {
			if want := math.Exp(logs / float64(seen)); math.Abs(b.Rate[AdaGrad]-want) > 1e-9*want || b.Rate[SGD] != c.SGDLR {
				t.Errorf("ranks %d–%d: rates %v, counted AdaGrad %v and SGD %v", b.FirstRank, b.LastRank, b.Rate, want, c.SGDLR)
			}
		}
	}
	if next != c.Vocab+1 {
		t.Errorf("the bands end at rank %d; want %d", next-1, c.Vocab)
	}
	// The figure's point: AdaGrad's rare words keep higher rates than its
	// frequent ones.
	if got[0].Rate[AdaGrad] >= got[NBins-1].Rate[AdaGrad] {
		t.Errorf("AdaGrad's rate for the most frequent words %v, for the rarest seen %v; want rising with rank",
			got[0].Rate[AdaGrad], got[NBins-1].Rate[AdaGrad])
	}
}

func TestStepDoesNotAllocateAndCostsNoVocabulary(t *testing.T) {
	for _, v := range []int{1000, MaxVocab} {
		c := DefaultConfig()
		c.Vocab = v
		m := New(c)
		m.Step(10)
		if a := testing.AllocsPerRun(200, func() { m.Step(1) }); a != 0 {
			t.Errorf("vocabulary %d: Step allocates %.1f times", v, a)
		}
	}
}

// Bad configurations are clamped to something that runs, and nothing
// learnt is ever NaN.
func TestHostileConfigs(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, c := range []Config{
		{},
		{Vocab: -5, Zipf: nan, Words: -1, Weight: inf, SGDLR: nan, AdaGradLR: -1, Eps: inf, Horizon: -1},
		{Vocab: 1 << 40, Zipf: 100, Words: 1 << 30, Weight: 1e300, SGDLR: 1e300, AdaGradLR: inf, Eps: -1},
	} {
		m := New(c)
		got := m.Config()
		if got.Vocab < MinVocab || got.Vocab > MaxVocab || !(got.Zipf >= MinZipf) || got.Words < MinWords || got.Words > MaxWords {
			t.Errorf("%+v clamped to %+v", c, got)
		}
		m.Step(200)
		for _, l := range m.Loss() {
			if math.IsNaN(l) || l < 0 {
				t.Errorf("%+v: held-out loss %v", c, l)
			}
		}
		for _, b := range m.Bands(nil) {
			for k := range b.Rate {
				if math.IsNaN(b.Rate[k]) || math.IsNaN(b.Error[k]) {
					t.Errorf("%+v: band %+v", c, b)
				}
			}
		}
	}
}

// The curve samples the held-out loss about CurvePoints times up to the
// horizon, and keeps doing so, thinned, beyond it.
func TestCurve(t *testing.T) {
	c := small()
	m := New(c)
	m.Step(c.Horizon)
	pts := m.Curve()
	if n := len(pts); n < CurvePoints/2 || n > CurvePoints+2 || pts[0].Step != 0 || pts[n-1].Step != c.Horizon {
		t.Fatalf("%d points from step %d to %d", n, pts[0].Step, pts[n-1].Step)
	}
	if pts[len(pts)-1].Loss != m.Loss() {
		t.Errorf("the curve's last point %v is not the loss now %v", pts[len(pts)-1].Loss, m.Loss())
	}
	m.Step(10 * c.Horizon)
	if n := len(m.Curve()); n > CurvePoints+2 {
		t.Errorf("%d points after ten horizons", n)
	}
}

// tuneGrid is where the default rates were chosen from: each learner's
// rate is the one of these with the lowest held-out loss at the horizon,
// tried on the default problem.
var tuneGrid = []float64{0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 1}

func TestDefaultRatesAreTuned(t *testing.T) {
	d := DefaultConfig()
	var best [2]float64
	bestLoss := [2]float64{math.Inf(1), math.Inf(1)}
	for _, lr := range tuneGrid {
		c := d
		c.SGDLR, c.AdaGradLR = lr, lr
		m := New(c)
		m.Step(c.Horizon)
		for k, l := range m.Loss() {
			if l < bestLoss[k] {
				best[k], bestLoss[k] = lr, l
			}
		}
	}
	if best != [2]float64{d.SGDLR, d.AdaGradLR} {
		t.Errorf("the grid's best rates are SGD %g (loss %.4f) and AdaGrad %g (%.4f); the defaults say %g and %g",
			best[SGD], bestLoss[SGD], best[AdaGrad], bestLoss[AdaGrad], d.SGDLR, d.AdaGradLR)
	}
	// The figure's claim, with both tuned: AdaGrad ends clearly below SGD,
	// and nearer the floor.
	m := New(d)
	m.Step(d.Horizon)
	l, floor := m.Loss(), m.Floor()
	t.Logf("held-out loss after %d examples: SGD %.4f, AdaGrad %.4f, true weights %.4f", d.Horizon, l[SGD], l[AdaGrad], floor)
	if !(l[SGD]-l[AdaGrad] >= 0.05 && (l[SGD]-floor) >= 1.4*(l[AdaGrad]-floor)) {
		t.Errorf("held-out loss SGD %.4f, AdaGrad %.4f, floor %.4f: want AdaGrad ≥ 0.05 below and 1.4× nearer the floor", l[SGD], l[AdaGrad], floor)
	}
	// And it has learnt the rare words' weights better: every band from rank
	// 100 on is nearer the truth.
	for _, b := range m.Bands(nil) {
		if b.FirstRank >= 100 && !(b.Error[AdaGrad] < b.Error[SGD]) {
			t.Errorf("ranks %d–%d: AdaGrad's weights are %.3f from the truth, SGD's %.3f", b.FirstRank, b.LastRank, b.Error[AdaGrad], b.Error[SGD])
		}
	}
}

// New rates on a model are a new model with those rates, example for
// example.
func TestSetRatesIsANewModel(t *testing.T) {
	c := small()
	a := New(c)
	a.Step(800)
	a.SetRates(0.3, 0.2, 1e-4)
	a.Step(1500)
	c.SGDLR, c.AdaGradLR, c.Eps = 0.3, 0.2, 1e-4
	b := New(c)
	b.Step(1500)
	if a.Config() != b.Config() || a.Loss() != b.Loss() || len(a.Curve()) != len(b.Curve()) {
		t.Fatalf("config %+v / %+v, loss %v / %v", a.Config(), b.Config(), a.Loss(), b.Loss())
	}
	for j := range a.words {
		for k := range 2 {
			if a.words[j].w[k] != b.words[j].w[k] {
				t.Fatalf("learner %d word %d: %v after SetRates, %v fresh", k, j, a.words[j].w[k], b.words[j].w[k])
			}
		}
	}
	ba, bb := a.Bands(nil), b.Bands(nil)
	for i := range ba {
		if ba[i] != bb[i] {
			t.Fatalf("band %d: %+v after SetRates, %+v fresh", i, ba[i], bb[i])
		}
	}
	a.SetRates(math.NaN(), -1, 0)
	if got := a.Config(); got.SGDLR != DefaultConfig().SGDLR || got.AdaGradLR != MinLR || got.Eps != MinEps {
		t.Errorf("bad rates clamped to %+v", got)
	}
}

// An example's words are the distinct words drawn for it, in the order
// first drawn, and drawing leaves no word marked.
func TestExampleWordsDistinct(t *testing.T) {
	c := DefaultConfig()
	c.Vocab, c.Words = 100, 40 // many repeats
	m := New(c)
	twin := m.src
	for range 500 {
		var want []int
		for range c.Words {
			if j := m.zipf.draw(&twin); !slices.Contains(want, j) {
				want = append(want, j)
			}
		}
		m.draw()
		if !slices.Equal(m.ex, want) {
			t.Fatalf("words %v, want %v", m.ex, want)
		}
		for j := range m.words {
			if m.words[j].drawn {
				t.Fatalf("word %d still marked after drawing %v", j, m.ex)
			}
		}
	}
}

// The table's softplus is log(1 + e^x) to within 1e-15 and an ulp of the
// answer, on a grid through every interval and at random points, and keeps
// the library's answers at the edges.
func TestSoftplusTable(t *testing.T) {
	buildSoftplus()
	want := func(x float64) float64 { return math.Log1p(math.Exp(x)) }
	check := func(x float64) {
		got, w := softplus(x), want(x)
		if x > 30 { // where Log1p(Exp(x)) has lost e^−x against x
			w = x + math.Exp(-x)
		}
		if math.Abs(got-w) > 1e-15+0x1p-52*w || (w < 1e-3 && math.Abs(got-w) > 1e-13*w) {
			t.Fatalf("softplus(%v) = %v, want %v (off by %.3g)", x, got, w, got-w)
		}
	}
	for x := -45.0; x <= 45; x += softplusStep / 7 {
		check(x)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 200_000 {
		check(80*r.Float64() - 40)
	}
	for _, c := range []struct{ x, want float64 }{{0, math.Ln2}, {math.Inf(1), math.Inf(1)}, {math.Inf(-1), 0}, {-800, 0}} {
		if got := softplus(c.x); got != c.want {
			t.Errorf("softplus(%v) = %v, want %v", c.x, got, c.want)
		}
	}
	if !math.IsNaN(softplus(math.NaN())) {
		t.Error("softplus(NaN) is a number")
	}
}

// The stream is math/rand/v2's PCG read through Float64, number for number,
// across many blocks and from several seeds.
func TestUniformsMatchLibrary(t *testing.T) {
	for _, seed := range [][2]uint64{{0, 0}, {1, 0x7374_7265_616d}, {^uint64(0), ^uint64(0)}, {12345, 678}} {
		var u uniforms
		u.seed(seed[0], seed[1])
		lib := rand.New(rand.NewPCG(seed[0], seed[1]))
		for i := range 10_000 {
			if got, want := u.get(), lib.Float64(); got != want {
				t.Fatalf("seed %v, number %d: %v, the library's %v", seed, i, got, want)
			}
		}
	}
}

// A word's record is one cache line: it is read at every step of every
// word, and at a million words the records are the memory a step waits on.
func TestWordRecordSize(t *testing.T) {
	if n := unsafe.Sizeof(word{}); n != 64 {
		t.Errorf("a word's record takes %d bytes, want 64", n)
	}
}
