package rare

import "testing"

// One example, both learners, at the default vocabulary and at a million
// words: the cost is the example's words, not the vocabulary.
func BenchmarkStep(b *testing.B) {
	atVocabs(b, func(b *testing.B, m *Model) {
		b.ReportAllocs()
		for b.Loop() {
			m.Step(1)
		}
	})
}

// atVocabs runs bench as a sub-benchmark on a fresh default model with
// each of the two vocabularies the figure is measured at.
func atVocabs(b *testing.B, bench func(*testing.B, *Model)) {
	for _, v := range []int{10_000, MaxVocab} {
		b.Run(map[int]string{10_000: "vocab=1e4", MaxVocab: "vocab=1e6"}[v], func(b *testing.B) {
			c := DefaultConfig()
			c.Vocab = v
			bench(b, New(c))
		})
	}
}

// What a figure does when a setting changes at the horizon: everything
// again from the first example.
func BenchmarkReplayToHorizon(b *testing.B) {
	m := New(DefaultConfig())
	for b.Loop() {
		m.Reset()
		m.Step(m.Config().Horizon)
	}
}

// One measurement of both learners' held-out loss, which a figure playing
// fast takes every CurvePoints-th of its horizon.
func BenchmarkHeldOut(b *testing.B) {
	atVocabs(b, func(b *testing.B, m *Model) {
		m.Step(5000)
		for b.Loop() {
			m.at = -1
			m.Loss()
		}
	})
}
