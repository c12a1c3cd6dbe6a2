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

// rareScales are the three plots' coordinates: (a) loss, (b) rates,
// (c) errors. They follow the model (the losses' range, the rates' whole
// decades, the errors' range, the examples seen beyond the horizon) but
// change seldom, so the axes, most of a plot's drawing, go into the cached
// background, drawn again when the scales change, and a frame draws only
// the lines, their dots and the legends.
type rareScales struct {
	plots [3]render.Plot
	// The background's lines that are not axes: SGD's rate, and the true
	// weights' loss.
	sgdLR, floor float64
}

// syncRareScales brings the scales in line with the model, and marks the
// background stale when they moved. It returns the model's bands now, which
// it read for the scales (in the figure's scratch slice).
func (f *Figure) syncRareScales() []rare.Band {
	if f.rare == nil {
		return nil
	}
	s := rareScales{sgdLR: f.rare.m.Config().SGDLR, floor: f.rare.m.Floor()}
	bands := f.rare.now()
	if r := f.lay.rare[0]; r.W > 0 {
		s.plots[0] = f.rareLossScale(f.plotFrame(r))
	}
	if r := f.lay.rare[1]; r.W > 0 {
		s.plots[1] = f.rareRateScale(f.plotFrame(r), bands)
	}
	if r := f.lay.rare[2]; r.W > 0 {
		s.plots[2] = f.rareErrorScale(f.plotFrame(r), bands)
	}
	if s != f.rare.scales {
		f.rare.scales = s
		f.staticV++
	}
	return bands
}

// drawRareAxes draws the plots' axes and the lines that do not move into
// the background.
func (f *Figure) drawRareAxes(fr *Frame) {
	if f.rare == nil {
		return
	}
	f.syncRareScales()
	u, pal, sc, vocab := f.lay.unit, f.pal, f.rare.scales, float64(f.rare.m.Config().Vocab)
	for i, r := range f.lay.rare {
		if r.W <= 0 {
			continue
		}
		l, p := fr.Next(r), sc.plots[i]
		st := f.axisStyle()
		switch i {
		case 0:
			st.YTicks = max(2, min(5, int(p.Frame.H/(22*u))))
			st.XTicks = max(2, min(5, int(p.Frame.W/(60*u))))
			p.Axes(l, "thousand examples seen", "", st)
			f.scratch = append(f.scratch[:0], p.ToScreen(0, sc.floor), p.ToScreen(p.XMax, sc.floor))
			l.Dashed(f.scratch, 1.5*u, 10*u, pal.Muted)
		case 1:
			st.YTicks = max(2, int(p.Frame.H/(18*u)))
			st.XTicks = max(2, int(p.Frame.W/(34*u)))
			p.Axes(l, "frequency rank (1 = most frequent)", "", st)
			f.scratch = append(f.scratch[:0], p.ToScreen(1, sc.sgdLR), p.ToScreen(vocab, sc.sgdLR))
			l.Polyline(f.scratch, 2*u, pal.SGD)
		case 2:
			st.YTicks = max(2, min(5, int(p.Frame.H/(22*u))))
			st.XTicks = max(2, int(p.Frame.W/(34*u)))
			p.Axes(l, "frequency rank (1 = most frequent)", "", st)
			f.scratch = append(f.scratch[:0], p.ToScreen(1, 1), p.ToScreen(vocab, 1))
			l.Dashed(f.scratch, 1.5*u, 10*u, pal.Muted)
		}
	}
}

// drawRare draws what moves in the three plots, each into its own clipped
// layer, on the scales the background holds.
func (f *Figure) drawRare(fr *Frame) {
	if f.rare == nil {
		return
	}
	bands := f.syncRareScales()
	if r := f.lay.rare[0]; r.W > 0 {
		f.drawRareLoss(fr.Next(r), f.rare.scales.plots[0])
	}
	if r := f.lay.rare[1]; r.W > 0 {
		f.drawRareRates(fr.Next(r), f.rare.scales.plots[1], bands)
	}
	if r := f.lay.rare[2]; r.W > 0 {
		f.drawRareErrors(fr.Next(r), f.rare.scales.plots[2], bands)
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

// rareNow is the newest point of the held-out loss curve. Paused, it is
// the loss now; playing, the newest measurement, which at speed is about a
// frame old: measuring the whole test set again every frame would cost
// more than the examples it shows. (The loss is measured every
// Horizon/100 examples.)
func (f *Figure) rareNow() rare.Point {
	m := f.rare.m
	if f.playing {
		curve := m.Curve()
		return curve[len(curve)-1]
	}
	return rare.Point{Step: m.Seen(), Loss: m.Loss()}
}

// rareLossScale is plot (a)'s scale: the held-out loss, on a linear axis
// (the losses span less than a decade, where a log axis would have no tick
// at all), against thousands of examples seen ("20000" would not fit under
// the frame's right edge). It runs from a little below the true weights'
// loss to a little above ln 2, where every curve starts, and holds still
// while the learners go between the two; a learner that leaves that range
// widens it in steps of half its height, so that the axes move now and
// then, not at every measurement.
func (f *Figure) rareLossScale(frame render.Rect) render.Plot {
	m := f.rare.m
	floor := m.Floor()
	span := math.Max(math.Ln2-floor, 1e-3)
	lo, hi := math.Max(0, floor-0.15*span), math.Ln2+0.25*span
	dlo, dhi := lo, hi
	for _, p := range m.Curve() {
		dlo, dhi = math.Min(dlo, math.Min(p.Loss[0], p.Loss[1])), math.Max(dhi, math.Max(p.Loss[0], p.Loss[1]))
	}
	cur := f.rareNow().Loss
	dlo, dhi = math.Min(dlo, math.Min(cur[0], cur[1])), math.Max(dhi, math.Max(cur[0], cur[1]))
	step := span / 2
	lo = math.Max(0, lo-math.Ceil((lo-dlo)/step)*step)
	hi = math.Min(hi+math.Ceil((dhi-hi)/step)*step, 10*math.Ln2) // a diverging learner runs along the top
	return render.Plot{Frame: frame, XMin: 0, XMax: float64(max(f.step, rareHorizon)) / 1000, YMin: lo, YMax: hi}
}

// drawRareLoss: (a) both learners' held-out loss against the examples
// seen, with the true weights' loss dashed (in the background).
func (f *Figure) drawRareLoss(l *render.Layer, p render.Plot) {
	u, pal, m := f.lay.unit, f.pal, f.rare.m
	curve := m.Curve()
	now := f.rareNow()
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
	f.drawPlotLegend(l, p.Frame, []legendItem{{"SGD", pal.SGD, false}, {"AdaGrad", pal.AdaGrad, false},
		{fit(p.Frame.W-150*u, f.lay.font*0.85, "best possible (true weights)", "best possible", "best"), pal.Muted, true}}, false, false)
}

// bandRank is where a band is drawn on a rank axis: the geometric middle
// of its ranks.
func bandRank(b rare.Band) float64 { return math.Sqrt(float64(b.FirstRank) * float64(b.LastRank)) }

// rareRateScale is plot (b)'s scale, log–log: the rates in whole decades,
// with room so that no dot sits on the frame's edge, against the rank.
func (f *Figure) rareRateScale(frame render.Rect, bands []rare.Band) render.Plot {
	c := f.rare.m.Config()
	lo, hi := c.SGDLR, c.SGDLR
	for _, b := range bands {
		if b.Seen > 0 {
			lo, hi = math.Min(lo, b.Rate[1]), math.Max(hi, b.Rate[1])
		}
	}
	lo, hi = math.Pow(10, math.Floor(math.Log10(lo/1.3))), math.Pow(10, math.Ceil(math.Log10(hi*1.3)))
	if hi/lo < 100 {
		lo, hi = lo/10, hi*10
	}
	return render.Plot{Frame: frame, XMin: 1, XMax: float64(c.Vocab), YMin: lo, YMax: hi, LogX: true, LogY: true}
}

// drawRareRates: (b) each learner's rate per frequency band against the
// band's rank: SGD's η for every word (a line in the background),
// AdaGrad's η/√(G+ε) (the geometric mean over the band's words seen so far).
func (f *Figure) drawRareRates(l *render.Layer, p render.Plot, bands []rare.Band) {
	u, pal := f.lay.unit, f.pal
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
	f.drawPlotLegend(l, p.Frame, []legendItem{{"AdaGrad η/√G", pal.AdaGrad, false}, {"SGD η", pal.SGD, false}}, false, true)
}

// rareErrorScale is plot (c)'s scale: from 0 to 1.5 (1 is nothing learnt)
// against the rank, log. A band whose error goes beyond that (a frequent
// word's weight overshooting, early on) raises the top in steps of 0.5, up
// to 3: the top follows the largest error now, and it came and went with
// every other frame when it followed it exactly.
func (f *Figure) rareErrorScale(frame render.Rect, bands []rare.Band) render.Plot {
	hi := 1.5
	for i, b := range bands {
		for k := range b.Error {
			hi = math.Max(hi, rareErrorLeft(b, f.rare.start[i], k))
		}
	}
	hi = math.Min(math.Ceil(hi*2)/2, 3)
	return render.Plot{Frame: frame, XMin: 1, XMax: float64(f.rare.m.Config().Vocab), YMin: 0, YMax: hi * 1.08, LogX: true}
}

// drawRareErrors: (c) for each frequency band, the root-mean-square
// distance of each learner's weights from the true ones, as a fraction of
// that distance for untrained (all-zero) weights: 1 is nothing learnt
// (dashed, in the background). The fraction takes out how large the band's
// true weights happen to be, which for the bands of a word or two is most
// of what the raw error shows.
func (f *Figure) drawRareErrors(l *render.Layer, p render.Plot, bands []rare.Band) {
	u, pal := f.lay.unit, f.pal
	for k, col := range [2]render.Color{pal.SGD, pal.AdaGrad} {
		f.pts = f.pts[:0]
		for i, b := range bands {
			f.pts = append(f.pts, p.ToScreen(bandRank(b), rareErrorLeft(b, f.rare.start[i], k)))
		}
		l.Polyline(f.pts, 2*u, col)
	}
	f.drawPlotLegend(l, p.Frame, []legendItem{{"SGD", pal.SGD, false}, {"AdaGrad", pal.AdaGrad, false}}, true, false)
}

// rareErrorLeft is learner k's error in band b as a fraction of the
// untrained error in the same band (start); 1 when that is 0.
func rareErrorLeft(b, start rare.Band, k int) float64 {
	if !(start.Error[k] > 0) {
		return 1
	}
	return b.Error[k] / start.Error[k]
}
