package scene

import (
	"github.com/adagrad-explained/adagrad/render"
	"github.com/adagrad-explained/adagrad/render/glyphs"
)

// Text on the canvas, measured in the font the canvas draws with.

// textWidth is the drawn width of s at a pixel size.
func textWidth(s string, size float64) float64 {
	return glyphs.Go().Width(s, size)
}

// fit returns the first of the candidates that fits in width at size, or
// the last (the shortest) when none does.
func fit(width, size float64, candidates ...string) string {
	for _, c := range candidates {
		if textWidth(c, size) <= width {
			return c
		}
	}
	return candidates[len(candidates)-1]
}

// label draws text on a soft backdrop of the panel's colour, so it stays
// readable over contour lines and trails.
func (f *Figure) label(l *render.Layer, pos render.Pt, s string, size float64, align render.Align, c render.Color) {
	r := labelRect(pos, s, size, align, 0)
	pad := 3 * f.lay.unit
	l.FillRect(render.Rect{X: r.X - pad, Y: r.Y - pad/2, W: r.W + 2*pad, H: r.H + pad}, f.pal.Panel.WithAlpha(215))
	l.Text(pos, s, size, align, c)
}
