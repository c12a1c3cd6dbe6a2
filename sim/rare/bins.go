package rare

import "math"

// NBins is the number of frequency bands the vocabulary is summarised in.
const NBins = 24

// Bins summarise the vocabulary by frequency rank, in NBins bands of equal
// width in log(rank): a figure draws 24 points whether there are ten
// thousand words or a million. The sums are kept up to date by each step
// for the words it touches (the rates' logarithms when they are read), so
// reading them costs at most a logarithm per word stepped since the last
// read.
type Bins struct {
	first   [NBins + 1]int // band b holds the word indices first[b] ≤ j < first[b+1]
	seen    [NBins]int     // words of the band seen at least once
	sumLog  [NBins]int64   // AdaGrad: Σ logRate over the band's words
	errSq   [2][NBins]float64
	truthSq [NBins]float64 // Σ w*² over the band: the error of all-zero weights
	// The rates' logarithms (word.logRate) are brought up to date lazily,
	// by flush: a word's rate changes at every step it is in, and a
	// frequent word is in most steps, so one logarithm per word changed
	// since the last read does the work of hundreds. They are summed in
	// fixed point, whose sums do not depend on the order of the additions:
	// a model read often and one read once hold the same bands.
	stale []int32 // words whose rate changed since the last flush
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
	b.stale = make([]int32, 0, v)
	for i := range b.truthSq {
		s := 0.0
		for j := b.first[i]; j < b.first[i+1]; j++ {
			r := &m.words[j]
			s += r.truth * r.truth
			r.band = uint8(i)
		}
		b.truthSq[i] = s
	}
}

// reset empties the sums; Model.Reset clears the words' own fields.
func (b *Bins) reset() {
	b.seen, b.sumLog = [NBins]int{}, [NBins]int64{}
	b.stale = b.stale[:0]
	b.errSq = [2][NBins]float64{b.truthSq, b.truthSq}
}

// moved brings the sums up to date for word r (index j), whose weights
// were was before its step; r.seen does not count the step yet.
func (b *Bins) moved(r *word, j int32, was [2]float64) {
	for k := range 2 {
		d := was[k] - r.truth
		b.errSq[k][r.band] -= d * d
		d = r.w[k] - r.truth
		b.errSq[k][r.band] += d * d
	}
	if !r.stale {
		r.stale = true
		b.stale = append(b.stale, j)
	}
	if !r.seen {
		b.seen[r.band]++
	}
}

// logScale is the fixed point of the logarithms' sums: 2⁻³² ≈ 2·10⁻¹⁰
// apart, and a million words of |log rate| < 2⁵ sum to less than 2⁵⁷.
const logScale = 1 << 32

// flush counts the rates of the words stepped since the last flush in
// sumLog.
func (b *Bins) flush(m *Model) {
	for _, j := range b.stale {
		r := &m.words[j]
		l := int64(math.Round(math.Log(m.Rate(AdaGrad, int(j))) * logScale))
		b.sumLog[r.band] += l - r.logRate
		r.logRate, r.stale = l, false
	}
	b.stale = b.stale[:0]
}

// Bands appends the summary of every band to dst.
func (m *Model) Bands(dst []Band) []Band {
	b := &m.bins
	b.flush(m)
	for i := range NBins {
		lo, hi := b.first[i], b.first[i+1]
		if hi <= lo {
			continue
		}
		d := Band{FirstRank: lo + 1, LastRank: hi, Seen: b.seen[i]}
		if d.Seen > 0 {
			d.Rate = [2]float64{m.c.SGDLR, math.Exp(float64(b.sumLog[i]) / logScale / float64(d.Seen))}
		}
		n := float64(hi - lo)
		for k := range d.Error {
			d.Error[k] = math.Sqrt(max(b.errSq[k][i], 0) / n)
		}
		dst = append(dst, d)
	}
	return dst
}
