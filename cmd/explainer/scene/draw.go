package scene

import (
	"math"
	"strconv"
	"strings"

	"github.com/adagrad-explained/adagrad/render"
	"github.com/adagrad-explained/adagrad/sim"
)

// Drawing. DrawStatic fills what changes only with the landscape, the size
// or the theme (it is cached as an image); DrawDynamic fills the rest, every
// frame that changed.

// contourKey identifies the contours computed for one landscape and view.
type contourKey struct {
	a, b, angle float64
	view        render.Box
	ok          bool
}

// DrawStatic draws the background: panels, contours, the minimum, titles.
func (f *Figure) DrawStatic(fr *Frame) {
	u, pal := f.lay.unit, f.pal
	all := render.Rect{X: 0, Y: 0, W: f.w, H: f.h}
	l := fr.Next(all)
	l.FillRect(all, pal.Bg)
	for i, pn := range f.lay.panels {
		l.FillRect(pn.area, pal.Panel)
		f.drawTitle(l, i, pn)
	}
	for _, r := range []render.Rect{f.lay.plot, f.lay.strip, f.lay.bars, f.lay.rare[0], f.lay.rare[1], f.lay.rare[2]} {
		if r.W > 0 {
			l.FillRect(r, pal.Panel)
		}
	}
	f.drawRareTitles(l)
	f.drawRareAxes(fr)
	f.ensureContours()
	for _, pn := range f.lay.panels {
		cl := fr.Next(pn.area)
		for _, line := range f.contours {
			cl.PolylineWorld(pn.t, line, 1*u, pal.Contour)
		}
		f.drawAxes(cl, pn)
		m := pn.t.ToScreen(render.Pt{})
		s := 5 * u
		cl.Line(render.Pt{X: m.X - s, Y: m.Y - s}, render.Pt{X: m.X + s, Y: m.Y + s}, 2*u, pal.Minimum)
		cl.Line(render.Pt{X: m.X - s, Y: m.Y + s}, render.Pt{X: m.X + s, Y: m.Y - s}, 2*u, pal.Minimum)
		at, align := f.minimumLabel(pn)
		f.label(cl, at, "minimum", f.lay.font*0.85, align, pal.Muted)
	}
}

// minimumLabel places the minimum's label right of its cross, or left of
// it where the map ends first.
func (f *Figure) minimumLabel(pn panel) (render.Pt, render.Align) {
	u, size := f.lay.unit, f.lay.font*0.85
	m := pn.t.ToScreen(render.Pt{})
	at := render.Pt{X: m.X + 8*u, Y: m.Y + 12*u}
	if at.X+textWidth("minimum", size)+4*u > pn.area.X+pn.area.W {
		return render.Pt{X: m.X - 8*u, Y: at.Y}, render.AlignRight
	}
	return at, render.AlignLeft
}

// labelRect is the box a label drawn by Figure.label covers, with a margin.
func labelRect(at render.Pt, s string, size float64, align render.Align, margin float64) render.Rect {
	w := textWidth(s, size)
	x := at.X
	switch align {
	case render.AlignCenter:
		x -= w / 2
	case render.AlignRight:
		x -= w
	}
	return render.Rect{X: x - margin, Y: at.Y - size*0.6 - margin, W: w + 2*margin, H: size*1.2 + 2*margin}
}

// ensureContours computes the contour lines of the landscape over the
// largest panel view, once per landscape and size.
func (f *Figure) ensureContours() {
	if len(f.lay.panels) == 0 {
		return
	}
	view := f.lay.panels[0].view
	k := contourKey{a: f.v.A, b: f.v.B, angle: f.v.Angle, view: view, ok: true}
	if k == f.contourK {
		return
	}
	f.contourK = k
	land := f.land
	p := make([]float64, 2)
	fn := func(x, y float64) float64 { p[0], p[1] = x, y; return land.Value(p) }
	// Levels spaced geometrically between a loss near the minimum and the
	// largest loss on the map: on a quadratic they look evenly spread.
	hi := 0.0
	for _, c := range [][2]float64{{view.XMin, view.YMin}, {view.XMin, view.YMax}, {view.XMax, view.YMin}, {view.XMax, view.YMax}} {
		hi = math.Max(hi, fn(c[0], c[1]))
	}
	levels := render.GeometricLevels(hi*2e-4, hi*0.6, 14)
	f.contours = render.Contours(fn, view, 160, 100, levels)
}

func (f *Figure) drawTitle(l *render.Layer, i int, pn panel) {
	u, pal := f.lay.unit, f.pal
	y := pn.frame.Y + 11*u
	x := pn.frame.X + 2*u
	var labels []string
	var colors []render.Color
	width := 0.0
	for _, t := range f.tracks {
		if t.panel != i {
			continue
		}
		label := t.name
		switch t.cfg.Method {
		case sim.SGD:
			label += ": one rate for every coordinate"
		case sim.AdaGrad:
			label += ": a rate for each coordinate"
		case sim.RMSProp:
			label += ": a rate that forgets"
		case sim.AdaGradFull:
			label += ": a rate for each direction"
		}
		labels = append(labels, label)
		colors = append(colors, f.color(t))
		width += 24*u + textWidth(label, f.lay.font)
	}
	for k, label := range labels {
		if width > pn.frame.W {
			label, _, _ = strings.Cut(label, ":") // names alone when space is short
		}
		l.Disc(render.Pt{X: x + 5*u, Y: y}, 5*u, colors[k])
		l.Text(render.Pt{X: x + 14*u, Y: y}, label, f.lay.font, render.AlignLeft, pal.Text)
		x += 24*u + textWidth(label, f.lay.font)
	}
}

// drawAxes puts a few ticks with labels along the map's bottom and left
// edges. A label that would not fit whole inside the map is left out, and
// the y labels keep clear of the x labels' row.
func (f *Figure) drawAxes(l *render.Layer, pn panel) {
	u, pal := f.lay.unit, f.pal
	size := f.lay.font * 0.8
	a := pn.area
	xRow := a.Y + a.H - 10*u
	for _, x := range render.NiceTicks(pn.view.XMin, pn.view.XMax, int(math.Max(3, a.W/(70*u)))) {
		p := pn.t.ToScreen(render.Pt{X: x, Y: pn.view.YMin})
		label := render.FormatTick(x)
		if half := textWidth(label, size)/2 + 2*u; p.X-half < a.X || p.X+half > a.X+a.W {
			continue
		}
		l.Text(render.Pt{X: p.X, Y: xRow}, label, size, render.AlignCenter, pal.Muted)
	}
	for _, y := range render.NiceTicks(pn.view.YMin, pn.view.YMax, int(math.Max(3, a.H/(50*u)))) {
		p := pn.t.ToScreen(render.Pt{X: pn.view.XMin, Y: y})
		if p.Y-size*0.7 < a.Y || p.Y+size*0.7 > xRow-size*0.7 {
			continue
		}
		l.Text(render.Pt{X: a.X + 4*u, Y: p.Y}, render.FormatTick(y), size, render.AlignLeft, pal.Muted)
	}
}

// color is a track's colour in the current palette.
func (f *Figure) color(t *track) render.Color {
	switch t.cfg.Method {
	case sim.SGD:
		return f.pal.SGD
	case sim.RMSProp:
		return f.pal.RMSProp
	case sim.AdaGradFull:
		// The accumulator's colour: this run keeps the accumulator whole.
		return f.pal.Accum
	default:
		return f.pal.AdaGrad
	}
}

// DrawDynamic draws what moves: trails, points, arrows, ellipses, plots.
func (f *Figure) DrawDynamic(fr *Frame) {
	f.drawRare(fr)
	for i, pn := range f.lay.panels {
		l := fr.Next(pn.area)
		for _, t := range f.tracks {
			if t.panel == i {
				f.drawTrack(l, pn, t)
			}
		}
		f.drawHandle(l, pn)
		f.drawLegend(l, pn)
		f.drawPrediction(l, i, pn) // over the legend: a guess may be placed anywhere
	}
	if f.lay.plot.W > 0 && !f.v.Hidden("plot") {
		l := fr.Next(f.lay.plot)
		if f.v.Fig == "valley" || f.v.Fig == "rotation" {
			f.drawLossPlot(l, f.lay.plot)
		} else {
			f.drawRatePlot(l, f.lay.plot)
		}
	}
	if f.lay.bars.W > 0 {
		f.drawBars(fr.Next(f.lay.bars), f.lay.bars)
	}
	if f.lay.strip.W > 0 {
		f.drawStrip(fr.Next(f.lay.strip), f.lay.strip)
	}
}

// drawTrack draws one run: its trail, its position, the gradient and the
// coming step, and its state in words.
func (f *Figure) drawTrack(l *render.Layer, pn panel, t *track) {
	u, pal := f.lay.unit, f.pal
	c := f.color(t)
	trail := t.run.Trail()
	if !f.v.Hidden("trail") {
		if f.v.Fig == "accumulator" && !f.v.Hidden("ellipse") {
			f.drawTrailEllipses(l, pn, trail)
		}
		f.pts = f.pts[:0]
		last := render.Pt{X: math.Inf(1)}
		for i, s := range trail {
			p := pn.t.ToScreen(render.Pt{X: negligibleToZero(s.X), Y: negligibleToZero(s.Y)})
			// Skip points closer than a pixel to the last one kept: the line
			// looks the same and a long run stays cheap to draw.
			if i < len(trail)-1 && math.Abs(p.X-last.X)+math.Abs(p.Y-last.Y) < 1.2*u {
				continue
			}
			f.pts = append(f.pts, p)
			last = p
		}
		f.pts = render.Simplify(f.pts, 0.3*u)
		// Opaque, a shade lighter than the point: a zigzag's joins overlap,
		// and a translucent line would darken at every turn.
		l.Polyline(f.pts, 2*u, c.Over(f.pal.Panel, 210))
	}
	st := t.run.State()
	cur := pn.t.ToScreen(render.Pt{X: st.X[0], Y: st.X[1]})
	if !f.v.Hidden("ellipse") {
		switch f.v.Fig {
		case "accumulator":
			f.drawEllipse(l, pn, st, cur)
		case "rotation":
			f.drawTurnedEllipse(l, pn, t, cur)
		}
	}
	if !st.Diverged && !f.v.Hidden("arrows") {
		pv := t.run.Preview()
		next := pn.t.ToScreen(render.Pt{X: pv.Next[0], Y: pv.Next[1]})
		// −∇f, drawn at a fixed length: its direction is the point.
		g := render.Pt{X: -st.Grad[0], Y: st.Grad[1]} // screen y points down
		if n := g.Len(); n > 0 {
			l.Arrow(cur, cur.Add(g.Mul(34*u/n)), 2*u, 9*u, pal.Grad)
		}
		l.Arrow(cur, next, 2.5*u, 9*u, pal.Step)
		l.Circle(next, 4*u, 1.5*u, c)
	}
	l.Disc(cur, 6*u, pal.Bg)
	l.Disc(cur, 4.5*u, c)
	f.drawStatus(l, pn, t, st)
}

// drawStatus says "diverged" or "frozen" on the map, in words.
func (f *Figure) drawStatus(l *render.Layer, pn panel, t *track, st *sim.State) {
	var msgs []string
	switch {
	case st.Diverged:
		at := strconv.Itoa(st.Step)
		msgs = []string{t.name + " diverged at step " + at, "diverged at step " + at, "diverged"}
	case st.Frozen:
		msgs = []string{t.name + " is frozen: steps ≈ 0, minimum not reached", t.name + " is frozen short of the minimum", t.name + " frozen", "frozen"}
	default:
		return
	}
	u, size := f.lay.unit, f.lay.font
	row := 0.0
	if t.cfg.Method == sim.RMSProp {
		row = 1
	}
	// Along the map's top edge; where the start's or the minimum's label is
	// in the way, lower down on the right, or at the bottom left.
	hs := f.lay.font * 0.85
	start := labelRect(handleLabel(pn.t.ToScreen(render.Pt{X: f.v.X0, Y: f.v.Y0}), u, hs, pn.area), f.handleText(), hs, render.AlignLeft, 3*u)
	mAt, mAlign := f.minimumLabel(pn)
	minimum := labelRect(mAt, "minimum", hs, mAlign, 3*u)
	a := pn.area
	right, left := a.X+a.W-8*u, a.X+8*u
	spots := []struct {
		at    render.Pt
		align render.Align
	}{
		{render.Pt{X: right, Y: a.Y + (14+row*20)*u}, render.AlignRight},
		{render.Pt{X: right, Y: start.Y + start.H + (10+row*20)*u}, render.AlignRight},
		{render.Pt{X: left, Y: a.Y + a.H - (50+row*20)*u}, render.AlignLeft},
	}
	// The longest message that fits the map's width, at the first spot
	// where it is clear; else a shorter one. A map too small for even the
	// shortest, clear of the other labels, goes without: the line under
	// the figure (the page's run state) says it in words.
	for i, msg := range msgs {
		if textWidth(msg, size) > a.W-20*u && i < len(msgs)-1 {
			continue
		}
		for _, s := range spots {
			b := labelRect(s.at, msg, size, s.align, 0)
			if !overlapRect(b, start) && !overlapRect(b, minimum) && b.Y >= a.Y && b.Y+b.H <= a.Y+a.H &&
				b.X >= a.X && b.X+b.W <= a.X+a.W {
				f.label(l, s.at, msg, size, s.align, f.pal.Warn)
				return
			}
		}
	}
}

func overlapRect(a, b render.Rect) bool {
	return a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H
}

// drawHandle marks the start point, which the reader can drag.
func (f *Figure) drawHandle(l *render.Layer, pn panel) {
	u, pal := f.lay.unit, f.pal
	h := pn.t.ToScreen(render.Pt{X: f.v.X0, Y: f.v.Y0})
	w := 2 * u
	if f.dragging {
		w = 3 * u
	}
	l.Circle(h, 8*u, w, pal.Text)
	f.label(l, handleLabel(h, u, f.lay.font*0.85, pn.area), f.handleText(), f.lay.font*0.85, render.AlignLeft, pal.Muted)
}

// handleLabel places the drag handle's label up and to the right of the
// handle at h, or below it when a start near the map's top edge would
// push the label off the map.
func handleLabel(h render.Pt, u, size float64, area render.Rect) render.Pt {
	pos := render.Pt{X: h.X + 12*u, Y: h.Y - 12*u}
	if pos.Y-size*0.6 < area.Y {
		pos.Y = h.Y + 12*u
	}
	return pos
}

// drawLegend names the marks of a map along its bottom edge.
func (f *Figure) drawLegend(l *render.Layer, pn panel) {
	if f.v.Hidden("legend") {
		return
	}
	u, pal := f.lay.unit, f.pal
	size := f.lay.font * 0.85
	y := pn.area.Y + pn.area.H - 26*u
	x := pn.area.X + pn.area.W - 8*u
	labels := [3]string{"next point", "step", "−gradient"}
	total := 0.0
	for _, s := range labels {
		total += textWidth(s, size) + 30*u
	}
	// A map too small to hold it goes without: it would cover the run.
	if total+16*u > pn.area.W || pn.area.H < 120*u {
		return
	}
	l.FillRect(render.Rect{X: x - total - 4*u, Y: y - 10*u, W: total + 8*u, H: 20 * u}, pal.Panel.WithAlpha(215))
	item := func(label string, c render.Color, arrow bool) {
		x -= textWidth(label, size) + 30*u
		if arrow {
			l.Arrow(render.Pt{X: x, Y: y}, render.Pt{X: x + 18*u, Y: y}, 2*u, 7*u, c)
		} else {
			l.Circle(render.Pt{X: x + 9*u, Y: y}, 4*u, 1.5*u, c)
		}
		l.Text(render.Pt{X: x + 22*u, Y: y}, label, size, render.AlignLeft, pal.Muted)
	}
	item("next point", pal.Muted, false)
	item("step", pal.Step, true)
	item("−gradient", pal.Grad, true)
}

// negligibleToZero maps coordinates far below a pixel (under 1e-150) to 0. A converged run's
// coordinates sink into subnormal floats, whose arithmetic is a hundred
// times slower on common CPUs; on screen they are all exactly the minimum.
func negligibleToZero(x float64) float64 {
	if math.Abs(x) < 1e-150 {
		return 0
	}
	return x
}

// handleText labels the start handle: in guess mode it cannot be dragged.
func (f *Figure) handleText() string {
	if f.pred != nil {
		return "start"
	}
	return "start: drag me"
}
