package scene

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/render"
	"github.com/adagrad-explained/adagrad/sim"
)

func figure(t *testing.T, query string) *Figure {
	t.Helper()
	v, notices := params.ParseQuery(query)
	f := New(v, noticeTexts(notices), false)
	f.Resize(1000, 700, 1)
	return f
}

func noticeTexts(ns []params.Notice) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.String())
	}
	return out
}

// checkFrame fails on any non-finite coordinate and returns the item count.
func checkFrame(t *testing.T, fr *Frame) int {
	t.Helper()
	n := 0
	for _, p := range fr.Used() {
		for _, it := range p.Layer.Items {
			n++
			for _, q := range it.Pts {
				if math.IsNaN(q.X) || math.IsNaN(q.Y) || math.IsInf(q.X, 0) || math.IsInf(q.Y, 0) {
					t.Fatalf("non-finite point in %+v", it.Kind)
				}
			}
			if bad(it.C.X) || bad(it.C.Y) || bad(it.R) || bad(it.Width) || bad(it.Size) {
				t.Fatalf("non-finite field in item %+v", it)
			}
			if strings.Contains(it.Text, "NaN") || strings.Contains(it.Text, "Inf") {
				t.Fatalf("label %q shows a non-number", it.Text)
			}
		}
	}
	return n
}

func bad(x float64) bool { return math.IsNaN(x) || math.IsInf(x, 0) }

func TestEveryFigureDrawsFiniteGeometry(t *testing.T) {
	for _, fig := range params.Figs {
		for _, size := range [][3]float64{{1000, 700, 1}, {375 * 2, 620 * 2, 2}, {320, 400, 1}, {1, 1, 1}} {
			f := figure(t, "fig="+fig)
			f.Resize(size[0], size[1], size[2])
			var st, dy Frame
			f.DrawStatic(&st)
			least := 10
			if fig == "rare" { // no maps: the background is the plots' panels and titles
				least = 7
			}
			if n := checkFrame(t, &st); n < least && size[0] > 1 {
				t.Errorf("%s %v: static layer has only %d items", fig, size, n)
			}
			f.Step(50)
			f.DrawDynamic(&dy)
			if n := checkFrame(t, &dy); n < 5 && size[0] > 1 {
				t.Errorf("%s %v: dynamic layer has only %d items", fig, size, n)
			}
			if f.Summary().Step != 50 {
				t.Errorf("%s: step %d after Step(50)", fig, f.Summary().Step)
			}
		}
	}
}

func TestValleyShowsTheLessonsContrast(t *testing.T) {
	f := figure(t, "fig=valley")
	f.Step(100)
	s := f.Summary()
	if len(s.Runs) != 2 || s.Runs[0].Name != "SGD" || s.Runs[1].Name != "AdaGrad" {
		t.Fatalf("runs = %+v", s.Runs)
	}
	sgd, ada := s.Runs[0], s.Runs[1]
	// SGD's rate is the same in both coordinates; AdaGrad's is larger along
	// the flat floor (x) than across the steep walls (y), and along the
	// floor it is well above SGD's: the brake and the accelerator.
	if sgd.Rate[0] != sgd.Rate[1] {
		t.Errorf("SGD rates differ: %v", sgd.Rate)
	}
	if !(ada.Rate[0] > 3*ada.Rate[1]) {
		t.Errorf("AdaGrad rate x %v not well above rate y %v", ada.Rate[0], ada.Rate[1])
	}
	if !(ada.Rate[0] > 5*sgd.Rate[0]) || !(ada.Rate[1] < sgd.Rate[1]/5) {
		t.Errorf("after 100 steps AdaGrad's effective rates %v, SGD's %v: want AdaGrad's x rate several times SGD's and its y rate a fraction of it", ada.Rate, sgd.Rate)
	}
	// The readout a learner reads says the same.
	for _, want := range []string{
		"SGD: x = " + Num(sgd.X), "effective rate (" + Num(sgd.Rate[0]) + ", " + Num(sgd.Rate[1]) + ")",
		"effective rate (" + Num(ada.Rate[0]) + ", " + Num(ada.Rate[1]) + ")",
	} {
		if !strings.Contains(s.Readout, want) {
			t.Errorf("readout %q lacks %q", s.Readout, want)
		}
	}
	// The lesson's claim at the defaults: AdaGrad at least 100 times lower
	// by step 100, while SGD, stable, has barely moved along the floor.
	if sgd.Diverged || ada.Diverged {
		t.Errorf("a run diverged at the defaults: %+v", s.Runs)
	}
	if !(ada.Loss*100 <= sgd.Loss) {
		t.Errorf("after 100 steps AdaGrad's loss %v is not 100 times below SGD's %v", ada.Loss, sgd.Loss)
	}
	if !(math.Abs(sgd.X) > math.Abs(f.v.X0)/2) || !(math.Abs(ada.X) < math.Abs(f.v.X0)/20) {
		t.Errorf("after 100 steps SGD's x = %v, AdaGrad's %v, from %v: want SGD less than halfway along the floor and AdaGrad nearly there", sgd.X, ada.X, f.v.X0)
	}
}

func TestFreezeFigureFreezesAndRMSPropForgets(t *testing.T) {
	f := figure(t, "fig=freeze&forget=1")
	f.Step(1500)
	s := f.Summary()
	if len(s.Runs) != 2 {
		t.Fatalf("forget=1 should run AdaGrad and RMSProp, got %+v", s.Runs)
	}
	ada, rms := s.Runs[0], s.Runs[1]
	if !ada.Frozen {
		t.Errorf("AdaGrad not frozen after 1500 steps: %+v", ada)
	}
	if !(rms.Loss < ada.Loss/10) {
		t.Errorf("RMSProp loss %v not well below AdaGrad's %v", rms.Loss, ada.Loss)
	}
	if !strings.Contains(s.Warning, "frozen") {
		t.Errorf("warning %q does not say frozen", s.Warning)
	}
}

func TestSparseFigureKeepsTheYRateHigh(t *testing.T) {
	f := figure(t, "fig=sparse")
	f.Step(80)
	s := f.Summary()
	sgd, ada := s.Runs[0], s.Runs[1]
	// The rare, flat y keeps a far larger rate than the frequent, steep x,
	// and AdaGrad is much nearer the floor's centre in y than SGD.
	if !(ada.G[1] < ada.G[0]/100) || !(ada.Rate[1] > 10*ada.Rate[0]) {
		t.Errorf("AdaGrad G = %v, rate = %v: want G_y far below G_x and rate_y far above rate_x", ada.G, ada.Rate)
	}
	if !(math.Abs(ada.Y) < math.Abs(sgd.Y)/3) {
		t.Errorf("after 80 steps AdaGrad y = %v, SGD y = %v: AdaGrad should be much further along y", ada.Y, sgd.Y)
	}
	// The strip shows the last 80 steps, at their real numbers.
	zeros, shown := 0, 0
	for _, sm := range f.tracks[1].run.Trail() {
		if sm.Step > 0 {
			shown++
			if sm.UsedY == 0 {
				zeros++
			}
		}
	}
	if shown != 80 || zeros < 50 || zeros == 80 {
		t.Errorf("%d of %d y-gradients zeroed with p = 0.8", zeros, shown)
	}
}

func TestDragMovesTheStartAndNothingElseTeleports(t *testing.T) {
	f := figure(t, "fig=valley")
	pn := f.lay.panels[1]
	h := pn.t.ToScreen(render.Pt{X: f.v.X0, Y: f.v.Y0})
	// A press far from the handle does nothing.
	f.Pointer("down", h.X+200, h.Y+100)
	f.Pointer("move", h.X+220, h.Y+100)
	if f.v.X0 != params.Defaults("valley").X0 || f.dragging {
		t.Fatalf("a click away from the handle moved the start to %v", f.v.X0)
	}
	if !f.Hit(h.X+5, h.Y-5) {
		t.Fatal("Hit misses the handle")
	}
	f.Step(10)
	f.Pointer("down", h.X, h.Y)
	target := pn.t.ToScreen(render.Pt{X: 2, Y: -1})
	f.Pointer("move", target.X, target.Y)
	f.Pointer("up", target.X, target.Y)
	if math.Abs(f.v.X0-2) > 0.01 || math.Abs(f.v.Y0+1) > 0.01 {
		t.Errorf("start = (%v, %v), want (2, -1)", f.v.X0, f.v.Y0)
	}
	if f.step != 10 || f.dragging {
		t.Errorf("after a drag: step %d, dragging %v; want step 10, as before the drag", f.step, f.dragging)
	}
	moved := figure(t, "fig=valley&x0="+strconv.FormatFloat(f.v.X0, 'g', -1, 64)+"&y0="+strconv.FormatFloat(f.v.Y0, 'g', -1, 64))
	moved.Step(10)
	sameRuns(t, "after a drag", f, moved)
	// Dragging beyond the map clamps to its box.
	h = pn.t.ToScreen(render.Pt{X: f.v.X0, Y: f.v.Y0})
	f.Pointer("down", h.X, h.Y)
	f.Pointer("up", h.X+1e6, h.Y-1e6)
	box := viewFor(f.v)
	if f.v.X0 != box.XMax || f.v.Y0 != box.YMax {
		t.Errorf("start (%v, %v) not clamped to the box corner", f.v.X0, f.v.Y0)
	}
}

// Every change shows where the runs would be now: each run whose settings
// changed is computed again from its start to the current step, and the
// others are left exactly as they were.
func TestEveryChangeIsRecomputedFromTheStart(t *testing.T) {
	for _, c := range []struct{ query, change string }{
		{"fig=valley", "sgdlr=0.21"},
		{"fig=valley", "lr=0.2"},
		{"fig=valley", "x0=1"},
		{"fig=valley", "a=0.5"},
		{"fig=accumulator", "g0=0.5"},
		{"fig=accumulator", "epsin=0"},
		{"fig=freeze", "forget=1"},
		{"fig=freeze&forget=1", "rho=0.5"},
		{"fig=sparse", "seed=7"},
		{"fig=sparse", "p=0.2"},
	} {
		played := figure(t, c.query)
		played.Step(100)
		before := make([]sim.State, len(played.tracks))
		for i, tr := range played.tracks {
			before[i] = *tr.run.State()
			before[i].X = slices.Clone(before[i].X)
		}
		name, value, _ := strings.Cut(c.change, "=")
		played.Set(map[string]string{name: value})
		if played.step != 100 {
			t.Errorf("%s then %s: step %d, want 100", c.query, c.change, played.step)
		}
		fresh := figure(t, c.query+"&"+c.change)
		fresh.Step(100)
		sameRuns(t, c.query+" then "+c.change, played, fresh)
		// A change that touches only one run leaves the other untouched.
		if c.change == "lr=0.2" && (played.tracks[0].run.State().X[0] != before[0].X[0] || played.tracks[0].run.State().Step != 100) {
			t.Errorf("changing AdaGrad's η moved SGD")
		}
	}
	// The lesson's "η > 0.2 diverges", seen at once at step 100.
	f := figure(t, "fig=valley")
	f.Step(100)
	f.Set(map[string]string{"sgdlr": "0.21"})
	if s := f.Summary(); !s.Runs[0].Diverged && !(math.Abs(s.Runs[0].Y) > 100) {
		t.Errorf("SGD with η = 0.21 at step 100: %+v, want it diverged or far off", s.Runs[0])
	}
}

// sameRuns fails unless a and b hold the same runs, number for number,
// trail included.
func sameRuns(t *testing.T, what string, a, b *Figure) {
	t.Helper()
	got, want := a.Summary(), b.Summary()
	if got.Step != want.Step || len(got.Runs) != len(want.Runs) {
		t.Fatalf("%s: step %d with %d runs, want step %d with %d", what, got.Step, len(got.Runs), want.Step, len(want.Runs))
	}
	for i := range got.Runs {
		if got.Runs[i] != want.Runs[i] {
			t.Errorf("%s, run %d:\n got %+v\nwant %+v", what, i, got.Runs[i], want.Runs[i])
		}
		if a.rare != nil { // no tracks: the model is compared below
			continue
		}
		gt, wt := a.tracks[i].run.Trail(), b.tracks[i].run.Trail()
		if len(gt) != len(wt) {
			t.Errorf("%s run %d: trail of %d samples, want %d", what, i, len(gt), len(wt))
			continue
		}
		for k := range gt {
			if gt[k] != wt[k] {
				t.Errorf("%s run %d: trail sample %d = %+v, want %+v", what, i, k, gt[k], wt[k])
				break
			}
		}
	}
	sameRare(t, what, a, b)
}

// sameRare fails unless a and b hold rare models in the same state:
// curve, bands and losses.
func sameRare(t *testing.T, what string, a, b *Figure) {
	t.Helper()
	if (a.rare == nil) != (b.rare == nil) {
		t.Fatalf("%s: rare model %v, want %v", what, a.rare != nil, b.rare != nil)
	}
	if a.rare == nil {
		return
	}
	ma, mb := a.rare.m, b.rare.m
	if ma.Seen() != mb.Seen() || ma.Loss() != mb.Loss() || !slices.Equal(ma.Curve(), mb.Curve()) {
		t.Errorf("%s: %d examples, loss %v, %d curve points; want %d, %v, %d", what,
			ma.Seen(), ma.Loss(), len(ma.Curve()), mb.Seen(), mb.Loss(), len(mb.Curve()))
	}
	if !slices.Equal(a.rare.now(), b.rare.now()) {
		t.Errorf("%s: bands differ", what)
	}
}

// Beyond params.MaxStep, which only step(n) reaches, a change brings the
// figure back to MaxStep instead of recomputing millions of steps.
func TestAChangeBeyondMaxStepComesBackToIt(t *testing.T) {
	f := figure(t, "fig=valley")
	f.Step(params.MaxStep + 5000)
	f.Set(map[string]string{"theme": "dark"}) // changes no run
	if f.step != params.MaxStep+5000 {
		t.Errorf("a change of theme moved the figure to step %d", f.step)
	}
	f.Set(map[string]string{"lr": "0.3"})
	ref := figure(t, "fig=valley&lr=0.3")
	ref.Step(params.MaxStep)
	sameRuns(t, "after a change beyond MaxStep", f, ref)
}

// Seek goes anywhere in time, forward or back, and lands exactly where
// Reset and Step would; step= in the URL opens there, paused.
func TestSeekEqualsResetThenStep(t *testing.T) {
	for _, fig := range params.Figs {
		f := figure(t, "fig="+fig)
		for _, n := range []int{30, 12, 0, 250, 249, 3000, 30} {
			f.Seek(n)
			ref := figure(t, "fig="+fig)
			ref.Reset()
			ref.Step(n)
			sameRuns(t, fig+" seek("+strconv.Itoa(n)+")", f, ref)
		}
		opened := figure(t, "fig="+fig+"&step=80")
		ref := figure(t, "fig="+fig)
		ref.Step(80)
		sameRuns(t, fig+"&step=80", opened, ref)
		if q := opened.Params().Query(); opened.playing || opened.Params().Step != 80 || !strings.Contains(q, "step=80") {
			t.Errorf("%s&step=80: playing %v, query %q", fig, opened.playing, q)
		}
	}
	f := figure(t, "fig=valley")
	f.Seek(-5)
	if f.step != 0 {
		t.Errorf("seek(-5) went to %d", f.step)
	}
	f.Seek(params.MaxStep + 10)
	if f.step != params.MaxStep {
		t.Errorf("seek beyond the maximum went to %d, want %d", f.step, params.MaxStep)
	}
	f.Set(map[string]string{"step": "40"})
	if f.step != 40 {
		t.Errorf("set step=40 went to %d", f.step)
	}
}

// Seeking back and forth reuses the runs: nothing is allocated per step.
func TestSeekAllocatesNothingPerStep(t *testing.T) {
	f := figure(t, "fig=freeze&forget=1")
	f.Seek(3000)
	allocs := testing.AllocsPerRun(5, func() {
		f.Seek(0)
		f.Seek(3000)
	})
	if allocs > 0 {
		t.Errorf("seeking to step 3000 and back allocated %v times", allocs)
	}
}

// Playing stops by itself exactly at the horizon; Play carries on past it.
func TestPlayingPausesAtTheHorizonAndCarriesOnPastIt(t *testing.T) {
	f := figure(t, "fig=valley&speed=1000&play=1")
	h := f.Horizon()
	for i := 0; i < 100 && f.playing; i++ {
		f.Tick(0.1)
	}
	if f.playing || f.step != h {
		t.Fatalf("playing %v at step %d, want paused at the horizon %d", f.playing, f.step, h)
	}
	f.Play()
	f.Tick(0.1)
	f.Tick(0.1)
	if !f.playing || f.step <= h {
		t.Errorf("Play at the horizon: playing %v at step %d", f.playing, f.step)
	}
}

func TestDivergedRunSaysSoAndStaysFinite(t *testing.T) {
	f := figure(t, "fig=valley&sgdlr=10&b=1000")
	f.Step(100)
	s := f.Summary()
	if !s.Runs[0].Diverged {
		t.Fatalf("SGD with η·b = 10⁴ did not diverge: %+v", s.Runs[0])
	}
	if !strings.Contains(s.Warning, "diverged") || !strings.Contains(s.Readout, "diverged") {
		t.Errorf("warning %q / readout %q do not say diverged", s.Warning, s.Readout)
	}
	var fr Frame
	f.DrawDynamic(&fr)
	checkFrame(t, &fr)
	found := false
	for _, p := range fr.Used() {
		for _, it := range p.Layer.Items {
			if strings.Contains(it.Text, "diverged") {
				found = true
			}
		}
	}
	if !found {
		t.Error("the canvas does not say diverged")
	}
}

func TestPlayingAdvancesWithTheClockAndPausesOffScreen(t *testing.T) {
	f := figure(t, "fig=valley&speed=10&play=1")
	if !f.Tick(0.5) || f.step != 5 {
		t.Fatalf("half a second at 10 steps/s gave step %d", f.step)
	}
	f.SetVisible(false)
	if f.Tick(1) || f.step != 5 {
		t.Errorf("an invisible figure advanced to %d", f.step)
	}
	f.SetVisible(true)
	f.Pause()
	if f.Tick(1) || f.Animating() {
		t.Error("a paused figure advanced or asks for frames")
	}
	// A huge frame gap is capped: the page never stalls.
	f.Set(map[string]string{"speed": "1000"})
	f.Play()
	f.Tick(1e6)
	if f.step > 5+maxStepsPerFrame {
		t.Errorf("one frame took %d steps", f.step-5)
	}
}

func TestReducedMotionAlwaysStopsAutoplay(t *testing.T) {
	for _, q := range []string{"fig=valley", "fig=valley&play=1", "fig=sparse&play=1&step=80"} {
		v, _ := params.ParseQuery(q)
		f := New(v, nil, q != "fig=valley")
		if !f.playing {
			t.Fatalf("%s: not playing before the preference arrives", q)
		}
		f.SetEnv(false, true)
		if f.playing {
			t.Errorf("%s: reduced motion should stop autoplay, even when the URL asks for play", q)
		}
		// The reader's own Play still plays.
		f.Play()
		f.SetEnv(false, true)
		if !f.playing {
			t.Errorf("%s: the same preference again stopped a run the reader started", q)
		}
	}
}

func TestThemeFollowsPreferenceUnlessSet(t *testing.T) {
	f := figure(t, "fig=valley")
	v0 := f.StaticVersion()
	f.SetEnv(true, false)
	if f.Theme() != "dark" || f.pal != render.Dark || f.StaticVersion() == v0 {
		t.Errorf("dark preference: theme %s", f.Theme())
	}
	f = figure(t, "fig=valley&theme=light")
	f.SetEnv(true, false)
	if f.Theme() != "light" {
		t.Errorf("theme=light overridden by preference: %s", f.Theme())
	}
}

func TestPreferredHeightIsSaneForAnyWidth(t *testing.T) {
	for _, fig := range append(params.Figs, "nonsense") {
		for _, w := range []float64{math.NaN(), math.Inf(1), -5, 0, 320, 375, 800, 1400, 1e9} {
			h := PreferredHeight(fig, w)
			if !(h >= 260 && h <= 1400) {
				t.Errorf("PreferredHeight(%s, %v) = %v", fig, w, h)
			}
		}
	}
}

func TestNumNeverShowsANonNumber(t *testing.T) {
	cases := map[float64]string{0: "0", 1.5: "1.5", -0.25: "−0.25", 12345: "12345", 1e-5: "1e-5", 2.5e8: "2.5e8", 0.001234: "0.00123"}
	for x, want := range cases {
		if got := Num(x); got != want {
			t.Errorf("Num(%v) = %q, want %q", x, got, want)
		}
	}
	if got := Num(math.MaxFloat64); got != "—" {
		t.Errorf("Num(MaxFloat64) = %q, want — (a rate with nothing to divide by)", got)
	}
	for _, x := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if s := Num(x); strings.Contains(s, "NaN") || strings.Contains(s, "Inf") {
			t.Errorf("Num(%v) = %q", x, s)
		}
	}
}

func TestNoticesKeepTheURLsAndTheLatestSet(t *testing.T) {
	q := "fig=valley&lr=abc&utm_source=x&utm_medium=y&utm_campaign=z&utm_term=a&utm_content=b&fbclid=c&gclid=d&ref=e"
	f := figure(t, q)
	joined := strings.Join(f.Summary().Notices, "\n")
	if !strings.Contains(joined, `lr: "abc"`) {
		t.Fatalf("the bad lr is missing among the URL's notices: %q", joined)
	}
	f.Set(map[string]string{"sgdlr": "x"})
	f.Set(map[string]string{"p": "y"})
	joined = strings.Join(f.Summary().Notices, "\n")
	if !strings.Contains(joined, `lr: "abc"`) || !strings.Contains(joined, `p: "y"`) || strings.Contains(joined, "sgdlr") {
		t.Errorf("notices after two sets: %q; want the URL's and the latest set's only", joined)
	}
	f.Set(map[string]string{"lr": "0.4"})
	if got := strings.Join(f.Summary().Notices, "\n"); !strings.Contains(got, `p: "y"`) {
		t.Errorf("a clean set() dropped the last notices: %q", got)
	}
}

func TestARateChangeKeepsTheCachedBackground(t *testing.T) {
	f := figure(t, "fig=valley&hide=legend")
	v := f.StaticVersion()
	f.Set(map[string]string{"lr": "0.3"})
	if f.StaticVersion() != v {
		t.Error("changing η redrew the cached background")
	}
	f.Set(map[string]string{"hide": "legend,plot"})
	if f.StaticVersion() == v {
		t.Error("changing hide= did not redraw the background")
	}
}

// A restart reuses the runs in place; it must leave nothing behind of the
// run before it: the same steps as a figure made fresh with the same
// parameters, number for number, trail included.
func TestRestartInPlaceMatchesAFreshFigure(t *testing.T) {
	cases := []struct{ query, change string }{
		{"fig=valley&lr=0.9", "lr=0.3"}, // a rate change carries on; Reset then restarts
		{"fig=accumulator", "g0=0.5"},   // G₀ restarts, and only counts at the reset
		{"fig=freeze&forget=1", "rho=0.5"},
		{"fig=sparse", "seed=7"}, // a new draw of zeroed gradients
	}
	for _, c := range cases {
		played := figure(t, c.query)
		played.Step(300)
		name, value, _ := strings.Cut(c.change, "=")
		played.Set(map[string]string{name: value})
		played.Step(20)
		played.Reset()
		played.Step(50)

		fresh := figure(t, c.query+"&"+c.change)
		fresh.Step(50)
		got, want := played.Summary().Runs, fresh.Summary().Runs
		if len(got) != len(want) {
			t.Fatalf("%s then %s: %d runs, fresh %d", c.query, c.change, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s then %s, run %d after reset:\n got %+v\nwant %+v", c.query, c.change, i, got[i], want[i])
			}
			gt, wt := played.tracks[i].run.Trail(), fresh.tracks[i].run.Trail()
			if len(gt) != len(wt) {
				t.Errorf("%s run %d: trail of %d samples, fresh %d", c.query, i, len(gt), len(wt))
				continue
			}
			for k := range gt {
				if gt[k] != wt[k] {
					t.Errorf("%s run %d: trail sample %d = %+v, fresh %+v", c.query, i, k, gt[k], wt[k])
					break
				}
			}
		}
	}
}

// The handle's label stays on the map even when the start sits at its top
// edge, where it used to be cut off by the panel above.
func TestHandleLabelStaysOnTheMap(t *testing.T) {
	for _, at := range []float64{0.5, 0.98, 0.02} { // of the way up the map
		f := figure(t, "fig=valley")
		f.Resize(750, 1240, 2) // a phone: the maps are stacked and short
		view := f.lay.panels[0].view
		y0 := strconv.FormatFloat(view.YMin+at*(view.YMax-view.YMin), 'g', 4, 64)
		f.Set(map[string]string{"y0": y0})
		var fr Frame
		f.DrawDynamic(&fr)
		found := false
		for _, p := range fr.Used() {
			for _, it := range p.Layer.Items {
				if it.Text != "start: drag me" {
					continue
				}
				found = true
				// The label belongs to the map whose handle is nearest.
				var area render.Rect
				best := math.Inf(1)
				for _, pn := range f.lay.panels {
					h := pn.t.ToScreen(render.Pt{X: f.v.X0, Y: f.v.Y0})
					if d := math.Hypot(it.C.X-h.X, it.C.Y-h.Y); d < best {
						best, area = d, pn.area
					}
				}
				if top := it.C.Y - it.Size*0.6; top < area.Y || it.C.Y+it.Size*0.6 > area.Y+area.H {
					t.Errorf("y0=%s: the label at y %.1f (size %.1f) leaves the map, y %.1f to %.1f", y0, it.C.Y, it.Size, area.Y, area.Y+area.H)
				}
			}
		}
		if !found {
			t.Fatalf("y0=%s: no handle label drawn", y0)
		}
	}
}
