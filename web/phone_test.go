//go:build !js

package web_test

// A figure on a phone (issue 16): at 375 × 740 each figure page, with its
// Play, Reset and timeline, fits the screen without scrolling; its
// settings fold behind a Controls button that a keyboard reaches; every
// control is at least 24 × 24 CSS px folded and unfolded; embedded, the
// figure asks for no more than the phone's height; axe-core finds nothing
// with the Download menu or the Keys help open; and loading a page moves
// the focus nowhere surprising.

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp/kb"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/cmd/explainer/scene"
)

// ctlBox is one visible control's box, in CSS px.
type ctlBox struct {
	What       string
	X, Y, W, H float64
}

// visibleControls lists every button, field, slider, checkbox, select and
// link of the figure's controls that is on screen.
const visibleControls = `[...document.querySelectorAll("#fig-ui button, #fig-ui input, #fig-ui select, #fig-ui a")]
	.filter(e => e.checkVisibility())
	.map(e => { const r = e.getBoundingClientRect(); return {what: e.id || e.name || e.textContent.trim(), x: r.left, y: r.top, w: r.width, h: r.height}; })`

// checkTargets fails on any visible control under 24 × 24 CSS px or
// reaching past the viewport's edges, and returns the ids or names seen.
func checkTargets(t *testing.T, ctx context.Context, what string, vw, vh float64) map[string]bool {
	t.Helper()
	var boxes []ctlBox
	if err := evalJSON(ctx, visibleControls, &boxes); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, b := range boxes {
		seen[b.What] = true
		if b.W < 24 || b.H < 24 {
			t.Errorf("%s: %s is %.0f × %.0f CSS px, under 24 × 24", what, b.What, b.W, b.H)
		}
		if b.X < 0 || b.Y < 0 || b.X+b.W > vw+0.5 || b.Y+b.H > vh+0.5 {
			t.Errorf("%s: %s at %.0f,%.0f (%.0f × %.0f) reaches past the %g × %g screen", what, b.What, b.X, b.Y, b.W, b.H, vw, vh)
		}
	}
	return seen
}

// pageFit is what a figure page measures of itself.
type pageFit struct {
	Doc      float64 // document.documentElement.scrollHeight
	Bar      float64 // the control bar's height
	Expanded string  // the Controls button's aria-expanded
	Settings bool    // the sliders are on screen
}

const pageFitJS = `({doc: document.documentElement.scrollHeight,
	bar: document.getElementById("fig-ui").getBoundingClientRect().height,
	expanded: document.getElementById("btn-more").getAttribute("aria-expanded"),
	settings: document.getElementById("fig-controls").checkVisibility()})`

func measureFit(t *testing.T, ctx context.Context) pageFit {
	t.Helper()
	var f pageFit
	if err := evalJSON(ctx, pageFitJS, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestPhoneFigureFitsOneScreen(t *testing.T) {
	site(t)
	for _, fig := range figures {
		t.Run(fig, func(t *testing.T) {
			ctx, w := openFigure(t, fmt.Sprintf("fig=%s&play=0&step=%d", fig, shotStep(fig)), viewport(375, 740, 2))
			for _, scheme := range []string{"light", "dark"} {
				if err := emulateColorScheme(ctx, scheme); err != nil {
					t.Fatal(err)
				}
				settleFrames(t, ctx)
				if err := canvasNotBlank(ctx); err != nil {
					t.Errorf("%s at 375 × 740, pixel ratio 2: %v", scheme, err)
				}
				folded := measureFit(t, ctx)
				if folded.Expanded != "false" || folded.Settings {
					t.Errorf("on a phone the settings start folded: aria-expanded %q, sliders shown %v", folded.Expanded, folded.Settings)
				}
				if folded.Doc > 740 {
					t.Errorf("folded, the page is %.0f px tall in a 740 px phone: it scrolls", folded.Doc)
				}
				// The figure gets most of the screen: the bar at most a quarter.
				if folded.Bar > 185 {
					t.Errorf("folded, the control bar is %.0f px of the 740", folded.Bar)
				}
				seen := checkTargets(t, ctx, "folded", 375, 740)
				for _, id := range []string{"btn-play", "btn-step", "btn-reset", "rng-step", "btn-more"} {
					if !seen[id] {
						t.Errorf("folded, %s is not on screen", id)
					}
				}
				if seen["btn-share"] || seen["lr"] {
					t.Errorf("folded, the settings are on screen: %v", seen)
				}
				screenshot(t, ctx, "phone-"+fig+"-folded-"+scheme)

				// By keyboard: Tab from Reset reaches Controls, Enter unfolds.
				if err := evalJSON(ctx, `document.getElementById("btn-reset").focus(), true`, nil); err != nil {
					t.Fatal(err)
				}
				press(t, ctx, kb.Tab)
				press(t, ctx, kb.Enter)
				waitJS(t, ctx, `document.getElementById("btn-more").getAttribute("aria-expanded") === "true" && document.activeElement.id === "btn-more"`, 5*time.Second)
				open := measureFit(t, ctx)
				if !open.Settings || open.Bar <= folded.Bar {
					t.Errorf("unfolded: sliders shown %v, bar %.0f px (folded %.0f)", open.Settings, open.Bar, folded.Bar)
				}
				if open.Doc > 740 {
					t.Errorf("unfolded, the page is %.0f px tall in a 740 px phone: it scrolls", open.Doc)
				}
				seen = checkTargets(t, ctx, "unfolded", 375, 740)
				for _, id := range []string{"btn-play", "rng-step", "sel-speed", "btn-share", "btn-keys", "btn-download"} {
					if !seen[id] {
						t.Errorf("unfolded, %s is not on screen", id)
					}
				}
				t.Logf("%s %s at 375 × 740: bar %.0f px folded, %.0f unfolded; page %.0f px", fig, scheme, folded.Bar, open.Bar, open.Doc)
				screenshot(t, ctx, "phone-"+fig+"-unfolded-"+scheme)
				// The scene is laid out again above the taller bar: the start
				// handle is still on the canvas, above the bar.
				var hd []float64
				if err := evalJSON(ctx, `window.adagradFigure.handle()`, &hd); err != nil {
					t.Fatal(err)
				}
				switch {
				case fig == "rare": // plots only: no start point
					if hd != nil {
						t.Errorf("the rare-words figure has no start point, yet handle() = %v", hd)
					}
				case len(hd) != 2:
					t.Fatalf("handle() = %v", hd)
				case hd[1] < 0 || hd[1] > 740-open.Bar:
					t.Errorf("unfolded, the start handle is at y = %.0f, under the %.0f px bar", hd[1], open.Bar)
				}
				press(t, ctx, kb.Enter)
				waitJS(t, ctx, `document.getElementById("btn-more").getAttribute("aria-expanded") === "false" && !document.getElementById("fig-controls").checkVisibility()`, 5*time.Second)
			}
			w.AssertClean(t)
		})
	}
}

// On a wide screen nothing folds: no Controls button, every setting shown.
func TestPhoneNothingFoldsOnAWideScreen(t *testing.T) {
	site(t)
	ctx, w := openFigure(t, "fig=valley&play=0", viewport(768, 1024, 1))
	f := measureFit(t, ctx)
	seen := checkTargets(t, ctx, "768 px", 768, 1024)
	if seen["btn-more"] || !f.Settings || !seen["btn-share"] || !seen["sgdlr"] {
		t.Errorf("at 768 px: Controls button shown %v, sliders shown %v, Share %v, SGD η %v", seen["btn-more"], f.Settings, seen["btn-share"], seen["sgdlr"])
	}
	w.AssertClean(t)
}

// phoneHostHTML is a course page 375 px wide that sizes its iframe from
// the figure's adagrad:height messages, as the lesson does, and keeps them.
func phoneHostHTML(figURL string) string {
	return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>A course page on a phone</title>
<style>body { margin: 0; } iframe { display: block; width: 100%; height: 500px; border: 0; }</style></head><body>
<script>
window.heights = [];
addEventListener("message", (e) => {
	if (e.data && e.data.type === "adagrad:height") {
		heights.push(e.data.px);
		document.getElementById("fig").style.height = e.data.px + "px";
	}
});
</script>
<iframe id="fig" src="` + figURL + `" title="AdaGrad figure"></iframe>
</body></html>`
}

// Embedded in a phone-wide page, a folded figure asks for no more than the
// phone's height; unfolded, for more, as its bar grew.
func TestPhoneEmbeddedFigureAsksForOneScreen(t *testing.T) {
	site(t)
	figOrigin := h.origin
	for _, fig := range figures {
		t.Run(fig, func(t *testing.T) {
			parent := otherOriginPage(t, phoneHostHTML(siteURL(t, "web/figure.html?fig="+fig+"&play=0")))
			rec := &hostileRec{}
			ctx, w := openPage(t, parent, viewport(375, 740, 1), recordHostile(rec))
			waitJS(t, ctx, `heights.length > 0`, 60*time.Second)
			time.Sleep(300 * time.Millisecond) // the bar's last resize
			var folded []float64
			if err := evalJSON(ctx, `heights`, &folded); err != nil {
				t.Fatal(err)
			}
			last := folded[len(folded)-1]
			if last > 740 {
				t.Errorf("folded, the figure asks for %.0f px in a 740 px phone", last)
			}
			if err := rec.evalIn(ctx, figOrigin, `document.getElementById("btn-more").click(), true`, nil); err != nil {
				t.Fatal(err)
			}
			waitJS(t, ctx, fmt.Sprintf(`heights[heights.length - 1] > %g`, last), 10*time.Second)
			var open float64
			if err := evalJSON(ctx, `heights[heights.length - 1]`, &open); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s embedded 375 px wide: asks for %.0f px folded, %.0f unfolded", fig, last, open)
			w.AssertClean(t)
		})
	}
}

// axe-core finds nothing with the Download menu or the Keys help open, on
// a phone (unfolded) and on a desktop, in both themes.
func TestPhoneAxeWithMenusOpen(t *testing.T) {
	src := axeSource(t)
	site(t)
	for _, size := range [][2]int{{375, 740}, {1280, 800}} {
		t.Run(fmt.Sprint(size[0]), func(t *testing.T) {
			ctx, w := openPage(t, "web/figure.html?fig=sparse&play=0&step=60", viewport(size[0], size[1], 1), bypassCSP)
			waitJS(t, ctx, `window.adagradFigure.state().ready === true`, 60*time.Second)
			// On a phone the menus' buttons are in the folded settings.
			if err := evalJSON(ctx, `(() => { const m = document.getElementById("btn-more");
				if (m.checkVisibility() && m.getAttribute("aria-expanded") !== "true") m.click(); return true; })()`, nil); err != nil {
				t.Fatal(err)
			}
			for _, scheme := range []string{"light", "dark"} {
				if err := emulateColorScheme(ctx, scheme); err != nil {
					t.Fatal(err)
				}
				for _, menu := range []string{"btn-download", "btn-keys"} {
					name := fmt.Sprintf("%d/%s/%s", size[0], scheme, menu)
					toggle := `(() => { const b = document.getElementById(` + jsString(menu) + `); b.click(); return b.getAttribute("aria-expanded"); })()`
					var expanded string
					if err := evalJSON(ctx, toggle, &expanded); err != nil {
						t.Fatal(err)
					}
					if expanded != "true" {
						t.Fatalf("%s: %s did not open (aria-expanded %q)", name, menu, expanded)
					}
					settleFrames(t, ctx)
					for _, v := range runAxe(t, ctx, src) {
						t.Errorf("%s: axe: %s", name, v)
					}
					// The open menu lies on the screen, not past its edges.
					var r struct{ L, T, R, B float64 }
					if err := evalJSON(ctx, `(() => { const b = document.getElementById(document.getElementById(`+jsString(menu)+`).getAttribute("aria-controls")).getBoundingClientRect();
						return {l: b.left, t: b.top, r: b.right, b: b.bottom}; })()`, &r); err != nil {
						t.Fatal(err)
					}
					if r.L < 0 || r.T < 0 || r.R > float64(size[0]) || r.B > float64(size[1]) {
						t.Errorf("%s: the open %s lies at %v, past the %v screen", name, menu, r, size)
					}
					screenshot(t, ctx, "phone-axe-"+strings.ReplaceAll(name, "/", "-"))
					if err := evalJSON(ctx, toggle, &expanded); err != nil {
						t.Fatal(err)
					}
					if expanded != "false" {
						t.Fatalf("%s: %s did not close (aria-expanded %q)", name, menu, expanded)
					}
				}
			}
			w.AssertClean(t)
		})
	}
}

// focusedJS names what has the focus: the tag, and the id if any.
const focusedJS = `(() => { const a = document.activeElement; return a ? a.tagName.toLowerCase() + (a.id ? "#" + a.id : "") : ""; })()`

// Loading moves the focus nowhere surprising: the figure's own page leaves
// it on the body or the figure itself, never on a control; the lesson keeps
// it on its body while its figures boot, never inside an iframe.
func TestPhoneFocusOnLoad(t *testing.T) {
	site(t)
	ctx, w := openFigure(t, "fig=valley&play=0", viewport(375, 740, 1))
	time.Sleep(500 * time.Millisecond)
	var got string
	if err := evalJSON(ctx, focusedJS, &got); err != nil {
		t.Fatal(err)
	}
	if got != "body" && got != "canvas" {
		t.Errorf("the figure page put the focus on %q at load", got)
	}
	w.AssertClean(t)

	ctx, w = openPage(t, "", viewport(375, 740, 1))
	scrollTo(t, ctx, "#fig-valley")
	var before, after float64
	if err := evalJSON(ctx, `window.scrollY`, &before); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `window.adagradLesson.figures().some(f => f.fig === "valley" && f.ready)`, 60*time.Second)
	time.Sleep(500 * time.Millisecond)
	if err := evalJSON(ctx, focusedJS, &got); err != nil {
		t.Fatal(err)
	}
	if err := evalJSON(ctx, `window.scrollY`, &after); err != nil {
		t.Fatal(err)
	}
	if got != "body" || after != before {
		t.Errorf("after its figure booted the lesson's focus is on %q and it scrolled from %.0f to %.0f; want the body, unmoved", got, before, after)
	}
	w.AssertClean(t)
}

// Every figure at the widths of a small phone, a phone, a tablet and a
// desktop, both themes: the page does not scroll, every control is on
// screen and big enough, and a screenshot is kept to look at. Each figure
// loads once and is resized and re-themed in place, as a phone turned on
// its side or a system switched to dark would; the pixel ratio stays 1,
// which Ebiten reads only once.
func TestPhoneEveryWidthScreenshots(t *testing.T) {
	site(t)
	for _, fig := range figures {
		t.Run(fig, func(t *testing.T) {
			ctx, w := openFigure(t, fmt.Sprintf("fig=%s&play=0&step=%d", fig, shotStep(fig)), viewport(320, 568, 1))
			for _, size := range [][2]int{{320, 568}, {375, 740}, {768, 1024}, {1280, 800}} {
				for _, scheme := range []string{"light", "dark"} {
					what := fmt.Sprintf("%s %d × %d %s", fig, size[0], size[1], scheme)
					if err := emulateColorScheme(ctx, scheme); err != nil {
						t.Fatal(err)
					}
					resizeAndSettle(t, ctx, size[0], size[1], 1)
					var theme string
					if err := evalJSON(ctx, `document.documentElement.dataset.theme || "light"`, &theme); err != nil {
						t.Fatal(err)
					}
					if theme != scheme {
						t.Errorf("%s: the page's theme is %q", what, theme)
					}
					if err := canvasNotBlank(ctx); err != nil {
						t.Errorf("%s: %v", what, err)
					}
					f := measureFit(t, ctx)
					if f.Doc > float64(size[1]) {
						t.Errorf("%s: the page is %.0f px tall: it scrolls", what, f.Doc)
					}
					checkTargets(t, ctx, what, float64(size[0]), float64(size[1]))
					screenshot(t, ctx, fmt.Sprintf("width-%s-%d-%s", fig, size[0], scheme))
					if f.Expanded != "false" {
						t.Logf("%s: bar %.0f px", what, f.Bar)
						continue
					}
					// A phone: unfolded too, then folded again for the next size.
					toggleControls(t, ctx, true)
					// The scene is laid out again above the taller bar: the
					// start handle, where the figure has one, lies above it.
					waitJS(t, ctx, `(() => { const h = window.adagradFigure.handle();
						return h === null || h[1] < document.getElementById("fig-ui").getBoundingClientRect().top; })()`, 5*time.Second)
					settleFrames(t, ctx)
					open := measureFit(t, ctx)
					if open.Doc > float64(size[1]) {
						t.Errorf("%s unfolded: the page is %.0f px tall: it scrolls", what, open.Doc)
					}
					checkTargets(t, ctx, what+" unfolded", float64(size[0]), float64(size[1]))
					t.Logf("%s: bar %.0f px folded, %.0f unfolded", what, f.Bar, open.Bar)
					screenshot(t, ctx, fmt.Sprintf("width-%s-%d-%s-unfolded", fig, size[0], scheme))
					toggleControls(t, ctx, false)
				}
			}
			w.AssertClean(t)
		})
	}
}

// shotStep is the step the phone tests look at: 120, a moment mid-run, or,
// in a figure whose horizon lies beyond ten thousand steps (the rare
// words, where a step is one example), the horizon, where it makes its point.
func shotStep(fig string) int {
	if h := scene.New(params.Defaults(fig), nil, false).Horizon(); h > 10000 {
		return h
	}
	return 120
}

// toggleControls unfolds (open) or folds a phone's settings with the
// Controls button and waits until they are shown or hidden.
func toggleControls(t *testing.T, ctx context.Context, open bool) {
	t.Helper()
	if err := evalJSON(ctx, `document.getElementById("btn-more").click(), true`, nil); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, fmt.Sprintf(`document.getElementById("fig-controls").checkVisibility() === %t`, open), 5*time.Second)
}

// resizeAndSettle gives the tab a w × h window at pixel ratio dpr (keep
// the ratio the page opened with: Ebiten reads it once) and waits until the
// canvas has taken that size and the figure has drawn at it.
func resizeAndSettle(t *testing.T, ctx context.Context, w, hgt int, dpr float64) {
	t.Helper()
	if err := setViewport(ctx, w, hgt, dpr); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, fmt.Sprintf(`(() => { const c = document.querySelector("canvas");
		return innerWidth === %d && innerHeight === %d && Math.abs(c.width - %g) <= 2; })()`, w, hgt, float64(w)*dpr), 10*time.Second)
	settleFrames(t, ctx)
}

// settleFrames waits two animation frames and a little more, so that what
// is on screen is the figure's latest frame.
func settleFrames(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := evalJSON(ctx, frameJS, nil); err != nil {
		t.Fatal(err)
	}
	time.Sleep(150 * time.Millisecond)
}
