package scene

import (
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

// cfgChange is a configuration a run used until its step until, when the
// page changed a rate and the run carried on (applyChange).
type cfgChange struct {
	until int
	cfg   sim.Config
}

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
		if !t.replay(f.land, f.csvStart(), f.csvDropout(), func(s *sim.State) {
			b = append(b, t.name...) // a name of the figure's own: no comma or quote
			b = append(b, ',')
			b = sim.AppendCSV(b, s)
		}) {
			complete = false
		}
	}
	return b, complete
}

// csvStart and csvDropout are the start point and the dropout that restart
// gives every run.
func (f *Figure) csvStart() []float64 { return []float64{f.v.X0, f.v.Y0} }

func (f *Figure) csvDropout() *sim.Dropout {
	if f.v.Fig != "sparse" {
		return nil
	}
	return &sim.Dropout{P: f.v.P, Coord: 1, Seed: f.v.Seed}
}

// replay runs t again from start on a run of its own, with the
// configurations it had when, and calls emit with the state at every step
// up to t's current one (at most MaxCSVSteps). It reports whether it got
// there.
func (t *track) replay(land sim.Landscape, start []float64, drop *sim.Dropout, emit func(*sim.State)) bool {
	cfg := t.cfg
	if len(t.changes) > 0 {
		cfg = t.changes[0].cfg
	}
	r := sim.NewRun(land, cfg, start, drop)
	target := t.run.State().Step
	next := 0
	emit(r.State())
	for r.State().Step < min(target, MaxCSVSteps) {
		for next < len(t.changes) && t.changes[next].until <= r.State().Step {
			next++
			c := t.cfg
			if next < len(t.changes) {
				c = t.changes[next].cfg
			}
			r.SetConfig(c)
		}
		if !r.Step() {
			break
		}
		emit(r.State())
	}
	return r.State().Step >= target
}

// Background is the colour behind the canvas in the theme in force: the
// page's background, which a PNG of the figure is painted over.
func (f *Figure) Background() render.Color { return f.pal.Bg }
