package scene

import (
	"fmt"
	"testing"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/render"
)

// textBox is where a label is drawn, by the scene's own measure of text.
func textBox(it render.Item) render.Rect {
	w := textWidth(it.Text, it.Size)
	x := it.C.X
	switch it.Align {
	case render.AlignCenter:
		x -= w / 2
	case render.AlignRight:
		x -= w
	}
	return render.Rect{X: x, Y: it.C.Y - it.Size*0.5, W: w, H: it.Size}
}

func inside(a, clip render.Rect) bool {
	const slack = 0.5
	return a.X >= clip.X-slack && a.Y >= clip.Y-slack && a.X+a.W <= clip.X+clip.W+slack && a.Y+a.H <= clip.Y+clip.H+slack
}

// canvas is a size a figure's canvas gets, in CSS px, with the height of
// the control bar laid over its bottom.
type canvas struct{ w, h, inset float64 }

// canvases are the sizes tested: embedded at its preferred height from a
// small phone to a desktop (the bar taken as 150 px), and the figure's own
// page on a small phone (320 × 568), a phone (375 × 740), a tablet
// (768 × 1024) and a desktop (1280 × 800), with the bar as tall as
// web/phone_test.go measures it there (folded and unfolded on a phone)
// and a little taller.
func canvases(fig string) []canvas {
	var out []canvas
	for _, css := range []float64{320, 375, 600, 768, 900, 1280} {
		out = append(out, canvas{css, PreferredHeight(fig, css) + 150, 150})
	}
	for _, c := range []canvas{
		{320, 568, 120}, {320, 568, 160}, {320, 568, 300}, {320, 568, 310}, {320, 568, 360},
		{375, 740, 120}, {375, 740, 160}, {375, 740, 290}, {375, 740, 330}, {375, 740, 370},
		{768, 1024, 170}, {768, 1024, 200},
		{1280, 800, 105}, {1280, 800, 140},
	} {
		out = append(out, c)
	}
	return out
}

// No label is cut off by the edge of the part it is drawn in, and no two
// labels cover each other, at any size from a small phone to a desktop,
// at the start, part-way and at the horizon.
func TestLabelsNeitherClipNorOverlap(t *testing.T) {
	for _, fig := range params.Figs {
		for _, c := range canvases(fig) {
			for _, dpr := range []float64{1, 2} {
				for _, at := range []int{0, 30, horizon(fig)} {
					f := figure(t, "fig="+fig+"&forget=1") // forget: two runs' labels in the freeze figure
					f.SetInset(c.inset)
					f.Resize(c.w*dpr, c.h*dpr, dpr)
					f.Seek(at)
					what := fmt.Sprintf("%s at %g × %g px (bar %g) ×%g, step %d", fig, c.w, c.h, c.inset, dpr, at)
					var fr Frame
					f.DrawStatic(&fr) // the background and what moves, as painted one over the other
					f.DrawDynamic(&fr)
					type label struct {
						text string
						box  render.Rect
					}
					var all []label
					for _, p := range fr.Used() {
						for _, it := range p.Layer.Items {
							if it.Kind != render.Text || it.Text == "" {
								continue
							}
							b := textBox(it)
							if !inside(b, p.Clip) {
								t.Errorf("%s: %q at %.0f,%.0f (%.0f wide) is cut by its part %v", what, it.Text, b.X, b.Y, b.W, p.Clip)
							}
							all = append(all, label{it.Text, b})
						}
					}
					for i := range all {
						for j := i + 1; j < len(all); j++ {
							if overlapRect(all[i].box, all[j].box) {
								t.Errorf("%s: %q and %q overlap", what, all[i].text, all[j].text)
							}
						}
					}
				}
			}
		}
	}
}
