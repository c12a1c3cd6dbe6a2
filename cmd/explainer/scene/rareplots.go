package scene

import (
	"math"

	"github.com/adagrad-explained/adagrad/render"
	"github.com/adagrad-explained/adagrad/sim/rare"
)

// The rare-words figure's three plots: (a) held-out loss against the
// examples seen, (b) the learners' rates against a word's frequency rank,
// (c) how much of each frequency band's weight error is left.

// legendItem is one entry of a plot's legend.
type legendItem struct {
	label  string
	color  render.Color
	dashed bool
}

// drawPlotLegend writes items in a row (more rows when the frame is narrow)
// inside frame: at its top or bottom, from its left or right edge.
func (f *Figure) drawPlotLegend(l *render.Layer, frame render.Rect, items []legendItem, bottom, left bool) {
	u, size := f.lay.unit, f.lay.font*0.85
	rowH := 16 * u
	// Lay the entries out on rows first, to know how many rows there are.
	type placed struct {
		item legendItem
		x, w float64
		row  int
	}
	var out [4]placed
	n, row, used := 0, 0, 0.0
	room := frame.W - 12*u
	for _, it := range items {
		w := textWidth(it.label, size)*1.1 + 38*u // the estimate runs short for capitals, as in drawSeriesPlot
		if used > 0 && used+w > room {
			row, used = row+1, 0
		}
		out[n] = placed{it, used, w, row}
		used += w
		n++
	}
	rows := float64(row + 1)
	for _, p := range out[:n] {
		y := frame.Y + 10*u + float64(p.row)*rowH
		if bottom {
			y = frame.Y + frame.H - 10*u - (rows-1-float64(p.row))*rowH
		}
		x := frame.X + 6*u + p.x
		if !left {
			// Right-aligned rows: measure this entry's row.
			end := 0.0
			for _, q := range out[:n] {
				if q.row == p.row {
					end = math.Max(end, q.x+q.w)
				}
			}
			x = frame.X + frame.W - 6*u - end + p.x
		}
		f.scratch = append(f.scratch[:0], render.Pt{X: x, Y: y}, render.Pt{X: x + 20*u, Y: y})
		l.FillRect(render.Rect{X: x - 2*u, Y: y - 8*u, W: p.w - 6*u, H: 16 * u}, f.pal.Panel.WithAlpha(215))
		if p.item.dashed {
			l.Dashed(f.scratch, 2*u, 8*u, p.item.color)
		} else {
			l.Polyline(f.scratch, 2*u, p.item.color)
		}
		l.Text(render.Pt{X: x + 24*u, Y: y}, p.item.label, size, render.AlignLeft, f.pal.Text)
	}
}

// drawRare draws the three plots into their own clipped layers.
func (f *Figure) drawRare(fr *Frame) {
	if f.rare == nil {
		return
	}
	bands := f.rare.now()
	if r := f.lay.rare[0]; r.W > 0 {
		f.drawRareLoss(fr.Next(r), r)
	}
	if r := f.lay.rare[1]; r.W > 0 {
		f.drawRareRates(fr.Next(r), r, bands)
	}
	if r := f.lay.rare[2]; r.W > 0 {
		f.drawRareErrors(fr.Next(r), r, bands)
	}
}

// rareTitles are the plots' titles, longest first: each plot shows the
// longest that fits.
var rareTitles = [3][]string{
	{"held-out loss (a simulated test set)", "held-out loss", "loss"},
	{"rate per word by frequency rank (log–log)", "rate by frequency rank", "rate"},
	{"weight error left by frequency rank (1 = untrained)", "error left (1 = untrained)", "error left"},
}

// drawRareTitles writes the plots' titles into the background.
func (f *Figure) drawRareTitles(l *render.Layer) {
	u := f.lay.unit
	for i, r := range f.lay.rare {
		if r.W > 0 {
			l.Text(render.Pt{X: r.X + 6*u, Y: r.Y + 11*u}, fit(r.W-12*u, f.lay.font, rareTitles[i]...), f.lay.font, render.AlignLeft, f.pal.Text)
		}
	}
}

// drawRareLoss: (a) both learners' held-out loss against the examples
// seen, on a linear axis (the losses span less than a decade, where a log
// axis would have no tick at all), with the true weights' loss dashed.
func (f *Figure) drawRareLoss(l *render.Layer, r render.Rect) {
	u, pal, m := f.lay.unit, f.pal, f.rare.m
	curve := m.Curve()
	floor := m.Floor()
	hi := math.Ln2
	for _, p := range curve {
		hi = math.Max(hi, math.Max(p.Loss[0], p.Loss[1]))
	}
	lo := floor
	for _, p := range curve {
		lo = math.Min(lo, math.Min(p.Loss[0], p.Loss[1]))
	}
	// The held-out loss is measured every Horizon/100 examples. Paused, the
	// line runs on to the loss now; playing, it ends at the newest
	// measurement, which at speed is about a frame old: measuring the whole
	// test set again every frame would cost more than the examples it shows.
	now := curve[len(curve)-1]
	if !f.playing {
		now = rare.Point{Step: m.Seen(), Loss: m.Loss()}
	}
	cur := now.Loss
	lo, hi = math.Min(lo, math.Min(cur[0], cur[1])), math.Max(hi, math.Max(cur[0], cur[1]))
	hi = math.Min(hi, 10*math.Ln2) // a diverging learner runs along the top
	span := hi - lo
	frame := f.plotFrame(r)
	// In thousands of examples: "20000" would not fit under the frame's
	// right edge.
	p := render.Plot{Frame: frame, XMin: 0, XMax: float64(max(f.step, rareHorizon)) / 1000,
		YMin: math.Max(0, lo-0.15*span), YMax: hi + 0.25*span}
	st := f.axisStyle()
	st.YTicks = max(2, min(5, int(frame.H/(22*u))))
	st.XTicks = max(2, min(5, int(frame.W/(60*u))))
	p.Axes(l, "thousand examples seen", "", st)
	f.scratch = append(f.scratch[:0], p.ToScreen(0, floor), p.ToScreen(p.XMax, floor))
	l.Dashed(f.scratch, 1.5*u, 10*u, pal.Muted)
	n := len(curve)
	if n > 0 && curve[n-1].Step == now.Step {
		n--
	}
	at := func(i int) rare.Point {
		if i < n {
			return curve[i]
		}
		return now
	}
	for k, c := range [2]render.Color{pal.SGD, pal.AdaGrad} {
		f.pts = p.Points(f.pts[:0], n+1, func(i int) (float64, float64) {
			q := at(i)
			return float64(q.Step) / 1000, q.Loss[k]
		})
		l.Polyline(f.pts, 2*u, c)
		l.Disc(p.ToScreen(float64(now.Step)/1000, now.Loss[k]), 3.5*u, c)
	}
	f.drawPlotLegend(l, frame, []legendItem{{"SGD", pal.SGD, false}, {"AdaGrad", pal.AdaGrad, false},
		{fit(frame.W-150*u, f.lay.font*0.85, "best possible (true weights)", "best possible", "best"), pal.Muted, true}}, false, false)
}

// bandRank is where a band is drawn on a rank axis: the geometric middle
// of its ranks.
func bandRank(b rare.Band) float64 { return math.Sqrt(float64(b.FirstRank) * float64(b.LastRank)) }

// drawRareRates: (b) each learner's rate per frequency band against the
// band's rank, log–log: SGD's η for every word, AdaGrad's η/√(G+ε) (the
// geometric mean over the band's words seen so far).
func (f *Figure) drawRareRates(l *render.Layer, r render.Rect, bands []rare.Band) {
	u, pal := f.lay.unit, f.pal
	c := f.rare.m.Config()
	lo, hi := c.SGDLR, c.SGDLR
	for _, b := range bands {
		if b.Seen > 0 {
			lo, hi = math.Min(lo, b.Rate[1]), math.Max(hi, b.Rate[1])
		}
	}
	// Whole decades, with room so that no dot sits on the frame's edge.
	lo, hi = math.Pow(10, math.Floor(math.Log10(lo/1.3))), math.Pow(10, math.Ceil(math.Log10(hi*1.3)))
	if hi/lo < 100 {
		lo, hi = lo/10, hi*10
	}
	frame := f.plotFrame(r)
	p := render.Plot{Frame: frame, XMin: 1, XMax: float64(c.Vocab), YMin: lo, YMax: hi, LogX: true, LogY: true}
	st := f.axisStyle()
	st.YTicks = max(2, int(frame.H/(18*u)))
	st.XTicks = max(2, int(frame.W/(34*u)))
	p.Axes(l, "frequency rank (1 = most frequent)", "", st)
	f.scratch = append(f.scratch[:0], p.ToScreen(1, c.SGDLR), p.ToScreen(float64(c.Vocab), c.SGDLR))
	l.Polyline(f.scratch, 2*u, pal.SGD)
	f.pts = f.pts[:0]
	for _, b := range bands {
		if b.Seen > 0 {
			f.pts = append(f.pts, p.ToScreen(bandRank(b), b.Rate[1]))
		}
	}
	l.Polyline(f.pts, 2*u, pal.AdaGrad)
	for _, q := range f.pts {
		l.Disc(q, 3*u, pal.AdaGrad)
	}
	f.drawPlotLegend(l, frame, []legendItem{{"AdaGrad η/√G", pal.AdaGrad, false}, {"SGD η", pal.SGD, false}}, false, true)
}

// drawRareErrors: (c) for each frequency band, the root-mean-square
// distance of each learner's weights from the true ones, as a fraction of
// that distance for untrained (all-zero) weights: 1 is nothing learnt.
// The fraction takes out how large the band's true weights happen to be,
// which for the bands of a word or two is most of what the raw error shows.
func (f *Figure) drawRareErrors(l *render.Layer, r render.Rect, bands []rare.Band) {
	u, pal := f.lay.unit, f.pal
	c := f.rare.m.Config()
	hi := 1.0
	for i, b := range bands {
		for k := range b.Error {
			hi = math.Max(hi, rareErrorLeft(b, f.rare.start[i], k))
		}
	}
	frame := f.plotFrame(r)
	p := render.Plot{Frame: frame, XMin: 1, XMax: float64(c.Vocab), YMin: 0, YMax: math.Min(hi, 3) * 1.08, LogX: true}
	st := f.axisStyle()
	st.YTicks = max(2, min(5, int(frame.H/(22*u))))
	st.XTicks = max(2, int(frame.W/(34*u)))
	p.Axes(l, "frequency rank (1 = most frequent)", "", st)
	f.scratch = append(f.scratch[:0], p.ToScreen(1, 1), p.ToScreen(float64(c.Vocab), 1))
	l.Dashed(f.scratch, 1.5*u, 10*u, pal.Muted)
	for k, col := range [2]render.Color{pal.SGD, pal.AdaGrad} {
		f.pts = f.pts[:0]
		for i, b := range bands {
			f.pts = append(f.pts, p.ToScreen(bandRank(b), rareErrorLeft(b, f.rare.start[i], k)))
		}
		l.Polyline(f.pts, 2*u, col)
	}
	f.drawPlotLegend(l, frame, []legendItem{{"SGD", pal.SGD, false}, {"AdaGrad", pal.AdaGrad, false}}, true, false)
}

// rareErrorLeft is learner k's error in band b as a fraction of the
// untrained error in the same band (start); 1 when that is 0.
func rareErrorLeft(b, start rare.Band, k int) float64 {
	if !(start.Error[k] > 0) {
		return 1
	}
	return b.Error[k] / start.Error[k]
}
