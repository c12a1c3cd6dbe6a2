package rare

import (
	"math"
	"math/rand/v2"
)

// zipfTable draws word indices j with probability ∝ (j+1)^−s in constant
// time, by Walker's alias method (A. J. Walker, "An Efficient Method for
// Generating Discrete Random Variables with General Distributions", ACM
// TOMS 3(3), 1977), built as M. D. Vose describes (IEEE TSE 17(9), 1991):
// each of the v slots holds a word, the chance of keeping it, and the word
// to take otherwise.
type zipfTable struct {
	keep  []float64
	other []int32
}

func newZipfTable(v int, s float64) zipfTable {
	t := zipfTable{keep: make([]float64, v), other: make([]int32, v)}
	sum := 0.0
	for j := range t.keep {
		t.keep[j] = math.Pow(float64(j+1), -s)
		sum += t.keep[j]
	}
	small := make([]int32, 0, v)
	large := make([]int32, 0, v)
	for j := range t.keep {
		t.keep[j] *= float64(v) / sum // the mean slot holds exactly 1
		if t.keep[j] < 1 {
			small = append(small, int32(j))
		} else {
			large = append(large, int32(j))
		}
	}
	for len(small) > 0 && len(large) > 0 {
		l := small[len(small)-1]
		small = small[:len(small)-1]
		g := large[len(large)-1]
		t.other[l] = g
		t.keep[g] -= 1 - t.keep[l] // g fills the rest of l's slot
		if t.keep[g] < 1 {
			large = large[:len(large)-1]
			small = append(small, g)
		}
	}
	// What is left holds 1 to within rounding.
	for _, j := range large {
		t.keep[j] = 1
	}
	for _, j := range small {
		t.keep[j] = 1
	}
	return t
}

// draw returns one word index.
func (t *zipfTable) draw(src *rand.PCG) int {
	u := uniform(src) * float64(len(t.keep))
	j := min(int(u), len(t.keep)-1)
	if u-float64(j) < t.keep[j] {
		return j
	}
	return int(t.other[j])
}
