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
		for _, scheme := range []string{"light", "dark"} {
			t.Run(p+"/"+scheme, func(t *testing.T) {
				ctx, w := openPage(t, p, viewport(1280, 800, 1), bypassCSP,
					func(ctx context.Context) error { return emulateColorScheme(ctx, scheme) })
				if strings.Contains(p, "figure.html") {
					waitJS(t, ctx, `window.adagradFigure.state().ready === true && window.adagradFigure.state().step === 120`, 60*time.Second)
				}
				for _, v := range runAxe(t, ctx, src) {
					t.Errorf("axe: %s", v)
				}
				w.AssertClean(t)
			})
		}
	}
}
