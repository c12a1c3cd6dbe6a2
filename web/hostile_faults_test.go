//go:build !js

package web_test

// Browser faults: tiny and resized windows, a hidden tab, a lost WebGL
// context and too many contexts, on the page and inside an iframe.

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// canvasSize reads the canvas's backing size and the window's CSS size and
// device pixel ratio.
type canvasSize struct{ W, H, CSSW, CSSH, DPR float64 }

const canvasSizeJS = `(() => { const c = document.querySelector("canvas");
	return { W: c.width, H: c.height, CSSW: innerWidth, CSSH: innerHeight, DPR: devicePixelRatio }; })()`

// hideJS and showJS make the page hidden or visible as far as its scripts
// can tell (headless Chromium never hides a tab), and say so with the
// visibilitychange event the browser would fire.
var hideJS = fixture("hostile/hide.js")
var showJS = fixture("hostile/show.js")

// loseContextJS takes the canvas's WebGL context away, as a browser does
// when a page holds too many, and reports whether it could.
var loseContextJS = fixture("hostile/lose-context.js")

// TestHostileBrowserFaults: a 1×1 window and back, 60 rapid resizes and
// pixel-ratio changes, a hidden and a frozen tab, and a lost WebGL context
// leave no console error; the figure redraws at the right size, pauses
// while hidden and resumes, and after the lost context says so with a
// button instead of reloading (Ebiten's own answer, which can loop).
func TestHostileBrowserFaults(t *testing.T) {
	site(t)
	var rec hostileRec
	ctx, w := openFigure(t, "fig=accumulator&play=0", viewport(800, 600, 1), recordHostile(&rec))
	size := func() canvasSize {
		t.Helper()
		var s canvasSize
		if err := evalJSON(ctx, canvasSizeJS, &s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	settle := func() {
		t.Helper()
		time.Sleep(300 * time.Millisecond)
		if err := evalJSON(ctx, frameJS, nil); err != nil {
			t.Fatal(err)
		}
	}
	checkSized := func(when string, cssW, cssH int, dpr float64) {
		t.Helper()
		s := size()
		if s.CSSW != float64(cssW) || s.CSSH != float64(cssH) || s.DPR != dpr {
			t.Fatalf("%s: window %gx%g at %g, want %dx%d at %g", when, s.CSSW, s.CSSH, s.DPR, cssW, cssH, dpr)
		}
		// Ebiten sizes the canvas to the window in device pixels.
		if math.Abs(s.W-float64(cssW)*dpr) > 2 || math.Abs(s.H-float64(cssH)*dpr) > 2 {
			t.Errorf("%s: canvas %gx%g, want about %gx%g", when, s.W, s.H, float64(cssW)*dpr, float64(cssH)*dpr)
		}
		st := state(t, ctx)
		checkFinite(t, st)
		if err := canvasNotBlank(ctx); err != nil {
			t.Errorf("%s: %v", when, err)
		}
	}
	faults := 0

	// 1×1 (the emulator's 0 means "no override") and back.
	for _, d := range [][2]int{{1, 1}, {1, 600}, {800, 1}} {
		if err := setViewport(ctx, d[0], d[1], 1); err != nil {
			t.Fatal(err)
		}
		settle()
		faults++
		if s := state(t, ctx); !s.Ready {
			t.Errorf("at %dx%d the figure is not ready", d[0], d[1])
		}
	}
	if err := setViewport(ctx, 800, 600, 1); err != nil {
		t.Fatal(err)
	}
	settle()
	checkSized("back from 1x1", 800, 600, 1)

	// 60 rapid resizes, no wait between.
	for i := 0; i < 60; i++ {
		wd, ht := 1+(i*7919)%1600, 1+(i*104729)%1200
		if err := setViewport(ctx, wd, ht, 1); err != nil {
			t.Fatal(err)
		}
		faults++
	}
	if err := setViewport(ctx, 640, 480, 1); err != nil {
		t.Fatal(err)
	}
	settle()
	checkSized("after 60 rapid resizes", 640, 480, 1)

	// A new pixel ratio (browser zoom, another monitor): Ebiten 2.8 reads
	// devicePixelRatio once, so the canvas keeps the first ratio's
	// resolution — less crisp, but drawn, at the right size, without error.
	for _, dpr := range []float64{2, 3, 1.25} {
		if err := setViewport(ctx, 640, 480, dpr); err != nil {
			t.Fatal(err)
		}
		faults++
		settle()
		if err := canvasNotBlank(ctx); err != nil {
			t.Errorf("at pixel ratio %g: %v", dpr, err)
		}
	}
	if err := setViewport(ctx, 800, 600, 1); err != nil {
		t.Fatal(err)
	}
	settle()
	checkSized("back at ratio 1", 800, 600, 1)

	// Hidden: a playing figure stops stepping, and steps again when shown.
	stepNow := func() int { t.Helper(); return state(t, ctx).Step }
	if err := evalJSON(ctx, `window.adagradFigure.set({ speed: "60" }), window.adagradFigure.play(), true`, nil); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `window.adagradFigure.state().step >= 5`, 10*time.Second)
	if err := evalJSON(ctx, hideJS, nil); err != nil {
		t.Fatal(err)
	}
	faults++
	settle()
	a := stepNow()
	time.Sleep(700 * time.Millisecond)
	if b := stepNow(); b != a {
		t.Errorf("a hidden figure kept stepping: %d → %d", a, b)
	}
	var shown bool
	if err := evalJSON(ctx, showJS, &shown); err != nil || !shown {
		t.Fatalf("showing the page again: %v %v", shown, err)
	}
	waitJS(t, ctx, fmt.Sprintf(`window.adagradFigure.state().step >= %d`, a+5), 10*time.Second)

	// Frozen by the browser, as a background tab may be, and thawed: the
	// tab is then really hidden (document.hidden), and the figure must not
	// step until the tab is shown again.
	for _, st := range []page.SetWebLifecycleStateState{page.SetWebLifecycleStateStateFrozen, page.SetWebLifecycleStateStateActive} {
		if _, err := chromedp.Call(ctx, page.SetWebLifecycleState, page.SetWebLifecycleStateParams{State: st}); err != nil {
			t.Fatal(err)
		}
		faults++
		time.Sleep(500 * time.Millisecond)
	}
	var hidden bool
	if err := evalJSON(ctx, `document.hidden`, &hidden); err != nil {
		t.Fatal(err)
	}
	c := stepNow()
	time.Sleep(700 * time.Millisecond)
	if !hidden {
		t.Errorf("the frozen and thawed tab is not hidden; the test no longer checks a hidden tab")
	}
	if d := stepNow(); d != c {
		t.Errorf("a figure in a hidden tab kept stepping: %d → %d", c, d)
	}
	// Headless Chromium shows the tab again under focus emulation.
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](fmt.Sprintf(`window.adagradFigure.state().step >= %d`, c+5),
		chromedp.WithPollingTimeout(10*time.Second), chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		var dbg any
		evalJSON(ctx, `(() => { const s = window.adagradFigure.state(); return [s.step, s.playing, document.hidden]; })()`, &dbg)
		t.Fatalf("shown again after a freeze, from step %d: %v (%v)", c, dbg, err)
	}
	if err := evalJSON(ctx, `window.adagradFigure.pause(), true`, nil); err != nil {
		t.Fatal(err)
	}

	// A lost WebGL context: a warning with a button, no reload.
	navs := rec.Navigations("/web/figure.html")
	var lost bool
	if err := evalJSON(ctx, loseContextJS, &lost); err != nil {
		t.Fatal(err)
	}
	if !lost {
		t.Fatal("could not lose the WebGL context")
	}
	faults++
	waitJS(t, ctx, `!document.getElementById("fig-warning").hidden`, 5*time.Second)
	// Poke the figure while it has no graphics: no error, no reload.
	if err := evalJSON(ctx, `(() => { const f = window.adagradFigure; f.step(50); f.play(); f.set({ lr: "2" }); return f.state().step; })()`, nil); err != nil {
		t.Fatal(err)
	}
	if err := setViewport(ctx, 700, 500, 1); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	if n := rec.Navigations("/web/figure.html"); n != navs {
		t.Fatalf("the page navigated %d times after losing its context", n-navs)
	}
	var warn struct {
		Text    string
		Button  string
		Visible bool
	}
	if err := evalJSON(ctx, `(() => { const w = document.getElementById("fig-warning"); const b = w.querySelector("button");
		return { Text: w.textContent, Button: b ? b.textContent : "", Visible: w.checkVisibility() }; })()`, &warn); err != nil {
		t.Fatal(err)
	}
	if !warn.Visible || !strings.Contains(warn.Text, "graphics") || warn.Button == "" {
		t.Errorf("after a lost context the figure says %+v", warn)
	}
	checkFinite(t, state(t, ctx))
	screenshot(t, ctx, "hostile-context-lost")
	w.AssertClean(t)

	// The reader asks for it back: one reload, with what they had set.
	if err := evalJSON(ctx, `document.querySelector("#fig-warning button").click(), true`, nil); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); rec.Navigations("/web/figure.html") == navs; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the redraw button did not reload the figure")
		}
	}
	waitJS(t, ctx, `window.adagradFigure && window.adagradFigure.state().ready === true`, 60*time.Second)
	time.Sleep(time.Second)
	if n := rec.Navigations("/web/figure.html"); n != navs+1 {
		t.Errorf("the redraw button navigated %d times, want once", n-navs)
	}
	if err := canvasNotBlank(ctx); err != nil {
		t.Errorf("after the reload: %v", err)
	}
	if s := state(t, ctx); s.Fig != "accumulator" || s.Params["lr"] != 2.0 || s.Params["speed"] != 60.0 {
		t.Errorf("after the reload: fig %s, lr %v, speed %v; want accumulator, 2, 60 as set before", s.Fig, s.Params["lr"], s.Params["speed"])
	}
	rec.assertNoDialogs(t)
	w.AssertClean(t)
	t.Logf("%d browser faults", faults)
}

// TestHostileEmbeddedFaults: the figure in a course page's iframe is
// squeezed to 0×0, hidden with display:none, resized 50 times in a row and
// then loses its WebGL context. Every height it posts stays a whole number
// of pixels, it draws again at its size, and the lost context neither
// reloads the figure nor the page around it.
func TestHostileEmbeddedFaults(t *testing.T) {
	site(t)
	figOrigin := h.origin
	ctx, w, rec := openEmbedded(t, "fig=sparse&play=0")
	frame := func(style string) {
		t.Helper()
		if err := evalJSON(ctx, `(() => { const f = document.getElementById("fig"); f.style.cssText = `+jsString(style)+`; return true; })()`, nil); err != nil {
			t.Fatal(err)
		}
	}
	faults := 0
	for _, style := range []string{"width:0;height:0", "display:none", "width:1px;height:1px", "width:2000px;height:10px", "visibility:hidden", ""} {
		frame(style)
		faults++
		time.Sleep(400 * time.Millisecond)
	}
	for i := 0; i < 50; i++ {
		frame(fmt.Sprintf("width:%dpx;height:%dpx", (i*7919)%1200, (i*104729)%900))
		faults++
	}
	frame("")
	time.Sleep(time.Second)
	if err := evalJSON(ctx, frameJS, nil); err != nil {
		t.Fatal(err)
	}
	if err := elementPixelsOK(ctx, "#fig"); err != nil {
		t.Errorf("after the squeezes: %v", err)
	}
	var a struct {
		Data struct {
			State json.RawMessage `json:"state"`
		}
	}
	if err := evalJSON(ctx, `ask()`, &a); err != nil {
		t.Fatal(err)
	}
	var s figureState
	if err := json.Unmarshal(a.Data.State, &s); err != nil || !s.Ready || s.Fig != "sparse" {
		t.Fatalf("state after the squeezes: %s (%v)", a.Data.State, err)
	}
	checkFinite(t, s)
	var heights []any
	if err := evalJSON(ctx, `got.filter((m) => m.from === "fig" && m.data && m.data.type === "adagrad:height").map((m) => m.data.px)`, &heights); err != nil {
		t.Fatal(err)
	}
	if len(heights) == 0 {
		t.Error("the figure posted no height")
	}
	for _, px := range heights {
		if f, ok := px.(float64); !ok || f < 0 || f > 20000 || f != math.Trunc(f) {
			t.Errorf("the figure posted height %v", px)
		}
	}

	// Lose the context inside the iframe: neither it nor the page reloads.
	navFig, navPage := rec.Navigations("/web/figure.html"), rec.Navigations("/parent.html")
	var lost bool
	if err := rec.evalIn(ctx, figOrigin, loseContextJS, &lost); err != nil || !lost {
		t.Fatalf("losing the figure's context: %v %v", lost, err)
	}
	faults++
	time.Sleep(2 * time.Second)
	if f, p := rec.Navigations("/web/figure.html"), rec.Navigations("/parent.html"); f != navFig || p != navPage {
		t.Errorf("a lost context navigated the figure %d and the page %d times", f-navFig, p-navPage)
	}
	var warned bool
	if err := rec.evalIn(ctx, figOrigin, `document.getElementById("fig-warning").checkVisibility() && /graphics/.test(document.getElementById("fig-warning").textContent)`, &warned); err != nil {
		t.Fatal(err)
	}
	if !warned {
		t.Error("the figure does not say it lost its graphics")
	}
	screenshot(t, ctx, "hostile-embedded-context-lost")
	rec.assertNoDialogs(t)
	w.AssertClean(t)
	t.Logf("%d embedding faults", faults)
}

// jsString quotes s as a JavaScript string literal (JSON's quoting is valid JavaScript).
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestHostileTooManyContexts puts more figures on one page than the
// browser keeps WebGL contexts (16 in Chromium): the oldest lose theirs.
// None may reload (Ebiten's answer, which would loop as each reload takes
// a context from another figure); each that lost its context says so.
func TestHostileTooManyContexts(t *testing.T) {
	site(t)
	const n = 20
	figOrigin := h.origin
	var frames strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&frames, `<iframe src="%s" width="260" height="200" title="figure %d"></iframe>`,
			siteURL(t, fmt.Sprintf("web/figure.html?fig=%s&play=0&controls=0", figures[i%len(figures)])), i)
	}
	parent := otherOriginPage(t, `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Too many figures</title></head><body>
<script>window.ready = 0; addEventListener("message", (e) => { if (e.data && e.data.type === "adagrad:ready") ready++; });</script>
`+frames.String()+`</body></html>`)
	var rec hostileRec
	ctx, w := openPage(t, parent, viewport(1400, 1000, 1), recordHostile(&rec))
	waitJS(t, ctx, fmt.Sprintf(`window.ready >= %d`, n), 120*time.Second)
	time.Sleep(3 * time.Second)
	if got := rec.Navigations("/web/figure.html"); got != n {
		t.Errorf("%d figure loads for %d figures: something reloaded", got, n)
	}
	vals, err := rec.evalAll(ctx, figOrigin, `(() => { const c = document.querySelector("canvas");
		const gl = c && c.getContext("webgl2");
		const lost = !gl || gl.isContextLost();
		const w = document.getElementById("fig-warning");
		return { lost, warned: w.checkVisibility() && /graphics/.test(w.textContent) }; })()`)
	if err != nil {
		t.Fatal(err)
	}
	if len(vals) != n {
		t.Fatalf("%d live figure frames, want %d", len(vals), n)
	}
	lost := 0
	for _, v := range vals {
		var s struct{ Lost, Warned bool }
		json.Unmarshal(v, &s)
		if s.Lost {
			lost++
		}
		if s.Lost != s.Warned {
			t.Errorf("a figure with lost=%v shows the warning: %v", s.Lost, s.Warned)
		}
	}
	t.Logf("%d of %d figures lost their WebGL context", lost, n)
	if got := rec.Navigations("/parent.html"); got != 1 {
		t.Errorf("the page loaded %d times", got)
	}
	screenshotFull(t, ctx, "hostile-too-many-figures")
	rec.assertNoDialogs(t)
	w.AssertClean(t)
}
