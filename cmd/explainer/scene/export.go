package scene

import (
	"strconv"
	"strings"

	"github.com/adagrad-explained/adagrad/render"
	"github.com/adagrad-explained/adagrad/sim"
)

// The figure's Download control: its runs as CSV, and the colour behind
// the canvas for the PNG (the canvas itself is transparent).

// MaxCSVSteps is the most steps of each run that CSV writes: 20 000 steps
// of two runs is about 11 MB of text, held twice while the page takes it.
// cmd/trace writes longer runs.
const MaxCSVSteps = 20000

// CSV returns the runs so far as CSV: a header, then for each run one row
// per step from its start (step 0) to its current step, in the figure's run
// order. The columns are "run" (the run's name, as in state().runs) and
// then exactly sim.CSVColumns, the rows cmd/trace writes for the same
// settings. The rows are computed again from each run's start, not read
// from its trail, which keeps only a thinned sample of a long run; the
// simulation is deterministic, so they are the steps the figure took.
// complete is false when a run is longer than MaxCSVSteps and its rows stop
// there.
func (f *Figure) CSV() (csv []byte, complete bool) {
	if f.rare != nil {
		return f.rareCSV(), true
	}
	complete = true
	rows := 0
	for _, t := range f.tracks {
		rows += min(t.run.State().Step, MaxCSVSteps) + 1
	}
	b := make([]byte, 0, 64+rows*200)
	b = append(b, "run,"...)
	b = append(b, strings.Join(sim.CSVColumns, ",")...)
	b = append(b, '\n')
	for _, t := range f.tracks {
		if !t.replay(f.land, func(s *sim.State) {
			b = append(b, t.name...) // a name of the figure's own: no comma or quote
			b = append(b, ',')
			b = sim.AppendCSV(b, s)
		}) {
			complete = false
		}
	}
	return b, complete
}

// replay runs t again from its start on a run of its own, with the
// settings it was computed from (every change recomputes a run from its
// start, so one configuration holds for the whole path), and calls emit
// with the state at every step up to t's current one (at most
// MaxCSVSteps). It reports whether it got there.
func (t *track) replay(land sim.Landscape, emit func(*sim.State)) bool {
	r := sim.NewRun(land, t.cfg, t.setup.start[:], t.setup.dropout())
	target := min(t.run.State().Step, MaxCSVSteps)
	emit(r.State())
	for r.State().Step < target && r.Step() {
		emit(r.State())
	}
	return r.State().Step >= t.run.State().Step
}

// rareCSV is the rare-words figure's held-out loss curve as CSV: the
// examples seen, each learner's held-out loss and the true weights' (the
// same on every row), at every point the figure plots (every
// Horizon/rare.CurvePoints examples, thinned beyond the horizon).
func (f *Figure) rareCSV() []byte {
	m := f.rare.m
	curve := m.Curve()
	b := make([]byte, 0, 64+len(curve)*64)
	b = append(b, "examples,heldout_loss_sgd,heldout_loss_adagrad,heldout_loss_true_weights\n"...)
	for _, p := range curve {
		b = strconv.AppendInt(b, int64(p.Step), 10)
		for _, x := range [3]float64{p.Loss[0], p.Loss[1], m.Floor()} {
			b = append(b, ',')
			b = strconv.AppendFloat(b, x, 'g', -1, 64)
		}
		b = append(b, '\n')
	}
	return b
}

// Background is the colour behind the canvas in the theme in force: the
// page's background, which a PNG of the figure is painted over.
func (f *Figure) Background() render.Color { return f.pal.Bg }
