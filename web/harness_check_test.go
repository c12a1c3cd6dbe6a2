//go:build !js

package web_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

// The harness must catch what it claims to catch: these tests plant each
// fault in a page of their own and check that the watch and the pixel
// checks see it.

const plantedPage = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="/planted-missing-icon.png"></head>
<body style="margin:0;background:#ffffff">
<div id="box" style="width:120px;height:60px;background:linear-gradient(90deg,#f00,#00f)"></div>
<div id="empty" style="width:120px;height:60px"></div>
<canvas id="drawn" width="120" height="60"></canvas>
<script>
console.error("planted-console-error");
fetch("http://127.0.0.2:9/planted-foreign.js").catch(() => {});
setTimeout(() => { throw new Error("planted-exception"); }, 0);
const g = document.getElementById("drawn").getContext("2d");
for (let i = 0; i < 120; i++) { g.fillStyle = "hsl(" + 3 * i + ",80%,50%)"; g.fillRect(i, 0, 1, 60); }
window.planted = true;
</script></body></html>`

const blankCanvasPage = `<!doctype html><html><head><link rel="icon" href="data:,"></head><body style="margin:0">
<canvas width="200" height="100"></canvas><p>text beside a blank canvas</p></body></html>`

func TestHarnessCatchesPlantedFaults(t *testing.T) {
	planted := otherOriginPage(t, plantedPage)
	ctx, w := openPage(t, planted)
	waitJS(t, ctx, `window.planted === true`, 10*time.Second)
	// Let the timer throw, the fetch start and the icon's 404 come back.
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) && (len(w.Foreign()) == 0 || !strings.Contains(strings.Join(w.Problems(), "\n"), "planted-missing-icon")) {
		time.Sleep(50 * time.Millisecond)
	}
	problems := strings.Join(w.Problems(), "\n")
	for _, want := range []string{"planted-console-error", "planted-exception",
		// No 404 is excused, the browser's own icon requests included.
		"HTTP 404 for " + strings.TrimSuffix(planted, "/parent.html") + "/planted-missing-icon.png"} {
		if !strings.Contains(problems, want) {
			t.Errorf("watch missed %q; saw:\n%s", want, problems)
		}
	}
	if !slices.Contains(w.Foreign(), "http://127.0.0.2:9/planted-foreign.js") {
		t.Errorf("watch missed the request to another origin; foreign: %q", w.Foreign())
	}

	box, err := elementPixels(ctx, "#box")
	if err != nil {
		t.Fatal(err)
	}
	if box.Painted < 0.95 || box.Distinct < 20 || box.Width != 120 || box.Height != 60 {
		t.Errorf("gradient box: %+v, want ~all pixels painted in many colours at 120x60", box)
	}
	empty, err := elementPixels(ctx, "#empty")
	if err != nil {
		t.Fatal(err)
	}
	if empty.Painted != 0 || empty.Distinct != 1 {
		t.Errorf("empty box: %+v, want nothing painted, one colour", empty)
	}
	if err := canvasNotBlank(ctx); err != nil {
		t.Errorf("a drawn canvas was called blank: %v", err)
	}
}

func TestHarnessCallsBlankCanvasBlank(t *testing.T) {
	ctx, w := openPage(t, otherOriginPage(t, blankCanvasPage))
	if err := canvasNotBlank(ctx); err == nil {
		t.Error("canvasNotBlank passed a blank canvas")
	}
	if _, err := elementPixels(ctx, "#missing"); err == nil {
		t.Error("elementPixels found an element that does not exist")
	}
	w.AssertClean(t)
}

func TestWatchOrigins(t *testing.T) {
	w := newWatch("http://127.0.0.1:8080")
	for u, want := range map[string]bool{
		"http://127.0.0.1:8080/adagrad/index.html":    true,
		"data:image/png;base64,AAAA":                  true,
		"blob:http://127.0.0.1:8080/3f2a-11":          true,
		"about:blank":                                 true,
		"http://127.0.0.1:8081/adagrad/index.html":    false,
		"http://localhost:8080/adagrad/index.html":    false,
		"https://127.0.0.1:8080/":                     false,
		"https://fonts.googleapis.com/css?family=Foo": false,
		"blob:https://evil.example/1":                 false,
		"ws://127.0.0.1:8080/socket":                  false,
		"::not a url":                                 false,
	} {
		if got := w.sameOrigin(u); got != want {
			t.Errorf("sameOrigin(%q) = %v, want %v", u, got, want)
		}
	}
}

// TestHarnessCatchesCSPViolations serves a page under the site's CSP that
// breaks it three ways; each must show up as a page problem, so the site's
// own pages, served with that header, would fail the same way.
func TestHarnessCatchesCSPViolations(t *testing.T) {
	base(t)
	page := `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<style>body{background:red}</style></head>
<body><p style="color:blue">styled</p>
<script>window.inlineRan = true;</script>
<img src="https://example.invalid/x.png" alt=""></body></html>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", wantCSP)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	}))
	defer srv.Close()
	ctx, w := openPage(t, srv.URL+"/")
	var ran bool
	if err := evalJSON(ctx, `window.inlineRan === true`, &ran); err != nil {
		t.Fatal(err)
	}
	if ran {
		t.Error("an inline script ran under the CSP")
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) && len(w.Problems()) < 3 {
		time.Sleep(50 * time.Millisecond)
	}
	all := strings.Join(w.Problems(), "\n")
	for _, want := range []string{"script", "style"} {
		if !strings.Contains(strings.ToLower(all), want) {
			t.Errorf("no CSP problem about %s; saw:\n%s", want, all)
		}
	}
	if len(w.Problems()) < 3 {
		t.Errorf("want at least 3 CSP problems (style element, style attribute, inline script, image), saw %d:\n%s", len(w.Problems()), all)
	}
	t.Logf("CSP problems seen:\n%s", all)
}
