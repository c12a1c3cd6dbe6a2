package scene

import (
	"math"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/render"
)

// The start point is the one thing a reader can drag. A press anywhere else
// does nothing, so a stray click never teleports an optimizer. The
// rare-words figure has no start point: a press there grabs nothing, and
// Shift+arrow keys move nothing.

// handleRadius is how far from the start point, in CSS pixels, a press
// still grabs it: generous enough for a finger.
const handleRadius = 16

// Hit reports whether the CSS-pixel point (x, y) grabs the start handle
// (never in guess mode, where the start stays fixed).
func (f *Figure) Hit(x, y float64) bool {
	_, ok := f.handleAt(x, y)
	return ok
}

func (f *Figure) handleAt(x, y float64) (int, bool) {
	if f.pred != nil { // guess mode: a press on a map is a guess
		return 0, false
	}
	p := render.Pt{X: x * f.dpr, Y: y * f.dpr}
	for i, pn := range f.lay.panels {
		h := pn.t.ToScreen(render.Pt{X: f.v.X0, Y: f.v.Y0})
		if render.Hit(p, h, handleRadius*f.dpr) {
			return i, true
		}
	}
	return 0, false
}

// HasStart reports whether the figure has a start point to drag: not the
// rare-words figure, which has no map.
func (f *Figure) HasStart() bool { return f.rare == nil && len(f.lay.panels) > 0 }

// Handle returns where the start handle is drawn (in the first map), in
// CSS pixels; (0, 0) when the figure has none (see HasStart).
func (f *Figure) Handle() (x, y float64) {
	if len(f.lay.panels) == 0 {
		return 0, 0
	}
	h := f.lay.panels[0].t.ToScreen(render.Pt{X: f.v.X0, Y: f.v.Y0})
	return h.X / f.dpr, h.Y / f.dpr
}

// Pointer takes a press ("down"), a move and a release ("up") at CSS-pixel
// coordinates. Dragging the start handle moves the start of every run, and
// each run's path is recomputed from there to the current step.
func (f *Figure) Pointer(kind string, x, y float64) {
	switch kind {
	case "down":
		if i, ok := f.handleAt(x, y); ok {
			f.dragging = true
			f.dragPanel = i
		}
	case "move", "up":
		if !f.dragging || f.dragPanel >= len(f.lay.panels) { // the figure changed under the drag
			f.dragging = false
			return
		}
		pn := f.lay.panels[f.dragPanel]
		w := pn.t.ToWorld(render.Pt{X: x * f.dpr, Y: y * f.dpr})
		box := viewFor(f.v)
		f.v.X0 = params.Clamp("x0", roundMilli(clamp(w.X, box.XMin, box.XMax)))
		f.v.Y0 = params.Clamp("y0", roundMilli(clamp(w.Y, box.YMin, box.YMax)))
		f.sync()
		if kind == "up" {
			f.dragging = false
		}
	}
}

func clamp(x, lo, hi float64) float64 {
	if math.IsNaN(x) {
		return lo
	}
	return math.Min(math.Max(x, lo), hi)
}

// roundMilli rounds a dragged coordinate to three decimals, so shared links stay short.
func roundMilli(x float64) float64 { return math.Round(x*1000) / 1000 }

// nudgeSteps is how many keyboard moves cross the figure's view: Shift+an
// arrow key moves the start by 1/nudgeSteps of the view's width or height.
const nudgeSteps = 40

// Nudge moves the start point by dx, dy keyboard steps (Shift+arrow keys on
// the focused figure; +y is up), the way a drag does: kept in the view,
// clamped to the parameter's range, every run recomputed to the current step.
func (f *Figure) Nudge(dx, dy int) {
	if (dx == 0 && dy == 0) || f.rare != nil || f.pred != nil { // no start point (rare), or fixed while guessing
		return
	}
	box := viewFor(f.v)
	sx, sy := (box.XMax-box.XMin)/nudgeSteps, (box.YMax-box.YMin)/nudgeSteps
	f.v.X0 = params.Clamp("x0", roundMilli(clamp(f.v.X0+float64(dx)*sx, box.XMin, box.XMax)))
	f.v.Y0 = params.Clamp("y0", roundMilli(clamp(f.v.Y0+float64(dy)*sy, box.YMin, box.YMax)))
	f.sync()
}
