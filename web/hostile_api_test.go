//go:build !js

package web_test

// The script API under attack: set() and step() with every bad value a
// page script can pass, and extreme settings and step counts.

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// scriptAPIJS drives window.adagradFigure.set() with every URL case (as one
// object of its decoded pairs, as a page script would pass them) and with
// values only a script can pass: wrong types, non-finite numbers, 100 KB
// and 1 MB strings, prototype keys, 100,000 keys. It returns what each call
// returned and whether it threw.
var scriptAPIJS = fixture("hostile/script-api.js")

// scriptExtraBad names the extra script calls that must answer with a
// notice; the others (not an object, nothing of its own) change nothing.
var scriptExtraBad = map[string]bool{
	"an object value": true, "an array value": true, "a null value": true, "an undefined value": true,
	"a function value": true, "a symbol value": true, "a bigint value": true, "a toString value": true,
	"NaN": true, "Infinity": true, "-Infinity": true, "1e309": true, "-0 where 0 is outside": true, "2^53": true,
	"5e-324":       false, // a tiny positive rate is legal
	"100 KB value": true, "1 MB value": true, "100 KB of img tags": true, "prototype names": true, "100,000 keys": true,
}

// TestHostileScriptAPI gives the same corpus, and what only a script can
// pass, to set() and step() on every figure: nothing throws, every bad value
// answers with a notice and changes nothing, legal ones apply, the
// prototype stays clean, and a flood of calls loses none of them.
func TestHostileScriptAPI(t *testing.T) {
	site(t)
	tried := 0
	for _, fig := range figures {
		t.Run(fig, func(t *testing.T) {
			var cases [][2]string
			for _, c := range hostileQueries {
				q := strings.ReplaceAll(c.query, "FIGCAPS", strings.ToUpper(fig))
				cases = append(cases, [2]string{c.name, strings.ReplaceAll(q, "FIG", fig)})
			}
			arg, err := json.Marshal(cases)
			if err != nil {
				t.Fatal(err)
			}
			var rec hostileRec
			ctx, w := openFigure(t, "fig="+fig+"&play=0", viewport(800, 600, 1), recordHostile(&rec))
			clean := readPageCheck(t, ctx)
			var got struct {
				Results []struct {
					Name    string   `json:"name"`
					Notices []string `json:"notices"`
					Threw   string   `json:"threw"`
				} `json:"results"`
				Polluted bool `json:"polluted"`
			}
			if err := evalJSON(ctx, scriptAPIJS+"("+string(arg)+")", &got); err != nil {
				t.Fatal(err)
			}
			tried += len(got.Results)
			byName := map[string]bool{}
			for _, c := range hostileQueries {
				// Through set() a fragment is part of the value, and an
				// object cannot hold a name twice.
				byName[c.name] = len(c.want) > 0 || strings.Contains(c.query, "#")
				if strings.HasPrefix(c.name, "duplicated") {
					byName[c.name] = false
				}
			}
			for k, v := range scriptExtraBad {
				byName[k] = v
			}
			for _, r := range got.Results {
				if r.Threw != "" {
					t.Errorf("set(%s) threw %s", r.Name, r.Threw)
					continue
				}
				if bad := byName[r.Name]; bad != (len(r.Notices) > 0) {
					t.Errorf("set(%s) answered %q, want a notice: %v", r.Name, r.Notices, bad)
				}
				for _, n := range r.Notices {
					if len([]rune(n)) > 200 || strings.ContainsAny(n, "<>\u202e\x00\r\n") {
						t.Errorf("set(%s): notice %q is too long or carries markup", r.Name, n)
					}
				}
			}
			if got.Polluted {
				t.Errorf("set() polluted Object.prototype")
			}
			// Wait for the queued changes to land, then check the page.
			waitJS(t, ctx, `(() => { const s = window.adagradFigure.state(); return s.ready && s.notices.length > 0; })()`, 10*time.Second)
			after := readPageCheck(t, ctx)
			checkPage(t, "after the set() corpus", after, clean)
			if !after.Visible {
				t.Errorf("notices %q are not visible", after.Notices)
			}

			// step(): odd counts take one step; a number-like string is a count.
			var before figureState
			if err := evalJSON(ctx, `window.adagradFigure.state()`, &before); err != nil {
				t.Fatal(err)
			}
			if err := evalJSON(ctx, `(() => { const f = window.adagradFigure;
				for (const n of [NaN, -5, 0, 0.5, "abc", {}, null, undefined, Infinity, -Infinity, [], "1e2", 2.9]) f.step(n);
				return true; })()`, nil); err != nil {
				t.Fatal(err)
			}
			tried += 13
			want := before.Step + 11 + 100 + 2
			waitJS(t, ctx, fmt.Sprintf(`window.adagradFigure.state().step === %d`, want), 20*time.Second)

			// A flood: 3,000 set() and 3,000 step(1) calls in one task. The
			// last value and every step must arrive.
			if err := evalJSON(ctx, `(() => { const f = window.adagradFigure;
				for (let i = 0; i < 3000; i++) { f.set({ speed: String(1 + (i % 50)) }); f.step(1); }
				f.set({ speed: "77" });
				return true; })()`, nil); err != nil {
				t.Fatal(err)
			}
			tried += 6001
			waitJS(t, ctx, fmt.Sprintf(`(() => { const s = window.adagradFigure.state(); return s.params.speed === 77 && s.step === %d; })()`, want+3000), 20*time.Second)
			s := state(t, ctx)
			checkFinite(t, s)
			if err := canvasNotBlank(ctx); err != nil {
				t.Error(err)
			}
			rec.assertNoDialogs(t)
			w.AssertClean(t)
		})
	}
	t.Logf("%d hostile script calls over %d figures", tried, len(figures))
}

// extremeCase is a legal but extreme setting, and the runs it must label.
type extremeCase struct {
	query string
	want  map[string]string // run name -> "diverged" or "frozen"
}

var extremeCases = []extremeCase{
	// η at the top of its range on the steepest valley.
	{"fig=valley&lr=10&sgdlr=10&b=1000", map[string]string{"SGD": "diverged"}},
	{"fig=valley&lr=10&sgdlr=10&a=100&b=1000&angle=45&x0=50&y0=-50", map[string]string{"SGD": "diverged"}},
	// ε at its smallest (0) and G₀ = 0, from a start and from the minimum
	// itself, where the first gradient is 0 and the rate η/√(0+0).
	{"fig=accumulator&lr=10&b=1000&eps=0&g0=0", nil},
	{"fig=accumulator&x0=0&y0=0&eps=0&g0=0&epsin=0", nil},
	{"fig=freeze&lr=10&b=1000&eps=0&g0=0&forget=1&rho=0.9999", nil},
	// A rate far too small for a large G₀: AdaGrad freezes.
	{"fig=freeze&lr=0.000001&g0=100&forget=1", map[string]string{"AdaGrad": "frozen"}},
	// p = 1: the y-gradient never arrives.
	{"fig=sparse&p=1&lr=10&sgdlr=10&a=1&eps=0&g0=0", map[string]string{"SGD": "diverged"}},
}

// TestHostileExtremes runs extreme but legal settings for 100,000 steps and
// then a million more at a time: the runs it must label are labelled (in
// state() and in words on the page), no run blows up unlabelled, nothing
// in state() or on the page is NaN or infinite, the page answers at once
// after each million, and the wasm memory stays flat.
func TestHostileExtremes(t *testing.T) {
	site(t)
	for i, c := range extremeCases {
		name := strings.ReplaceAll(c.query, "&", " ")
		t.Run(name, func(t *testing.T) {
			ctx, w := openFigure(t, c.query+"&play=0", viewport(800, 600, 1))
			start := state(t, ctx)
			startLoss := map[string]float64{}
			for _, r := range start.Runs {
				startLoss[r.Name] = r.Loss
			}
			if err := evalJSON(ctx, `window.adagradFigure.step(100000), `+frameJS, nil); err != nil {
				t.Fatal(err)
			}
			waitJS(t, ctx, `window.adagradFigure.state().step === 100000`, 30*time.Second)
			check := func(when string) figureState {
				t.Helper()
				got := readPageCheck(t, ctx)
				var s figureState
				if err := json.Unmarshal(got.State, &s); err != nil {
					t.Fatal(err)
				}
				checkFinite(t, s)
				if len(got.Bad) > 0 {
					t.Errorf("%s: state() has %v", when, got.Bad)
				}
				for _, text := range []string{got.Readout, got.RunState} {
					if bad := badText(text); bad != "" {
						t.Errorf("%s: page text has %q: %q", when, bad, text)
					}
				}
				labelled := map[string]string{}
				for _, r := range s.Runs {
					switch {
					case r.Diverged && r.Frozen:
						t.Errorf("%s: %s is both diverged and frozen", when, r.Name)
					case r.Diverged:
						labelled[r.Name] = "diverged"
					case r.Frozen:
						labelled[r.Name] = "frozen"
					case !(r.Loss <= startLoss[r.Name]*(1+1e-9)):
						t.Errorf("%s: %s is not labelled, yet its loss rose from %g to %g", when, r.Name, startLoss[r.Name], r.Loss)
					}
				}
				for run, kind := range c.want {
					if labelled[run] != kind {
						t.Errorf("%s: %s is %q, want %s (runs %+v)", when, run, labelled[run], kind, s.Runs)
					}
				}
				for run, kind := range labelled {
					if !strings.Contains(got.RunState, run) || !strings.Contains(got.RunState, kind) {
						t.Errorf("%s: %s is %s but the page says %q", when, run, kind, got.RunState)
					}
				}
				return s
			}
			check("after 100,000 steps")
			if err := canvasNotBlank(ctx); err != nil {
				t.Error(err)
			}

			// Memory: warm the drawing up first (20 small steps, each
			// drawn), so what follows measures the steps, not the GC's first
			// growth; then three million steps must leave it within 10%.
			var mem0, mem float64
			for i := 0; i < 20; i++ {
				if err := evalJSON(ctx, `window.adagradFigure.step(1000), window.adagradFigure.state(), `+frameJS, nil); err != nil {
					t.Fatal(err)
				}
			}
			if err := evalJSON(ctx, `window.adagradFigure.memoryBytes()`, &mem0); err != nil {
				t.Fatal(err)
			}
			if mem0 <= 0 {
				t.Fatalf("memoryBytes() = %v", mem0)
			}
			for i := 0; i < 3; i++ {
				t0 := time.Now()
				if err := evalJSON(ctx, `window.adagradFigure.step(1000000), window.adagradFigure.state().step`, nil); err != nil {
					t.Fatal(err)
				}
				took := time.Since(t0)
				t1 := time.Now()
				if err := evalJSON(ctx, frameJS, nil); err != nil {
					t.Fatal(err)
				}
				if rt := time.Since(t1); rt > 3*time.Second {
					t.Errorf("a frame took %v after a million steps (which took %v)", rt, took)
				}
				if i == 0 {
					t.Logf("a million steps took %v", took.Round(time.Millisecond))
				}
			}
			if err := evalJSON(ctx, `window.adagradFigure.memoryBytes()`, &mem); err != nil {
				t.Fatal(err)
			}
			if mem > 1.1*mem0 {
				t.Errorf("wasm memory grew from %.1f MB to %.1f MB over three million steps", mem0/1e6, mem/1e6)
			}
			s := check("after 3,120,000 steps")
			if s.Step != 3_120_000 {
				t.Errorf("step %d, want 3120000", s.Step)
			}
			if len(c.want) > 0 {
				screenshot(t, ctx, fmt.Sprintf("hostile-extreme-%d-%s", i, strings.SplitN(c.query, "&", 2)[0][4:]))
			}
			w.AssertClean(t)
		})
	}
}
