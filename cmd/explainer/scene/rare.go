package scene

import (
	"strconv"
	"strings"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/sim/rare"
)

// The rare-words figure (fig=rare) is not made of sim.Run tracks on a
// landscape: it holds one rare.Model, the simulated text problem with both
// learners, stepped by the figure's clock. One step of the figure is one
// example, seen by SGD and AdaGrad alike.
//
// Every change recomputes from the first example, as for the other
// figures: rare.Model replays exactly (Reset and Step(n) give the state of
// a fresh model stepped n times). At the horizon a replay costs about
// 56 ms natively and 94 ms in WebAssembly (go test ./sim/rare -bench
// Replay, natively and with GOOS=js GOARCH=wasm), so a change or a seek
// backwards at the horizon stays within a tenth of a second without
// snapshots.

// rareFig is the figure's model and the settings it was built from.
type rareFig struct {
	m     *rare.Model
	cfg   rare.Config // as asked for; m.Config() holds it clamped
	start []rare.Band // the bands at step 0: the error of untrained weights
	bands []rare.Band // scratch for the bands now
	// scales are what the background was drawn with (see
	// syncRareScales).
	scales rareScales
}

// rareConfig is the problem and the rates the parameters ask for.
func rareConfig(v params.Values) rare.Config {
	c := rare.DefaultConfig()
	c.Vocab, c.Zipf, c.Words = int(v.Vocab), v.Zipf, int(v.Words)
	c.Seed = v.Seed
	c.SGDLR, c.AdaGradLR, c.Eps = v.SGDLR, v.LR, v.Eps
	return c
}

// rareHorizon is where the rare figure pauses: the model's own horizon.
var rareHorizon = rare.DefaultConfig().Horizon

// syncRare brings the model in line with the parameters at the current
// step: a model built from other settings is built again and stepped from
// the first example to the current one.
func (f *Figure) syncRare() {
	c := rareConfig(f.v)
	if f.rare != nil && f.rare.cfg == c {
		return
	}
	// As for the other figures, a figure stepped beyond params.MaxStep
	// comes back to it on a change.
	f.step = min(f.step, params.MaxStep)
	if f.rare != nil && sameProblem(f.rare.cfg, c) {
		// Only the rates: the same problem, learnt again from the start,
		// without building a million words' tables again.
		f.rare.m.SetRates(c.SGDLR, c.AdaGradLR, c.Eps)
		f.rare.cfg = c
		f.rare.m.Step(f.step)
		return
	}
	m := rare.New(c)
	f.rare = &rareFig{m: m, cfg: c, start: m.Bands(nil), bands: make([]rare.Band, 0, rare.NBins)}
	m.Step(f.step)
}

// sameProblem reports whether a and b describe the same data (they may
// differ in the learners' rates).
func sameProblem(a, b rare.Config) bool {
	a.SGDLR, a.AdaGradLR, a.Eps = b.SGDLR, b.AdaGradLR, b.Eps
	return a == b
}

// now returns the model's bands now, in the figure's scratch slice.
func (r *rareFig) now() []rare.Band {
	r.bands = r.m.Bands(r.bands[:0])
	return r.bands
}

// extremes returns the first and the last band with a word seen, or
// (-1, -1) before any.
func extremes(bands []rare.Band) (top, rarest int) {
	top, rarest = -1, -1
	for i, b := range bands {
		if b.Seen > 0 {
			if top < 0 {
				top = i
			}
			rarest = i
		}
	}
	return top, rarest
}

// rareSummary fills s for the rare-words figure: two runs, "SGD" and
// "AdaGrad", whose Loss is the held-out loss and Step the examples seen;
// the readout says it in words, with the rates of the most frequent and
// the rarest words seen.
func (f *Figure) rareSummary(s *Summary) {
	m := f.rare.m
	loss := m.Loss()
	s.Floor = finiteOrZero(m.Floor())
	for k, name := range [2]string{"SGD", "AdaGrad"} {
		s.Runs = append(s.Runs, RunSummary{Name: name, Step: m.Seen(), Loss: finiteOrZero(loss[k])})
	}
	var b strings.Builder
	b.WriteString("Step ")
	b.WriteString(strconv.Itoa(f.step))
	b.WriteString(". After ")
	b.WriteString(strconv.Itoa(m.Seen()))
	b.WriteString(" examples, held-out loss SGD ")
	b.WriteString(Num(loss[rare.SGD]))
	b.WriteString(", AdaGrad ")
	b.WriteString(Num(loss[rare.AdaGrad]))
	b.WriteString(" (best possible ")
	b.WriteString(Num(m.Floor()))
	b.WriteString(").")
	bands := f.rare.now()
	if top, low := extremes(bands); top >= 0 && low > top {
		b.WriteString(" AdaGrad's rate is ")
		b.WriteString(Num(bands[top].Rate[rare.AdaGrad]))
		b.WriteString(" for the most frequent word and ")
		b.WriteString(Num(bands[low].Rate[rare.AdaGrad]))
		b.WriteString(" for the rarest words seen; SGD's is ")
		b.WriteString(Num(m.Config().SGDLR))
		b.WriteString(" for every word.")
	}
	s.Readout = b.String()
}
