package render

import "math"

// Plot maps data to a screen frame: each axis linear or logarithmic. It
// is a value: set its fields, then draw. Degenerate ranges are widened
// (lo == hi), reordered (lo > hi) or, on a log axis, raised above zero, so
// every mapping is finite.
type Plot struct {
	Frame                  Rect
	XMin, XMax, YMin, YMax float64
	LogX, LogY             bool
}

// AxisStyle is how Plot.Axes draws: colours, line width, tick length and
// font size in px, and how many ticks at most on each axis (0 = 6 on a
// linear x, 5 on a linear y, every decade on a log axis).
type AxisStyle struct {
	Axis, Grid, Label Color // Grid.A == 0: no grid lines
	Width, Tick, Font float64
	XTicks, YTicks    int
}

// DefaultAxisStyle returns quiet axes in pal's colours for a device pixel
// ratio dpr (fonts 11 CSS px).
func DefaultAxisStyle(pal Palette, dpr float64) AxisStyle {
	if !(dpr > 0) || dpr > 16 {
		dpr = 1
	}
	return AxisStyle{Axis: pal.Muted, Grid: pal.Grid, Label: pal.Muted, Width: dpr, Tick: 4 * dpr, Font: 11 * dpr}
}

// Inner returns the frame to give a Plot inside outer so that its tick
// labels and axis labels fit: room on the left for y tick labels, below for
// x tick labels and the x label, above for the y label.
func (s AxisStyle) Inner(outer Rect) Rect {
	f := s.font()
	left := s.Tick + 4.2*f
	bottom := s.Tick + 2.6*f
	top := 1.5 * f
	right := 1.2 * f
	r := Rect{outer.X + left, outer.Y + top, outer.W - left - right, outer.H - top - bottom}
	r.W, r.H = math.Max(r.W, 1), math.Max(r.H, 1)
	return r
}

func (s AxisStyle) font() float64 {
	if !(s.Font > 0) || math.IsInf(s.Font, 0) {
		return 11
	}
	return s.Font
}

// ranges returns the usable ranges of p.
func (p Plot) ranges() (x0, x1, y0, y1 float64) {
	if p.LogX {
		x0, x1 = logRange(p.XMin, p.XMax)
	} else {
		x0, x1 = linRange(p.XMin, p.XMax)
	}
	if p.LogY {
		y0, y1 = logRange(p.YMin, p.YMax)
	} else {
		y0, y1 = linRange(p.YMin, p.YMax)
	}
	return
}

func linRange(lo, hi float64) (float64, float64) {
	switch {
	case !finite(lo) && !finite(hi):
		return 0, 1
	case !finite(lo):
		lo = hi - 1
	case !finite(hi):
		hi = lo + 1
	}
	if lo > hi {
		lo, hi = hi, lo
	}
	if hi-lo <= 1e-12*math.Max(math.Abs(lo), math.Abs(hi)) || hi == lo {
		d := math.Max(0.5, math.Abs(lo)*0.1)
		lo, hi = lo-d, hi+d
	}
	return lo, hi
}

// logRange returns a positive range: hi ≤ 0 gives [0.1, 1], lo ≤ 0 gives
// six decades under hi, lo == hi a decade either side.
func logRange(lo, hi float64) (float64, float64) {
	if lo > hi {
		lo, hi = hi, lo
	}
	if !(hi > 0) || math.IsInf(hi, 0) {
		if lo > 0 && !math.IsInf(lo, 0) {
			return lo, lo * 10
		}
		return 0.1, 1
	}
	if !(lo > 0) {
		lo = hi * 1e-6
	}
	if hi/lo < 1+1e-9 {
		lo, hi = lo/10, hi*10
	}
	return lo, hi
}

// Map returns the screen point of (x, y) and whether it is drawable: false
// for NaN or infinite input, or a value ≤ 0 on a log axis. Points outside the
// ranges are clamped to the frame's edge (a diverging loss runs along the
// top rather than off the canvas).
func (p Plot) Map(x, y float64) (Pt, bool) {
	m := p.mapper()
	return m.Map(x, y)
}

// mapper holds what Map needs, worked out once per series.
type mapper struct {
	fr         Rect
	logX, log  bool
	x0, kx, lx float64 // u = (x − x0)·kx, or ln(x)·kx − lx on a log axis
	y0, ky, ly float64 // v = (y − y0)·ky, or ln(y)·ky − ly on a log axis
}

func (p Plot) mapper() mapper {
	x0, x1, y0, y1 := p.ranges()
	m := mapper{fr: p.Frame, logX: p.LogX, log: p.LogY, x0: x0, kx: 1 / (x1 - x0), y0: y0}
	if p.LogX {
		m.kx = 1 / math.Log(x1/x0)
		m.lx = math.Log(x0) * m.kx
	}
	if p.LogY {
		m.ky = 1 / math.Log(y1/y0)
		m.ly = math.Log(y0) * m.ky
	} else {
		m.ky = 1 / (y1 - y0)
	}
	return m
}

func (m *mapper) Map(x, y float64) (Pt, bool) {
	if !finite(x) || !finite(y) || (m.log && y <= 0) || (m.logX && x <= 0) {
		return Pt{m.fr.X, m.fr.Y + m.fr.H}, false
	}
	var u float64
	if m.logX {
		u = screenLog(x)*m.kx - m.lx
	} else {
		u = (x - m.x0) * m.kx
	}
	var v float64
	if m.log {
		v = screenLog(y)*m.ky - m.ly
	} else {
		v = (y - m.y0) * m.ky
	}
	return Pt{m.fr.X + clamp01(u)*m.fr.W, m.fr.Y + (1-clamp01(v))*m.fr.H}, true
}

// ToScreen is Map without the flag: undrawable input maps to the frame's
// bottom-left corner, never to NaN.
func (p Plot) ToScreen(x, y float64) Pt {
	s, _ := p.Map(x, y)
	return s
}

// Points appends to dst the screen points of n data points (x, y) = at(i),
// ready for Layer.Polyline or Layer.Dashed. An undrawable point (NaN, ±Inf,
// y ≤ 0 on a log axis) becomes one NaN point, which breaks the line there.
// More than two points per pixel column of the frame are thinned to each
// column's highest and lowest point, in their order: the same picture to
// within a pixel, with fewer points for the drawer to stroke.
func (p Plot) Points(dst []Pt, n int, at func(i int) (x, y float64)) []Pt {
	if at == nil || n <= 0 {
		return dst
	}
	m := p.mapper()
	thin := n > int(2*p.Frame.W)+8
	gap := Pt{math.NaN(), math.NaN()}
	col := math.Inf(-1) // current pixel column when thinning
	var lo, hi Pt       // the column's highest and lowest points so far
	var loI, hiI int    // and when they came
	open := false       // a column is pending
	emit := func() {
		if !open {
			return
		}
		a, b := lo, hi
		if hiI < loI {
			a, b = hi, lo
		}
		dst = append(dst, a)
		if b != a {
			dst = append(dst, b)
		}
		open = false
	}
	for i := 0; i < n; i++ {
		q, ok := m.Map(at(i))
		if !ok {
			emit()
			if k := len(dst); k > 0 && dst[k-1].finite() {
				dst = append(dst, gap)
			}
			col = math.Inf(-1)
			continue
		}
		if !thin {
			dst = append(dst, q)
			continue
		}
		if cx := math.Floor(q.X); cx != col || !open {
			emit()
			col = cx
			lo, hi, loI, hiI, open = q, q, i, i, true
			continue
		}
		if q.Y < lo.Y {
			lo, loI = q, i
		}
		if q.Y > hi.Y {
			hi, hiI = q, i
		}
	}
	emit()
	return dst
}

// Series draws ys as a line with x_i = x0 + i·dx (see Points for how bad
// values and long series are handled).
func (p Plot) Series(l *Layer, ys []float64, x0, dx, width float64, c Color) {
	if !finite(x0) || !finite(dx) {
		return
	}
	l.scratch = p.Points(l.scratch[:0], len(ys), func(i int) (float64, float64) { return x0 + float64(i)*dx, ys[i] })
	l.Polyline(l.scratch, width, c)
}

// Line draws the points (xs[i], ys[i]) joined in order (see Points). Extra
// values in the longer slice are ignored.
func (p Plot) Line(l *Layer, xs, ys []float64, width float64, c Color) {
	l.scratch = p.Points(l.scratch[:0], min(len(xs), len(ys)), func(i int) (float64, float64) { return xs[i], ys[i] })
	l.Polyline(l.scratch, width, c)
}

// Axes draws the frame, grid lines, tick marks and tick labels, the x label
// centred under the x tick labels and the y label above the frame's top-left
// corner. Tick labels are cached in the layer, so redrawing the same axes
// allocates nothing.
func (p Plot) Axes(l *Layer, xLabel, yLabel string, st AxisStyle) {
	x0, x1, y0, y1 := p.ranges()
	f := st.font()
	w := st.Width
	if !(w > 0) || math.IsInf(w, 0) {
		w = 1
	}
	tick := st.Tick
	if !(tick >= 0) || math.IsInf(tick, 0) {
		tick = 4
	}
	fr := p.Frame
	bottom, left := fr.Y+fr.H, fr.X

	nx := st.XTicks
	if p.LogX {
		// Decades, like a log y axis; XTicks set thins them as YTicks does.
		l.ticks = thinTicks(AppendLogTicks(l.ticks[:0], x0, x1), nx)
	} else {
		if nx <= 0 {
			nx = max(2, min(6, int(fr.W/(4*f))))
		}
		l.ticks = AppendNiceTicks(l.ticks[:0], x0, x1, nx)
	}
	for _, t := range l.ticks {
		q, ok := p.Map(t, y0)
		if !ok {
			continue
		}
		if st.Grid.A > 0 && q.X > left+w && q.X < left+fr.W-w {
			l.Rule(Pt{q.X, fr.Y}, Pt{q.X, bottom}, w, st.Grid)
		}
		l.Rule(Pt{q.X, bottom}, Pt{q.X, bottom + tick}, w, st.Axis)
		l.Text(Pt{q.X, bottom + tick + 0.75*f}, l.label(t, p.LogX), f, AlignCenter, st.Label)
	}

	if p.LogY {
		// With YTicks set, decades beyond that many are thinned to every k-th.
		l.ticks = thinTicks(AppendLogTicks(l.ticks[:0], y0, y1), st.YTicks)
	} else {
		ny := st.YTicks
		if ny <= 0 {
			ny = max(2, min(5, int(fr.H/(2.2*f))))
		}
		l.ticks = AppendNiceTicks(l.ticks[:0], y0, y1, ny)
	}
	for _, t := range l.ticks {
		q, ok := p.Map(x0, t)
		if !ok {
			continue
		}
		if st.Grid.A > 0 && q.Y > fr.Y+w && q.Y < bottom-w {
			l.Rule(Pt{left, q.Y}, Pt{left + fr.W, q.Y}, w, st.Grid)
		}
		l.Rule(Pt{left - tick, q.Y}, Pt{left, q.Y}, w, st.Axis)
		l.Text(Pt{left - tick - 0.3*f, q.Y}, l.label(t, p.LogY), f, AlignRight, st.Label)
	}

	l.StrokeRect(fr, w, st.Axis)
	l.Text(Pt{left + fr.W/2, bottom + tick + 1.95*f}, xLabel, f, AlignCenter, st.Label)
	l.Text(Pt{left, fr.Y - 0.75*f}, yLabel, f, AlignLeft, st.Label)
}

// thinTicks keeps every k-th of a log axis' decades, the first always, so
// that at most most remain; most ≤ 0 keeps them all.
func thinTicks(ticks []float64, most int) []float64 {
	if most <= 0 {
		return ticks
	}
	k := (len(ticks) + most - 1) / most
	if k <= 1 {
		return ticks
	}
	n := 0
	for i, t := range ticks {
		if i%k == 0 {
			ticks[n] = t
			n++
		}
	}
	return ticks[:n]
}

// tickLabel keys the layer's cache of tick labels.
type tickLabel struct {
	v      float64
	decade bool // written as 10ⁿ (a log axis)
}

// label returns FormatTick(v), or FormatDecade(v) when decade is set, from
// the layer's cache.
func (l *Layer) label(v float64, decade bool) string {
	k := tickLabel{v, decade}
	if s, ok := l.labels[k]; ok {
		return s
	}
	if l.labels == nil || len(l.labels) > 1024 {
		l.labels = make(map[tickLabel]string, 64)
	}
	s := FormatTick(v)
	if decade {
		s = FormatDecade(v)
	}
	l.labels[k] = s
	return s
}

// Bar fills a bar of width w rising h px from base, its bottom-left corner
// (a negative h hangs down from base). Zero or non-finite sizes draw nothing.
func (l *Layer) Bar(base Pt, w, h float64, c Color) {
	if h < 0 {
		l.FillRect(Rect{base.X, base.Y, w, -h}, c)
		return
	}
	l.FillRect(Rect{base.X, base.Y - h, w, h}, c)
}

// clamp01 clamps a finite u to [0, 1] (cheaper than math.Max/Min, which
// also handle NaN and signed zeros).
func clamp01(u float64) float64 {
	if u < 0 {
		return 0
	}
	if u > 1 {
		return 1
	}
	return u
}

// screenLog is the natural logarithm of a positive finite x, to within
// 1e-12 absolute: plenty for a position on a log axis, which spans at
// least ln 10. It is the series of 2·atanh((m−1)/(m+1)) = ln m on the
// mantissa m ∈ [√½, √2], with no call in the way: a plot maps thousands of
// points a frame, and in WebAssembly math.Log (a call, then Frexp) cost
// about three times as much.
func screenLog(x float64) float64 {
	if x < 0x1p-1022 { // subnormal: the exponent field does not hold the scale
		return math.Log(x)
	}
	b := math.Float64bits(x)
	e := float64(int(b>>52&0x7ff) - 1023)
	m := math.Float64frombits(b&(1<<52-1) | 1023<<52) // in [1, 2)
	if m > math.Sqrt2 {
		m, e = m/2, e+1
	}
	s := (m - 1) / (m + 1) // |s| ≤ 0.172
	s2 := s * s
	return e*math.Ln2 + s*(2+s2*(2.0/3+s2*(2.0/5+s2*(2.0/7+s2*(2.0/9+s2*(2.0/11+s2*(2.0/13)))))))
}
