//go:build !js

package web_test

import (
	"context"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Figures that answer at once: a change shows where the runs would be now,
// and time runs both ways (seek, step=, the timeline slider).

// runsOf is the part of a state that says where every run is.
func runsOf(s figureState) string {
	var b strings.Builder
	for _, r := range s.Runs {
		b.WriteString(r.Name + ":" + strconv.FormatFloat(r.X, 'g', -1, 64) + "," + strconv.FormatFloat(r.Y, 'g', -1, 64) +
			" loss " + strconv.FormatFloat(r.Loss, 'g', -1, 64))
		for _, v := range append(append([]float64{}, r.G...), r.LREff...) {
			b.WriteString(" " + strconv.FormatFloat(v, 'g', -1, 64))
		}
		b.WriteString(" d=" + strconv.FormatBool(r.Diverged) + " f=" + strconv.FormatBool(r.Frozen) + "; ")
	}
	return b.String()
}

func eval(t *testing.T, ctx context.Context, js string) {
	t.Helper()
	if err := evalJSON(ctx, js+`, true`, nil); err != nil {
		t.Fatal(err)
	}
}

func TestTimelineEveryChangeAnswersAtOnce(t *testing.T) {
	site(t)
	ctx, w := openFigure(t, "fig=valley&play=0", viewport(1000, 700, 1))
	eval(t, ctx, `window.adagradFigure.step(100)`)
	before := state(t, ctx)
	// The lesson's "η > 0.2 diverges", seen the moment the rate changes.
	eval(t, ctx, `window.adagradFigure.set({sgdlr: 0.21})`)
	s := state(t, ctx)
	if s.Step != 100 {
		t.Errorf("changing SGD's η moved the figure to step %d", s.Step)
	}
	if sgd := s.Runs[0]; !sgd.Diverged && !(math.Abs(sgd.Y) > 100) {
		t.Errorf("SGD with η = 0.21 at step 100: %+v; want it diverged (or far up the wall) at once", sgd)
	}
	if !reflect.DeepEqual(s.Runs[1], before.Runs[1]) {
		t.Errorf("changing SGD's η moved AdaGrad: %+v, was %+v", s.Runs[1], before.Runs[1])
	}
	// Reset still goes to step 0; seek(30) is reset() then step(30).
	eval(t, ctx, `window.adagradFigure.set({sgdlr: 0.18}), window.adagradFigure.seek(30)`)
	seeked := state(t, ctx)
	eval(t, ctx, `window.adagradFigure.reset()`)
	if s := state(t, ctx); s.Step != 0 {
		t.Errorf("reset went to step %d", s.Step)
	}
	eval(t, ctx, `window.adagradFigure.step(30)`)
	stepped := state(t, ctx)
	if seeked.Step != 30 || runsOf(seeked) != runsOf(stepped) {
		t.Errorf("seek(30) gave step %d %s\nreset()+step(30) gave %s", seeked.Step, runsOf(seeked), runsOf(stepped))
	}
	// Anything but a number changes nothing and throws nothing.
	eval(t, ctx, `["30", {}, null, undefined, NaN, Infinity, -Infinity, [5], true].forEach((v) => window.adagradFigure.seek(v))`)
	if s := state(t, ctx); s.Step != 30 || runsOf(s) != runsOf(stepped) {
		t.Errorf("seek with bad arguments moved the figure to step %d", s.Step)
	}
	eval(t, ctx, `window.adagradFigure.seek(1e12)`)
	if s := state(t, ctx); s.Step != 100000 {
		t.Errorf("seek(1e12) went to step %d, want the maximum 100000", s.Step)
	}
	eval(t, ctx, `window.adagradFigure.seek(-4)`)
	if s := state(t, ctx); s.Step != 0 {
		t.Errorf("seek(-4) went to step %d, want 0", s.Step)
	}

	// The timeline slider moves through time by keyboard, and follows the figure.
	eval(t, ctx, `window.adagradFigure.seek(12), document.getElementById("rng-step").focus()`)
	waitJS(t, ctx, `document.getElementById("rng-step").value === "12"`, 5*time.Second)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `window.adagradFigure.state().step === 14`, 5*time.Second)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Home)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `window.adagradFigure.state().step === 0`, 5*time.Second)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.End)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `window.adagradFigure.state().step === 400`, 5*time.Second)
	// The slider hears from the figure with its next summary.
	waitJS(t, ctx, `document.getElementById("rng-step").getAttribute("aria-valuetext") === "step 400 of 400"`, 5*time.Second)
	// ← on the canvas steps back.
	eval(t, ctx, `document.querySelector("canvas").focus()`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowLeft)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `window.adagradFigure.state().step === 399`, 5*time.Second)
	screenshot(t, ctx, "figure-valley-timeline")
	w.AssertClean(t)
}

// step=N opens a figure at step N, paused, exactly as stepping there would.
func TestTimelineStepInTheURL(t *testing.T) {
	site(t)
	for _, fig := range figures {
		t.Run(fig, func(t *testing.T) {
			ctx, w := openFigure(t, "fig="+fig+"&step=80", viewport(1000, 700, 1))
			opened := state(t, ctx)
			if opened.Step != 80 || opened.Playing {
				t.Errorf("step=80 opened at step %d, playing %v; want 80, paused", opened.Step, opened.Playing)
			}
			eval(t, ctx, `window.adagradFigure.reset(), window.adagradFigure.step(80)`)
			if s := state(t, ctx); runsOf(s) != runsOf(opened) {
				t.Errorf("step=80: %s\nreset()+step(80): %s", runsOf(opened), runsOf(s))
			}
			noRateAtStepZero(t, ctx, fig)
			w.AssertClean(t)
		})
	}
	// Out of range, negative or not a number: step 0, with a notice.
	for _, bad := range []string{"-3", "1e9", "banana", "4.5"} {
		ctx, w := openFigure(t, "fig=valley&play=0&step="+bad)
		s := state(t, ctx)
		if s.Step != 0 || len(s.Notices) == 0 || !strings.Contains(strings.Join(s.Notices, " "), "step") {
			t.Errorf("step=%s: step %d, notices %q; want step 0 and a notice naming step", bad, s.Step, s.Notices)
		}
		w.AssertClean(t)
	}
}

// noRateAtStepZero fails if the figure, reset to step 0, shows an
// effective rate: before the first gradient AdaGrad's would be η/√ε,
// thousands, a rate no step takes.
func noRateAtStepZero(t *testing.T, ctx context.Context, fig string) {
	t.Helper()
	eval(t, ctx, `window.adagradFigure.reset()`)
	waitJS(t, ctx, `document.getElementById("out-step").textContent === "0" && window.adagradFigure.state().step === 0`, 5*time.Second)
	if err := evalJSON(ctx, frameJS, nil); err != nil {
		t.Fatal(err)
	}
	var text string
	if err := evalJSON(ctx, `document.getElementById("fig-readout").textContent`, &text); err != nil {
		t.Fatal(err)
	}
	for _, m := range rateInReadout.FindAllStringSubmatch(text, -1) {
		for _, part := range strings.Split(m[1], ",") {
			x, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(part), "−", "-"), 64)
			if err != nil || x > 100 {
				t.Errorf("%s at step 0: the readout shows an effective rate of %q: %s", fig, part, text)
			}
		}
	}
	// valley and sparse show SGD's rate, defined from the start; rare shows no rate at step 0.
	if fig != "valley" && fig != "sparse" && fig != "rare" && !strings.Contains(text, "not yet") {
		t.Errorf("%s at step 0: the readout does not say the rate is not yet set: %s", fig, text)
	}
}

var rateInReadout = regexp.MustCompile(`effective rate \(([^)]*)\)`)

// The Share link carries the step, so a teacher can link to a moment.
func TestTimelineShareCarriesTheStep(t *testing.T) {
	site(t)
	ctx, w := openFigure(t, "fig=sparse&play=0")
	eval(t, ctx, `window.adagradFigure.seek(80)`)
	waitJS(t, ctx, `document.getElementById("out-step").textContent === "80"`, 5*time.Second)
	// Catch what the button copies (headless Chromium's clipboard may refuse).
	eval(t, ctx, `Object.defineProperty(navigator, "clipboard", {value: {writeText: (s) => { window.testCopied = s; return Promise.resolve(); }}})`)
	eval(t, ctx, `document.getElementById("btn-share").click()`)
	waitJS(t, ctx, `typeof window.testCopied === "string"`, 5*time.Second)
	var copied string
	if err := evalJSON(ctx, `window.testCopied`, &copied); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(copied, "step=80") {
		t.Errorf("the Share link does not carry step=80: %q", copied)
	}
	w.AssertClean(t)
}

// Every figure on a phone and on a desktop, light and dark, part-way
// through its run, saved for a person to look at.
func TestTimelineScreenshots(t *testing.T) {
	site(t)
	for _, fig := range figures {
		// One load per figure at pixel ratio 2, resized and re-themed in
		// place (theme= from the URL first, then through set()).
		ctx, w := openFigure(t, "fig="+fig+"&forget=1&theme=light&step=120", viewport(375, 740, 2))
		for _, size := range []struct{ w, h int }{{375, 740}, {1280, 800}} {
			resizeAndSettle(t, ctx, size.w, size.h, 2)
			for _, theme := range []string{"light", "dark"} {
				name := fig + "-" + strconv.Itoa(size.w) + "-" + theme
				eval(t, ctx, `window.adagradFigure.set({theme: "`+theme+`"})`)
				waitJS(t, ctx, `document.documentElement.dataset.theme === "`+theme+`"`, 5*time.Second)
				settleFrames(t, ctx)
				if s := state(t, ctx); s.Step != 120 {
					t.Errorf("%s: at step %d, want 120", name, s.Step)
				}
				if err := canvasNotBlank(ctx); err != nil {
					t.Errorf("%s: %v", name, err)
				}
				screenshot(t, ctx, "figure-"+name)
			}
		}
		w.AssertClean(t)
	}
}
