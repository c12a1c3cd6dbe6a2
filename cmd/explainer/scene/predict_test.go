package scene

import (
	"math"
	"strings"
	"testing"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/render"
)

// panelPoint is the CSS-pixel point of world point w on map i.
func panelPoint(f *Figure, i int, w render.Pt) (x, y float64) {
	p := f.lay.panels[i].t.ToScreen(w)
	return p.X / f.dpr, p.Y / f.dpr
}

func TestPredictOpensAtStepZeroPaused(t *testing.T) {
	f := figure(t, "fig=valley&predict=20&step=50&play=1")
	s := f.Summary()
	if s.Step != 0 || s.Playing || s.Predict != 20 || s.Revealed {
		t.Fatalf("step %d playing %v predict %d revealed %v; want 0, false, 20, false", s.Step, s.Playing, s.Predict, s.Revealed)
	}
	if !strings.Contains(s.Readout, "after 20 steps") || !strings.HasPrefix(s.Readout, s.Prompt) {
		t.Errorf("readout does not start with the question: %q", s.Readout)
	}
	if p, ok := f.Prediction(); !ok || p.Step != 20 || len(p.Guesses) != 0 {
		t.Errorf("prediction %+v %v; want step 20, no guesses", p, ok)
	}
	if f.Hit(f.Handle()) {
		t.Error("the start handle can be grabbed in guess mode")
	}
	x0 := f.v.X0
	f.Nudge(3, 0)
	if f.v.X0 != x0 {
		t.Error("Shift+arrows moved the start in guess mode")
	}
}

func TestPredictOffHasNoPrediction(t *testing.T) {
	f := figure(t, "fig=valley")
	if _, ok := f.Prediction(); ok || f.Summary().Prompt != "" || f.Guess(100, 100) {
		t.Error("guess mode is on without predict=")
	}
	f.Reveal() // does nothing, must not panic
	if f.Summary().Step != 0 {
		t.Error("Reveal outside guess mode moved the figure")
	}
}

func TestPredictBadValuesFallBackToOff(t *testing.T) {
	for _, q := range []string{"predict=-1", "predict=abc", "predict=1.5", "predict=100001", "predict=NaN", "predict=1e3", "predict="} {
		v, ns := params.ParseQuery("fig=valley&" + q)
		if v.Predict != 0 {
			t.Errorf("%s: Predict = %d, want 0", q, v.Predict)
		}
		if q != "predict=" && len(ns) == 0 {
			t.Errorf("%s: no notice", q)
		}
		f := New(v, noticeTexts(ns), false)
		if _, ok := f.Prediction(); ok {
			t.Errorf("%s: guess mode on", q)
		}
	}
}

func TestGuessRevealAndError(t *testing.T) {
	f := figure(t, "fig=valley&predict=20")
	want := []render.Pt{{X: -3, Y: 0.5}, {X: -1.5, Y: 0}}
	for i, w := range want {
		if !f.Guess(panelPoint(f, i, w)) {
			t.Fatalf("no guess placed on map %d", i)
		}
	}
	p, _ := f.Prediction()
	if len(p.Guesses) != 2 {
		t.Fatalf("%d guesses, want 2", len(p.Guesses))
	}
	for i, g := range p.Guesses {
		if g.HasError {
			t.Error("an error before the reveal")
		}
		if math.Abs(g.X-want[i].X) > 0.05 || math.Abs(g.Y-want[i].Y) > 0.05 {
			t.Errorf("guess %d at (%g, %g), want near %v", i, g.X, g.Y, want[i])
		}
	}
	f.Reveal()
	s := f.Summary()
	if s.Step != 20 || s.Playing || !s.Revealed {
		t.Fatalf("after reveal: step %d playing %v revealed %v", s.Step, s.Playing, s.Revealed)
	}
	p, _ = f.Prediction()
	for i, g := range p.Guesses {
		r := s.Runs[i]
		d := math.Hypot(g.X-r.X, g.Y-r.Y)
		if !g.HasError || math.Abs(g.Error-d) > 1e-12 || g.Run != r.Name {
			t.Errorf("guess %d: run %q error %g (%v), want %q %g", i, g.Run, g.Error, g.HasError, r.Name, d)
		}
	}
	// SGD (measured with cmd/trace -a 0.02 -opt sgd -lr 0.18: x = −4.19 at
	// step 20) is 1.2 from (−3, 0.5): too far; AdaGrad (−1.47, 0.056) is
	// within 0.07 of (−1.5, 0): close.
	if !strings.Contains(s.Readout, "SGD bounced across the valley") {
		t.Errorf("SGD's feedback missing: %q", s.Readout)
	}
	if !strings.Contains(s.Readout, "AdaGrad: your guess was") || !strings.Contains(s.Readout, "away, close.") {
		t.Errorf("AdaGrad's close feedback missing: %q", s.Readout)
	}
	// Guesses are kept once revealed; Reset starts a new round.
	if f.Guess(panelPoint(f, 0, render.Pt{})) {
		t.Error("a guess placed after the reveal")
	}
	f.Reset()
	if p, _ := f.Prediction(); len(p.Guesses) != 0 || f.Summary().Step != 0 || f.Summary().Revealed {
		t.Error("Reset did not start a new round")
	}
}

func TestGuessesAreClampedToTheView(t *testing.T) {
	f := figure(t, "fig=valley&predict=5")
	pn := f.lay.panels[0]
	// The title strip above the map is on the panel but outside its view.
	if !f.Guess((pn.frame.X+pn.frame.W-1)/f.dpr, (pn.frame.Y+1)/f.dpr) {
		t.Fatal("a press on the panel's title placed no guess")
	}
	g := f.pred.guesses[0].at
	if g.X > pn.view.XMax || g.Y > pn.view.YMax || g.X < pn.view.XMin || g.Y < pn.view.YMin {
		t.Errorf("guess %v outside the view %+v", g, pn.view)
	}
	if f.Guess(-50, -50) || f.Guess(math.NaN(), 10) || f.Guess(math.Inf(1), 10) {
		t.Error("a guess off the canvas or at a non-number")
	}
	for range 200 {
		f.MoveGuess(1, -1)
	}
	g = f.pred.guesses[0].at
	if g.X != pn.view.XMax || g.Y != pn.view.YMin {
		t.Errorf("arrow keys took the guess to %v, past the view %+v", g, pn.view)
	}
}

func TestKeyboardGuesses(t *testing.T) {
	f := figure(t, "fig=rotation&predict=10")
	f.MoveGuess(4, 0) // map 0, from the start
	f.PlaceGuess()    // on to map 1
	f.PlaceGuess()    // map 1 at the start, back to map 0
	p, _ := f.Prediction()
	if len(p.Guesses) != 2 {
		t.Fatalf("%d guesses, want 2", len(p.Guesses))
	}
	step := (f.lay.panels[0].view.XMax - f.lay.panels[0].view.XMin) / nudgeSteps
	if math.Abs(p.Guesses[0].X-(f.v.X0+4*step)) > 1e-9 || p.Guesses[0].Y != f.v.Y0 {
		t.Errorf("keyboard guess at (%g, %g), want (%g, %g)", p.Guesses[0].X, p.Guesses[0].Y, f.v.X0+4*step, f.v.Y0)
	}
	if p.Guesses[1].X != f.v.X0 || p.Guesses[1].Y != f.v.Y0 {
		t.Errorf("Enter placed map 1's guess at (%g, %g), want the start", p.Guesses[1].X, p.Guesses[1].Y)
	}
	f.Play() // reveals
	if s := f.Summary(); !s.Revealed || s.Step != 10 || s.Playing {
		t.Errorf("Play in guess mode: revealed %v step %d playing %v", s.Revealed, s.Step, s.Playing)
	}
	f.Play() // after the reveal, Play plays
	if !f.Summary().Playing {
		t.Error("Play after the reveal does not play")
	}
}

func TestRevealWithoutGuesses(t *testing.T) {
	f := figure(t, "fig=freeze&forget=1&predict=100000")
	f.Reveal()
	s := f.Summary()
	if s.Step != params.MaxStep || !s.Revealed || !strings.Contains(s.Readout, "no guess") {
		t.Errorf("step %d revealed %v readout %q", s.Step, s.Revealed, s.Readout)
	}
	if p, ok := f.Prediction(); !ok || len(p.Guesses) != 0 {
		t.Errorf("prediction %+v", p)
	}
	if o := (Prediction{Step: 3}).Object(); o["step"] != 3 || len(o["guesses"].([]any)) != 0 {
		t.Errorf("object %v", o)
	}
}

func TestEveryFigurePredictsAndDrawsFinite(t *testing.T) {
	for _, fig := range params.Figs {
		for _, size := range [][3]float64{{1000, 700, 1}, {375 * 2, 620 * 2, 2}, {1, 1, 1}} {
			f := figure(t, "fig="+fig+"&predict=30&forget=1")
			f.Resize(size[0], size[1], size[2])
			for i := range f.lay.panels {
				f.Guess(panelPoint(f, i, render.Pt{X: 1, Y: 1}))
			}
			var fr Frame
			f.DrawDynamic(&fr)
			checkFrame(t, &fr)
			f.Reveal()
			fr.Reset()
			f.DrawDynamic(&fr)
			checkFrame(t, &fr)
			s := f.Summary()
			if strings.Contains(s.Readout, "NaN") || strings.Contains(s.Readout, "went elsewhere") {
				t.Errorf("%s %v: readout %q", fig, size, s.Readout)
			}
			p, _ := f.Prediction()
			for _, g := range p.Guesses {
				if !g.HasError || bad(g.Error) || bad(g.X) || bad(g.Y) {
					t.Errorf("%s: guess %+v", fig, g)
				}
			}
		}
	}
}

func TestSetPredictTurnsGuessModeOnAndOff(t *testing.T) {
	f := figure(t, "fig=valley&step=40")
	f.Set(map[string]string{"predict": "15"})
	if s := f.Summary(); s.Predict != 15 || s.Step != 0 {
		t.Fatalf("set predict=15: predict %d step %d", s.Predict, s.Step)
	}
	f.Guess(panelPoint(f, 0, render.Pt{}))
	f.Set(map[string]string{"fig": "sparse"})
	if p, _ := f.Prediction(); len(p.Guesses) != 0 {
		t.Error("a guess carried over to another figure")
	}
	ns := f.Set(map[string]string{"predict": "-3"})
	if len(ns) != 1 || f.Summary().Predict != 15 {
		t.Errorf("set predict=-3: notices %v, predict %d (keeps its value, like every parameter)", ns, f.Summary().Predict)
	}
	f.Set(map[string]string{"predict": "0"})
	if _, ok := f.Prediction(); ok || f.Hit(f.Handle()) != true {
		t.Error("predict=0 left guess mode on or the handle fixed")
	}
}

func TestChangedRunsWaitForAnotherReveal(t *testing.T) {
	f := figure(t, "fig=valley&predict=20")
	f.Guess(panelPoint(f, 0, render.Pt{X: -4, Y: 0}))
	f.Reveal()
	f.Set(map[string]string{"speed": "30", "theme": "dark"})
	if !f.Summary().Revealed {
		t.Fatal("a change of speed or theme undid the reveal")
	}
	f.Set(map[string]string{"sgdlr": "0.05"})
	if f.Summary().Revealed || !f.Predicting() {
		t.Fatal("a new SGD rate kept the old reveal")
	}
	f.Reveal()
	p, _ := f.Prediction()
	r := f.Summary().Runs[0]
	if d := math.Hypot(p.Guesses[0].X-r.X, p.Guesses[0].Y-r.Y); math.Abs(p.Guesses[0].Error-d) > 1e-12 {
		t.Errorf("error %g after the second reveal, want %g", p.Guesses[0].Error, d)
	}
}

// The rare-words figure has no map to guess on: predict= leaves it as it is.
func TestPredictIgnoredWithoutAMap(t *testing.T) {
	f := figure(t, "fig=rare&predict=20&play=0")
	if f.Predicting() {
		t.Fatal("the rare-words figure is in guess mode")
	}
	if _, ok := f.Prediction(); ok {
		t.Error("the rare-words figure reports a prediction")
	}
	f.Step(30)
	if s := f.Summary(); s.Step != 30 || s.Prompt != "" {
		t.Errorf("after 30 steps: step %d, prompt %q", s.Step, s.Prompt)
	}
}
