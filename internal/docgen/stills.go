package docgen

import (
	"fmt"
	"math"
	"strings"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/render"
	"github.com/adagrad-explained/adagrad/sim"
)

// The stills are the pictures in the lesson's figure slots, for print and
// for readers without WebAssembly. They are drawn from real sim runs at each
// figure's defaults (params.Defaults), so they show what the figures do.

const (
	stillXMin, stillXMax = -5.2, 1.0 // the world box: 1:1, like the figures
	stillYMin, stillYMax = -2.2, 2.2
	stillW, stillH       = 300.0, 212.9 // one panel, in SVG units
	stillPad             = 10.0
	// SparseSteps is how far the sparse still runs: the steps the prose
	// quotes numbers for.
	SparseSteps = 80
)

// stillView is one panel's world box and landscape. Panels are stillW
// wide and h tall, at 1:1 like the figures.
type stillView struct {
	xmin, xmax, ymin, ymax float64
	h                      float64
	a, b                   float64
	levels                 []float64 // contour levels of ½(ax² + by²)
}

// valleyView frames the valley figure's landscape, flat in x and steep in
// y, with levels as the figure picks them: geometric, from 2·10⁻⁴ to 0.6 of
// the highest corner.
func valleyView(d params.Values) stillView {
	v := stillView{stillXMin, stillXMax, stillYMin, stillYMax, stillH, d.A, d.B, nil}
	hi := 0.5 * (v.a*v.xmin*v.xmin + v.b*v.ymax*v.ymax)
	v.levels = render.GeometricLevels(hi*2e-4, hi*0.6, 14)
	return v
}

// accumView frames the accumulator figure's gentler valley in the same box.
func accumView(d params.Values) stillView {
	return stillView{stillXMin, stillXMax, stillYMin, stillYMax, stillH, d.A, d.B,
		[]float64{0.03, 0.1, 0.3, 0.7, 1.4, 2.5, 4.2, 7, 11, 17, 25, 36}}
}

// sparseView frames the sparse figure's valley in its box, x ∈ [−4, 4],
// y ∈ [−3, 3], with the levels the figure draws: geometric, from 2·10⁻⁴ to
// 0.6 of the highest corner.
func sparseView(d params.Values) stillView {
	v := stillView{xmin: -4, xmax: 4, ymin: -3, ymax: 3, a: d.A, b: d.B}
	v.h = (v.ymax - v.ymin) / (v.xmax - v.xmin) * stillW
	hi := 0.5 * (v.a*v.xmax*v.xmax + v.b*v.ymax*v.ymax)
	v.levels = render.GeometricLevels(hi*2e-4, hi*0.6, 14)
	return v
}

func (v stillView) X(x float64) float64 {
	return stillPad + (x-v.xmin)/(v.xmax-v.xmin)*stillW
}
func (v stillView) Y(y float64) float64 {
	return stillPad + (v.ymax-y)/(v.ymax-v.ymin)*v.h
}

// Path runs one optimizer (sim's default configuration at rate lr) on the
// valley ½(ax² + by²) from (x0, y0) for steps steps, with the y-gradient
// dropped as drop says (nil: never), and returns the points and the run.
func Path(a, b, x0, y0 float64, m sim.Method, lr float64, steps int, drop *sim.Dropout) ([][2]float64, *sim.Run) {
	c := sim.DefaultConfig(m)
	c.LR = lr
	r := sim.NewRun(sim.NewValley(a, b, 0), c, []float64{x0, y0}, drop)
	pts := [][2]float64{{x0, y0}}
	for i := 0; i < steps; i++ {
		r.Step()
		s := r.State()
		pts = append(pts, [2]float64{s.X[0], s.X[1]})
	}
	return pts, r
}

// figPath is Path at figure d's valley and start.
func figPath(d params.Values, m sim.Method, lr float64, steps int, drop *sim.Dropout) ([][2]float64, *sim.Run) {
	return Path(d.A, d.B, d.X0, d.Y0, m, lr, steps, drop)
}

// SparseDrop is the sparse figure's dropout at its defaults: the y-gradient
// is zeroed with probability p, from its seed.
func SparseDrop(d params.Values) *sim.Dropout {
	return &sim.Dropout{P: d.P, Coord: 1, Seed: d.Seed}
}

func (v stillView) contours(b *strings.Builder) {
	// Level sets of ½(ax² + by²) are ellipses with half-axes √(2c/a), √(2c/b).
	for _, c := range v.levels {
		rx := math.Sqrt(2*c/v.a) / (v.xmax - v.xmin) * stillW
		ry := math.Sqrt(2*c/v.b) / (v.ymax - v.ymin) * v.h
		fmt.Fprintf(b, `<ellipse class="st-contour" cx="%.1f" cy="%.1f" rx="%.1f" ry="%.1f"/>`, v.X(0), v.Y(0), rx, ry)
	}
	fmt.Fprintf(b, `<path class="st-min" d="M%.1f %.1fh10m-5 -5v10"/>`, v.X(0)-5, v.Y(0))
}

// path draws a run's path and a dot at its start.
func (v stillView) path(b *strings.Builder, cls string, pts [][2]float64) {
	v.line(b, cls, pts)
	fmt.Fprintf(b, `<circle class="st-start %s" cx="%.1f" cy="%.1f" r="4"/>`, cls, v.X(pts[0][0]), v.Y(pts[0][1]))
}

// line draws a run's path alone.
func (v stillView) line(b *strings.Builder, cls string, pts [][2]float64) {
	var pp []string
	for _, p := range pts {
		x := math.Max(v.xmin-1, math.Min(v.xmax+1, p[0]))
		y := math.Max(v.ymin-1, math.Min(v.ymax+1, p[1]))
		pp = append(pp, fmt.Sprintf("%.1f,%.1f", v.X(x), v.Y(y)))
	}
	fmt.Fprintf(b, `<polyline class="st-path %s" points="%s"/>`, cls, strings.Join(pp, " "))
}

// panel opens a framed, clipped panel at dx; close it with </svg>.
func (v stillView) panel(b *strings.Builder, dx float64) {
	fmt.Fprintf(b, `<rect class="st-frame" x="%g" y="%g" width="%g" height="%g" rx="6"/>`, dx+stillPad, stillPad, stillW, v.h)
	fmt.Fprintf(b, `<svg x="%g" y="%g" width="%g" height="%g" viewBox="%g %g %g %g">`,
		dx+stillPad, stillPad, stillW, v.h, stillPad, stillPad, stillW, v.h)
}

func (v stillView) label(b *strings.Builder, dx float64, cls, text string) {
	fmt.Fprintf(b, `<text class="st-label %s" x="%g" y="%g">%s</text>`, cls, dx+stillPad+8, stillPad+v.h-10, text)
}

// open starts a still two panels wide.
func (v stillView) open(b *strings.Builder) {
	fmt.Fprintf(b, `<svg class="still" viewBox="0 0 %g %g" aria-hidden="true" focusable="false">`, 2*(stillW+stillPad)+stillPad, v.h+2*stillPad)
}

// Stills returns the SVG of each figure's still, by figure id.
func Stills() map[string]string {
	return map[string]string{
		"valley":      valleyStill(params.Defaults("valley")),
		"accumulator": accumStill(params.Defaults("accumulator")),
		"freeze":      freezeStill(params.Defaults("freeze")),
		"sparse":      sparseStill(params.Defaults("sparse")),
		"rotation":    rotationStill(params.Defaults("rotation")),
		"rare":        rareStill(params.Defaults("rare")),
	}
}

// valleyStill draws 30 steps of SGD and AdaGrad, side by side.
func valleyStill(d params.Values) string {
	v := valleyView(d)
	var b strings.Builder
	v.open(&b)
	for i, m := range []sim.Method{sim.SGD, sim.AdaGrad} {
		lr := []float64{d.SGDLR, d.LR}[i]
		cls := []string{"st-sgd", "st-ada"}[i]
		pts, _ := figPath(d, m, lr, 30, nil)
		dx := float64(i) * (stillW + stillPad)
		v.panel(&b, dx)
		v.contours(&b)
		v.path(&b, cls, pts)
		b.WriteString(`</svg>`)
		v.label(&b, dx, cls, fmt.Sprintf("%s, η = %g", []string{"SGD", "AdaGrad"}[i], lr))
	}
	b.WriteString("</svg>")
	return b.String()
}

// accumStill draws AdaGrad after 4 steps with its step ellipse (half-axes
// the effective rates) beside SGD's circle of radius η, both enlarged
// alike; and the two accumulators as bars.
func accumStill(d params.Values) string {
	v := accumView(d)
	pts, r := figPath(d, sim.AdaGrad, d.LR, 4, nil)
	s := r.State()
	var b strings.Builder
	v.open(&b)
	v.panel(&b, 0)
	v.contours(&b)
	v.path(&b, "st-ada", pts)
	scale := 40 / s.Rate[0]
	cx, cy := v.X(s.X[0]), v.Y(s.X[1])
	fmt.Fprintf(&b, `<circle class="st-circle" cx="%.1f" cy="%.1f" r="%.1f"/>`, cx, cy, d.SGDLR*scale)
	fmt.Fprintf(&b, `<ellipse class="st-ellipse" cx="%.1f" cy="%.1f" rx="%.1f" ry="%.1f"/>`, cx, cy, s.Rate[0]*scale, s.Rate[1]*scale)
	b.WriteString(`</svg>`)
	v.label(&b, 0, "st-ada", "AdaGrad&#8217;s step ellipse, SGD&#8217;s circle (dashed), enlarged")
	dx := stillW + stillPad
	fmt.Fprintf(&b, `<rect class="st-frame" x="%g" y="%g" width="%g" height="%g" rx="6"/>`, dx+stillPad, stillPad, stillW, stillH)
	top, base := stillPad+22.0, stillPad+stillH-34
	gmax := math.Max(s.G[0], s.G[1])
	for i, g := range s.G {
		h := math.Max(1.5, g/gmax*(base-top))
		x := dx + stillPad + 70 + float64(i)*110
		fmt.Fprintf(&b, `<rect class="st-bar" x="%.1f" y="%.1f" width="60" height="%.1f"/>`, x, base-h, h)
		fmt.Fprintf(&b, `<text class="st-label" x="%.1f" y="%.1f" text-anchor="middle">G<tspan dy="3" font-size="10">%s</tspan><tspan dy="-3"> = %.0f</tspan></text>`,
			x+30, base+18, []string{"x", "y"}[i], g)
	}
	fmt.Fprintf(&b, `<text class="st-label st-accum" x="%g" y="%g">accumulator after %d steps</text>`, dx+stillPad+8, stillPad+16, s.Step)
	b.WriteString("</svg>")
	return b.String()
}

// sparseStill draws the sparse figure's default runs, SGD and AdaGrad on
// its own valley (steep in x, flat in y) with the y-gradient zeroed with
// probability p, for SparseSteps steps.
func sparseStill(d params.Values) string {
	v := sparseView(d)
	var b strings.Builder
	v.open(&b)
	for i, m := range []sim.Method{sim.SGD, sim.AdaGrad} {
		lr := []float64{d.SGDLR, d.LR}[i]
		cls := []string{"st-sgd", "st-ada"}[i]
		pts, _ := figPath(d, m, lr, SparseSteps, SparseDrop(d))
		dx := float64(i) * (stillW + stillPad)
		v.panel(&b, dx)
		v.contours(&b)
		v.line(&b, cls, pts)
		// As in the figure: a ring at the start, a dot where the run is now.
		fmt.Fprintf(&b, `<circle class="st-ring" cx="%.1f" cy="%.1f" r="6"/>`, v.X(pts[0][0]), v.Y(pts[0][1]))
		end := pts[len(pts)-1]
		fmt.Fprintf(&b, `<circle class="st-end %s" cx="%.1f" cy="%.1f" r="4.5"/>`, cls, v.X(end[0]), v.Y(end[1]))
		b.WriteString(`</svg>`)
		v.label(&b, dx, cls, fmt.Sprintf("%s, p = %g: y = %.2f at step %d", []string{"SGD", "AdaGrad"}[i], d.P, end[1], SparseSteps))
	}
	b.WriteString("</svg>")
	return b.String()
}

// RotationSteps is how far the rotation still runs: the figure's horizon,
// where the prose quotes the two losses.
const RotationSteps = 200

// rotationStill draws diagonal and full-matrix AdaGrad on the turned
// valley for RotationSteps steps, side by side, the contours turned with it.
func rotationStill(d params.Values) string {
	v := stillView{xmin: -5.5, xmax: 3.5, ymin: -3, ymax: 3, a: d.A, b: d.B}
	v.h = (v.ymax - v.ymin) / (v.xmax - v.xmin) * stillW
	hi := 0.5 * (v.a*v.xmax*v.xmax + v.b*v.ymax*v.ymax)
	v.levels = render.GeometricLevels(hi*2e-4, hi*0.6, 14)
	var b strings.Builder
	v.open(&b)
	for i, m := range []sim.Method{sim.AdaGrad, sim.AdaGradFull} {
		c := sim.DefaultConfig(m)
		c.LR = d.LR
		r := sim.NewRun(sim.NewValley(d.A, d.B, d.Angle), c, []float64{d.X0, d.Y0}, nil)
		pts := [][2]float64{{d.X0, d.Y0}}
		for range RotationSteps {
			r.Step()
			pts = append(pts, [2]float64{r.State().X[0], r.State().X[1]})
		}
		cls := []string{"st-ada", "st-accum"}[i] // as in the figure: the full form in the accumulator's colour
		dx := float64(i) * (stillW + stillPad)
		v.panel(&b, dx)
		// The contours of the unturned valley, turned by the angle about
		// the minimum (SVG turns clockwise on screen, y down).
		fmt.Fprintf(&b, `<g transform="rotate(%g %.1f %.1f)">`, -d.Angle, v.X(0), v.Y(0))
		v.contours(&b)
		b.WriteString(`</g>`)
		v.path(&b, cls, pts)
		b.WriteString(`</svg>`)
		v.label(&b, dx, cls, fmt.Sprintf("%s: loss %.2g after %d steps", []string{"AdaGrad", "Full-matrix AdaGrad"}[i], r.State().Loss, RotationSteps))
	}
	b.WriteString("</svg>")
	return b.String()
}
