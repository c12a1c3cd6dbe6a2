package scene

import (
	"math"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/render"
)

// layout is where things go on the canvas, in device pixels.
type layout struct {
	unit   float64 // one CSS pixel
	font   float64 // body text size
	panels []panel
	plot   render.Rect    // loss or rate plot; zero when absent
	strip  render.Rect    // sparse figure: true vs received y-gradient
	bars   render.Rect    // accumulator bars
	rare   [3]render.Rect // rare-words figure: loss, rates, errors; zero when absent
}

// panel is one contour map.
type panel struct {
	frame render.Rect      // the whole panel, title included
	area  render.Rect      // the map itself
	t     render.Transform // world <-> screen for the map
	view  render.Box       // the world box the map shows (area's corners)
}

// wide is the CSS width from which panels sit side by side.
const wide = 560

// viewFor is the world box a figure's maps are framed on; dragging the
// start point stays inside it.
func viewFor(v params.Values) render.Box {
	switch v.Fig {
	case "freeze":
		return render.Box{XMin: -44, XMax: 4, YMin: -6.5, YMax: 6.5}
	case "sparse":
		return render.Box{XMin: -4, XMax: 4, YMin: -3, YMax: 3}
	}
	return render.Box{XMin: -6, XMax: 6, YMin: -3, YMax: 3}
}

// mapCount is how many contour maps a figure draws.
func mapCount(fig string) int {
	if fig == "rare" { // plots only: a vocabulary has no map
		return 0
	}
	if fig == "valley" || fig == "sparse" || fig == "rotation" {
		return 2
	}
	return 1
}

// PreferredHeight is the height, in CSS pixels, at which a figure of that id
// looks best at a given CSS width (the HTML controls not included). An
// embedding page sizes its iframe from it.
func PreferredHeight(fig string, cssWidth float64) float64 {
	if !(cssWidth > 0) || math.IsInf(cssWidth, 0) {
		cssWidth = 600
	}
	cssWidth = math.Min(math.Max(cssWidth, 240), 2400)
	box := viewFor(params.Defaults(fig))
	if fig == "rare" {
		return rarePreferredHeight(cssWidth)
	}
	aspect := (box.YMax - box.YMin) / (box.XMax - box.XMin)
	const title, pad, plot = 22.0, 8.0, 150.0
	var h float64
	switch {
	case mapCount(fig) == 2 && cssWidth >= wide:
		h = (cssWidth-3*pad)/2*aspect + title + plot + 3*pad
	case mapCount(fig) == 2:
		// Two maps one above the other on a phone: each at most 0.4 as
		// tall as wide (its view widens to fill) and a shorter plot, so
		// the maps, the plot and the folded controls fit its screen.
		h = 2*((cssWidth-2*pad)*math.Min(aspect, 0.4)+title) + 120 + 4*pad
	case fig == "accumulator" && cssWidth >= wide:
		h = (cssWidth*0.62-2*pad)*aspect + title + 2*pad + 40
	default:
		h = (cssWidth-2*pad)*aspect + title + plot + 3*pad
		if fig == "accumulator" {
			h += 40
		}
	}
	return math.Round(math.Min(math.Max(h, 260), 1400))
}

// relayout places panels and plots in the canvas above the HTML controls.
func (f *Figure) relayout() {
	u := f.dpr
	l := layout{unit: u, font: 12 * u}
	if f.w/u >= 900 {
		l.font = 13 * u
	}
	pad := 8 * u
	title := 22 * u
	W := f.w
	H := math.Max(f.h-f.insetPx*u, 120*u)
	isWide := W/u >= wide
	box := viewFor(f.v)

	addMap := func(r render.Rect) {
		area := render.Rect{X: r.X, Y: r.Y + title, W: r.W, H: math.Max(r.H-title, 10*u)}
		t := render.Fit(box, area)
		tl, br := t.ToWorld(render.Pt{X: area.X, Y: area.Y}), t.ToWorld(render.Pt{X: area.X + area.W, Y: area.Y + area.H})
		view := render.Box{XMin: tl.X, XMax: br.X, YMin: br.Y, YMax: tl.Y}
		l.panels = append(l.panels, panel{frame: r, area: area, t: t, view: view})
	}
	if f.v.Fig == "rare" {
		l.rare = rareLayout(W, H, u, pad)
		f.lay = l
		f.staticV++
		return
	}
	if H < 260*u {
		// So short a canvas (a small phone with its settings unfolded)
		// shows the maps alone, side by side; the plots come back with
		// the room.
		n := float64(mapCount(f.v.Fig))
		pw := (W - (n+1)*pad) / n
		for i := 0.0; i < n; i++ {
			addMap(render.Rect{X: pad + i*(pw+pad), Y: pad, W: pw, H: H - 2*pad})
		}
		f.lay = l
		f.staticV++
		return
	}
	plotH := math.Min(math.Max(0.3*H, 100*u), 190*u)
	switch f.v.Fig {
	case "valley", "sparse", "rotation":
		if f.v.Fig == "sparse" {
			plotH = math.Min(math.Max(0.32*H, 110*u), 200*u)
		}
		mapsH := H - plotH - 3*pad
		// Narrow but short (a phone with its settings unfolded), stacked
		// maps would be slivers: side by side, each keeps some height.
		stackedArea := (mapsH-pad)/2 - title
		if isWide || stackedArea < 0.25*(W-2*pad) {
			pw := (W - 3*pad) / 2
			addMap(render.Rect{X: pad, Y: pad, W: pw, H: mapsH})
			addMap(render.Rect{X: 2*pad + pw, Y: pad, W: pw, H: mapsH})
		} else {
			ph := (mapsH - pad) / 2
			addMap(render.Rect{X: pad, Y: pad, W: W - 2*pad, H: ph})
			addMap(render.Rect{X: pad, Y: 2*pad + ph, W: W - 2*pad, H: ph})
		}
		bottom := render.Rect{X: pad, Y: H - plotH - pad, W: W - 2*pad, H: plotH}
		if f.v.Fig == "sparse" {
			// The strip of y-gradients beside the accumulator bars.
			bw := math.Min(math.Max(bottom.W*0.3, 120*u), 240*u)
			l.strip = render.Rect{X: bottom.X, Y: bottom.Y, W: bottom.W - bw - pad, H: bottom.H}
			l.bars = render.Rect{X: bottom.X + bottom.W - bw, Y: bottom.Y, W: bw, H: bottom.H}
		} else {
			l.plot = bottom
		}
	case "accumulator":
		if isWide {
			mw := W * 0.62
			addMap(render.Rect{X: pad, Y: pad, W: mw - 2*pad, H: H - 2*pad})
			side := render.Rect{X: mw, Y: pad, W: W - mw - pad, H: H - 2*pad}
			bh := math.Min(side.H*0.45, 200*u)
			l.bars = render.Rect{X: side.X, Y: side.Y, W: side.W, H: bh}
			l.plot = render.Rect{X: side.X, Y: side.Y + bh + pad, W: side.W, H: side.H - bh - pad}
		} else {
			bottomH := math.Min(math.Max(0.36*H, 120*u), 220*u)
			addMap(render.Rect{X: pad, Y: pad, W: W - 2*pad, H: H - bottomH - 3*pad})
			y := H - bottomH - pad
			bw := (W - 3*pad) * 0.42
			l.bars = render.Rect{X: pad, Y: y, W: bw, H: bottomH}
			l.plot = render.Rect{X: 2*pad + bw, Y: y, W: W - 3*pad - bw, H: bottomH}
		}
	default: // freeze
		addMap(render.Rect{X: pad, Y: pad, W: W - 2*pad, H: H - plotH - 3*pad})
		l.plot = render.Rect{X: pad, Y: H - plotH - pad, W: W - 2*pad, H: plotH}
	}
	f.lay = l
	f.staticV++
}

// rareColumns is the CSS width from which the rare figure's three plots sit
// side by side.
const rareColumns = 768

// rarePreferredHeight: three plots in a row on a wide screen, the loss plot
// above the other two on a middling one, and one above the other on a
// phone (each about 145 px, which fits a 360 × 640 phone with its folded
// controls).
func rarePreferredHeight(cssWidth float64) float64 {
	var h float64
	switch {
	case cssWidth >= rareColumns:
		h = cssWidth / 3 * 0.8
	case cssWidth >= wide:
		h = 2*190 + 3*8
	default:
		h = 3*145 + 4*8
	}
	return math.Round(math.Min(math.Max(h, 280), 460))
}

// rareLayout places the rare figure's three plots (held-out loss, rates,
// errors) in a canvas W × H above the controls. A canvas too short for
// three one above the other (a phone with its settings unfolded) shows the
// loss plot alone; the others come back with the room.
func rareLayout(W, H, u, pad float64) [3]render.Rect {
	var r [3]render.Rect
	switch {
	case W/u >= rareColumns || (W/u >= wide && H < 330*u):
		w := (W - 4*pad) / 3
		for i := range r {
			r[i] = render.Rect{X: pad + float64(i)*(w+pad), Y: pad, W: w, H: H - 2*pad}
		}
	case W/u >= wide:
		top := (H - 3*pad) * 0.48
		r[0] = render.Rect{X: pad, Y: pad, W: W - 2*pad, H: top}
		w := (W - 3*pad) / 2
		y := 2*pad + top
		r[1] = render.Rect{X: pad, Y: y, W: w, H: H - y - pad}
		r[2] = render.Rect{X: 2*pad + w, Y: y, W: w, H: H - y - pad}
	case H >= 300*u:
		h := (H - 4*pad) / 3
		for i := range r {
			r[i] = render.Rect{X: pad, Y: pad + float64(i)*(h+pad), W: W - 2*pad, H: h}
		}
	default:
		r[0] = render.Rect{X: pad, Y: pad, W: W - 2*pad, H: H - 2*pad}
	}
	return r
}
