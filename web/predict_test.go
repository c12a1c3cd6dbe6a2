//go:build !js

package web_test

// Guess mode (predict=N): a reader places one guess per map with the mouse
// or the keyboard, reveals, and reads how far each guess was; an embedding
// page hears the result in one adagrad:prediction message.

import (
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// guessJSON is one guess as state().prediction and the adagrad:prediction
// message carry it.
type guessJSON struct {
	Run   string   `json:"run"`
	X     float64  `json:"x"`
	Y     float64  `json:"y"`
	Error *float64 `json:"error"`
}

// predictionState is state().prediction plus what the checks compare it with.
type predictionState struct {
	Step       int `json:"step"`
	Prediction *struct {
		Step    int         `json:"step"`
		Guesses []guessJSON `json:"guesses"`
	} `json:"prediction"`
	Runs []struct {
		Name string  `json:"name"`
		X    float64 `json:"x"`
		Y    float64 `json:"y"`
	} `json:"runs"`
	Playing bool     `json:"playing"`
	Notices []string `json:"notices"`
}

func predictState(t *testing.T, ctx context.Context) predictionState {
	t.Helper()
	var s predictionState
	if err := evalJSON(ctx, `window.adagradFigure.state()`, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// clickCanvas clicks with the mouse at fractions (fx, fy) of the canvas.
func clickCanvas(t *testing.T, ctx context.Context, fx, fy float64) {
	t.Helper()
	var r struct{ L, T, W, H float64 }
	if err := evalJSON(ctx, `(() => { const b = document.querySelector("canvas").getBoundingClientRect();
		return {L: b.left, T: b.top, W: b.width, H: b.height}; })()`, &r); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(r.L+fx*r.W, r.T+fy*r.H)); err != nil {
		t.Fatalf("clicking the canvas: %v", err)
	}
}

// checkRevealed checks that the figure is at step n and that every guess's
// error is its distance to its run there.
func checkRevealed(t *testing.T, s predictionState, n, guesses int) {
	t.Helper()
	if s.Step != n || s.Playing || s.Prediction == nil || s.Prediction.Step != n {
		t.Fatalf("after the reveal: step %d playing %v prediction %+v; want step %d, paused", s.Step, s.Playing, s.Prediction, n)
	}
	if len(s.Prediction.Guesses) != guesses {
		t.Fatalf("%d guesses, want %d: %+v", len(s.Prediction.Guesses), guesses, s.Prediction.Guesses)
	}
	for i, g := range s.Prediction.Guesses {
		r := s.Runs[i]
		d := math.Hypot(g.X-r.X, g.Y-r.Y)
		if g.Run != r.Name || g.Error == nil || math.Abs(*g.Error-d) > 1e-9*math.Max(d, 1e-300) {
			t.Errorf("guess %d (%s) error %v, want %s's distance %g", i, g.Run, g.Error, r.Name, d)
		}
	}
}

func TestPredictByMouse(t *testing.T) {
	site(t)
	for _, vp := range []struct {
		name string
		w, h int
	}{{"1280", 1280, 800}, {"375", 375, 720}} {
		t.Run(vp.name, func(t *testing.T) {
			ctx, w := openFigure(t, "fig=valley&predict=20", viewport(vp.w, vp.h, 1))
			s := predictState(t, ctx)
			if s.Step != 0 || s.Playing || s.Prediction == nil || s.Prediction.Step != 20 || len(s.Prediction.Guesses) != 0 {
				t.Fatalf("opened at %+v; want step 0, paused, no guesses", s)
			}
			var ui struct {
				Reveal  bool   `json:"reveal"`
				Readout string `json:"readout"`
			}
			if err := evalJSON(ctx, `({reveal: !document.getElementById("btn-reveal").hidden,
				readout: document.getElementById("fig-readout").textContent})`, &ui); err != nil {
				t.Fatal(err)
			}
			if !ui.Reveal || !strings.Contains(ui.Readout, "after 20 steps") {
				t.Errorf("Reveal shown %v, readout %q", ui.Reveal, ui.Readout)
			}
			// One click on each map: side by side on a wide screen, one
			// above the other on a phone.
			spots := [][2]float64{{0.3, 0.25}, {0.8, 0.25}}
			if vp.w < 560 {
				spots = [][2]float64{{0.5, 0.15}, {0.5, 0.45}}
			}
			for _, sp := range spots {
				clickCanvas(t, ctx, sp[0], sp[1])
			}
			waitJS(t, ctx, `window.adagradFigure.state().prediction.guesses.length === 2`, 5*time.Second)
			s = predictState(t, ctx)
			if s.Step != 0 || s.Prediction.Guesses[0].Run != "SGD" || s.Prediction.Guesses[1].Run != "AdaGrad" {
				t.Fatalf("after two clicks: %+v", s)
			}
			for _, g := range s.Prediction.Guesses {
				if g.Error != nil {
					t.Errorf("an error before the reveal: %+v", g)
				}
			}
			screenshot(t, ctx, "predict-"+vp.name+"-guessed")
			if err := evalJSON(ctx, `window.adagradFigure.reveal(), true`, nil); err != nil {
				t.Fatal(err)
			}
			checkRevealed(t, predictState(t, ctx), 20, 2)
			waitJS(t, ctx, `document.getElementById("fig-readout").textContent.startsWith("After 20 steps")`, 5*time.Second)
			if err := evalJSON(ctx, `document.getElementById("fig-readout").textContent`, &ui.Readout); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(ui.Readout, "After 20 steps: SGD: your guess was") || !strings.Contains(ui.Readout, "AdaGrad: your guess was") {
				t.Errorf("readout after the reveal: %q", ui.Readout)
			}
			waitJS(t, ctx, `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`, 5*time.Second)
			screenshot(t, ctx, "predict-"+vp.name+"-revealed")
			w.AssertClean(t)
		})
	}
}

func TestPredictByKeyboard(t *testing.T) {
	site(t)
	ctx, w := openFigure(t, "fig=valley&predict=20", viewport(900, 640, 1))
	if err := evalJSON(ctx, `document.querySelector("canvas").focus(), true`, nil); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{kb.ArrowRight, kb.ArrowRight, kb.ArrowRight, kb.Enter, kb.ArrowUp, kb.Enter} {
		press(t, ctx, k)
	}
	waitJS(t, ctx, `window.adagradFigure.state().prediction.guesses.length === 2`, 5*time.Second)
	s := predictState(t, ctx)
	var p struct{ X0, Y0 float64 }
	if err := evalJSON(ctx, `(() => { const v = window.adagradFigure.state().params; return {X0: v.x0, Y0: v.y0}; })()`, &p); err != nil {
		t.Fatal(err)
	}
	g := s.Prediction.Guesses
	if s.Step != 0 || !(g[0].X > p.X0) || g[0].Y != p.Y0 || g[1].X != p.X0 || !(g[1].Y > p.Y0) {
		t.Errorf("keyboard guesses %+v from the start (%g, %g); the arrows must move the guess, not step", g, p.X0, p.Y0)
	}
	press(t, ctx, " ") // Play reveals
	waitJS(t, ctx, `window.adagradFigure.state().step === 20`, 5*time.Second)
	checkRevealed(t, predictState(t, ctx), 20, 2)
	press(t, ctx, "r") // a new round
	waitJS(t, ctx, `window.adagradFigure.state().prediction.guesses.length === 0`, 5*time.Second)
	if s := predictState(t, ctx); s.Step != 0 {
		t.Errorf("r left the figure at step %d", s.Step)
	}
	// No guesses: reveal still reveals and never throws.
	if err := evalJSON(ctx, `window.adagradFigure.reveal(), true`, nil); err != nil {
		t.Fatal(err)
	}
	checkRevealed(t, predictState(t, ctx), 20, 0)
	w.AssertClean(t)
}

func TestPredictBadValues(t *testing.T) {
	site(t)
	ctx, w := openFigure(t, "fig=valley&play=0&predict=-7", viewport(900, 640, 1))
	s := predictState(t, ctx)
	if s.Prediction != nil || len(s.Notices) != 1 || !strings.Contains(s.Notices[0], "predict") {
		t.Errorf("predict=-7: prediction %+v notices %q; want none, and one notice", s.Prediction, s.Notices)
	}
	var hidden bool
	if err := evalJSON(ctx, `document.getElementById("btn-reveal").hidden`, &hidden); err != nil {
		t.Fatal(err)
	}
	if !hidden {
		t.Error("Reveal shown outside guess mode")
	}
	// reveal() outside guess mode does nothing and never throws.
	if err := evalJSON(ctx, `window.adagradFigure.reveal(), window.adagradFigure.state().step`, &s.Step); err != nil || s.Step != 0 {
		t.Errorf("reveal outside guess mode: step %d, %v", s.Step, err)
	}
	// set() turns guess mode on; a bad value keeps it as it was.
	var notices []string
	if err := evalJSON(ctx, `window.adagradFigure.set({predict: "1e9"})`, &notices); err != nil || len(notices) != 1 {
		t.Errorf("set predict=1e9: notices %q, %v", notices, err)
	}
	if err := evalJSON(ctx, `window.adagradFigure.set({predict: 30})`, &notices); err != nil || len(notices) != 0 {
		t.Errorf("set predict=30: notices %q, %v", notices, err)
	}
	if s := predictState(t, ctx); s.Prediction == nil || s.Prediction.Step != 30 {
		t.Errorf("set predict=30: %+v", s.Prediction)
	}
	w.AssertClean(t)
}

// TestPredictTellsTheEmbeddingPage places guesses with real clicks in a
// figure embedded in a page of another origin, reveals with Space, and
// checks the page receives adagrad:prediction with the measured guesses.
func TestPredictTellsTheEmbeddingPage(t *testing.T) {
	site(t)
	ctx, w, _ := openEmbedded(t, "fig=valley&predict=20")
	var r struct{ L, T float64 }
	if err := evalJSON(ctx, `(() => { const b = document.getElementById("fig").getBoundingClientRect(); return {L: b.left, T: b.top}; })()`, &r); err != nil {
		t.Fatal(err)
	}
	// The 720 px frame's two maps side by side, near their top.
	for _, x := range []float64{200, 540} {
		if err := chromedp.Do(ctx, chromedp.MouseClickXY(r.L+x, r.T+90)); err != nil {
			t.Fatal(err)
		}
	}
	press(t, ctx, " ")
	waitJS(t, ctx, `got.some((m) => m.from === "fig" && m.data && m.data.type === "adagrad:prediction")`, 10*time.Second)
	var msg struct {
		Origin string `json:"origin"`
		Data   struct {
			Type    string      `json:"type"`
			Fig     string      `json:"fig"`
			Step    int         `json:"step"`
			Guesses []guessJSON `json:"guesses"`
		} `json:"data"`
		Raw json.RawMessage `json:"raw"`
	}
	if err := evalJSON(ctx, `(() => { const m = got.find((m) => m.data && m.data.type === "adagrad:prediction"); return {origin: m.origin, data: m.data, raw: m.data}; })()`, &msg); err != nil {
		t.Fatal(err)
	}
	d := msg.Data
	if msg.Origin != h.origin || d.Fig != "valley" || d.Step != 20 || len(d.Guesses) != 2 {
		t.Fatalf("adagrad:prediction %s from %s", msg.Raw, msg.Origin)
	}
	for _, g := range d.Guesses {
		if g.Error == nil || !(*g.Error >= 0) {
			t.Errorf("guess without a measured error: %s", msg.Raw)
		}
	}
	var keys []string
	if err := evalJSON(ctx, `Object.keys(got.find((m) => m.data && m.data.type === "adagrad:prediction").data).sort()`, &keys); err != nil {
		t.Fatal(err)
	}
	if strings.Join(keys, ",") != "fig,guesses,step,type" {
		t.Errorf("the message carries %v; want only type, fig, step and guesses", keys)
	}
	w.AssertClean(t)
}

// TestPredictOneMapTwoRuns: in the freeze with RMSProp beside AdaGrad, one
// map holds both runs, so one guess is measured against each.
func TestPredictOneMapTwoRuns(t *testing.T) {
	site(t)
	ctx, w := openFigure(t, "fig=freeze&forget=1&predict=200", viewport(1280, 800, 1))
	clickCanvas(t, ctx, 0.5, 0.3)
	waitJS(t, ctx, `window.adagradFigure.state().prediction.guesses.length === 2`, 5*time.Second)
	if err := evalJSON(ctx, `window.adagradFigure.reveal(), true`, nil); err != nil {
		t.Fatal(err)
	}
	s := predictState(t, ctx)
	checkRevealed(t, s, 200, 2)
	g := s.Prediction.Guesses
	if g[0].Run != "AdaGrad" || g[1].Run != "RMSProp" || g[0].X != g[1].X || g[0].Y != g[1].Y {
		t.Errorf("one guess for both runs of the map: %+v", g)
	}
	waitJS(t, ctx, `document.getElementById("fig-readout").textContent.includes("RMSProp: your guess was")`, 5*time.Second)
	screenshot(t, ctx, "predict-freeze-1280-revealed")
	w.AssertClean(t)
}
