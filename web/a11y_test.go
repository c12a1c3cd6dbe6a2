//go:build !js

package web_test

// Accessibility in a real Chromium (issue 16): axe-core finds nothing on the
// lesson and on every figure page in both themes; the sliders say the value
// they show; the start point moves by keyboard alone; the canvas shows where
// the focus is; and a figure fits a phone screen with controls big enough to
// hit. axe-core is not part of the repository: build.sh test installs it
// from npm at a pinned version (see axeVersion) and names it in ADAGRAD_AXE.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// axeVersion is the axe-core build.sh installs; keep the two in step.
const axeVersion = "4.14.1"

// axeSource returns axe.min.js: from ADAGRAD_AXE, or from the folder
// build.sh installs it into. Without it the test skips, or fails in CI.
func axeSource(t *testing.T) string {
	t.Helper()
	p := os.Getenv("ADAGRAD_AXE")
	if p == "" {
		p = filepath.Join(base(t).root, ".cache", "axe-"+axeVersion, "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(p)
	if err != nil {
		msg := fmt.Sprintf("axe-core %s not found (%v): ./build.sh test installs it, or set ADAGRAD_AXE to an axe.min.js", axeVersion, err)
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	src := string(b)
	if !strings.Contains(src, axeVersion) {
		t.Fatalf("%s is not axe-core %s", p, axeVersion)
	}
	return src
}

// bypassCSP lets the test inject axe into pages whose policy forbids
// scripts from anywhere but the site (an openPage step).
func bypassCSP(ctx context.Context) error {
	_, err := chromedp.Call(ctx, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true})
	return err
}

// axeViolation is one rule axe found broken, with where.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

func (v axeViolation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s", v.ID, v.Impact, v.Help)
	for i, n := range v.Nodes {
		if i == 4 {
			fmt.Fprintf(&b, "\n\t… and %d more", len(v.Nodes)-i)
			break
		}
		fmt.Fprintf(&b, "\n\t%v: %s", n.Target, strings.ReplaceAll(n.Summary, "\n", " "))
	}
	return b.String()
}

// runAxe injects axe into the page and runs every rule it enables by
// default, returning the violations of any impact. Frames are left out:
// the lesson's figures are checked on their own pages.
func runAxe(t *testing.T, ctx context.Context, src string) []axeViolation {
	t.Helper()
	var loaded bool
	if err := evalJSON(ctx, src+"\n;typeof window.axe === 'object'", &loaded); err != nil || !loaded {
		t.Fatalf("injecting axe-core: loaded=%v err=%v", loaded, err)
	}
	var res struct {
		Version    string         `json:"version"`
		Violations []axeViolation `json:"violations"`
		Passes     int            `json:"passes"`
	}
	js := `axe.run(document, {iframes: false, resultTypes: ["violations"]}).then(r =>
		({version: r.testEngine.version, violations: r.violations, passes: r.passes.length}))`
	if err := evalJSON(ctx, js, &res); err != nil {
		t.Fatal(err)
	}
	if res.Version != axeVersion {
		t.Errorf("axe-core %s ran, want %s", res.Version, axeVersion)
	}
	if res.Passes == 0 {
		t.Error("axe-core checked nothing")
	}
	return res.Violations
}

func TestA11yAxeFindsNothing(t *testing.T) {
	src := axeSource(t)
	site(t)
	pages := []string{"index.html"}
	for _, fig := range figures {
		pages = append(pages, "web/figure.html?fig="+fig+"&play=0&step=120")
	}
	for _, p := range pages {
		t.Run(p, func(t *testing.T) {
			ctx, w := openPage(t, p, viewport(1280, 800, 1), bypassCSP)
			if strings.Contains(p, "figure.html") {
				waitJS(t, ctx, `window.adagradFigure.state().ready === true && window.adagradFigure.state().step === 120`, 60*time.Second)
			}
			// The theme switched in place, as a system's dark mode does.
			colours := map[string]bool{}
			for _, scheme := range []string{"light", "dark"} {
				if err := emulateColorScheme(ctx, scheme); err != nil {
					t.Fatal(err)
				}
				var fg string
				if err := evalJSON(ctx, frameJS+`.then(() => getComputedStyle(document.body).color)`, &fg); err != nil {
					t.Fatal(err)
				}
				if colours[fg] {
					t.Fatalf("%s: the page's text colour is still %s: the theme did not switch", scheme, fg)
				}
				colours[fg] = true
				for _, v := range runAxe(t, ctx, src) {
					t.Errorf("%s: axe: %s", scheme, v)
				}
			}
			w.AssertClean(t)
		})
	}
}

// press sends one key to whatever has the focus, as a keyboard would.
func press(t *testing.T, ctx context.Context, key string, mods ...chromedp.Modifier) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(key, chromedp.KeyModifiers(mods...))); err != nil {
		t.Fatalf("pressing %q: %v", key, err)
	}
}

func TestA11yStartMovesByKeyboard(t *testing.T) {
	site(t)
	ctx, w := openFigure(t, "fig=valley&play=0&step=120", viewport(900, 640, 1))
	// The figure comes first in Tab order: Shift+Tab from the first
	// button reaches it.
	if err := evalJSON(ctx, `document.getElementById("btn-play").focus(), true`, nil); err != nil {
		t.Fatal(err)
	}
	press(t, ctx, kb.Tab, chromedp.ModifierShift)
	var focus struct {
		Tag     string `json:"tag"`
		Outline string `json:"outline"`
	}
	if err := evalJSON(ctx, `(() => { const a = document.activeElement; const c = getComputedStyle(a);
		return {tag: a.tagName, outline: c.outlineStyle + " " + c.outlineWidth}; })()`, &focus); err != nil {
		t.Fatal(err)
	}
	if focus.Tag != "CANVAS" {
		t.Fatalf("Shift+Tab from Play focused %s, want the figure's canvas", focus.Tag)
	}
	if strings.HasPrefix(focus.Outline, "none") || strings.HasSuffix(focus.Outline, " 0px") {
		t.Errorf("the focused canvas shows no focus ring: outline %q", focus.Outline)
	}
	before := state(t, ctx)
	x0, y0 := before.Params["x0"].(float64), before.Params["y0"].(float64)
	press(t, ctx, kb.ArrowRight, chromedp.ModifierShift)
	press(t, ctx, kb.ArrowRight, chromedp.ModifierShift)
	press(t, ctx, kb.ArrowUp, chromedp.ModifierShift)
	// The valley's view is 12 wide and 6 high, in 40 keyboard steps each.
	wantX, wantY := x0+2*12.0/40, y0+6.0/40
	waitJS(t, ctx, fmt.Sprintf(`Math.abs(window.adagradFigure.state().params.x0 - %g) < 1e-9 && Math.abs(window.adagradFigure.state().params.y0 - %g) < 1e-9`, wantX, wantY), 10*time.Second)
	after := state(t, ctx)
	if after.Step != 120 {
		t.Errorf("at step %d after moving the start, want 120", after.Step)
	}
	if after.Runs[0].X == before.Runs[0].X && after.Runs[0].Y == before.Runs[0].Y {
		t.Error("SGD's position did not change with its start")
	}
	// The readout follows on the figure's next frame.
	const said = "Start moved to x = −3.9, y = 2.15"
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](`document.getElementById("fig-readout").textContent.includes(`+jsString(said)+`)`,
		chromedp.WithPollingTimeout(5*time.Second), chromedp.WithPollingInterval(50*time.Millisecond)))
	if err != nil {
		var readout string
		if err := evalJSON(ctx, `document.getElementById("fig-readout").textContent`, &readout); err != nil {
			t.Fatal(err)
		}
		t.Errorf("the readout does not say where the start went (%q): %q", said, readout)
	}
	screenshot(t, ctx, "a11y-valley-canvas-focused")
	// The Keys help lists the keys, Shift+arrows among them, and is checked by axe open.
	if err := evalJSON(ctx, `document.getElementById("btn-keys").click(), true`, nil); err != nil {
		t.Fatal(err)
	}
	var help string
	if err := evalJSON(ctx, `document.getElementById("fig-keys-help").hidden ? "" : document.getElementById("fig-keys-help").innerText`, &help); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"Space", "Shift", "start point", "Esc"} {
		if !strings.Contains(help, k) {
			t.Errorf("the Keys help does not mention %q: %q", k, help)
		}
	}
	screenshot(t, ctx, "a11y-valley-keys-help")
	press(t, ctx, kb.Escape)
	waitJS(t, ctx, `document.getElementById("fig-keys-help").hidden && document.activeElement.id === "btn-keys"`, 5*time.Second)
	w.AssertClean(t)
}

// sliderTexts reads every slider's aria-valuetext beside the value shown.
const sliderTexts = `[...document.querySelectorAll("#fig-controls input[type=range]")].map(i =>
	({name: i.name, text: i.getAttribute("aria-valuetext"), shown: i.parentElement.querySelector("output").textContent}))`

func TestA11ySlidersSayWhatTheyShow(t *testing.T) {
	site(t)
	type slider struct{ Name, Text, Shown string }
	for _, fig := range figures {
		ctx, w := openFigure(t, "fig="+fig+"&play=0", viewport(900, 640, 1))
		var list []slider
		if err := evalJSON(ctx, sliderTexts, &list); err != nil {
			t.Fatal(err)
		}
		if len(list) == 0 {
			t.Fatalf("%s: no sliders", fig)
		}
		for i, s := range list {
			if s.Shown == "" || s.Text != s.Shown {
				t.Errorf("%s: slider %s says %q and shows %q", fig, s.Name, s.Text, s.Shown)
			}
			// Moved by keyboard, it says the new value.
			if err := evalJSON(ctx, fmt.Sprintf(`document.querySelectorAll("#fig-controls input[type=range]")[%d].focus(), true`, i), nil); err != nil {
				t.Fatal(err)
			}
			press(t, ctx, kb.End)
			waitJS(t, ctx, fmt.Sprintf(`(() => { const s = (%s)[%d]; return s.text === s.shown && s.shown !== %q; })()`, sliderTexts, i, s.Shown), 10*time.Second)
		}
		var timeline struct{ Text, Shown string }
		if err := evalJSON(ctx, `({text: document.getElementById("rng-step").getAttribute("aria-valuetext"), shown: document.getElementById("out-step").textContent})`, &timeline); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(timeline.Text, "step "+timeline.Shown+" of ") {
			t.Errorf("%s: the timeline says %q and shows %q", fig, timeline.Text, timeline.Shown)
		}
		w.AssertClean(t)
	}
}
