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

// No label is cut off by the edge of the part it is drawn in, and no two
// labels cover each other, at any width from a small phone to a desktop,
// at the start, part-way and at the horizon.
func TestLabelsNeitherClipNorOverlap(t *testing.T) {
	for _, fig := range params.Figs {
		for _, css := range []float64{320, 375, 600, 900, 1280} {
			for _, dpr := range []float64{1, 2} {
				for _, at := range []int{0, 30, horizon(fig)} {
					f := figure(t, "fig="+fig+"&forget=1") // forget: two runs' labels in the freeze figure
					h := PreferredHeight(fig, css) + 150
					f.SetInset(150)
					f.Resize(css*dpr, h*dpr, dpr)
					f.Seek(at)
					what := fmt.Sprintf("%s at %g px ×%g, step %d", fig, css, dpr, at)
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
