package docgen

import (
	"fmt"
	"math"
	"strings"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/sim"
)

// freezeStill draws the freeze figure's default run (AdaGrad from its
// start, at its rate) for 2000 steps: the path across the wide valley,
// where the run is after them, the step where it is first flagged frozen,
// and both effective rates on a log scale.
func freezeStill(d params.Values) string {
	const (
		xmin, xmax, ymin, ymax = -42.0, 3.0, -6.0, 6.0
		w                      = 2*stillW + stillPad
		steps                  = 2000
		plotH                  = 120.0
	)
	h := (ymax - ymin) / (xmax - xmin) * w
	X := func(x float64) float64 { return stillPad + (x-xmin)/(xmax-xmin)*w }
	Y := func(y float64) float64 { return stillPad + (ymax-y)/(ymax-ymin)*h }
	c := sim.DefaultConfig(sim.AdaGrad)
	c.LR = d.LR
	r := sim.NewRun(sim.NewValley(d.A, d.B, 0), c, []float64{d.X0, d.Y0}, nil)
	type sample struct{ x, y, rx, ry float64 }
	run := []sample{{d.X0, d.Y0, 0, 0}}
	frozenAt := -1
	for i := 1; i <= steps; i++ {
		r.Step()
		st := r.State()
		run = append(run, sample{st.X[0], st.X[1], st.Rate[0], st.Rate[1]})
		if st.Frozen && frozenAt < 0 {
			frozenAt = i
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="still" viewBox="0 0 %g %.1f" aria-hidden="true" focusable="false">`, w+2*stillPad, h+plotH+3*stillPad)
	fmt.Fprintf(&b, `<rect class="st-frame" x="%g" y="%g" width="%g" height="%.1f" rx="6"/>`, stillPad, stillPad, w, h)
	fmt.Fprintf(&b, `<svg x="%g" y="%g" width="%g" height="%.1f" viewBox="%g %g %g %.1f">`, stillPad, stillPad, w, h, stillPad, stillPad, w, h)
	for _, lv := range []float64{1, 4, 12, 30, 60, 100, 160, 250, 350} {
		fmt.Fprintf(&b, `<ellipse class="st-contour" cx="%.1f" cy="%.1f" rx="%.1f" ry="%.1f"/>`,
			X(0), Y(0), math.Sqrt(2*lv/d.A)/(xmax-xmin)*w, math.Sqrt(2*lv/d.B)/(ymax-ymin)*h)
	}
	fmt.Fprintf(&b, `<path class="st-min" d="M%.1f %.1fh10m-5 -5v10"/>`, X(0)-5, Y(0))
	// Keep a point when it is at least a pixel from the last one kept.
	var pp []string
	lx, ly := math.Inf(1), math.Inf(1)
	for i, p := range run {
		px, py := X(p.x), Y(p.y)
		if i == len(run)-1 || math.Hypot(px-lx, py-ly) >= 1 {
			pp = append(pp, fmt.Sprintf("%.1f,%.1f", px, py))
			lx, ly = px, py
		}
	}
	fmt.Fprintf(&b, `<polyline class="st-path st-ada" points="%s"/>`, strings.Join(pp, " "))
	fmt.Fprintf(&b, `<circle class="st-start st-ada" cx="%.1f" cy="%.1f" r="4"/>`, X(run[0].x), Y(run[0].y))
	last := run[len(run)-1]
	fmt.Fprintf(&b, `<circle class="st-frozen" cx="%.1f" cy="%.1f" r="6"/>`, X(last.x), Y(last.y))
	b.WriteString(`</svg>`)
	fmt.Fprintf(&b, `<text class="st-label st-ada" x="%g" y="%.1f">AdaGrad, η = %g: where it is after %d steps (circled)</text>`, stillPad+8, stillPad+h-10, d.LR, steps)

	// The effective rates, log scale from 10⁻³ to 10⁻¹.
	top := h + 2*stillPad
	fmt.Fprintf(&b, `<rect class="st-frame" x="%g" y="%.1f" width="%g" height="%g" rx="6"/>`, stillPad, top, w, plotH)
	const lo, hi = -3.0, -1.0
	PX := func(i int) float64 { return stillPad + 40 + float64(i)/steps*(w-50) }
	PY := func(v float64) float64 {
		l := math.Log10(math.Max(v, 1e-9))
		l = math.Max(lo, math.Min(hi, l))
		return top + 10 + (hi-l)/(hi-lo)*(plotH-30)
	}
	for _, e := range []float64{-3, -2, -1} {
		fmt.Fprintf(&b, `<path class="st-grid" d="M%.1f %.1fH%.1f"/>`, PX(0), PY(math.Pow(10, e)), PX(steps))
		fmt.Fprintf(&b, `<text class="st-tick" x="%.1f" y="%.1f" text-anchor="end">10<tspan dy="-5" font-size="8">%g</tspan></text>`, PX(0)-4, PY(math.Pow(10, e))+4, e)
	}
	for k, cls := range []string{"st-rate", "st-rate st-dash"} {
		var rp []string
		for i := 1; i < len(run); i += 10 {
			v := []float64{run[i].rx, run[i].ry}[k]
			rp = append(rp, fmt.Sprintf("%.1f,%.1f", PX(i), PY(v)))
		}
		fmt.Fprintf(&b, `<polyline class="%s" points="%s"/>`, cls, strings.Join(rp, " "))
	}
	if frozenAt > 0 {
		fmt.Fprintf(&b, `<path class="st-warn" d="M%.1f %.1fV%.1f"/>`, PX(frozenAt), top+6, top+plotH-18)
		fmt.Fprintf(&b, `<text class="st-tick st-warnt" x="%.1f" y="%.1f">frozen from step %d</text>`, PX(frozenAt)+4, top+18, frozenAt)
	}
	fmt.Fprintf(&b, `<text class="st-tick" x="%.1f" y="%.1f">effective rate along x (solid) and y (dashed), log scale, over %d steps</text>`, PX(0), top+plotH-5, steps)
	b.WriteString("</svg>")
	return b.String()
}
