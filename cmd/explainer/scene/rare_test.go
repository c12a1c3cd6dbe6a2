package scene

import (
	"math"
	"strings"
	"testing"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/render"
	"github.com/adagrad-explained/adagrad/sim/rare"
)

// TestRareDefaultsMakeThePoint: at the horizon of the rare-words figure,
// AdaGrad's held-out loss is below SGD's, and AdaGrad keeps the rarest
// words seen at a rate at least ten times that of the most frequent ones,
// while SGD has one rate for all. The readout and state() say so.
func TestRareDefaultsMakeThePoint(t *testing.T) {
	f := figure(t, "fig=rare")
	if h := f.Horizon(); h != rare.DefaultConfig().Horizon || h != 20000 {
		t.Fatalf("horizon %d; the lesson speaks of 20000 examples", h)
	}
	f.Step(f.Horizon())
	s := f.Summary()
	if len(s.Runs) != 2 || s.Runs[0].Name != "SGD" || s.Runs[1].Name != "AdaGrad" {
		t.Fatalf("runs %+v; want SGD and AdaGrad", s.Runs)
	}
	sgd, ada := s.Runs[0], s.Runs[1]
	if !(ada.Loss < sgd.Loss) || !(s.Floor > 0 && s.Floor < ada.Loss) || sgd.Step != 20000 || ada.Step != 20000 {
		t.Errorf("at the horizon: SGD %+v, AdaGrad %+v, floor %v; want floor < AdaGrad < SGD after 20000 examples", sgd, ada, s.Floor)
	}
	// The numbers the lesson and the parameters' comments state.
	for _, c := range []struct {
		what      string
		got, want float64
	}{{"SGD's held-out loss", sgd.Loss, 0.466}, {"AdaGrad's", ada.Loss, 0.394}, {"the floor", s.Floor, 0.262}} {
		if math.Abs(c.got-c.want) > 0.0005 {
			t.Errorf("%s at the horizon %.4f; the lesson says %.3f", c.what, c.got, c.want)
		}
	}
	bands := f.rare.now()
	top, low := extremes(bands)
	if top != 0 || low != len(bands)-1 {
		t.Fatalf("words seen from band %d to %d of %d", top, low, len(bands))
	}
	if r := bands[low].Rate[rare.AdaGrad] / bands[top].Rate[rare.AdaGrad]; !(r >= 10) {
		t.Errorf("AdaGrad's rate %.3g for the rarest words seen, %.3g for the most frequent: %.1f×, want at least 10×",
			bands[low].Rate[rare.AdaGrad], bands[top].Rate[rare.AdaGrad], r)
	}
	for _, b := range bands {
		if b.Seen > 0 && b.Rate[rare.SGD] != 0.1 {
			t.Errorf("SGD's rate %v in ranks %d–%d; want η = 0.1 for every word", b.Rate[rare.SGD], b.FirstRank, b.LastRank)
		}
	}
	// Over the rarer half of the ranks' decades AdaGrad has removed more of
	// the weights' error than SGD: plot (c).
	for i := len(bands) / 2; i < len(bands); i++ {
		if sgdLeft, adaLeft := rareErrorLeft(bands[i], f.rare.start[i], 0), rareErrorLeft(bands[i], f.rare.start[i], 1); !(adaLeft < sgdLeft) {
			t.Errorf("ranks %d–%d: error left SGD %.3f, AdaGrad %.3f", bands[i].FirstRank, bands[i].LastRank, sgdLeft, adaLeft)
		}
	}
	for _, want := range []string{"Step 20000.", "After 20000 examples", "held-out loss SGD 0.466, AdaGrad 0.394 (best possible 0.262)", "for every word"} {
		if !strings.Contains(s.Readout, want) {
			t.Errorf("readout %q does not say %q", s.Readout, want)
		}
	}
}

// Seeking the rare figure back and forth lands where Reset and Step land,
// and every change of setting recomputes from the first example.
func TestRareSeekAndChangesRecompute(t *testing.T) {
	f := figure(t, "fig=rare")
	for _, n := range []int{5000, 1200, 0, 20000, 19999, 300} {
		f.Seek(n)
		ref := figure(t, "fig=rare")
		ref.Step(n)
		sameRuns(t, "rare seek", f, ref)
	}
	for _, change := range []string{"sgdlr=0.3", "lr=0.2", "eps=1e-4", "vocab=2000", "zipf=1.5", "words=3", "seed=4"} {
		played := figure(t, "fig=rare")
		played.Step(3000)
		name, value, _ := strings.Cut(change, "=")
		played.Set(map[string]string{name: value})
		fresh := figure(t, "fig=rare&"+change)
		fresh.Step(3000)
		sameRuns(t, "rare then "+change, played, fresh)
		if played.rare.m.Config() == figure(t, "fig=rare").rare.m.Config() {
			t.Errorf("%s changed nothing in the model", change)
		}
	}
	// Leaving the figure and coming back starts it again from 0.
	f.Seek(500)
	f.Set(map[string]string{"fig": "valley"})
	f.Set(map[string]string{"fig": "rare"})
	if f.step != 0 || f.rare.m.Seen() != 0 {
		t.Errorf("back in the rare figure at step %d, model at %d examples", f.step, f.rare.m.Seen())
	}
	// Playing reaches the horizon within a few seconds and pauses there.
	f = figure(t, "fig=rare&play=1")
	f.Play()
	secs := 0.0
	for ; f.playing && secs < 60; secs += 1.0 / 60 {
		f.Tick(1.0 / 60)
	}
	if f.playing || f.step != f.Horizon() || secs > 6 {
		t.Errorf("playing: step %d after %.1f s, still playing %v; want the horizon within 6 s", f.step, secs, f.playing)
	}
	// step(n) goes at most MaxStep examples at a time.
	f.Step(params.MaxStepsPerCall)
	if f.step != f.Horizon()+params.MaxStep {
		t.Errorf("step(%d) from the horizon went to %d", params.MaxStepsPerCall, f.step)
	}
}

// Bad settings of the rare figure fall back with a notice and draw.
func TestRareTakesBadParameters(t *testing.T) {
	for _, q := range []string{"vocab=5", "vocab=99999999", "zipf=0.5", "zipf=abc", "words=0", "words=1e9",
		"lr=100", "sgdlr=1e-300", "eps=0", "vocab=1000000&words=200&zipf=1.01", "vocab=100&zipf=3&words=1", "sgdlr=10&lr=10"} {
		v, ns := params.ParseQuery("fig=rare&" + q)
		f := New(v, noticeTexts(ns), false)
		f.Resize(750, 1240, 2)
		f.Step(2000)
		var fr Frame
		f.DrawStatic(&fr)
		f.DrawDynamic(&fr)
		checkFrame(t, &fr)
		s := f.Summary()
		for _, r := range s.Runs {
			if !(r.Loss >= 0) || math.IsInf(r.Loss, 0) {
				t.Errorf("%s: %+v", q, r)
			}
		}
		if csv, ok := f.CSV(); !ok || !strings.HasPrefix(string(csv), "examples,heldout_loss_sgd,") || strings.Contains(string(csv), "NaN") {
			t.Errorf("%s: CSV %q…", q, string(csv[:min(len(csv), 80)]))
		}
	}
}

// The rare figure has no start point: a press, a drag and a release do
// nothing, and grab nothing.
func TestRareDragDoesNothing(t *testing.T) {
	f := figure(t, "fig=rare")
	f.Step(100)
	before := f.Params()
	for _, p := range [][2]float64{{0, 0}, {500, 350}, {10, 690}} {
		if f.Hit(p[0], p[1]) {
			t.Errorf("a press at %v grabs something", p)
		}
		f.Pointer("down", p[0], p[1])
		f.Pointer("move", p[0]+50, p[1]-40)
		f.Pointer("up", p[0]+80, p[1]-60)
	}
	if f.dragging || !f.Params().Equal(before) || f.rare.m.Seen() != 100 {
		t.Errorf("after presses: dragging %v, %q (was %q), %d examples", f.dragging, f.Params().Query(), before.Query(), f.rare.m.Seen())
	}
	// A drag begun in another figure and carried into this one ends quietly.
	g := figure(t, "fig=valley")
	h := g.lay.panels[0].t.ToScreen(render.Pt{X: g.v.X0, Y: g.v.Y0})
	g.Pointer("down", h.X, h.Y)
	g.Set(map[string]string{"fig": "rare"})
	g.Pointer("move", h.X+20, h.Y)
	g.Pointer("up", h.X+20, h.Y)
	if g.dragging {
		t.Error("still dragging in the rare figure")
	}
}

// The CSV is the loss curve the figure plots.
func TestRareCSVIsTheCurve(t *testing.T) {
	f := figure(t, "fig=rare")
	f.Step(20000)
	csv, ok := f.CSV()
	lines := strings.Split(strings.TrimSuffix(string(csv), "\n"), "\n")
	if !ok || lines[0] != "examples,heldout_loss_sgd,heldout_loss_adagrad,heldout_loss_true_weights" {
		t.Fatalf("header %q", lines[0])
	}
	curve := f.rare.m.Curve()
	if len(lines) != len(curve)+1 || !strings.HasPrefix(lines[len(lines)-1], "20000,") || !strings.HasPrefix(lines[1], "0,0.693") {
		t.Errorf("%d rows for %d points: first %q, last %q", len(lines)-1, len(curve), lines[1], lines[len(lines)-1])
	}
}

// One playing frame of the rare figure at its own speed (5000 examples a
// second, 60 frames a second: 84 examples), drawn and tessellated; the
// drawing alone; and a change of setting at the horizon, which computes
// 20000 examples again.
func BenchmarkRareFrame(b *testing.B) {
	b.Run("playing", func(b *testing.B) { benchRareFrames(b, 84) })
	b.Run("drawing", func(b *testing.B) { benchRareFrames(b, 0) }) // what moves, without the examples
	b.Run("change-at-horizon", func(b *testing.B) {
		f := benchFigure("rare")
		f.Step(f.Horizon())
		benchRateChanges(b, f)
	})
}

// The parameters' ranges are the model's: nothing a URL can ask for is
// clamped again without a notice.
func TestRareRangesAreTheModels(t *testing.T) {
	for _, c := range []struct {
		name   string
		lo, hi float64
	}{{"vocab", rare.MinVocab, rare.MaxVocab}, {"zipf", rare.MinZipf, rare.MaxZipf}, {"words", rare.MinWords, rare.MaxWords}} {
		s, ok := params.Lookup(c.name)
		if !ok || s.Min != c.lo || s.Max != c.hi {
			t.Errorf("%s: the table's range [%g, %g], the model's [%g, %g]", c.name, s.Min, s.Max, c.lo, c.hi)
		}
	}
}

// A change at the horizon with a million words: the model is built again
// (its vocabulary-sized tables) and 20000 examples computed again.
func BenchmarkRareChangeMillionWords(b *testing.B) {
	f := benchFigure("rare")
	f.Set(map[string]string{"vocab": "1000000"})
	f.Step(f.Horizon())
	benchRateChanges(b, f)
}

// benchRareFrames times frames of the rare figure from example 5000 on,
// each stepping the given number of examples, then drawn and tessellated.
func benchRareFrames(b *testing.B, examples int) {
	f := benchFigure("rare")
	f.Step(5000)
	var fr Frame
	var m render.Mesh
	b.ReportAllocs()
	for b.Loop() {
		f.Step(examples)
		fr.Reset()
		f.DrawDynamic(&fr)
		tessellate(&fr, &m)
	}
}

// benchRateChanges times AdaGrad's rate going back and forth, each change
// recomputed from the first example to the figure's step.
func benchRateChanges(b *testing.B, f *Figure) {
	lr := []string{"0.4", "0.5"}
	i := 0
	for b.Loop() {
		f.Set(map[string]string{"lr": lr[i%2]})
		i++
	}
}

// Only the figures with a map have a start point to drag.
func TestHasStart(t *testing.T) {
	for _, fig := range params.Figs {
		f := figure(t, "fig="+fig)
		if got, want := f.HasStart(), fig != "rare"; got != want {
			t.Errorf("%s: HasStart() = %v, want %v", fig, got, want)
		}
	}
}

// The rare figure's axes live in the cached background, which is drawn
// again whenever a plot's scale moves: playing to the horizon at top speed
// (frames of 330 examples), the scales settle after the first frame and
// move at most twice more, not with every new largest error or loss.
func TestRareScalesHoldWhilePlaying(t *testing.T) {
	f := figure(t, "fig=rare&play=1")
	f.Resize(960, 600, 1)
	f.StaticVersion()
	f.Step(330)
	last, moves := f.StaticVersion(), 0
	for f.step < f.Horizon() {
		f.Step(330)
		if v := f.StaticVersion(); v != last {
			moves, last = moves+1, v
		}
	}
	if moves > 2 {
		t.Errorf("the scales moved %d times on the way to the horizon", moves)
	}
}

// What the rare figure's background draws besides axes follows the
// settings: SGD's rate (a line on the rate plot) moved within its decade,
// which leaves the plot's scale as it was, still redraws it.
func TestRareBackgroundFollowsSGDRate(t *testing.T) {
	f := figure(t, "fig=rare&sgdlr=0.1")
	v := f.StaticVersion()
	f.Set(map[string]string{"sgdlr": "0.12"})
	if f.StaticVersion() == v {
		t.Error("SGD's rate went from 0.1 to 0.12 and the background was not drawn again")
	}
}
