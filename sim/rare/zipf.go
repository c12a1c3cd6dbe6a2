package rare

import "math"

// headWords is how many of the most frequent words have an alias table of
// their own: 16384 slots of 16 bytes stay in the processor's cache. A draw
// over a larger vocabulary first picks the head or the tail, so only the
// tail's share of draws (about one in six at a million words and s = 1.1)
// reads a slot of the big table, which at a million words is a cache miss
// each time. A vocabulary of headWords or fewer has the head alone, one
// uniform per draw.
const headWords = 1 << 14

// zipfTable draws word indices j with probability ∝ (j+1)^−s in constant
// time.
type zipfTable struct {
	head, tail aliasTable
	pHead      float64 // the chance that a draw is in the head; 1 with no tail
}

func newZipfTable(v int, s float64) zipfTable {
	weights := make([]float64, v)
	for j := range weights {
		weights[j] = math.Pow(float64(j+1), -s)
	}
	h := min(v, headWords)
	t := zipfTable{pHead: 1}
	if v > h {
		sh, st := 0.0, 0.0
		for _, p := range weights[:h] {
			sh += p
		}
		for _, p := range weights[h:] {
			st += p
		}
		t.pHead = sh / (sh + st)
		t.tail = newAliasTable(weights[h:])
	}
	t.head = newAliasTable(weights[:h])
	return t
}

// draw returns one word index.
func (t *zipfTable) draw(src *uniforms) int {
	if t.pHead < 1 && src.get() >= t.pHead {
		return headWords + t.tail.pick(src.get())
	}
	return t.head.pick(src.get())
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
