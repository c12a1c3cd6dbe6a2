package scene

import (
	"math"
	"strconv"
	"strings"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/render"
)

// Guess mode (predict=N). The figure opens paused at step 0 and the reader
// places one guess per map, by click or tap, or with the arrow keys and
// Enter on the focused figure, of where its run will be after N steps.
// Reveal (or Play) runs to step N, draws each guess beside the true
// position with the distance between them, and says in one sentence per
// run whether the guess was close and, if not, why the run went elsewhere.
//
// Every figure guesses positions on its maps, even those whose point is a
// value (the accumulator's bars, the freeze): every figure has maps, and
// one kind of guess keeps the mode the same everywhere. The start point
// stays fixed in guess mode, so that a press on a map always means a guess.

// prediction is the state of guess mode; Figure.pred is nil when it is off.
type prediction struct {
	step     int
	guesses  []guess // one per map panel
	current  int     // the panel the arrow keys move the guess in
	revealed bool
	truth    []render.Pt // per track: its position at step, once revealed
}

// guess is a reader's guess on one map, in world coordinates.
type guess struct {
	at  render.Pt
	set bool
}

// closeFraction is how near a guess must come, as a fraction of the
// diagonal of the map's view, to be called close.
const closeFraction = 1.0 / 15

// Predicting reports whether the figure is in guess mode and still waits
// for the reveal: then Play reveals and the arrow keys move a guess.
func (f *Figure) Predicting() bool { return f.pred != nil && !f.pred.revealed }

// resetPrediction starts guess mode afresh from the parameters: no guesses,
// nothing revealed, at step 0 and paused; or ends it for predict=0 and in
// a figure with no map to guess on (the rare-words figure).
func (f *Figure) resetPrediction() {
	if f.v.Predict == 0 || mapCount(f.v.Fig) == 0 {
		f.pred = nil
		return
	}
	f.pred = &prediction{step: int(f.v.Predict), guesses: make([]guess, mapCount(f.v.Fig))}
	f.Pause()
	f.Seek(0)
}

// Guess places the guess of the map under the CSS-pixel point (x, y),
// clamped to that map's view; it reports whether a guess was placed. It
// does nothing outside guess mode, off the maps, or after the reveal.
func (f *Figure) Guess(x, y float64) bool {
	if !f.Predicting() || !finite(x) || !finite(y) {
		return false
	}
	p := render.Pt{X: x * f.dpr, Y: y * f.dpr}
	for i, pn := range f.lay.panels {
		if i < len(f.pred.guesses) && pn.frame.Contains(p) {
			f.pred.guesses[i] = guess{at: clampTo(pn.view, pn.t.ToWorld(p)), set: true}
			f.pred.current = i
			return true
		}
	}
	return false
}

// MoveGuess moves the current map's guess by dx, dy keyboard steps (+y is
// up), each 1/nudgeSteps of the view; a map without a guess yet starts from
// the start point.
func (f *Figure) MoveGuess(dx, dy int) {
	if !f.Predicting() || len(f.pred.guesses) == 0 || f.pred.current >= len(f.lay.panels) {
		return
	}
	view := f.lay.panels[f.pred.current].view
	g := &f.pred.guesses[f.pred.current]
	if !g.set {
		g.at, g.set = clampTo(view, render.Pt{X: f.v.X0, Y: f.v.Y0}), true
	}
	sx, sy := (view.XMax-view.XMin)/nudgeSteps, (view.YMax-view.YMin)/nudgeSteps
	g.at = clampTo(view, render.Pt{X: g.at.X + float64(dx)*sx, Y: g.at.Y + float64(dy)*sy})
}

// PlaceGuess keeps the current map's guess (at the start point if it has
// none yet) and makes the next map current (Enter).
func (f *Figure) PlaceGuess() {
	if !f.Predicting() || len(f.pred.guesses) == 0 {
		return
	}
	if !f.pred.guesses[f.pred.current].set {
		f.MoveGuess(0, 0)
	}
	f.pred.current = (f.pred.current + 1) % len(f.pred.guesses)
}

// Reveal runs the figure to the guessed step, paused, and measures each
// guess against where its runs went. Without guesses it reveals all the
// same; outside guess mode it does nothing.
func (f *Figure) Reveal() {
	if f.pred == nil {
		return
	}
	f.Pause()
	f.Seek(f.pred.step)
	f.pred.revealed = true
	f.pred.truth = f.pred.truth[:0]
	for _, t := range f.tracks {
		st := t.run.State()
		f.pred.truth = append(f.pred.truth, render.Pt{X: finiteOrZero(st.X[0]), Y: finiteOrZero(st.X[1])})
	}
}

// Prediction is guess mode as state() reports it: the step guessed for and
// one entry per run whose map has a guess.
type Prediction struct {
	Step    int
	Guesses []GuessResult
}

// GuessResult is one run's guess; Error is set (HasError) once revealed:
// the distance from the guess to the run's position at Step.
type GuessResult struct {
	Run      string
	X, Y     float64
	Error    float64
	HasError bool
}

// Prediction reports guess mode; ok is false when it is off.
func (f *Figure) Prediction() (p Prediction, ok bool) {
	if f.pred == nil {
		return p, false
	}
	p.Step = f.pred.step
	for i, t := range f.tracks {
		g, ok := f.guessFor(t)
		if !ok {
			continue
		}
		r := GuessResult{Run: t.name, X: g.X, Y: g.Y}
		if f.pred.revealed && i < len(f.pred.truth) {
			r.Error, r.HasError = finiteOrZero(g.Sub(f.pred.truth[i]).Len()), true
		}
		p.Guesses = append(p.Guesses, r)
	}
	return p, true
}

// Object is the prediction as the plain object state() and the
// adagrad:prediction message carry.
func (p Prediction) Object() map[string]any {
	gs := make([]any, len(p.Guesses))
	for i, g := range p.Guesses {
		m := map[string]any{"run": g.Run, "x": g.X, "y": g.Y}
		if g.HasError {
			m["error"] = g.Error
		}
		gs[i] = m
	}
	return map[string]any{"step": p.Step, "guesses": gs}
}

// guessFor is the guess on t's map, if one was placed.
func (f *Figure) guessFor(t *track) (render.Pt, bool) {
	if f.pred == nil || t.panel >= len(f.pred.guesses) || !f.pred.guesses[t.panel].set {
		return render.Pt{}, false
	}
	return f.pred.guesses[t.panel].at, true
}

// prompt is guess mode's line for the readout and the canvas' description:
// the question before the reveal, the feedback after it; "" when off.
func (f *Figure) prompt() string {
	if f.pred == nil {
		return ""
	}
	n := strconv.Itoa(f.pred.step)
	if !f.pred.revealed {
		placed := 0
		for _, g := range f.pred.guesses {
			if g.set {
				placed++
			}
		}
		maps := "the map"
		if len(f.pred.guesses) > 1 {
			maps = "each map"
		}
		return "Guess first: where will each run be after " + n + " steps? Click or tap " + maps +
			" to place a guess (or, on the focused figure, move it with the arrow keys and press Enter), then press Reveal. " +
			strconv.Itoa(placed) + " of " + strconv.Itoa(len(f.pred.guesses)) + " placed."
	}
	var b strings.Builder
	b.WriteString("After " + n + " steps:")
	for i, t := range f.tracks {
		g, ok := f.guessFor(t)
		if !ok || i >= len(f.pred.truth) {
			b.WriteString(" " + t.name + ": no guess.")
			continue
		}
		d := g.Sub(f.pred.truth[i]).Len()
		b.WriteString(" " + t.name + ": your guess was " + Num(d) + " away")
		if f.isClose(t, d) {
			b.WriteString(", close.")
		} else {
			b.WriteString(". " + feedback(f.v.Fig, t.name))
		}
	}
	b.WriteString(" Reset to guess again.")
	return b.String()
}

// isClose reports whether a guess d away from t's position counts as close
// on t's map.
func (f *Figure) isClose(t *track, d float64) bool {
	view := viewFor(f.v)
	if t.panel < len(f.lay.panels) {
		view = f.lay.panels[t.panel].view
	}
	return d <= closeFraction*math.Hypot(view.XMax-view.XMin, view.YMax-view.YMin)
}

// feedback says why a run went somewhere other than the guess, from what
// the figure shows at its defaults (measured with cmd/trace; see
// params.FigDefaults for the numbers).
func feedback(fig, run string) string {
	switch fig + "/" + run {
	case "valley/SGD":
		return "SGD bounced across the valley instead of running along it: the one rate the steep walls allow leaves it crawling along the floor."
	case "valley/AdaGrad", "accumulator/AdaGrad":
		return "AdaGrad ran along the floor faster than one rate allows: the floor's small gradients leave its x sum small, so x keeps a large rate of its own."
	case "freeze/AdaGrad":
		return "AdaGrad braked early: the large gradients at the start filled its sums, and every later step is smaller, so it stalls far short of the minimum."
	case "freeze/RMSProp":
		return "RMSProp forgets old gradients, so its steps stay large and it runs on down the floor towards the minimum."
	case "sparse/SGD":
		return "SGD's one rate is held down by the steep x direction, and y's gradient comes only now and then, so y crawls."
	case "sparse/AdaGrad":
		return "AdaGrad's sum for y stays small while y's gradient is rare, so y keeps a large rate and moves far each time it comes."
	case "rotation/AdaGrad":
		return "Diagonal AdaGrad rescales x and y, but this valley is turned: the steep walls fill both sums alike, so once on the floor it crawls along it."
	case "rotation/Full-matrix AdaGrad":
		return "Full-matrix AdaGrad rescales along the valley's own turned axes, learnt from the gradients so far: its first steps still swing across, later ones run along the floor."
	}
	return "It went elsewhere: step through the run to see where it turned."
}

// drawPrediction draws panel i's guess: a hollow diamond, and after the
// reveal a dashed line to each of its runs' positions at the guessed step,
// with the distance.
func (f *Figure) drawPrediction(l *render.Layer, i int, pn panel) {
	if f.pred == nil || i >= len(f.pred.guesses) || !f.pred.guesses[i].set {
		return
	}
	u := f.lay.unit
	g := pn.t.ToScreen(f.pred.guesses[i].at)
	if !f.pred.revealed {
		f.diamond(l, g, f.pal.Text)
		f.guessLabel(l, pn, g, "your guess", f.pal.Text)
		return
	}
	row := 0.0 // two runs on one map (the freeze with RMSProp): labels one above the other
	for k, t := range f.tracks {
		if t.panel != i || k >= len(f.pred.truth) {
			continue
		}
		c := f.color(t)
		at := pn.t.ToScreen(f.pred.truth[k])
		l.Dashed([]render.Pt{g, at}, 2*u, 10*u, c)
		l.Circle(at, 8*u, 2*u, c)
		f.diamond(l, g, c)
		row++
		f.guessLabel(l, pn, g.Add(render.Pt{Y: (row - 1) * 16 * u}), Num(f.pred.guesses[i].at.Sub(f.pred.truth[k]).Len())+" off", c)
	}
}

// guessLabel writes s beside the guess at g: to its upper right, or to its
// left where the map's right edge is near, below it near the top edge.
func (f *Figure) guessLabel(l *render.Layer, pn panel, g render.Pt, s string, c render.Color) {
	u, size := f.lay.unit, f.lay.font*0.85
	at, align := render.Pt{X: g.X + 12*u, Y: g.Y - 12*u}, render.AlignLeft
	if at.X+textWidth(s, size) > pn.area.X+pn.area.W-4*u {
		at.X, align = g.X-12*u, render.AlignRight
	}
	if at.Y-size*0.6 < pn.area.Y {
		at.Y = g.Y + 12*u
	}
	f.label(l, at, s, size, align, c)
}

// diamond draws the hollow diamond that marks a guess, edged in the
// background colour so it stands out on contours and trails.
func (f *Figure) diamond(l *render.Layer, c render.Pt, col render.Color) {
	u := f.lay.unit
	r := 8 * u
	pts := []render.Pt{{X: c.X, Y: c.Y - r}, {X: c.X + r, Y: c.Y}, {X: c.X, Y: c.Y + r}, {X: c.X - r, Y: c.Y}}
	l.ClosedPolyline(pts, 4.5*u, f.pal.Bg)
	l.ClosedPolyline(pts, 2.5*u, col)
}

// runsDiffer reports whether v and w send some run elsewhere: they differ
// in more than how the figure is shown and played.
func runsDiffer(v, w params.Values) bool {
	for _, p := range []*params.Values{&v, &w} {
		p.Step, p.Speed, p.Play, p.Theme, p.Controls, p.Hide, p.Predict = 0, 0, false, "", false, nil, 0
	}
	return !v.Equal(w)
}

// clampTo keeps p inside box (a NaN coordinate goes to the box's low edge).
func clampTo(b render.Box, p render.Pt) render.Pt {
	return render.Pt{X: clamp(p.X, b.XMin, b.XMax), Y: clamp(p.Y, b.YMin, b.YMax)}
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
