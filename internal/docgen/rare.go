package docgen

import (
	"fmt"
	"math"
	"strings"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/sim/rare"
)

// RareConfig is the simulated problem of the rare-words figure at values
// d, as the figure builds it (scene's rareConfig).
func RareConfig(d params.Values) rare.Config {
	c := rare.DefaultConfig()
	c.Vocab, c.Zipf, c.Words, c.Seed = int(d.Vocab), d.Zipf, int(d.Words), d.Seed
	c.SGDLR, c.AdaGradLR, c.Eps = d.SGDLR, d.LR, d.Eps
	return c
}

// stillPlot maps one small plot of a still: x linear or log10, y linear or
// log10, into a box in SVG units.
type stillPlot struct {
	x, y, w, h     float64 // the data frame
	x0, x1, y0, y1 float64 // data ranges (logs already taken where log)
	logX, logY     bool
}

func (p stillPlot) X(v float64) float64 {
	if p.logX {
		v = math.Log10(v)
	}
	return p.x + (v-p.x0)/(p.x1-p.x0)*p.w
}

func (p stillPlot) Y(v float64) float64 {
	if p.logY {
		v = math.Log10(v)
	}
	return p.y + (p.y1-v)/(p.y1-p.y0)*p.h
}

// frame draws the plot's background, title and axis label.
func (p stillPlot) frame(b *strings.Builder, title, xLabel string) {
	fmt.Fprintf(b, `<rect class="st-frame" x="%.1f" y="%.1f" width="%.1f" height="%.1f"/>`, p.x, p.y, p.w, p.h)
	fmt.Fprintf(b, `<text class="st-label" x="%.1f" y="%.1f">%s</text>`, p.x-30, p.y-8, title)
	fmt.Fprintf(b, `<text class="st-tick" x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, p.x+p.w/2, p.y+p.h+26, xLabel)
}

// xTick and yTick draw a grid line and its label.
func (p stillPlot) xTick(b *strings.Builder, v float64, label string) {
	x := p.X(v)
	fmt.Fprintf(b, `<path class="st-grid" d="M%.1f %.1fv%.1f"/>`, x, p.y, p.h)
	fmt.Fprintf(b, `<text class="st-tick" x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, x, p.y+p.h+13, label)
}

func (p stillPlot) yTick(b *strings.Builder, v float64, label string) {
	y := p.Y(v)
	fmt.Fprintf(b, `<path class="st-grid" d="M%.1f %.1fh%.1f"/>`, p.x, y, p.w)
	fmt.Fprintf(b, `<text class="st-tick" x="%.1f" y="%.1f" text-anchor="end">%s</text>`, p.x-3, y+4, label)
}

// line draws the points (xs[i], ys[i]).
func (p stillPlot) line(b *strings.Builder, cls string, xs, ys []float64) {
	var pp []string
	for i := range xs {
		pp = append(pp, fmt.Sprintf("%.1f,%.1f", p.X(xs[i]), p.Y(ys[i])))
	}
	fmt.Fprintf(b, `<polyline class="st-path %s" points="%s"/>`, cls, strings.Join(pp, " "))
}

// decade writes 10ⁿ.
func decade(n int) string {
	sup := []string{"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"}
	s := "10"
	if n < 0 {
		s += "⁻"
		n = -n
	}
	for _, d := range fmt.Sprint(n) {
		s += sup[d-'0']
	}
	return s
}

// rareStill draws the rare-words figure at its defaults after its horizon
// (20000 examples): the held-out loss of both learners against the
// examples seen with the true weights' loss dashed; the rate per frequency
// band against the rank, log–log; and the weight error left per band.
func rareStill(d params.Values) string {
	m := rare.New(RareConfig(d))
	c := m.Config()
	start := m.Bands(nil)
	m.Step(c.Horizon)
	bands := m.Bands(nil)
	curve := m.Curve()

	const (
		total = 2*(stillW+stillPad) + stillPad // as wide as the two-panel stills
		left  = 34.0                           // room for the y ticks
		gap   = 12.0
		top   = 30.0
		h     = 150.0
	)
	w := (total - 3*left - 2*gap - stillPad) / 3
	plot := func(i int) (x float64) { return left + float64(i)*(w+gap+left) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="still" viewBox="0 0 %g %g" aria-hidden="true" focusable="false">`, total, top+h+34)

	// (a) Held-out loss against thousands of examples.
	a := stillPlot{x: plot(0), y: top, w: w, h: h, x0: 0, x1: float64(c.Horizon) / 1000, y0: 0.2, y1: 0.75}
	a.frame(&b, "held-out loss", "thousand examples seen")
	for _, v := range []float64{0, 5, 10, 15, 20} {
		a.xTick(&b, v, fmt.Sprint(v))
	}
	for _, v := range []float64{0.3, 0.4, 0.5, 0.6, 0.7} {
		a.yTick(&b, v, fmt.Sprintf("%.1f", v))
	}
	a.line(&b, "st-muted st-dash", []float64{0, a.x1}, []float64{m.Floor(), m.Floor()})
	xs := make([]float64, len(curve))
	for k, cls := range []string{"st-sgd", "st-ada"} {
		ys := make([]float64, len(curve))
		for i, p := range curve {
			xs[i], ys[i] = float64(p.Step)/1000, p.Loss[k]
		}
		a.line(&b, cls, xs, ys)
	}
	loss := m.Loss()
	fmt.Fprintf(&b, `<text class="st-tick st-sgd" x="%.1f" y="%.1f" text-anchor="end">SGD %.3f</text>`, a.x+a.w-4, a.Y(loss[0]+0.05), loss[0])
	fmt.Fprintf(&b, `<text class="st-tick st-ada" x="%.1f" y="%.1f" text-anchor="end">AdaGrad %.3f</text>`, a.x+a.w-4, a.Y(loss[1])+14, loss[1])
	fmt.Fprintf(&b, `<text class="st-tick" x="%.1f" y="%.1f" text-anchor="end">best %.3f</text>`, a.x+a.w-4, a.Y(m.Floor())+13, m.Floor())

	// (b) Rates against rank, log–log.
	vocabDecades := math.Log10(float64(c.Vocab))
	r := stillPlot{x: plot(1), y: top, w: w, h: h, x0: 0, x1: vocabDecades, y0: -3, y1: 1, logX: true, logY: true}
	r.frame(&b, "rate by frequency rank", "rank (1 = most frequent)")
	for n := 0; float64(n) <= vocabDecades; n++ {
		r.xTick(&b, math.Pow10(n), decade(n))
	}
	for n := -3; n <= 1; n++ {
		r.yTick(&b, math.Pow10(n), decade(n))
	}
	var rx, ry []float64
	for _, band := range bands {
		if band.Seen > 0 {
			rx = append(rx, math.Sqrt(float64(band.FirstRank)*float64(band.LastRank)))
			ry = append(ry, band.Rate[rare.AdaGrad])
		}
	}
	r.line(&b, "st-sgd", []float64{1, float64(c.Vocab)}, []float64{c.SGDLR, c.SGDLR})
	r.line(&b, "st-ada", rx, ry)
	fmt.Fprintf(&b, `<text class="st-tick st-sgd" x="%.1f" y="%.1f">SGD η</text>`, r.x+4, r.Y(c.SGDLR)-5)
	fmt.Fprintf(&b, `<text class="st-tick st-ada" x="%.1f" y="%.1f">AdaGrad</text>`, r.x+4, r.Y(ry[0])+14)

	// (c) Error left per band.
	e := stillPlot{x: plot(2), y: top, w: w, h: h, x0: 0, x1: vocabDecades, y0: 0, y1: 1.1, logX: true}
	e.frame(&b, "weight error left", "rank (1 = most frequent)")
	for n := 0; float64(n) <= vocabDecades; n++ {
		e.xTick(&b, math.Pow10(n), decade(n))
	}
	for _, v := range []float64{0, 0.5, 1} {
		e.yTick(&b, v, fmt.Sprint(v))
	}
	ex := make([]float64, len(bands))
	for k, cls := range []string{"st-sgd", "st-ada"} {
		ey := make([]float64, len(bands))
		for i, band := range bands {
			ex[i] = math.Sqrt(float64(band.FirstRank) * float64(band.LastRank))
			ey[i] = band.Error[k] / start[i].Error[k]
		}
		e.line(&b, cls, ex, ey)
	}
	fmt.Fprintf(&b, `<text class="st-tick" x="%.1f" y="%.1f">1 = untrained</text>`, e.x+4, e.Y(1)-4)
	b.WriteString("</svg>")
	return b.String()
}
