//go:build !js

// Package web_test checks the built site the way a visitor meets it: it
// builds dist/ (or takes ADAGRAD_DIST), serves it with cmd/serve under
// /adagrad/ as GitHub Pages would, with the strict Content-Security-Policy,
// and drives the real pages in headless Chromium through chromedp.
//
// This file is the shared harness; the tests are in the other _test files.
// One server and one browser serve every test of the binary; each test gets
// its own tab through openPage, whose watch records console errors,
// uncaught exceptions, browser log errors, HTTP errors and every request, so
// a test can fail on any of them or on a request to another origin.
//
// Where no Chromium is found the browser tests skip (build.sh says so in one
// loud line); with CI set they fail instead.
package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/adagrad-explained/adagrad/internal/headless"
)

// sitePrefix is the sub-path the site is served under, like a project page
// on GitHub Pages (https://user.github.io/adagrad/).
const sitePrefix = "/adagrad/"

// pageTimeout bounds everything one test does in its tab.
const pageTimeout = 3 * time.Minute

// harness is the state shared by every test of the binary.
type harness struct {
	root   string // the repository
	tmp    string // removed in TestMain
	dist   string // the built site being served
	files  map[string][]byte
	base   string // e.g. http://127.0.0.1:41234/adagrad/
	origin string // e.g. http://127.0.0.1:41234
	serve  *exec.Cmd
	stderr *syncBuffer

	browserOnce   sync.Once
	browserErr    error
	browserSkip   string
	browser       context.Context
	allocCancel   context.CancelFunc
	browserCancel context.CancelFunc

	others []*httptest.Server
}

var (
	h         = &harness{}
	baseOnce  sync.Once
	baseErr   error
	setupOnce sync.Once
	setupErr  error
)

// base finds the repository and makes the temp folder; the browser needs
// no more than this.
func base(t testing.TB) *harness {
	t.Helper()
	baseOnce.Do(func() { baseErr = h.initBase() })
	if baseErr != nil {
		t.Fatalf("test setup: %v", baseErr)
	}
	return h
}

func (h *harness) initBase() error {
	root, err := filepath.Abs("..")
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		return fmt.Errorf("repository root not found from %s: %v", root, err)
	}
	h.root = root
	h.tmp, err = os.MkdirTemp("", "adagrad-web-test-")
	return err
}

func TestMain(m *testing.M) {
	code := m.Run()
	h.teardown()
	os.Exit(code)
}

// site makes sure dist/ is built and served, and returns the harness. It
// runs inside a test (not in TestMain) so that Go's test cache sees the dist
// files this binary read and reruns the tests when the site changes.
func site(t testing.TB) *harness {
	t.Helper()
	base(t)
	setupOnce.Do(func() { setupErr = h.setup() })
	if setupErr != nil {
		t.Fatalf("setting up the site: %v", setupErr)
	}
	return h
}

func (h *harness) setup() error {
	var err error
	root := h.root
	h.dist = os.Getenv("ADAGRAD_DIST")
	if h.dist == "" {
		// Nobody built the site for us: build it into the temp folder, so a
		// plain `go test ./...` works and never touches dist/.
		h.dist = filepath.Join(h.tmp, "dist")
		if err := headless.BuildSite(root, h.dist); err != nil {
			return err
		}
	}
	if h.dist, err = filepath.Abs(h.dist); err != nil {
		return err
	}
	if h.files, err = readTree(h.dist); err != nil {
		return fmt.Errorf("reading the built site: %v", err)
	}

	h.stderr = &syncBuffer{}
	if h.serve, h.base, err = headless.Serve(root, h.tmp, h.dist, sitePrefix, h.stderr); err != nil {
		return fmt.Errorf("%v; stderr: %s", err, h.stderr)
	}
	pu, err := url.Parse(h.base)
	if err != nil {
		return err
	}
	h.origin = pu.Scheme + "://" + pu.Host
	if !strings.HasSuffix(h.base, sitePrefix) {
		return fmt.Errorf("serve URL %s does not end in %s", h.base, sitePrefix)
	}
	return nil
}

// readTree reads every file under dir, keyed by slash-separated path.
func readTree(dir string) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	return files, err
}

func (h *harness) teardown() {
	if h.browserCancel != nil {
		h.browserCancel()
	}
	if h.allocCancel != nil {
		h.allocCancel()
	}
	for _, s := range h.others {
		s.Close()
	}
	if h.serve != nil && h.serve.Process != nil {
		h.serve.Process.Kill()
		h.serve.Wait()
	}
	if h.tmp != "" {
		os.RemoveAll(h.tmp)
	}
}

// siteURL is the absolute URL of a path inside the served site, such as
// "web/figure.html?fig=valley".
func siteURL(t testing.TB, p string) string {
	return site(t).base + strings.TrimPrefix(p, "/")
}

// browser returns the shared browser context, starting Chromium on first
// use. Without Chromium it skips the test, or fails it when CI is set.
func browser(t testing.TB) context.Context {
	t.Helper()
	base(t)
	h.browserOnce.Do(h.startBrowser)
	if h.browserSkip != "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set and %s", h.browserSkip)
		}
		t.Skip(h.browserSkip + ": browser test skipped")
	}
	if h.browserErr != nil {
		t.Fatalf("starting Chromium: %v", h.browserErr)
	}
	return h.browser
}

func (h *harness) startBrowser() {
	chrome := headless.FindChromium()
	if chrome == "" {
		h.browserSkip = "no Chromium found (apt-get install chromium, or set ADAGRAD_CHROME)"
		return
	}
	opts := headless.Options(chrome, filepath.Join(h.tmp, "profile"))
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, bcancel := chromedp.NewContext(allocCtx)
	h.allocCancel, h.browserCancel = allocCancel, bcancel
	// The first run starts the browser; it must have no timeout of its own.
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(bctx) }()
	select {
	case err := <-done:
		h.browserErr = err
	case <-time.After(60 * time.Second):
		h.browserErr = errors.New("Chromium did not start in 60 s")
	}
	h.browser = bctx
}

// watch records what a tab did that a clean page never does.
type watch struct {
	mu       sync.Mutex
	allowed  map[string]bool // origins the page may load from
	problems []string        // console errors, exceptions, log errors, HTTP errors
	foreign  []string        // requests to other origins
	requests []string        // every request URL, in order
}

func newWatch(origins ...string) *watch {
	w := &watch{allowed: map[string]bool{}}
	for _, o := range origins {
		w.allowed[o] = true
	}
	return w
}

// Allow lets the page load from one more origin (a test's parent page).
func (w *watch) Allow(origin string) {
	w.mu.Lock()
	w.allowed[origin] = true
	w.mu.Unlock()
}

// handle runs on chromedp's event loop: it only records.
func (w *watch) handle(ev any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch e := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
			w.problems = append(w.problems, "console."+string(e.Type)+": "+argsText(e.Args))
		}
	case *runtime.EventExceptionThrown:
		w.problems = append(w.problems, "uncaught exception: "+exceptionText(e.ExceptionDetails))
	case *log.EventEntryAdded:
		if e.Entry != nil && e.Entry.Level == log.EntryLevelError {
			msg := "browser log (" + string(e.Entry.Source) + "): " + e.Entry.Text
			if e.Entry.URL != "" {
				msg += " [" + e.Entry.URL + "]"
			}
			w.problems = append(w.problems, msg)
		}
	case *network.EventRequestWillBeSent:
		if e.Request == nil {
			return
		}
		u := e.Request.URL
		w.requests = append(w.requests, u)
		if !w.sameOrigin(u) {
			w.foreign = append(w.foreign, u)
		}
	case *network.EventResponseReceived:
		if e.Response != nil && e.Response.Status >= 400 {
			w.problems = append(w.problems, fmt.Sprintf("HTTP %d for %s", e.Response.Status, e.Response.URL))
		}
	}
}

// sameOrigin reports whether a request URL stays on an allowed origin.
// data: URLs and blobs made by the page itself are fine.
func (w *watch) sameOrigin(raw string) bool {
	switch {
	case strings.HasPrefix(raw, "data:"), raw == "about:blank", raw == "about:srcdoc":
		return true
	case strings.HasPrefix(raw, "blob:"):
		raw = strings.TrimPrefix(raw, "blob:")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	return w.allowed[u.Scheme+"://"+u.Host]
}

func argsText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		switch {
		case a == nil:
		case len(a.Value) > 0:
			parts = append(parts, strings.Trim(string(a.Value), `"`))
		case a.Description != "":
			parts = append(parts, a.Description)
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "(no details)"
	}
	s := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		s += " " + d.Exception.Description
	}
	if d.URL != "" {
		s += fmt.Sprintf(" at %s:%d", d.URL, d.LineNumber+1)
	}
	return s
}

// Problems returns the console errors, exceptions, browser log errors and
// HTTP errors seen so far.
func (w *watch) Problems() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.problems...)
}

// Foreign returns the requests that left the allowed origins.
func (w *watch) Foreign() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.foreign...)
}

// Requests returns every request URL seen so far.
func (w *watch) Requests() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.requests...)
}

// AssertClean fails the test for every problem and foreign request seen.
func (w *watch) AssertClean(t testing.TB) {
	t.Helper()
	for _, p := range w.Problems() {
		t.Errorf("page problem: %s", p)
	}
	for _, u := range w.Foreign() {
		t.Errorf("request to another origin: %s", u)
	}
}

// openPage opens target in a new tab of the shared browser and waits for
// its load event. target is a path inside the site ("index.html",
// "web/figure.html?fig=valley") or an absolute URL (then its origin is
// allowed too). before runs in the fresh tab ahead of the navigation, for
// viewport or colour-scheme emulation. The returned context is bounded by
// pageTimeout and closes the tab when the test ends.
func openPage(t testing.TB, target string, before ...func(ctx context.Context) error) (context.Context, *watch) {
	t.Helper()
	b := browser(t)
	u := target
	if !strings.HasPrefix(target, "http://") && !strings.HasPrefix(target, "https://") {
		u = siteURL(t, target)
	}
	w := newWatch()
	if h.origin != "" {
		w.Allow(h.origin)
	}
	if pu, err := url.Parse(u); err == nil {
		w.Allow(pu.Scheme + "://" + pu.Host)
	}
	tab, cancel := chromedp.NewContext(b, chromedp.WithListener(w.handle))
	t.Cleanup(func() {
		// Wait until the tab has closed, so that closing it cannot race
		// with the next test's tab for the foreground.
		if err := chromedp.Cancel(tab); err != nil {
			cancel()
		}
	})
	if err := chromedp.Do(tab); err != nil { // opens the tab, no timeout
		t.Fatalf("opening a tab: %v", err)
	}
	// A background tab is hidden: it gets no animation frames, so its
	// figures never draw. Every test's tab is in the foreground.
	if _, err := chromedp.Call(tab, page.BringToFront, cdp.Empty{}); err != nil {
		t.Fatalf("bringing the tab to the front: %v", err)
	}
	ctx, tcancel := context.WithTimeout(tab, pageTimeout)
	t.Cleanup(tcancel)
	for _, f := range before {
		if err := f(ctx); err != nil {
			t.Fatalf("preparing the tab for %s: %v", u, err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		t.Fatalf("loading %s: %v (problems so far: %q)", u, err, w.Problems())
	}
	return ctx, w
}

// scriptFirst is an openPage step that runs js in every document the tab
// loads, before the page's own scripts.
func scriptFirst(js string) func(context.Context) error {
	return func(ctx context.Context) error {
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: js})
		return err
	}
}

// evalJSON evaluates a JavaScript expression in the page (awaiting it if it
// is a promise) and decodes its JSON value into out; out may be nil.
func evalJSON(ctx context.Context, expr string, out any) error {
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		return fmt.Errorf("evaluating %s: %w", expr, err)
	}
	if out == nil {
		return nil
	}
	if len(raw) == 0 {
		return fmt.Errorf("evaluating %s: undefined", expr)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("evaluating %s: decoding %.200s: %w", expr, raw, err)
	}
	return nil
}

// waitJS polls a JavaScript expression every 50 ms until it is truthy, and
// fails the test after timeout.
func waitJS(t testing.TB, ctx context.Context, expr string, timeout time.Duration) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr,
		chromedp.WithPollingTimeout(timeout), chromedp.WithPollingInterval(50*time.Millisecond)))
	if err != nil {
		t.Fatalf("waiting up to %s for %s: %v", timeout, expr, err)
	}
}

// screenshotDir is where screenshots go for people to look at (see the
// README); ADAGRAD_SCREENSHOTS moves it.
func screenshotDir() string {
	if d := os.Getenv("ADAGRAD_SCREENSHOTS"); d != "" {
		return d
	}
	return filepath.Join(h.root, "screenshots")
}

// screenshot saves the tab's viewport as screenshots/<name>.png.
func screenshot(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	saveShot(t, name, buf)
}

// screenshotFull saves the whole page, below the fold too.
func screenshotFull(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	saveShot(t, name, buf)
}

func saveShot(t testing.TB, name string, png []byte) {
	t.Helper()
	dir := screenshotDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	t.Logf("screenshot: %s", p)
}

// pixelStats describes what an element shows on screen.
type pixelStats struct {
	Width, Height int     // device pixels captured
	Distinct      int     // distinct colours (capped at 4096)
	Painted       float64 // share of pixels that change when the element is made transparent
}

// elementPixels captures the box of the first element matching sel twice —
// as it is, and with the element at opacity 0 — and compares them: what
// the element itself paints is what differs. It works for a WebGL canvas
// (whose pixels a script cannot always read back) and for an iframe.
func elementPixels(ctx context.Context, sel string) (pixelStats, error) {
	var st pixelStats
	var box *struct{ X, Y, W, H float64 }
	js := fmt.Sprintf(`(() => {
		const el = document.querySelector(%q);
		if (!el) return null;
		el.scrollIntoView({block: "nearest", inline: "nearest"});
		const r = el.getBoundingClientRect();
		return {X: r.left + window.scrollX, Y: r.top + window.scrollY, W: r.width, H: r.height};
	})()`, sel)
	if err := evalJSON(ctx, js, &box); err != nil {
		return st, err
	}
	if box == nil {
		return st, fmt.Errorf("no element matches %s", sel)
	}
	if box.W < 1 || box.H < 1 {
		return st, fmt.Errorf("%s is %gx%g CSS px", sel, box.W, box.H)
	}
	shot := func() (image.Image, error) {
		res, err := chromedp.Call(ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format: page.CaptureScreenshotFormatPng,
			Clip:   &page.Viewport{X: box.X, Y: box.Y, Width: box.W, Height: box.H, Scale: 1},
		})
		if err != nil {
			return nil, err
		}
		return png.Decode(bytes.NewReader(res.Data))
	}
	setOpacity := func(v string) error {
		return evalJSON(ctx, fmt.Sprintf(`new Promise(done => {
			document.querySelector(%q).style.opacity = %q;
			requestAnimationFrame(() => requestAnimationFrame(() => done(true)));
		})`, sel, v), nil)
	}
	with, err := shot()
	if err != nil {
		return st, err
	}
	if err := setOpacity("0"); err != nil {
		return st, err
	}
	without, err := shot()
	if rerr := setOpacity(""); err == nil {
		err = rerr
	}
	if err != nil {
		return st, err
	}
	b := with.Bounds()
	st.Width, st.Height = b.Dx(), b.Dy()
	if without.Bounds() != b {
		return st, fmt.Errorf("captures differ in size: %v vs %v", b, without.Bounds())
	}
	colours := map[uint32]bool{}
	changed := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r1, g1, b1, _ := with.At(x, y).RGBA()
			r2, g2, b2, _ := without.At(x, y).RGBA()
			if len(colours) < 4096 {
				colours[(r1>>8)<<16|(g1>>8)<<8|b1>>8] = true
			}
			if absDiff(r1, r2) > 8<<8 || absDiff(g1, g2) > 8<<8 || absDiff(b1, b2) > 8<<8 {
				changed++
			}
		}
	}
	st.Distinct = len(colours)
	if n := st.Width * st.Height; n > 0 {
		st.Painted = float64(changed) / float64(n)
	}
	return st, nil
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

// canvasNotBlank checks that the page's canvas shows a picture: at least
// 2% of its pixels are its own paint, in at least 8 distinct colours.
func canvasNotBlank(ctx context.Context) error {
	st, err := elementPixels(ctx, "canvas")
	if err != nil {
		return fmt.Errorf("canvas: %w", err)
	}
	if st.Painted < 0.02 || st.Distinct < 8 {
		return fmt.Errorf("canvas looks blank: %.2f%% of %dx%d pixels painted, %d colours",
			100*st.Painted, st.Width, st.Height, st.Distinct)
	}
	return nil
}

// setViewport emulates a window of w×h CSS pixels at device pixel ratio
// dpr; widths up to 480 px also get the mobile viewport behaviour.
func setViewport(ctx context.Context, w, hgt int, dpr float64) error {
	_, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: int64(w), Height: int64(hgt), DeviceScaleFactor: dpr, Mobile: w <= 480,
	})
	return err
}

// emulateMedia sets one CSS media feature, e.g. prefers-reduced-motion.
// Each call replaces the whole emulated set: features left out go back to
// normal.
func emulateMedia(ctx context.Context, feature, value string) error {
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: feature, Value: value}},
	})
	return err
}

// emulateColorScheme sets prefers-color-scheme to "light" or "dark".
func emulateColorScheme(ctx context.Context, scheme string) error {
	return emulateMedia(ctx, "prefers-color-scheme", scheme)
}

// otherOriginPage serves html as /parent.html from a second local server:
// another origin (another port) on the same site, like a course page that
// embeds a figure; openPage allows the origin of the URL it opens. Build
// the iframe's src with siteURL, which also starts the site's server.
func otherOriginPage(t testing.TB, html string) string {
	t.Helper()
	base(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/parent.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(html))
	})
	s := httptest.NewServer(mux)
	h.others = append(h.others, s)
	return s.URL + "/parent.html"
}

// syncBuffer is a bytes.Buffer safe for a process writing while a test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
