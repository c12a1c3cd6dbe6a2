//go:build !js

package web_test

// The Download control: the runs as CSV, row for row what
// cmd/trace writes for the same settings; the figure as a PNG at the
// canvas's pixel size over the theme's background; hide=download; and,
// in a sandboxed frame, plain words and a link to the figure's own page.

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/adagrad-explained/adagrad/render"
)

var (
	traceOnce sync.Once
	tracePath string
	traceErr  error
)

// traceBinary builds cmd/trace once for the binary's tests.
func traceBinary(t *testing.T) string {
	t.Helper()
	base(t)
	traceOnce.Do(func() {
		tracePath = filepath.Join(h.tmp, "trace")
		cmd := exec.Command("go", "build", "-o", tracePath, "./cmd/trace")
		cmd.Dir = h.root
		if out, err := cmd.CombinedOutput(); err != nil {
			traceErr = fmt.Errorf("building cmd/trace: %v\n%s", err, out)
		}
	})
	if traceErr != nil {
		t.Fatal(traceErr)
	}
	return tracePath
}

// traceFlags are the cmd/trace flags that run r of a figure in state s:
// the figure's landscape, start and dropout, and the rates its run uses.
func traceFlags(t *testing.T, s figureState, run string) []string {
	t.Helper()
	num := func(name string) string {
		v, ok := s.Params[name].(float64)
		if !ok {
			t.Fatalf("state().params.%s = %v", name, s.Params[name])
		}
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	args := []string{"-f", "valley", "-a", num("a"), "-b", num("b"), "-angle", num("angle"),
		"-start", num("x0") + "," + num("y0"), "-steps", strconv.Itoa(s.Step)}
	epsIn := strconv.FormatBool(s.Params["epsin"] == true)
	switch run {
	case "SGD":
		args = append(args, "-opt", "sgd", "-lr", num("sgdlr"))
	case "AdaGrad":
		args = append(args, "-opt", "adagrad", "-lr", num("lr"), "-eps", num("eps"), "-eps-in-sqrt="+epsIn, "-g0", num("g0"))
	case "RMSProp":
		args = append(args, "-opt", "rmsprop", "-lr", num("lr"), "-eps", num("eps"), "-eps-in-sqrt="+epsIn, "-rho", num("rho"))
	default:
		t.Fatalf("no cmd/trace flags for a run called %q", run)
	}
	if s.Fig == "sparse" {
		args = append(args, "-p", num("p"), "-coord", "1", "-seed", num("seed"))
	}
	return args
}

func TestDownloadCSVMatchesTrace(t *testing.T) {
	site(t)
	trace := traceBinary(t)
	for _, c := range []struct {
		query string
		steps int
	}{
		{"fig=valley&lr=0.4&sgdlr=0.15&a=0.5&angle=20&x0=-3.5&y0=1.5", 57},
		{"fig=valley&sgdlr=0.25", 60}, // SGD diverges: its rows stop at its last finite step
		{"fig=accumulator&epsin=0&g0=0.1&eps=1e-6&angle=30", 40},
		{"fig=freeze&forget=1&rho=0.95", 120},
		{"fig=sparse&p=0.6&seed=9", 80},
	} {
		t.Run(c.query, func(t *testing.T) {
			ctx, w := openFigure(t, c.query+"&play=0")
			if err := evalJSON(ctx, fmt.Sprintf(`window.adagradFigure.step(%d), true`, c.steps), nil); err != nil {
				t.Fatal(err)
			}
			waitJS(t, ctx, fmt.Sprintf(`window.adagradFigure.state().step === %d`, c.steps), 20*time.Second)
			var csv string
			if err := evalJSON(ctx, `window.adagradFigure.exportCSV()`, &csv); err != nil {
				t.Fatal(err)
			}
			s := state(t, ctx)
			lines := strings.Split(strings.TrimSuffix(csv, "\n"), "\n")
			const header = "run,step,x,y,loss,grad_x,grad_y,used_x,used_y,acc_x,acc_y,rate_x,rate_y,delta_x,delta_y,frozen"
			if lines[0] != header {
				t.Fatalf("header %q, want %q", lines[0], header)
			}
			byRun := map[string][]string{}
			var order []string
			for _, l := range lines[1:] {
				name, row, _ := strings.Cut(l, ",")
				if byRun[name] == nil {
					order = append(order, name)
				}
				byRun[name] = append(byRun[name], row)
			}
			if len(order) != len(s.Runs) {
				t.Fatalf("CSV runs %q, the figure has %d runs", order, len(s.Runs))
			}
			for i, r := range s.Runs {
				if order[i] != r.Name {
					t.Errorf("CSV run %d is %q, state() says %q", i, order[i], r.Name)
				}
				args := traceFlags(t, s, r.Name)
				cmd := exec.Command(trace, args...)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				out, err := cmd.Output()
				if err != nil {
					t.Fatalf("trace %s: %v: %s", strings.Join(args, " "), err, stderr.String())
				}
				want := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")[1:] // without the header
				got := byRun[r.Name]
				if len(got) != len(want) {
					t.Errorf("%s: %d CSV rows, cmd/trace %s writes %d", r.Name, len(got), strings.Join(args, " "), len(want))
				}
				for k := 0; k < min(len(got), len(want)); k++ {
					if got[k] != want[k] {
						t.Errorf("%s row %d:\n CSV   %s\n trace %s\n(trace %s)", r.Name, k, got[k], want[k], strings.Join(args, " "))
						break
					}
				}
				if r.Diverged != (len(want) < c.steps+1) {
					t.Errorf("%s: diverged %v, %d rows for %d steps", r.Name, r.Diverged, len(want), c.steps)
				}
				t.Logf("%s: %d rows match cmd/trace %s", r.Name, len(got), strings.Join(args, " "))
			}
			w.AssertClean(t)
		})
	}
}

// pngFromPage awaits adagradFigure.exportPNG() in the page and returns the
// decoded image and the canvas's size in pixels.
func pngFromPage(t *testing.T, ctx context.Context, name string) (image.Image, int, int) {
	t.Helper()
	var out struct {
		B64  string `json:"b64"`
		Type string `json:"type"`
		W    int    `json:"w"`
		H    int    `json:"h"`
	}
	if err := evalJSON(ctx, `window.adagradFigure.exportPNG().then(async (b) => {
		const u8 = new Uint8Array(await b.arrayBuffer());
		let s = "";
		for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode.apply(null, u8.subarray(i, i + 0x8000));
		const c = document.querySelector("canvas");
		return { b64: btoa(s), type: b.type, w: c.width, h: c.height };
	})`, &out); err != nil {
		t.Fatal(err)
	}
	if out.Type != "image/png" {
		t.Errorf("blob type %q", out.Type)
	}
	raw, err := base64.StdEncoding.DecodeString(out.B64)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("the PNG does not decode: %v", err)
	}
	saveShot(t, name, raw) // for people to look at, beside the screenshots
	return img, out.W, out.H
}

// checkPNG: the image has the canvas's size, is opaque, mostly the theme's
// background, and not one flat colour.
func checkPNG(t *testing.T, what string, img image.Image, w, h int, bg render.Color) {
	t.Helper()
	b := img.Bounds()
	if b.Dx() != w || b.Dy() != h {
		t.Errorf("%s: PNG is %dx%d, the canvas %dx%d", what, b.Dx(), b.Dy(), w, h)
	}
	colours := map[[3]uint8]int{}
	translucent := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bb, a := img.At(x, y).RGBA()
			if a != 0xffff {
				translucent++
			}
			colours[[3]uint8{uint8(r >> 8), uint8(g >> 8), uint8(bb >> 8)}]++
		}
	}
	n := b.Dx() * b.Dy()
	share := float64(colours[[3]uint8{bg.R, bg.G, bg.B}]) / float64(n)
	if translucent > 0 {
		t.Errorf("%s: %d pixels are not opaque", what, translucent)
	}
	if len(colours) < 16 || share > 0.98 {
		t.Errorf("%s: looks blank: %d colours, %.1f%% background", what, len(colours), 100*share)
	}
	if share < 0.2 {
		t.Errorf("%s: only %.1f%% of the pixels are the theme's background %v", what, 100*share, bg)
	}
	t.Logf("%s: %dx%d, %d colours, %.1f%% background %v", what, b.Dx(), b.Dy(), len(colours), 100*share, bg)
}

func TestDownloadPNG(t *testing.T) {
	site(t)
	for _, c := range []struct {
		theme string
		bg    render.Color
		dpr   float64
	}{{"light", render.Light.Bg, 2}, {"dark", render.Dark.Bg, 1}} {
		t.Run(c.theme, func(t *testing.T) {
			ctx, w := openFigure(t, "fig=accumulator&play=0&theme="+c.theme, viewport(900, 640, c.dpr))
			if err := evalJSON(ctx, `window.adagradFigure.step(25), true`, nil); err != nil {
				t.Fatal(err)
			}
			waitJS(t, ctx, `window.adagradFigure.state().step === 25`, 10*time.Second)
			img, cw, ch := pngFromPage(t, ctx, "figure-download-png-"+c.theme)
			if want := int(900 * c.dpr); cw != want {
				t.Errorf("canvas is %d px wide at %gx, want %d", cw, c.dpr, want)
			}
			checkPNG(t, c.theme, img, cw, ch, c.bg)
			// Two at once both resolve.
			var n int
			if err := evalJSON(ctx, `Promise.all([adagradFigure.exportPNG(), adagradFigure.exportPNG()]).then((bs) => bs.filter((b) => b.size > 1000).length)`, &n); err != nil || n != 2 {
				t.Errorf("two exports at once: %d PNGs, %v", n, err)
			}
			w.AssertClean(t)
		})
	}
}

// allowDownloads lets the tab save downloads into a folder of the
// harness, each named by its GUID.
func allowDownloads(t *testing.T, ctx context.Context) string {
	t.Helper()
	dir := filepath.Join(h.tmp, "downloads")
	err := os.MkdirAll(dir, 0o755)
	if err == nil {
		yes := true
		_, err = chromedp.Call(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
			Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &yes})
	}
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// downloadedFile waits for a file to appear in dir that was not in before.
func downloadedFile(t *testing.T, dir string, before map[string]bool) []byte {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if before[e.Name()] || strings.HasSuffix(e.Name(), ".crdownload") {
				continue
			}
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err == nil && len(b) > 0 {
				before[e.Name()] = true
				return b
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no download arrived in %s", dir)
	return nil
}

func listDir(dir string) map[string]bool {
	m := map[string]bool{}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		m[e.Name()] = true
	}
	return m
}

// TestDownloadControl clicks through the control as a teacher would: the
// menu opens above the bar and inside the window at a desktop and a phone
// width, in both themes; its two buttons save what the script API returns;
// Escape closes it; hide=download removes it and leaves the API.
func TestDownloadControl(t *testing.T) {
	site(t)
	for _, c := range []struct {
		name, query string
		w, h        int
		dpr         float64
	}{
		{"1280-light", "fig=valley&play=0&theme=light", 1280, 800, 1},
		{"1280-dark", "fig=freeze&play=0&theme=dark&forget=1", 1280, 800, 1},
		{"phone-light", "fig=accumulator&play=0&theme=light", 375, 700, 2},
		{"phone-dark", "fig=sparse&play=0&theme=dark", 375, 700, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx, w := openFigure(t, c.query, viewport(c.w, c.h, c.dpr))
			// On a phone Download waits behind the Controls button.
			if err := evalJSON(ctx, `(() => { const m = document.getElementById("btn-more");
				if (m.checkVisibility() && m.getAttribute("aria-expanded") !== "true") m.click(); return true; })()`, nil); err != nil {
				t.Fatal(err)
			}
			waitJS(t, ctx, `document.getElementById("btn-download").checkVisibility()`, 5*time.Second)
			if err := evalJSON(ctx, `window.adagradFigure.step(30), true`, nil); err != nil {
				t.Fatal(err)
			}
			waitJS(t, ctx, `window.adagradFigure.state().step === 30`, 10*time.Second)
			time.Sleep(300 * time.Millisecond) // the readout's text reaches the page
			screenshot(t, ctx, "figure-download-closed-"+c.name)
			var bar struct{ Closed float64 }
			if err := evalJSON(ctx, `({ Closed: document.getElementById("fig-ui").getBoundingClientRect().height })`, &bar); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.Click("#btn-download")); err != nil {
				t.Fatal(err)
			}
			waitJS(t, ctx, `document.getElementById("fig-download-menu").checkVisibility()`, 5*time.Second)
			var menu struct {
				Left, Right, Top, Bottom, BarTop, Width float64
				Expanded, Note                          string
			}
			if err := evalJSON(ctx, `(() => {
				const r = document.getElementById("fig-download-menu").getBoundingClientRect();
				return { Left: r.left, Right: r.right, Top: r.top, Bottom: r.bottom, Width: innerWidth,
					BarTop: document.getElementById("fig-ui").getBoundingClientRect().top,
					Expanded: document.getElementById("btn-download").getAttribute("aria-expanded"),
					Note: document.getElementById("fig-download-note").textContent };
			})()`, &menu); err != nil {
				t.Fatal(err)
			}
			if menu.Left < 0 || menu.Right > menu.Width || menu.Top < 0 || menu.Bottom > menu.BarTop {
				t.Errorf("the open menu %+v is not above the bar and inside the window", menu)
			}
			if menu.Expanded != "true" || menu.Note != "" {
				t.Errorf("open menu: aria-expanded %q, note %q (want true, none outside a sandbox)", menu.Expanded, menu.Note)
			}
			screenshot(t, ctx, "figure-download-open-"+c.name)

			dir := allowDownloads(t, ctx)
			before := listDir(dir)
			var api string
			if err := evalJSON(ctx, `window.adagradFigure.exportCSV()`, &api); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.Click("#btn-csv")); err != nil {
				t.Fatal(err)
			}
			if got := string(downloadedFile(t, dir, before)); got != api {
				t.Errorf("the CSV saved (%d bytes) differs from exportCSV() (%d bytes)", len(got), len(api))
			}
			if err := chromedp.Do(ctx, chromedp.Click("#btn-png")); err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(downloadedFile(t, dir, before)))
			if err != nil {
				t.Fatalf("the PNG saved does not decode: %v", err)
			}
			if b := img.Bounds(); b.Dx() != int(float64(c.w)*c.dpr) {
				t.Errorf("the PNG saved is %dx%d", b.Dx(), b.Dy())
			}
			var note string
			if err := evalJSON(ctx, `document.getElementById("fig-download-note").textContent`, &note); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(note, "Downloading adagrad-") {
				t.Errorf("note after saving: %q", note)
			}
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
				t.Fatal(err)
			}
			waitJS(t, ctx, `!document.getElementById("fig-download-menu").checkVisibility() && document.activeElement.id === "btn-download"`, 5*time.Second)

			// The same figure without the control: the bar is no taller, and
			// the script API still answers.
			ctx2, w2 := openFigure(t, c.query+"&hide=download", viewport(c.w, c.h, c.dpr))
			if err := evalJSON(ctx2, `(() => { const m = document.getElementById("btn-more");
				if (m.checkVisibility() && m.getAttribute("aria-expanded") !== "true") m.click(); return true; })()`, nil); err != nil {
				t.Fatal(err)
			}
			if err := evalJSON(ctx2, `window.adagradFigure.step(30), true`, nil); err != nil {
				t.Fatal(err)
			}
			waitJS(t, ctx2, `window.adagradFigure.state().step === 30`, 10*time.Second)
			time.Sleep(300 * time.Millisecond) // the readout's text reaches the page
			var gone struct {
				Shown  bool
				Height float64
				CSV    int
			}
			if err := evalJSON(ctx2, `({ Shown: document.querySelector('[data-part="download"]').checkVisibility(),
				Height: document.getElementById("fig-ui").getBoundingClientRect().height,
				CSV: window.adagradFigure.exportCSV().length })`, &gone); err != nil {
				t.Fatal(err)
			}
			if gone.Shown || gone.CSV == 0 {
				t.Errorf("hide=download: control shown %v, exportCSV() %d bytes", gone.Shown, gone.CSV)
			}
			t.Logf("control bar %.0f px tall with Download, %.0f px without", bar.Closed, gone.Height)
			if bar.Closed > gone.Height {
				t.Errorf("the Download button makes the control bar taller: %.0f px against %.0f", bar.Closed, gone.Height)
			}
			w.AssertClean(t)
			w2.AssertClean(t)
		})
	}
}

// frameTab attaches to the frame whose URL starts with prefix. A sandboxed
// frame runs in a process of its own (Chromium isolates sandboxed frames),
// a target apart from its page's, so the tab's contexts do not include it.
// The returned watch sees what the frame does from then on.
func frameTab(t *testing.T, ctx context.Context, prefix string, timeout time.Duration) (context.Context, *watch) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	var seen []string
	for time.Now().Before(deadline) {
		infos, err := chromedp.Targets(ctx)
		if err != nil {
			t.Fatal(err)
		}
		seen = seen[:0]
		for _, in := range infos {
			seen = append(seen, string(in.Type)+" "+in.URL)
			if in.Type == "iframe" && strings.HasPrefix(in.URL, prefix) {
				w := newWatch(h.origin)
				if u, err := url.Parse(prefix); err == nil {
					w.Allow(u.Scheme + "://" + u.Host)
				}
				fctx, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(in.TargetID), chromedp.WithListener(w.handle))
				t.Cleanup(cancel)
				if err := chromedp.Do(fctx); err != nil {
					t.Fatalf("attaching to the frame %s: %v", in.URL, err)
				}
				return fctx, w
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no frame target at %s within %s; targets %q", prefix, timeout, seen)
	return nil, nil
}

// TestDownloadInASandboxSaysSo: in <iframe sandbox="allow-scripts"> the
// browser drops downloads without a word, so the open menu says so and
// links to the figure's own page in the same state.
func TestDownloadInASandboxSaysSo(t *testing.T) {
	site(t)
	fig := h.base + "web/figure.html?fig=sparse&play=0&p=0.4"
	parent := otherOriginPage(t, sandboxParentHTML(fig, "allow-scripts"))
	rec := &hostileRec{}
	ctx, w := openPage(t, parent, recordHostile(rec))
	waitJS(t, ctx, `got.some((m) => m && m.type === "adagrad:state" && m.state.ready)`, 90*time.Second)
	fctx, fw := frameTab(t, ctx, fig, 10*time.Second)
	if err := evalJSON(fctx, `adagradFigure.step(12), adagradFigure.set({ lr: 0.7 }), document.getElementById("btn-download").click(), true`, nil); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Origin, Text, Href, Target string
		Open                       bool
	}
	if err := evalJSON(fctx, `(() => {
		const note = document.getElementById("fig-download-note"), a = note.querySelector("a");
		return { origin: window.origin, text: note.textContent, href: a ? a.href : "", target: a ? a.target : "",
			open: document.getElementById("fig-download-menu").checkVisibility() };
	})()`, &got); err != nil {
		t.Fatal(err)
	}
	t.Logf("in the sandbox (origin %s): %q -> %s", got.Origin, got.Text, got.Href)
	if got.Origin != "null" || !got.Open {
		t.Errorf("origin %q, menu open %v", got.Origin, got.Open)
	}
	if !strings.Contains(got.Text, "sandboxed frame") || !strings.Contains(got.Text, "open the figure on its own page") {
		t.Errorf("the note does not say why nor offer the figure's page: %q", got.Text)
	}
	if !strings.HasPrefix(got.Href, h.base+"web/figure.html?") || !strings.Contains(got.Href, "fig=sparse") ||
		!strings.Contains(got.Href, "lr=0.7") || !strings.Contains(got.Href, "p=0.4") || got.Target != "_blank" {
		t.Errorf("the link %q (target %q) is not the figure's own page in the same state", got.Href, got.Target)
	}
	rec.assertNoDialogs(t)
	w.AssertClean(t)
	fw.AssertClean(t)
}

// noCORSServer serves the built site under sitePrefix with no
// Access-Control-Allow-Origin header, as many university web servers do.
// It counts the requests for each path.
func noCORSServer(t *testing.T) (string, func(suffix string) int) {
	t.Helper()
	h := site(t)
	files := http.StripPrefix(strings.TrimSuffix(sitePrefix, "/"), http.FileServer(http.Dir(h.dist)))
	var mu sync.Mutex
	hits := map[string]int{}
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		files.ServeHTTP(w, r)
	}))
	h.others = append(h.others, s)
	count := func(suffix string) int {
		mu.Lock()
		defer mu.Unlock()
		n := 0
		for p, k := range hits {
			if strings.HasSuffix(p, suffix) {
				n += k
			}
		}
		return n
	}
	return s.URL + sitePrefix, count
}

// TestSandboxWithoutCORSSaysSo: a sandboxed frame (origin null) on a host
// that sends no CORS header cannot fetch its wasm. The figure says so in
// plain words and links to its own page, instead of "Failed to fetch", and
// it does not reload or fetch again.
func TestSandboxWithoutCORSSaysSo(t *testing.T) {
	host, hits := noCORSServer(t)
	fig := host + "web/figure.html?fig=valley&play=0"
	parent := otherOriginPage(t, sandboxParentHTML(fig, "allow-scripts"))
	rec := &hostileRec{}
	ctx, w := openPage(t, parent, recordHostile(rec))
	fctx, fw := frameTab(t, ctx, fig, 30*time.Second)
	waitJS(t, fctx, `/sandboxed frame/.test(document.getElementById("fig-status").textContent)`, 60*time.Second)
	time.Sleep(3 * time.Second) // room for a loop to show itself
	var got struct {
		Text, Href       string
		Shown, UI, Ready bool
	}
	if err := evalJSON(fctx, `(() => {
		const st = document.getElementById("fig-status"), a = st.querySelector("a");
		return { text: st.textContent, href: a ? a.href : "", shown: st.checkVisibility(),
			ui: document.getElementById("fig-ui").checkVisibility(), ready: adagradFigure.state().ready };
	})()`, &got); err != nil {
		t.Fatal(err)
	}
	t.Logf("the figure says: %q -> %s", got.Text, got.Href)
	if !got.Shown || got.UI || got.Ready {
		t.Errorf("message shown %v, controls shown %v, ready %v", got.Shown, got.UI, got.Ready)
	}
	if strings.Contains(got.Text, "Failed to fetch") || !strings.Contains(got.Text, "Access-Control-Allow-Origin") {
		t.Errorf("the message does not name what failed in plain words: %q", got.Text)
	}
	if got.Href != fig {
		t.Errorf("the link goes to %q, want the figure's own page %q", got.Href, fig)
	}
	// Counted where the requests arrive: a sandboxed frame is a target of
	// its own, whose requests the page's tab does not see.
	if n := hits("/web/figure.html"); n != 1 {
		t.Errorf("the figure page was requested %d times: it loops", n)
	}
	if n := hits(".wasm"); n < 1 || n > 2 { // the preload and figure.js's fetch
		t.Errorf("%d requests for the wasm: want 1 or 2, no retries", n)
	}
	// The browser itself reports the blocked wasm, whatever the page does;
	// nothing else may go wrong, and nothing may leave the two hosts.
	for _, p := range append(w.Problems(), fw.Problems()...) {
		if !strings.Contains(p, ".wasm") {
			t.Errorf("page problem: %s", p)
		}
	}
	for _, u := range append(w.Foreign(), fw.Foreign()...) {
		if !strings.HasPrefix(u, host) {
			t.Errorf("request to another origin: %s", u)
		}
	}
	rec.assertNoDialogs(t)
}
