package scene

import (
	"math"

	"github.com/adagrad-explained/adagrad/render"
	"github.com/adagrad-explained/adagrad/sim"
)

// The side pieces: the step ellipse, the loss and rate plots, the
// accumulator squares and the strip of sparse y-gradients.

// drawEllipse draws AdaGrad's step ellipse at the current point — half-axes
// η/√(G+ε) per coordinate, the step a unit gradient would get — beside
// SGD's circle of radius η. Both are magnified by the same factor (shown),
// chosen so that SGD's circle is comfortably visible.
func (f *Figure) drawEllipse(l *render.Layer, pn panel, st *sim.State, cur render.Pt) {
	if st.Step == 0 && f.v.G0 == 0 {
		return // before the first step G is 0 and the ellipse is unbounded
	}
	u, pal := f.lay.unit, f.pal
	k := f.ellipseMagnifier(pn)
	s := pn.t.Scale() * k
	limit := 3 * (pn.area.W + pn.area.H)
	rx, ry := math.Min(st.Rate[0]*s, limit), math.Min(st.Rate[1]*s, limit)
	r := math.Min(f.v.SGDLR*s, limit)
	l.Dashed(circlePts(&f.scratch, cur, r), 1.5*u, 9*u, pal.SGD)
	l.Ellipse(cur, rx, ry, 0, 2*u, pal.AdaGrad, pal.AdaGrad.WithAlpha(40))
	label := "AdaGrad's step ellipse η/√G (solid), SGD's circle η (dashed)"
	if k > 1 {
		label += ", both ×" + Num(k)
	}
	size := f.lay.font * 0.85
	label = fit(pn.area.W-16*u, size, label, "ellipse η/√G, circle η (×"+Num(k)+")")
	// Under the ellipse, never past the map's sides; above it where the
	// x axis's labels are in the way; left out on a map too short for both.
	a := pn.area
	half := textWidth(label, size)/2 + 4*u
	x := math.Max(a.X+half, math.Min(cur.X, a.X+a.W-half))
	y := cur.Y + math.Max(ry, r) + 12*u
	if floor := a.Y + a.H - 10*u - f.lay.font*0.4 - 2*u; y+size/2 > floor {
		y = cur.Y - math.Max(ry, r) - 12*u
		if y-size/2 < a.Y+2*u {
			return
		}
	}
	f.label(l, render.Pt{X: x, Y: y}, label, size, render.AlignCenter, pal.Muted)
}

// drawTurnedEllipse draws, in the rotation figure, where a unit gradient's
// next step would land from the current point, whatever its direction: for
// diagonal AdaGrad the ellipse with half-axes η/√(G+ε) along x and y, for
// full-matrix AdaGrad the one along G's eigenvectors (sim's StepEllipse).
// Each is magnified by its own round factor, shown in the map's corner: the
// two differ in size by a hundred times or more, and what the figure shows
// is their shapes and turns.
func (f *Figure) drawTurnedEllipse(l *render.Layer, pn panel, t *track, cur render.Pt) {
	st := t.run.State()
	if st.Step == 0 && f.v.G0 == 0 {
		return // G = 0: every direction has the rate η/√ε, no ellipse to speak of
	}
	u, pal := f.lay.unit, f.pal
	r1, r2, angle := stepEllipse(t)
	k := f.turnedMagnifier(pn, math.Max(r1, r2))
	limit := 3 * (pn.area.W + pn.area.H)
	s := pn.t.Scale() * k
	c := f.color(t)
	l.Ellipse(cur, math.Min(r1*s, limit), math.Min(r2*s, limit), -angle, 2*u, c, c.WithAlpha(40))
	// Named in the map's top-right corner, where the turned valley leaves
	// room: beside the ellipse the label would cover the minimum's.
	label := "step ellipse"
	if k != 1 {
		label += " ×" + Num(k)
	}
	size := f.lay.font * 0.85
	f.label(l, render.Pt{X: pn.area.X + pn.area.W - 8*u, Y: pn.area.Y + 12*u}, label, size, render.AlignRight, pal.Muted)
}

// stepEllipse is the run's step ellipse: half-axes and the direction of the
// first, in radians in world coordinates.
func stepEllipse(t *track) (r1, r2, angle float64) {
	if full, ok := t.run.Optimizer().(*sim.AdaGradFullOpt); ok {
		return full.StepEllipse()
	}
	st := t.run.State()
	return st.Rate[0], st.Rate[1], 0
}

// turnedMagnifier is a round factor (…, 0.5, 1, 2, 5, …) that draws a
// half-axis of length big at 20 to 50 CSS pixels.
func (f *Figure) turnedMagnifier(pn panel, big float64) float64 {
	px := big * pn.t.Scale() / f.lay.unit
	if !(px > 0) || math.IsInf(px, 0) {
		return 1
	}
	k := math.Pow(10, math.Floor(math.Log10(20/px)))
	for _, m := range []float64{1, 2, 5, 10} {
		if px*k*m >= 20 {
			return k * m
		}
	}
	return k * 10
}

// ellipseMagnifier is a round factor (1, 2, 5, 10, …) that makes SGD's
// circle at least about 36 CSS pixels across.
func (f *Figure) ellipseMagnifier(pn panel) float64 {
	px := f.v.SGDLR * pn.t.Scale() / f.lay.unit
	k := 1.0
	for _, step := range []float64{2, 2.5, 2} {
		if px*k >= 18 {
			break
		}
		k *= step
	}
	for px*k < 18 && k < 1e6 {
		k *= 10
	}
	return k
}

// drawTrailEllipses draws a few faint ellipses along the path, so the
// squashing can be seen to grow.
func (f *Figure) drawTrailEllipses(l *render.Layer, pn panel, trail []sim.Sample) {
	if len(trail) < 3 {
		return
	}
	s := pn.t.Scale() * f.ellipseMagnifier(pn)
	limit := math.Min(pn.area.W, pn.area.H) / 3
	c := f.pal.AdaGrad.WithAlpha(70)
	every := max(1, len(trail)/8)
	for i := 1; i < len(trail)-1; i += every {
		p := trail[i]
		rx, ry := p.RateX*s, p.RateY*s
		if p.Step == 0 || rx > limit || ry > limit {
			continue // an ellipse larger than the map tells nothing
		}
		l.Ellipse(pn.t.ToScreen(render.Pt{X: p.X, Y: p.Y}), rx, ry, 0, 1*f.lay.unit, c, render.Color{})
	}
}

// circlePts fills buf with a circle's outline, for a dashed circle.
func circlePts(buf *[]render.Pt, c render.Pt, r float64) []render.Pt {
	n := 72
	*buf = (*buf)[:0]
	for i := 0; i <= n; i++ {
		a := 2 * math.Pi * float64(i) / float64(n)
		*buf = append(*buf, render.Pt{X: c.X + r*math.Cos(a), Y: c.Y + r*math.Sin(a)})
	}
	return *buf
}

// plotFrame leaves room for a title, tick labels and axis labels inside r.
func (f *Figure) plotFrame(r render.Rect) render.Rect {
	u := f.lay.unit
	return f.axisStyle().Inner(render.Rect{X: r.X, Y: r.Y + 14*u, W: r.W, H: r.H - 14*u})
}

// series is one line of a plot.
type series struct {
	label  string
	color  render.Color
	dashed bool
	value  func(s *sim.Sample) float64
	trail  []sim.Sample
}

// drawSeriesPlot draws lines against the step on a log-y plot, with the
// title above and a legend along the top inside the frame. Samples at step
// 0 are left out when skipFirst is set (a rate before any gradient is seen
// is only η/√ε).
func (f *Figure) drawSeriesPlot(l *render.Layer, r render.Rect, title []string, lines []series, skipFirst bool) {
	u, pal := f.lay.unit, f.pal
	// A plot needs about one sample per four CSS pixels of its width: its
	// lines are two pixels wide and the curves smooth, so straight pieces
	// that long look the same. Take every k-th sample (and always the last),
	// each read once into f.vals, series after series. Each point costs the
	// page time: while the start is dragged in the freeze figure, one per
	// pixel made the rate plot 1.2 ms of a 2.1 ms frame.
	frame := f.plotFrame(r)
	perSeries := int(math.Max(frame.W/u/4, 1))
	f.vals = f.vals[:0]
	ends := make([]int, 0, 8)
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range lines {
		sr := &lines[i]
		tr := sr.trail
		if skipFirst && len(tr) > 1 && tr[0].Step == 0 {
			tr = tr[1:]
		}
		k := max(1, len(tr)/perSeries)
		for j := 0; j < len(tr); j += k {
			if j+k >= len(tr) {
				j = len(tr) - 1 // the newest sample ends every line
			}
			v := sr.value(&tr[j])
			if v > 0 && v < math.MaxFloat64 {
				lo, hi = min(lo, v), max(hi, v)
			}
			f.vals = append(f.vals, render.Pt{X: float64(tr[j].Step), Y: v})
		}
		ends = append(ends, len(f.vals))
	}
	if !(hi > 0) {
		lo, hi = 0.1, 10
	}
	lo, hi = math.Pow(10, math.Floor(math.Log10(lo))), math.Pow(10, math.Ceil(math.Log10(hi)))
	if hi/lo > 1e16 {
		lo = hi / 1e16
	}
	xmax := float64(max(f.step, 20))
	p := render.Plot{Frame: frame, XMin: 0, XMax: xmax, YMin: lo, YMax: hi, LogY: true}
	st := f.axisStyle()
	st.YTicks = max(2, int(frame.H/(18*u))) // labels no closer than 18 px
	p.Axes(l, "step", "", st)
	l.Text(render.Pt{X: r.X + 6*u, Y: r.Y + 11*u}, fit(r.W-12*u, f.lay.font, title...), f.lay.font, render.AlignLeft, pal.Text)
	// The legend runs right to left along the top, on as many rows as it needs.
	size := f.lay.font * 0.85
	right := frame.X + frame.W - 6*u
	lx, ly := right, frame.Y+10*u
	for i := len(lines) - 1; i >= 0; i-- {
		sr := &lines[i]
		from := 0
		if i > 0 {
			from = ends[i-1]
		}
		vals := f.vals[from:ends[i]]
		f.pts = p.Points(f.pts[:0], len(vals), func(i int) (float64, float64) { return vals[i].X, vals[i].Y })
		// A third of a pixel off is invisible in a 2 px line, and a smooth
		// curve then needs a point every few pixels, not every one.
		f.pts = render.Simplify(f.pts, 0.3*u)
		if sr.dashed {
			l.Dashed(f.pts, 2*u, 10*u, sr.color)
		} else {
			l.Polyline(f.pts, 2*u, sr.color)
		}
		w := textWidth(sr.label, size)*1.1 + 38*u // the estimate runs short for capitals
		if lx-w < frame.X+6*u && lx < right {
			lx, ly = right, ly+16*u
		}
		lx -= w
		f.scratch = append(f.scratch[:0], render.Pt{X: lx, Y: ly}, render.Pt{X: lx + 20*u, Y: ly})
		if sr.dashed {
			l.Dashed(f.scratch, 2*u, 8*u, sr.color)
		} else {
			l.Polyline(f.scratch, 2*u, sr.color)
		}
		l.Text(render.Pt{X: lx + 24*u, Y: ly}, sr.label, size, render.AlignLeft, pal.Text)
	}
}

func (f *Figure) axisStyle() render.AxisStyle {
	st := render.DefaultAxisStyle(f.pal, f.lay.unit)
	st.Font = f.lay.font * 0.85
	return st
}

// drawLossPlot compares the runs' losses against the step.
func (f *Figure) drawLossPlot(l *render.Layer, r render.Rect) {
	var lines []series
	for _, t := range f.tracks {
		lines = append(lines, series{label: t.name, color: f.color(t), trail: t.run.Trail(),
			value: func(s *sim.Sample) float64 { return s.Loss }})
	}
	f.drawSeriesPlot(l, r, []string{"loss f(x, y), log scale", "loss (log)"}, lines, false)
}

// drawRatePlot shows each coordinate's effective rate falling (AdaGrad) or
// holding (RMSProp).
func (f *Figure) drawRatePlot(l *render.Layer, r render.Rect) {
	var lines []series
	for _, t := range f.tracks {
		c := f.color(t)
		lines = append(lines,
			series{label: t.name + " x", color: c, trail: t.run.Trail(), value: func(s *sim.Sample) float64 { return s.RateX }},
			series{label: t.name + " y", color: c, dashed: true, trail: t.run.Trail(), value: func(s *sim.Sample) float64 { return s.RateY }})
	}
	f.drawSeriesPlot(l, r, []string{"effective rate per coordinate, log scale", "effective rate (log)", "rate (log)"}, lines, true)
}

// adaGrad is the figure's AdaGrad run, or nil.
func (f *Figure) adaGrad() *track {
	for _, t := range f.tracks {
		if t.cfg.Method == sim.AdaGrad {
			return t
		}
	}
	return nil
}

// drawBars draws AdaGrad's accumulator as two squares whose sides are √G_x
// and √G_y: the side is exactly what divides η.
func (f *Figure) drawBars(l *render.Layer, r render.Rect) {
	u, pal := f.lay.unit, f.pal
	ada := f.adaGrad()
	if ada == nil {
		return
	}
	st := ada.run.State()
	l.Text(render.Pt{X: r.X + 6*u, Y: r.Y + 11*u}, fit(r.W-12*u, f.lay.font,
		"AdaGrad's memory G (square side √G)", "memory G (side √G)", "G"), f.lay.font, render.AlignLeft, pal.Text)
	if len(st.G) < 2 {
		return
	}
	room := math.Min(r.H-70*u, (r.W-30*u)/2)
	if room < 8*u {
		return
	}
	shown := ada.rateShown()
	sx, sy := math.Sqrt(st.G[0]), math.Sqrt(st.G[1])
	big := math.Max(math.Max(sx, sy), 1e-12)
	base := r.Y + r.H - 40*u
	for i, side := range []float64{sx, sy} {
		px := math.Max(side/big*room, 1*u)
		cx := r.X + r.W*(0.28+0.44*float64(i))
		sq := render.Rect{X: cx - px/2, Y: base - px, W: px, H: px}
		l.FillRect(sq, pal.Accum.WithAlpha(70))
		l.StrokeRect(sq, 1.5*u, pal.Accum)
		name := "G_x = "
		rate := "rate x: "
		if i == 1 {
			name, rate = "G_y = ", "rate y: "
		}
		value := "—" // not yet: no gradient seen
		if shown {
			value = Num(st.Rate[i])
		}
		// The labels share the width: each keeps to its own column, in
		// shorter words when it must.
		col := r.W*0.44 - 6*u
		size := f.lay.font * 0.9
		name = fit(col, size, name+Num(st.G[i]), Num(st.G[i]))
		rate = fit(col, size, rate+value, value)
		if w := math.Max(textWidth(name, size), textWidth(rate, size)); w > col {
			size = math.Max(size*col/w, f.lay.font*0.6)
		}
		l.Text(render.Pt{X: cx, Y: base + 11*u}, name, size, render.AlignCenter, pal.Accum)
		l.Text(render.Pt{X: cx, Y: base + 27*u}, rate, size, render.AlignCenter, pal.AdaGrad)
	}
}

// stripSteps is how many of the latest steps the sparse strip shows.
const stripSteps = 80

// drawStrip plots, for the latest steps, AdaGrad's true ∂f/∂y (a line) and
// the y-gradient it actually received (dots; hollow where it was zeroed),
// against the real step numbers. Step t uses the gradient at x_{t−1}: the
// trail's sample at step s holds the true gradient the next step starts
// from (GY) and the one its own step received (UsedY).
func (f *Figure) drawStrip(l *render.Layer, r render.Rect) {
	u, pal := f.lay.unit, f.pal
	l.Text(render.Pt{X: r.X + 6*u, Y: r.Y + 11*u}, fit(r.W-12*u, f.lay.font,
		"AdaGrad's true ∂f/∂y (line) and the g_y it received (dots; hollow = zeroed)",
		"true ∂f/∂y (line), received g_y (dots; hollow = 0)", "∂f/∂y and received g_y"), f.lay.font, render.AlignLeft, pal.Text)
	var trail []sim.Sample
	if ada := f.adaGrad(); ada != nil {
		trail = ada.run.Trail()
	}
	hi := max(f.step, stripSteps)
	lo := hi - stripSteps
	first := len(trail)
	for first > 0 && trail[first-1].Step+1 > lo {
		first--
	}
	trail = trail[first:]
	big := 1e-12
	for i := range trail {
		big = math.Max(big, math.Max(math.Abs(trail[i].GY), math.Abs(trail[i].UsedY)))
	}
	p := render.Plot{Frame: f.plotFrame(r), XMin: float64(lo), XMax: float64(hi), YMin: -big * 1.1, YMax: big * 1.1}
	p.Axes(l, "step", "", f.axisStyle())
	f.pts = f.pts[:0]
	for i := range trail {
		if s := &trail[i]; s.Step+1 <= hi {
			f.pts = append(f.pts, p.ToScreen(float64(s.Step+1), s.GY))
		}
	}
	l.Polyline(f.pts, 1.5*u, pal.Grad)
	for i := range trail {
		s := &trail[i]
		if s.Step == 0 || s.Step < lo {
			continue
		}
		q := p.ToScreen(float64(s.Step), s.UsedY)
		if s.UsedY == 0 {
			l.Circle(q, 3*u, 1.2*u, pal.Muted)
		} else {
			l.Disc(q, 3*u, pal.AdaGrad)
		}
	}
}
