//go:build !js

package web_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
)

// figureState mirrors window.adagradFigure.state().
type figureState struct {
	Fig     string         `json:"fig"`
	Ready   bool           `json:"ready"`
	Step    int            `json:"step"`
	Playing bool           `json:"playing"`
	Params  map[string]any `json:"params"`
	Runs    []struct {
		Name     string    `json:"name"`
		X        float64   `json:"x"`
		Y        float64   `json:"y"`
		Loss     float64   `json:"loss"`
		G        []float64 `json:"G"`
		LREff    []float64 `json:"lrEff"`
		Diverged bool      `json:"diverged"`
		Frozen   bool      `json:"frozen"`
	} `json:"runs"`
	Notices []string `json:"notices"`
	Perf    struct {
		MedianMs float64 `json:"medianMs"`
		P99Ms    float64 `json:"p99Ms"`
		Frames   int     `json:"frames"`
		GCCycles int     `json:"gcCycles"`
	} `json:"perf"`
}

var figures = params.Figs

// openFigure opens the figure page with query and waits until its first
// frame is drawn.
func openFigure(t *testing.T, query string, before ...func(ctx context.Context) error) (context.Context, *watch) {
	t.Helper()
	ctx, w := openPage(t, "web/figure.html?"+query, before...)
	waitJS(t, ctx, `window.adagradFigure && window.adagradFigure.state().ready === true`, 60*time.Second)
	return ctx, w
}

func state(t *testing.T, ctx context.Context) figureState {
	t.Helper()
	var s figureState
	if err := evalJSON(ctx, `window.adagradFigure.state()`, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// checkFinite fails on any run number that is not finite.
func checkFinite(t *testing.T, s figureState) {
	t.Helper()
	for _, r := range s.Runs {
		vals := append([]float64{r.X, r.Y, r.Loss}, append(r.G, r.LREff...)...)
		for _, v := range vals {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("%s: non-finite number in %+v", s.Fig, r)
			}
		}
	}
}

func viewport(w, h int, dpr float64) func(context.Context) error {
	return func(ctx context.Context) error { return setViewport(ctx, w, h, dpr) }
}

func TestFiguresBootDrawAndPlay(t *testing.T) {
	site(t)
	for _, fig := range figures {
		t.Run(fig, func(t *testing.T) {
			ctx, w := openFigure(t, "fig="+fig+"&play=0", viewport(900, 640, 1))
			if err := canvasNotBlank(ctx); err != nil {
				t.Errorf("canvas: %v", err)
			}
			s := state(t, ctx)
			if s.Fig != fig || s.Step != 0 || s.Playing || len(s.Runs) == 0 {
				t.Fatalf("initial state %+v", s)
			}
			checkFinite(t, s)
			if err := evalJSON(ctx, `window.adagradFigure.play(), true`, nil); err != nil {
				t.Fatal(err)
			}
			waitJS(t, ctx, `window.adagradFigure.state().step >= 3`, 20*time.Second)
			if err := evalJSON(ctx, `window.adagradFigure.pause(), true`, nil); err != nil {
				t.Fatal(err)
			}
			waitJS(t, ctx, `window.adagradFigure.state().playing === false`, 5*time.Second)
			if err := evalJSON(ctx, `window.adagradFigure.step(40), true`, nil); err != nil {
				t.Fatal(err)
			}
			waitJS(t, ctx, `window.adagradFigure.state().step >= 43`, 10*time.Second)
			s = state(t, ctx)
			checkFinite(t, s)
			// The collector is held off until the first frame is on screen
			// (main.go's holdGC); by now it must be back and have run, since
			// start-up alone allocates past its first goal.
			if s.Perf.GCCycles < 1 {
				t.Errorf("no garbage collection after ready and %d steps: is the collector still held?", s.Step)
			}
			screenshot(t, ctx, "figure-"+fig+"-light")
			w.AssertClean(t)
		})
	}
}

// TestFigureFetchesTheWasmOnce checks that figure.js picks up the response
// figure.html preloads: one download of the wasm, started by the <link>, even
// with the cache off (as in the bench). A fetch that stops matching the
// preload (another URL, mode or credentials) would download it twice.
func TestFigureFetchesTheWasmOnce(t *testing.T) {
	site(t)
	ctx, w := openFigure(t, "fig=valley&play=0", func(ctx context.Context) error {
		if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
		return err
	})
	var got []string
	if err := evalJSON(ctx, `performance.getEntriesByType("resource").filter(r => /\.wasm$/.test(r.name)).map(r => r.initiatorType)`, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != "link" {
		t.Errorf("wasm downloads by initiator: %q, want one, by the preload <link>", got)
	}
	w.AssertClean(t)
}

// TestFigureCanvasIsNotMultisampled checks the context figure.js has Ebiten
// create: Ebiten's own attributes, but no multisampling, which costs
// software WebGL most of a frame. It also checks the claim that this changes
// no pixel: the same paused figure, drawn again with the browser's
// multisampling forced back on, must give the same screenshot.
func TestFigureCanvasIsNotMultisampled(t *testing.T) {
	site(t)
	// Run before figure.js, this wraps the browser's own getContext, so it
	// has the last word over the attributes figure.js asks for.
	const multisample = `(() => {
		const native = HTMLCanvasElement.prototype.getContext;
		HTMLCanvasElement.prototype.getContext = function (type, attrs) {
			return native.call(this, type, Object.assign({}, attrs, {antialias: true}));
		};
	})();`
	// The comparison stops at the control bar's top: the HTML under it is
	// not the canvas's, and its sub-pixel layout at this ratio can come out
	// a pixel apart between two loads.
	const dpr = 1.5
	type drawn struct {
		img   image.Image
		png   []byte
		attrs map[string]any
		barY  float64 // CSS px
	}
	draw := func(before ...func(context.Context) error) drawn {
		t.Helper()
		// A fractional device pixel ratio: the canvas's pixels do not line
		// up with CSS pixels, the case where a scaled copy would show.
		ctx, w := openFigure(t, "fig=valley&play=0", append([]func(context.Context) error{viewport(900, 640, dpr)}, before...)...)
		var d drawn
		if err := evalJSON(ctx, `document.querySelector("canvas").getContext("webgl2").getContextAttributes()`, &d.attrs); err != nil {
			t.Fatal(err)
		}
		if err := evalJSON(ctx, `document.getElementById("fig-ui").getBoundingClientRect().top`, &d.barY); err != nil {
			t.Fatal(err)
		}
		buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if d.img, err = png.Decode(bytes.NewReader(buf)); err != nil {
			t.Fatal(err)
		}
		d.png = buf
		w.AssertClean(t)
		return d
	}
	got := draw()
	want := map[string]any{"antialias": false, "alpha": true, "premultipliedAlpha": true, "stencil": true}
	for k, v := range want {
		if got.attrs[k] != v {
			t.Errorf("context attribute %s = %v, want %v (all: %v)", k, got.attrs[k], v, got.attrs)
		}
	}
	ref := draw(scriptFirst(multisample))
	if ref.attrs["antialias"] != true {
		t.Fatalf("the reference page's canvas is not multisampled (%v): nothing to compare with", ref.attrs)
	}
	if got.img.Bounds() != ref.img.Bounds() {
		t.Fatalf("screenshots of %v and %v", got.img.Bounds(), ref.img.Bounds())
	}
	area := got.img.Bounds()
	area.Max.Y = min(area.Max.Y, int(math.Floor(min(got.barY, ref.barY)*dpr)))
	if area.Dy() < got.img.Bounds().Dy()/2 {
		t.Fatalf("the control bar starts at %g and %g CSS px: too little canvas above it to compare", got.barY, ref.barY)
	}
	differ, box := 0, image.Rectangle{}
	for y := area.Min.Y; y < area.Max.Y; y++ {
		for x := area.Min.X; x < area.Max.X; x++ {
			if got.img.At(x, y) != ref.img.At(x, y) {
				differ++
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d of %d pixels differ, within %v, between the canvas without multisampling and with it",
			differ, area.Dx()*area.Dy(), box)
		saveShot(t, "figure-msaa-off", got.png)
		saveShot(t, "figure-msaa-on", ref.png)
	}
}

// TestFigureControlsComeBeforeTheWasm holds the wasm back and checks what
// the page shows meanwhile: the figure's controls, built from
// figure-info.js and inert, under the loading message. When the wasm
// cannot start, the inert controls go and the message says so.
func TestFigureControlsComeBeforeTheWasm(t *testing.T) {
	site(t)
	type shown struct {
		Controls []string
		Inert    bool
		UIHidden bool
		Status   string
	}
	const read = `({controls: [...document.querySelectorAll("#fig-controls input")].map(i => i.name),
		inert: document.getElementById("fig-ui").inert, uiHidden: document.getElementById("fig-ui").hidden,
		status: document.getElementById("fig-status").hidden ? "" : document.getElementById("fig-status").textContent})`
	t.Run("pending", func(t *testing.T) {
		ctx, w := openPage(t, "web/figure.html?fig=freeze&play=0",
			scriptFirst(`WebAssembly.instantiateStreaming = () => new Promise(() => {});`))
		waitJS(t, ctx, `document.querySelectorAll("#fig-controls input").length > 0`, 20*time.Second)
		var p shown
		if err := evalJSON(ctx, read, &p); err != nil {
			t.Fatal(err)
		}
		want := []string{}
		for _, c := range params.ControlsFor("freeze") {
			want = append(want, c.Name)
		}
		if strings.Join(p.Controls, ",") != strings.Join(want, ",") || !p.Inert || p.UIHidden || !strings.Contains(p.Status, "Loading") {
			t.Errorf("before the wasm: %+v, want controls %q, inert, under the loading message", p, want)
		}
		w.AssertClean(t)
	})
	t.Run("failed", func(t *testing.T) {
		ctx, _ := openPage(t, "web/figure.html?fig=freeze&play=0",
			scriptFirst(`WebAssembly.instantiateStreaming = () => Promise.reject(new Error("held back by the test"));`))
		waitJS(t, ctx, `document.getElementById("fig-status").textContent.includes("could not start")`, 20*time.Second)
		var p shown
		if err := evalJSON(ctx, read, &p); err != nil {
			t.Fatal(err)
		}
		if !p.UIHidden || !strings.Contains(p.Status, "held back by the test") {
			t.Errorf("after a failed start: %+v, want the controls hidden and the error shown", p)
		}
	})
}

// TestFigurePausedDrawsNothing: once ready, a paused figure draws one more
// frame (from its cached background, see game.Draw) and then none at all.
func TestFigurePausedDrawsNothing(t *testing.T) {
	site(t)
	ctx, w := openFigure(t, "fig=valley&play=0", viewport(900, 640, 1))
	time.Sleep(time.Second)
	before := state(t, ctx).Perf.Frames
	time.Sleep(1500 * time.Millisecond)
	after := state(t, ctx).Perf.Frames
	if before < 2 || after != before {
		t.Errorf("Go-side frames: %d one second after ready, %d another 1.5 s later; want at least 2, then no more", before, after)
	}
	if err := canvasNotBlank(ctx); err != nil {
		t.Error(err)
	}
	w.AssertClean(t)
}

func TestFigureURLParamsAndNotices(t *testing.T) {
	site(t)
	ctx, w := openFigure(t, "fig=valley&lr=0.7&sgdlr=0.05&x0=-3&y0=1.5&b=20&play=0")
	s := state(t, ctx)
	want := map[string]float64{"lr": 0.7, "sgdlr": 0.05, "x0": -3, "y0": 1.5, "b": 20}
	for k, v := range want {
		if got, _ := s.Params[k].(float64); got != v {
			t.Errorf("params.%s = %v, want %v", k, s.Params[k], v)
		}
	}
	if s.Runs[0].X != -3 || s.Runs[0].Y != 1.5 {
		t.Errorf("runs do not start at the URL's start: %+v", s.Runs[0])
	}
	w.AssertClean(t)

	ctx, w = openFigure(t, "fig=valley&lr=banana&x0=1e309&colour=red&play=0")
	s = state(t, ctx)
	if len(s.Notices) < 3 {
		t.Errorf("notices %q, want one for each of lr, x0 and colour", s.Notices)
	}
	var shown string
	if err := evalJSON(ctx, `document.getElementById("fig-notices").textContent`, &shown); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"lr", "x0", "colour"} {
		if !strings.Contains(shown, name) {
			t.Errorf("the notice shown on the figure does not name %s: %q", name, shown)
		}
	}
	if err := canvasNotBlank(ctx); err != nil {
		t.Errorf("a malformed URL left the canvas blank: %v", err)
	}
	w.AssertClean(t)
}

func TestFigureDragMovesTheStart(t *testing.T) {
	site(t)
	ctx, w := openFigure(t, "fig=accumulator&play=0", viewport(900, 640, 1))
	// The figure says where its start handle is, in page pixels.
	var pos []float64
	if err := evalJSON(ctx, `window.adagradFigure.handle()`, &pos); err != nil {
		t.Fatal(err)
	}
	if len(pos) != 2 {
		t.Fatal("no start handle found on the canvas")
	}
	before := state(t, ctx)
	drag := func(typ input.DispatchMouseEventType, x, y float64) chromedp.Action[chromedp.Void] {
		return chromedp.MouseEvent(typ, x, y, chromedp.ButtonType(input.MouseButtonLeft), chromedp.ClickCount(1))
	}
	if err := chromedp.Do(ctx,
		drag(chromedp.MousePressed, pos[0], pos[1]),
		drag(chromedp.MouseMoved, pos[0]+40, pos[1]+30),
		drag(chromedp.MouseMoved, pos[0]+80, pos[1]+60),
		drag(chromedp.MouseReleased, pos[0]+80, pos[1]+60),
	); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `window.adagradFigure.state().params.x0 !== `+strconv.FormatFloat(before.Params["x0"].(float64), 'g', -1, 64), 5*time.Second)
	after := state(t, ctx)
	if !(after.Params["x0"].(float64) > before.Params["x0"].(float64)) || !(after.Params["y0"].(float64) < before.Params["y0"].(float64)) {
		t.Errorf("drag right-down moved the start from (%v, %v) to (%v, %v)", before.Params["x0"], before.Params["y0"], after.Params["x0"], after.Params["y0"])
	}
	// A press away from the handle does nothing.
	if err := chromedp.Do(ctx,
		drag(chromedp.MousePressed, 30, 300), drag(chromedp.MouseMoved, 200, 200), drag(chromedp.MouseReleased, 200, 200)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if again := state(t, ctx); again.Params["x0"] != after.Params["x0"] {
		t.Errorf("a drag away from the handle moved the start to %v", again.Params["x0"])
	}
	w.AssertClean(t)
}

// The states the lesson's text points at, checked and saved for a person
// to look at: a frozen AdaGrad beside RMSProp, a rotated valley, and a
// y-gradient that never arrives.
func TestFigureLessonStates(t *testing.T) {
	site(t)
	cases := []struct {
		name, query string
		steps       int
		check       func(s figureState) string
	}{
		{"freeze-forget", "fig=freeze&forget=1&play=0", 1500, func(s figureState) string {
			if len(s.Runs) != 2 || !s.Runs[0].Frozen || s.Runs[1].Frozen || !(s.Runs[1].Loss < s.Runs[0].Loss) {
				return "want a frozen AdaGrad and a moving RMSProp with the lower loss"
			}
			return ""
		}},
		{"valley-rotated", "fig=valley&angle=45&play=0", 150, func(s figureState) string {
			if s.Runs[1].Loss <= 1e-6 {
				return "AdaGrad should still be short of the minimum on a 45° valley after 150 steps"
			}
			return ""
		}},
		{"sparse-p1", "fig=sparse&p=1&play=0", 200, func(s figureState) string {
			ada := s.Runs[1]
			if y0, _ := s.Params["y0"].(float64); ada.G[1] != 0 || ada.Y != y0 {
				return "with p = 1 AdaGrad's y never moves and G_y stays 0"
			}
			return ""
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx, w := openFigure(t, c.query, viewport(900, 640, 1))
			if err := evalJSON(ctx, `window.adagradFigure.step(`+strconv.Itoa(c.steps)+`), true`, nil); err != nil {
				t.Fatal(err)
			}
			waitJS(t, ctx, `window.adagradFigure.state().step >= `+strconv.Itoa(c.steps), 20*time.Second)
			s := state(t, ctx)
			checkFinite(t, s)
			if msg := c.check(s); msg != "" {
				t.Errorf("%s: %s; state %+v", c.name, msg, s.Runs)
			}
			screenshot(t, ctx, "figure-"+c.name)
			w.AssertClean(t)
		})
	}
}

// TestFigureControlBarHoldsItsHeight plays figures at top speed through
// restarts, each after the run has sat at its horizon for a moment as a
// reader's would, and checks that the control bar under the canvas never
// shrinks. On a restart the readout loses a line (sparse) and the line
// saying a run froze empties (freeze); a bar that followed them would make
// the maps above jump and redraw their whole background mid-play.
func TestFigureControlBarHoldsItsHeight(t *testing.T) {
	for _, fig := range []string{"sparse", "freeze"} {
		ctx, w := openFigure(t, "fig="+fig+"&play=0", viewport(1280, 900, 1))
		var got struct {
			Shrank   []float64
			Restarts int
			Lost     bool // the text under the canvas got shorter at some point
		}
		if err := evalJSON(ctx, `(async () => {
			const api = window.adagradFigure, ui = document.getElementById("fig-ui");
			const text = () => document.getElementById("fig-readout").textContent.length +
				document.getElementById("fig-runstate").textContent.length;
			api.set({speed: 1000}); api.play();
			let last = ui.getBoundingClientRect().height, shrank = null, restarts = 0, stopped = 0;
			let longest = 0, lost = false;
			const t0 = performance.now();
			while (performance.now() - t0 < 7000) {
				await new Promise((r) => setTimeout(r, 40));
				if (api.state().playing) stopped = 0;
				else if (!stopped) stopped = performance.now();
				else if (performance.now() - stopped > 300) { api.reset(); api.play(); restarts++; stopped = 0; }
				const n = text();
				longest = Math.max(longest, n);
				if (n > 0 && n < longest - 20) lost = true;
				const h = ui.getBoundingClientRect().height;
				if (h < last - 0.5 && !shrank) shrank = [last, h];
				last = h;
			}
			api.pause();
			return {shrank, restarts, lost};
		})()`, &got); err != nil {
			t.Fatal(err)
		}
		if got.Restarts < 1 || !got.Lost {
			t.Fatalf("%s: %d restarts, text got shorter: %v; the test no longer exercises a readout that gives back a line", fig, got.Restarts, got.Lost)
		}
		if got.Shrank != nil {
			t.Errorf("%s: the control bar shrank from %.1f to %.1f px while playing", fig, got.Shrank[0], got.Shrank[1])
		}
		w.AssertClean(t)
	}
}
