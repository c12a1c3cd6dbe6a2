package rare

import "math"

// NBins is the number of frequency bands the vocabulary is summarised in.
const NBins = 24

// Bins summarise the vocabulary by frequency rank, in NBins bands of equal
// width in log(rank): a figure draws 24 points whether there are ten
// thousand words or a million. The sums are kept up to date by each step
// for the words it touches, so reading them costs nothing.
type Bins struct {
	first   [NBins + 1]int // band b holds the word indices first[b] ≤ j < first[b+1]
	seen    [NBins]int     // words of the band seen at least once
	sumLog  [NBins]float64 // AdaGrad: Σ log(rate) over the band's seen words
	errSq   [2][NBins]float64
	truthSq [NBins]float64 // Σ w*² over the band: the error of all-zero weights
	of      []uint8        // each word's band
	logRate []float64      // each seen word's log(AdaGrad rate), as last added
}

// Band is one frequency band's summary.
type Band struct {
	FirstRank, LastRank int // ranks, from 1 for the most frequent word
	Seen                int // words of the band seen in training so far
	// Rate is each learner's typical rate for the band's seen words: SGD's
	// η, and the geometric mean of AdaGrad's η/√(G+ε); 0 when none is seen.
	Rate [2]float64
	// Error is each learner's root-mean-square distance from the true
	// weights over all the band's words, seen or not.
	Error [2]float64
}

func (b *Bins) init(m *Model) {
	v := m.c.Vocab
	for i := range b.first {
		b.first[i] = int(math.Round(math.Pow(float64(v), float64(i)/NBins))) - 1
	}
	b.first[0], b.first[NBins] = 0, v
	for i := 1; i <= NBins; i++ { // at least one word per band, when there is room
		b.first[i] = max(b.first[i], min(b.first[i-1]+1, v))
	}
	b.of = make([]uint8, v)
	b.logRate = make([]float64, v)
	for i := range b.truthSq {
		s := 0.0
		for j := b.first[i]; j < b.first[i+1]; j++ {
			s += m.truth[j] * m.truth[j]
			b.of[j] = uint8(i)
		}
		b.truthSq[i] = s
	}
}

func (b *Bins) reset(m *Model) {
	b.seen, b.sumLog = [NBins]int{}, [NBins]float64{}
	b.errSq = [2][NBins]float64{b.truthSq, b.truthSq}
}

// before takes the words of the current example out of learner k's sums;
// after puts them back with their new values.
func (b *Bins) before(m *Model, k int) {
	w := m.w[k]
	for _, j := range m.ex {
		i := b.of[j]
		d := w[j] - m.truth[j]
		b.errSq[k][i] -= d * d
		if k == AdaGrad && m.seen[j] > 0 {
			b.sumLog[i] -= b.logRate[j]
		}
	}
}

func (b *Bins) after(m *Model, k int) {
	w := m.w[k]
	for _, j := range m.ex {
		i := b.of[j]
		d := w[j] - m.truth[j]
		b.errSq[k][i] += d * d
		if k == AdaGrad {
			b.logRate[j] = math.Log(m.Rate(AdaGrad, j))
			b.sumLog[i] += b.logRate[j]
			if m.seen[j] == 0 {
				b.seen[i]++
			}
		}
	}
}

// Bands appends the summary of every band to dst.
func (m *Model) Bands(dst []Band) []Band {
	b := &m.bins
	for i := range NBins {
		lo, hi := b.first[i], b.first[i+1]
		if hi <= lo {
			continue
		}
		d := Band{FirstRank: lo + 1, LastRank: hi, Seen: b.seen[i]}
		if d.Seen > 0 {
			d.Rate = [2]float64{m.c.SGDLR, math.Exp(b.sumLog[i] / float64(d.Seen))}
		}
		n := float64(hi - lo)
		for k := range d.Error {
			d.Error[k] = math.Sqrt(max(b.errSq[k][i], 0) / n)
		}
		dst = append(dst, d)
	}
	return dst
}
