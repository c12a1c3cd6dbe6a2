package scene

import (
	"testing"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
)

func TestNudgeMovesTheStartLikeADrag(t *testing.T) {
	for _, fig := range params.Figs {
		v, _ := params.ParseQuery("fig=" + fig + "&play=0&step=50")
		f := New(v, nil, false)
		if fig == "rare" { // no start point: the keys move nothing
			before := f.Params()
			f.Nudge(1, -2)
			if !f.Params().Equal(before) || f.step != 50 {
				t.Errorf("rare: a nudge changed %q to %q", before.Query(), f.Params().Query())
			}
			continue
		}
		x0, y0 := f.v.X0, f.v.Y0
		box := viewFor(f.v)
		f.Nudge(1, -2)
		wantX := roundMilli(x0 + (box.XMax-box.XMin)/nudgeSteps)
		wantY := roundMilli(y0 - 2*(box.YMax-box.YMin)/nudgeSteps)
		if f.v.X0 != wantX || f.v.Y0 != wantY {
			t.Errorf("%s: start (%g, %g) after one step right and two down from (%g, %g), want (%g, %g)", fig, f.v.X0, f.v.Y0, x0, y0, wantX, wantY)
		}
		if f.step != 50 {
			t.Errorf("%s: at step %d after the move, want 50", fig, f.step)
		}
		// The runs were recomputed from the new start.
		for _, tr := range f.tracks {
			if tr.setup.start != [2]float64{wantX, wantY} {
				t.Errorf("%s: %s computed from %v", fig, tr.name, tr.setup.start)
			}
		}
		// Far past the edge, the start stays in the view.
		f.Nudge(-10*nudgeSteps, 10*nudgeSteps)
		if f.v.X0 != box.XMin || f.v.Y0 != box.YMax {
			t.Errorf("%s: start (%g, %g) after a long move up-left, want the view's corner (%g, %g)", fig, f.v.X0, f.v.Y0, box.XMin, box.YMax)
		}
	}
}
