//go:build !js

package web_test

import (
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// progressProbe records, from the first script of every document, what the
// download's <progress> shows every 50 ms, and how the wasm is compiled:
// streaming (instantiateStreaming) or from a buffer (the fallback).
const progressProbe = `
window.testProgress = [];
window.testCompile = {streaming: 0, buffer: 0};
(() => {
  const s = WebAssembly.instantiateStreaming, b = WebAssembly.instantiate;
  WebAssembly.instantiateStreaming = function () { window.testCompile.streaming++; return s.apply(this, arguments); };
  WebAssembly.instantiate = function (x) {
    if (x instanceof ArrayBuffer || ArrayBuffer.isView(x)) window.testCompile.buffer++;
    return b.apply(this, arguments);
  };
  const id = setInterval(() => {
    const p = document.getElementById("fig-progress");
    if (!p) return;
    window.testProgress.push({shown: !p.hidden, value: p.value, max: p.max, text: p.getAttribute("aria-valuetext") || ""});
    if (window.adagradFigure && window.adagradFigure.state().ready) clearInterval(id);
  }, 50);
})();
`

// On a slow connection the figure shows a real progress bar fed by the
// bytes received, hides it once the figure is there, and still compiles
// the wasm as it streams in.
func TestProgressBarWhileTheWasmDownloads(t *testing.T) {
	site(t)
	ctx, w := openPage(t, "web/figure.html?fig=valley&play=0", viewport(900, 640, 1), scriptFirst(progressProbe))
	waitJS(t, ctx, `window.adagradFigure && window.adagradFigure.state().ready === true`, 60*time.Second)
	// Again, with no cache and about 1 MB/s on the wire: a few seconds.
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{DownloadThroughput: 1 << 20, UploadThroughput: -1, Latency: 20}},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, page.Navigate, page.NavigateParams{URL: siteURL(t, "web/figure.html?fig=sparse&play=0")}); err != nil {
		t.Fatal(err)
	}
	// The old document goes while the new one comes: poll through that.
	for end := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		var partway bool
		err := evalJSON(ctx, `!!(window.testProgress && window.testProgress.some((s) => s.shown && s.value > 0))`, &partway)
		if err == nil && partway {
			break
		}
		if time.Now().After(end) {
			t.Fatalf("no progress shown within 30 s (last error %v)", err)
		}
	}
	screenshot(t, ctx, "figure-progress")
	waitJS(t, ctx, `window.adagradFigure && window.adagradFigure.state().ready === true`, 90*time.Second)

	var got struct {
		Samples []struct {
			Shown bool    `json:"shown"`
			Value float64 `json:"value"`
			Max   float64 `json:"max"`
			Text  string  `json:"text"`
		} `json:"samples"`
		Compile struct{ Streaming, Buffer int } `json:"compile"`
		Bytes   float64                         `json:"bytes"`
		Hidden  bool                            `json:"hidden"`
	}
	if err := evalJSON(ctx, `({samples: window.testProgress, compile: window.testCompile,
		bytes: Number(document.querySelector("script[data-wasm-bytes]").dataset.wasmBytes),
		hidden: document.getElementById("fig-progress").hidden})`, &got); err != nil {
		t.Fatal(err)
	}
	shown, rising, last := 0, 0, 0.0
	for _, s := range got.Samples {
		if !s.Shown {
			continue
		}
		shown++
		if s.Max != got.Bytes {
			t.Errorf("the bar's max is %v, want the wasm's %v bytes", s.Max, got.Bytes)
			break
		}
		if s.Value > last {
			rising++
		}
		if s.Value < last {
			t.Errorf("the bar went back from %v to %v", last, s.Value)
		}
		last = s.Value
	}
	if got.Bytes < 1e6 || shown < 5 || rising < 3 {
		t.Errorf("the bar was shown in %d of %d samples and rose %d times (wasm %v bytes); want a bar that fills as the bytes arrive",
			shown, len(got.Samples), rising, got.Bytes)
	}
	if n := len(got.Samples); n > 0 && got.Samples[n-1].Shown && got.Samples[n-1].Value < got.Bytes {
		t.Errorf("the last sample shows the bar at %v of %v", got.Samples[n-1].Value, got.Bytes)
	}
	if !got.Hidden {
		t.Error("the progress bar is still shown once the figure is ready")
	}
	if got.Compile.Streaming != 1 || got.Compile.Buffer != 0 {
		t.Errorf("compiled %d times streaming and %d from a buffer; want streaming only", got.Compile.Streaming, got.Compile.Buffer)
	}
	w.AssertClean(t)
}
