package sim

import "strconv"

// CSVColumns names the columns of a row written by AppendCSV: the step, the
// position, the loss, the true gradient, the gradient used after dropout,
// the accumulator (AdaGrad's G, RMSProp's and Adam's v, the diagonal of
// full-matrix AdaGrad's G; empty for SGD), the effective rates, the step
// taken and frozen (0 or 1). cmd/trace writes
// them, and the explainer's CSV download writes a run column before them,
// so the two can be compared row by row.
var CSVColumns = []string{"step", "x", "y", "loss", "grad_x", "grad_y", "used_x", "used_y",
	"acc_x", "acc_y", "rate_x", "rate_y", "delta_x", "delta_y", "frozen"}

// AppendCSV appends s as one CSV row of CSVColumns, ending in a newline, to
// b and returns the extended slice. Numbers are written in the shortest form
// that reads back to the same float64 (strconv 'g', -1), so comparisons can
// be exact. Coordinates past the second are not written; a missing one is 0.
func AppendCSV(b []byte, s *State) []byte {
	b = strconv.AppendInt(b, int64(s.Step), 10)
	f := func(v float64) {
		b = append(b, ',')
		b = strconv.AppendFloat(b, v, 'g', -1, 64)
	}
	pair := func(v []float64) {
		f(at(v, 0))
		f(at(v, 1))
	}
	pair(s.X)
	f(s.Loss)
	pair(s.Grad)
	pair(s.Used)
	if s.G != nil {
		pair(s.G)
	} else {
		b = append(b, ",,"...)
	}
	pair(s.Rate)
	pair(s.Delta)
	if s.Frozen {
		b = append(b, ",1\n"...)
	} else {
		b = append(b, ",0\n"...)
	}
	return b
}

// at is v[i], or 0 past its end (a 1-D run's y, SGD's missing accumulator).
func at(v []float64, i int) float64 {
	if i < len(v) {
		return v[i]
	}
	return 0
}
