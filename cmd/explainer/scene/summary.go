package scene

import (
	"math"
	"strconv"
	"strings"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/sim"
)

// Summary is what the page shows in HTML: the state() object, the live
// readout, the values beside the controls.
type Summary struct {
	Step     int
	Playing  bool
	Params   params.Values
	Runs     []RunSummary
	Notices  []string
	Warning  string // a run diverged or froze, in words
	Readout  string // one paragraph for the aria-live region
	Theme    string // "light" or "dark", as drawn
	Predict  int    // guess mode's step, 0 when off
	Revealed bool   // guess mode: the guesses have been revealed
	Prompt   string // guess mode's question or feedback ("" when off); the readout starts with it
	// Floor is the rare-words figure's best possible held-out loss, that
	// of the true weights; 0 in the other figures.
	Floor float64
}

// RunSummary is one run's numbers. Every float is finite.
type RunSummary struct {
	Name     string
	Step     int
	X, Y     float64
	Loss     float64
	G        [2]float64 // accumulator (0 for SGD)
	Rate     [2]float64 // effective rate per coordinate
	Diverged bool
	Frozen   bool
}

// Summary reads the figure's state out.
func (f *Figure) Summary() Summary {
	s := Summary{Step: f.step, Playing: f.playing, Params: f.v, Notices: f.Notices(), Theme: f.Theme()}
	if f.rare != nil {
		f.rareSummary(&s)
		return s
	}
	var warn []string
	var read strings.Builder
	if f.pred != nil {
		s.Predict, s.Revealed, s.Prompt = f.pred.step, f.pred.revealed, f.prompt()
		read.WriteString(s.Prompt)
		read.WriteString(" ")
	}
	read.WriteString("Step ")
	read.WriteString(strconv.Itoa(f.step))
	read.WriteString(".")
	for _, t := range f.tracks {
		st := t.run.State()
		r := RunSummary{Name: t.name, Step: st.Step, X: finiteOrZero(st.X[0]), Y: finiteOrZero(st.X[1]), Loss: finiteOrZero(st.Loss),
			Diverged: st.Diverged, Frozen: st.Frozen}
		if len(st.G) >= 2 {
			r.G = [2]float64{finiteOrZero(st.G[0]), finiteOrZero(st.G[1])}
		}
		r.Rate = [2]float64{finiteOrZero(st.Rate[0]), finiteOrZero(st.Rate[1])}
		s.Runs = append(s.Runs, r)

		read.WriteString(" ")
		read.WriteString(t.name)
		read.WriteString(": x = ")
		read.WriteString(Num(r.X))
		read.WriteString(", y = ")
		read.WriteString(Num(r.Y))
		read.WriteString(", loss ")
		read.WriteString(Num(r.Loss))
		if t.cfg.Method != sim.SGD { // every other method keeps an accumulator
			read.WriteString(", G = (")
			read.WriteString(Num(r.G[0]))
			read.WriteString(", ")
			read.WriteString(Num(r.G[1]))
			read.WriteString(")")
		}
		if t.rateShown() {
			read.WriteString(", effective rate (")
			read.WriteString(Num(r.Rate[0]))
			read.WriteString(", ")
			read.WriteString(Num(r.Rate[1]))
			read.WriteString(")")
		} else {
			read.WriteString(", effective rate not yet set (no gradient seen)")
		}
		switch {
		case r.Diverged:
			read.WriteString(", diverged")
			warn = append(warn, t.name+" diverged at step "+strconv.Itoa(r.Step)+": its rate is too large for the steep walls.")
		case r.Frozen:
			read.WriteString(", frozen")
			warn = append(warn, t.name+" is frozen: its steps have shrunk to almost nothing, far from the minimum.")
		}
		read.WriteString(".")
	}
	s.Readout = read.String()
	s.Warning = strings.Join(warn, " ")
	return s
}

// rateShown reports whether the run's effective rate means anything yet.
// Before the first gradient an adaptive method's rate is η/√(G₀+ε) — with
// G₀ = 0, η/√ε, thousands — a rate no step ever takes, since each step adds
// its g² to G before dividing.
func (t *track) rateShown() bool {
	return t.cfg.Method == sim.SGD || t.run.State().Step > 0
}

// Display formats the numeric parameters for the values beside the
// controls, by parameter name, with the unit's symbol where it has one
// (a rotation of 45°). They change only when the parameters do.
func (f *Figure) Display() map[string]string {
	d := map[string]string{}
	for _, spec := range params.Table {
		if x, ok := f.v.Number(spec.Name); ok {
			d[spec.Name] = Num(x) + spec.Symbol
		}
	}
	return d
}

// Info is what the page needs once, to build the HTML around the canvas.
type Info struct {
	Fig          string
	Title        string
	Description  string
	Controls     []params.Control // in table order, hidden ones left out
	ShowControls bool
	Hidden       []string
	Horizon      int // where playing pauses: the timeline's length
	// NoStart says the figure has no start point (the rare-words figure):
	// nothing to drag, and Shift+arrow keys move nothing.
	NoStart bool
}

// Info describes the figure for the page.
func (f *Figure) Info() Info {
	return Info{Fig: f.v.Fig, Title: titles[f.v.Fig], Description: descriptions[f.v.Fig],
		Controls: f.v.VisibleControls(), ShowControls: f.v.Controls, Hidden: f.v.Hide,
		Horizon: f.Horizon(), NoStart: !f.HasStart()}
}

// Object is the info as the plain object figure.js reads, from the running
// figure (cmd/explainer) and from web/figure-info.js (cmd/figureinfo) alike:
// its keys are the one place the page's names are written. It carries the
// page-wide limits and the speed menu too, so that no number of the table
// is written again in JavaScript.
func (in Info) Object() map[string]any {
	controls := make([]any, len(in.Controls))
	for i, c := range in.Controls {
		controls[i] = c.Object()
	}
	hidden := make([]any, len(in.Hidden))
	for i, h := range in.Hidden {
		hidden[i] = h
	}
	presets := params.SpeedsFor(in.Fig)
	speeds := make([]any, len(presets))
	for i, p := range presets {
		speeds[i] = map[string]any{"label": p.Label, "steps": p.Steps}
	}
	return map[string]any{
		"fig": in.Fig, "title": in.Title, "description": in.Description,
		"controls": controls, "showControls": in.ShowControls, "hidden": hidden,
		"horizon": in.Horizon, "maxStep": params.MaxStep,
		"maxStepsPerCall": params.MaxStepsPerCall, "maxKeys": params.MaxKeys, "speeds": speeds,
		"noStart": in.NoStart,
	}
}

// Num formats a number for a label: three significant digits, plain or in
// e-notation, and never "NaN" or "Inf".
func Num(x float64) string {
	switch {
	case math.IsNaN(x) || x > 1e300:
		return "—" // also a rate with nothing to divide by yet (G = ε = 0): undefined, not a number to show
	case math.IsInf(x, 1):
		return "∞"
	case math.IsInf(x, -1):
		return "−∞"
	case x == 0:
		return "0"
	case x < 0:
		return "−" + Num(-x)
	}
	a := math.Abs(x)
	var s string
	if a >= 1e-3 && a < 1e5 {
		s = strconv.FormatFloat(x, 'g', 3, 64)
		if strings.Contains(s, "e") {
			s = strconv.FormatFloat(x, 'f', 0, 64)
		}
	} else {
		s = strconv.FormatFloat(x, 'e', 2, 64)
		mant, exp, _ := strings.Cut(s, "e")
		mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
		e, _ := strconv.Atoi(exp)
		s = mant + "e" + strconv.Itoa(e)
	}
	return s
}

// finiteOrZero replaces a non-finite value with 0; sim promises finite numbers, and
// this keeps that promise visible at the edge to the page.
func finiteOrZero(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}
