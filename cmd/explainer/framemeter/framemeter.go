// Package framemeter keeps the Go-side time of a figure's recent frames
// (Update plus Draw), so that state().perf can report a median and a 99th
// percentile over the last seconds: the numbers the bench holds against
// its budget. It is plain Go, apart from the program that feeds it.
package framemeter

import (
	"slices"
	"time"
)

// Meter holds the last 1024 frames' times. The zero value is ready.
type Meter struct {
	cur     time.Duration
	started bool
	at      [1024]time.Time
	ms      [1024]float64
	n       int
	scratch []float64
}

// Add counts d towards the frame under way.
func (m *Meter) Add(d time.Duration) { m.cur += d; m.started = true }

// Frame closes the frame whose work Add has summed, at time now; a frame
// with no work added is not a frame.
func (m *Meter) Frame(now time.Time) {
	if !m.started {
		return
	}
	i := m.n % len(m.ms)
	m.at[i], m.ms[i] = now, float64(m.cur)/float64(time.Millisecond)
	m.n++
	m.cur, m.started = 0, false
}

// Stats returns the median and 99th percentile in milliseconds of the
// frames closed within window before now, and how many there were.
func (m *Meter) Stats(now time.Time, window time.Duration) (median, p99 float64, frames int) {
	m.scratch = m.scratch[:0]
	for i := 0; i < min(m.n, len(m.ms)); i++ {
		if now.Sub(m.at[i]) <= window {
			m.scratch = append(m.scratch, m.ms[i])
		}
	}
	if len(m.scratch) == 0 {
		return 0, 0, 0
	}
	slices.Sort(m.scratch)
	pick := func(q float64) float64 { return m.scratch[int(q*float64(len(m.scratch)-1)+0.5)] }
	return pick(0.5), pick(0.99), len(m.scratch)
}
