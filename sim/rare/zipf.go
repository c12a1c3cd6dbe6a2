package rare

import "math"

// headWords is how many of the most frequent words have an alias table:
// 16384 slots of 16 bytes stay in the processor's cache. A draw over a
// larger vocabulary first picks the head or the tail; the tail's share
// (about one draw in six at a million words and s = 1.1) is drawn by
// zipfTail, which reads no table. A table over the tail was a cache miss
// at every tail draw, on top of the one for the record of the word drawn,
// and made a step at a million words cost 2.7–3.0 times one at ten
// thousand (natively, on this project's machine). A vocabulary of
// headWords or fewer has the head alone, one uniform per draw.
const headWords = 1 << 14

// zipfTable draws word indices j with probability ∝ (j+1)^−s in constant
// time.
type zipfTable struct {
	head  aliasTable
	tail  zipfTail
	pHead float64 // the chance that a draw is in the head; 1 with no tail
}

func newZipfTable(v int, s float64) zipfTable {
	h := min(v, headWords)
	weights := make([]float64, h)
	sh, st := 0.0, 0.0
	for j := range weights {
		weights[j] = math.Pow(float64(j+1), -s)
		sh += weights[j]
	}
	for j := h; j < v; j++ {
		st += math.Pow(float64(j+1), -s)
	}
	t := zipfTable{head: newAliasTable(weights), pHead: sh / (sh + st)}
	if v > h {
		t.tail = newZipfTail(h+1, v, s)
	}
	return t
}

// draw returns one word index.
func (t *zipfTable) draw(src *uniforms) int {
	if t.pHead < 1 && src.get() >= t.pHead {
		return t.tail.draw(src) - 1 // a rank, from 1
	}
	return t.head.pick(src.get())
}

// zipfTail draws ranks a ≤ k ≤ b with probability ∝ k^−s with no table, by
// rejection-inversion (W. Hörmann and G. Derflinger, "Rejection-inversion
// to generate variates from monotone discrete distributions", ACM TOMACS
// 6(3), 1996). With h(x) = x^−s and its integral H(x) = x^(1−s)/(1−s), a
// uniform y between H(a+½) − h(a) and H(b+½) is mapped to x = H⁻¹(y) and
// rounded to k, which is kept when y ≥ H(k+½) − h(k): each k keeps an
// interval of y exactly h(k) wide. h is convex, so that interval lies
// within the one that rounds to k, whose left end alone is thrown away;
// the part thrown away is widest at the smallest k, so an x no further
// below k than the squeeze, measured at k = a+1, is kept at once.
type zipfTail struct {
	s, a, b  float64
	lo, span float64 // y is lo + u·span
	squeeze  float64
}

func newZipfTail(a, b int, s float64) zipfTail {
	t := zipfTail{s: s, a: float64(a), b: float64(b)}
	t.lo = t.cumulative(t.a+0.5) - t.mass(t.a)
	t.span = t.cumulative(t.b+0.5) - t.lo
	t.squeeze = t.a + 1 - t.inverse(t.cumulative(t.a+1.5)-t.mass(t.a+1))
	return t
}

// mass is h(x) = x^−s, cumulative its integral H and inverse H⁻¹. A draw
// kept by the squeeze costs one inverse: a logarithm and an exponential.
func (t *zipfTail) mass(x float64) float64 { return math.Exp(-t.s * math.Log(x)) }

func (t *zipfTail) cumulative(x float64) float64 {
	return math.Exp((1-t.s)*math.Log(x)) / (1 - t.s)
}

func (t *zipfTail) inverse(y float64) float64 {
	return math.Exp(math.Log((1-t.s)*y) / (1 - t.s))
}

// draw returns one rank, using one uniform from src, or more when one is
// thrown away.
func (t *zipfTail) draw(src *uniforms) int {
	for {
		if k, kept := t.at(t.lo + src.get()*t.span); kept {
			return k
		}
	}
}

// at is the rank that y maps to, and whether it is kept.
func (t *zipfTail) at(y float64) (k int, kept bool) {
	x := t.inverse(y)
	r := math.Min(math.Max(math.Floor(x+0.5), t.a), t.b)
	return int(r), r-x <= t.squeeze || y >= t.cumulative(r+0.5)-t.mass(r)
}

// aliasTable is what draws an index with probability in proportion to its
// weight in constant time, by Walker's alias method (A. J. Walker, "An
// Efficient Method for Generating Discrete Random Variables with General
// Distributions", ACM TOMS 3(3), 1977), built as M. D. Vose describes (IEEE
// TSE 17(9), 1991): each slot holds the chance of keeping its own index and
// the index to take otherwise (pick reads it).
type aliasTable []aliasSlot

type aliasSlot struct {
	keep  float64
	other int32
}

// pick is the index that u, uniform in [0, 1), draws: u·n falls in a slot,
// and its fraction says whether the slot's own index is kept. Small enough
// to be inlined: in WebAssembly a call costs about what the draw does, and
// a step draws a dozen.
func (t aliasTable) pick(u float64) int {
	x := u * float64(len(t))
	j := min(int(x), len(t)-1)
	if s := &t[j]; x-float64(j) >= s.keep {
		return int(s.other)
	}
	return j
}

// newAliasTable builds the table of the weights, which it overwrites.
func newAliasTable(weights []float64) aliasTable {
	n := len(weights)
	t := make(aliasTable, n)
	sum := 0.0
	for _, p := range weights {
		sum += p
	}
	small := make([]int32, 0, n)
	large := make([]int32, 0, n)
	for j := range weights {
		weights[j] *= float64(n) / sum // the mean slot holds exactly 1
		if weights[j] < 1 {
			small = append(small, int32(j))
		} else {
			large = append(large, int32(j))
		}
	}
	for len(small) > 0 && len(large) > 0 {
		l := small[len(small)-1]
		small = small[:len(small)-1]
		g := large[len(large)-1]
		t[l].other = g
		weights[g] -= 1 - weights[l] // g fills the rest of l's slot
		if weights[g] < 1 {
			large = large[:len(large)-1]
			small = append(small, g)
		}
	}
	for j, p := range weights {
		t[j].keep = p
	}
	// What is left holds 1 to within rounding.
	for _, j := range large {
		t[j].keep = 1
	}
	for _, j := range small {
		t[j].keep = 1
	}
	return t
}
