package scene

import (
	"fmt"
	"testing"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/render"
)

// Embedded the width of a phone, a figure asks for no more than that
// phone's screen, with its controls folded (119–158 px at 375 px and 151
// at 320, web/phone_test.go). A 320 × 568 phone is left out: the valley
// and sparse figures ask it for about 600 px.
func TestPreferredHeightFitsAPhoneWithTheFoldedBar(t *testing.T) {
	for _, fig := range params.Figs {
		for _, p := range []struct{ w, h float64 }{{360, 640}, {375, 667}, {375, 740}, {414, 896}} {
			if h := PreferredHeight(fig, p.w) + 160; h > p.h {
				t.Errorf("%s at %g px: %g px with the folded bar, over a %g × %g phone", fig, p.w, h, p.w, p.h)
			}
		}
	}
}

// At every size tested for labels, each part of the figure lies on the
// canvas above the bar, no two overlap, and every map keeps room to show
// its run: at least 60 CSS px each way.
func TestEveryPartHasRoom(t *testing.T) {
	for _, fig := range params.Figs {
		for _, c := range canvases(fig) {
			f := figure(t, "fig="+fig)
			f.SetInset(c.inset)
			f.Resize(c.w*2, c.h*2, 2)
			what := fmt.Sprintf("%s at %g × %g px (bar %g)", fig, c.w, c.h, c.inset)
			scene := render.Rect{W: c.w * 2, H: (c.h - c.inset) * 2}
			var parts []render.Rect
			for _, p := range f.lay.panels {
				if p.area.W < 120 || p.area.H < 120 {
					t.Errorf("%s: a map of %.0f × %.0f CSS px", what, p.area.W/2, p.area.H/2)
				}
				parts = append(parts, p.frame)
			}
			for _, r := range []render.Rect{f.lay.plot, f.lay.strip, f.lay.bars} {
				if r.W > 0 {
					parts = append(parts, r)
				}
			}
			for i, a := range parts {
				if !inside(a, scene) {
					t.Errorf("%s: part %v is not within the scene %v", what, a, scene)
				}
				for _, b := range parts[i+1:] {
					if overlapRect(a, b) {
						t.Errorf("%s: parts %v and %v overlap", what, a, b)
					}
				}
			}
		}
	}
}
