//go:build !js

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/chromedp"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/internal/headless"
)

// bench holds the server and the browser of one run.
type bench struct {
	base    string // e.g. http://127.0.0.1:41234/adagrad/
	serve   *exec.Cmd
	browser context.Context
	cancels []context.CancelFunc
}

// startBench serves site with cmd/serve — the same gzip, application/wasm
// and CSP the browser tests and `./build.sh serve` use — under /adagrad/,
// cross-origin isolated so that the pages' clock, which times the frames,
// ticks in 5 µs rather than 100, and starts headless Chromium with the flags
// of the browser tests.
func startBench(root, tmp, site string) (*bench, error) {
	b := &bench{}
	var err error
	if b.serve, b.base, err = headless.Serve(root, tmp, site, "/adagrad/", os.Stderr, "-isolate"); err != nil {
		return nil, err
	}
	chrome := headless.FindChromium()
	if chrome == "" {
		b.close()
		return nil, errors.New("no Chromium found (apt-get install chromium, or set ADAGRAD_CHROME)")
	}
	opts := headless.Options(chrome, filepath.Join(tmp, "profile"))
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	b.cancels = append(b.cancels, acancel, bcancel)
	if err := chromedp.Do(bctx); err != nil {
		b.close()
		return nil, fmt.Errorf("starting Chromium: %v", err)
	}
	b.browser = bctx
	return b, nil
}

func (b *bench) close() {
	for i := len(b.cancels) - 1; i >= 0; i-- {
		b.cancels[i]()
	}
	if b.serve != nil && b.serve.Process != nil {
		b.serve.Process.Kill()
		b.serve.Wait()
	}
}

// tab opens a fresh tab; listen, if not nil, hears its protocol events.
func (b *bench) tab(limit time.Duration, listen func(ev any)) (context.Context, context.CancelFunc, error) {
	var opts []chromedp.ContextOption
	if listen != nil {
		opts = append(opts, chromedp.WithListener(listen))
	}
	tab, cancel := chromedp.NewContext(b.browser, opts...)
	if err := chromedp.Do(tab); err != nil {
		cancel()
		return nil, nil, err
	}
	// A background tab is hidden: no animation frames, and the figure
	// pauses itself. Each measurement gets the foreground.
	if _, err := chromedp.Call(tab, page.BringToFront, cdp.Empty{}); err != nil {
		cancel()
		return nil, nil, err
	}
	ctx, tcancel := context.WithTimeout(tab, limit)
	// Closing waits until the tab is gone, so that one page's teardown
	// (or a figure that plays on after ready) never overlaps the next
	// measurement.
	return ctx, func() {
		tcancel()
		if err := chromedp.Cancel(tab); err != nil {
			cancel()
		}
	}, nil
}

func eval(ctx context.Context, expr string, out any) error {
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		return fmt.Errorf("%s: %w", expr, err)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("%s: decoding %.200s: %w", expr, raw, err)
	}
	return nil
}

func waitFor(ctx context.Context, expr string, limit time.Duration) error {
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr,
		chromedp.WithPollingTimeout(limit), chromedp.WithPollingInterval(20*time.Millisecond)))
	if err != nil {
		return fmt.Errorf("waiting up to %s for %s: %w", limit, expr, err)
	}
	return nil
}

// lessonResult is what loading the lesson at the top cost and started.
type lessonResult struct {
	bytes, wasmBytes, requests int
	started, near, outside     int
	total                      int
}

// lessonLoad opens index.html with an empty cache in a 1280×900 window,
// waits until every figure it started is ready and the network has been
// quiet for 2 s, and sums the bytes on the wire (gzip where the server
// compresses) of every request.
func (b *bench) lessonLoad() (*lessonResult, error) {
	var mu sync.Mutex
	urls := map[network.RequestID]string{}
	sizes := map[network.RequestID]float64{}
	last := time.Now()
	listen := func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			urls[e.RequestID] = e.Request.URL
			last = time.Now()
		case *network.EventLoadingFinished:
			sizes[e.RequestID] = e.EncodedDataLength
			last = time.Now()
		}
	}
	ctx, cancel, err := b.tab(2*time.Minute, listen)
	if err != nil {
		return nil, err
	}
	defer cancel()
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(ctx, network.ClearBrowserCache, cdp.Empty{}); err != nil {
		return nil, err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(b.base+"index.html")); err != nil {
		return nil, err
	}
	// Let the page's observers decide what to start, then wait until every
	// started figure is ready and the network has been quiet for 2 s.
	time.Sleep(time.Second)
	ready := `window.adagradLesson.figures().filter(f => f.started).every(f => f.ready)`
	if err := waitFor(ctx, ready, 60*time.Second); err != nil {
		var st any
		eval(ctx, `window.adagradLesson.figures()`, &st)
		return nil, fmt.Errorf("%v; figures: %v", err, st)
	}
	for {
		mu.Lock()
		quiet := time.Since(last)
		mu.Unlock()
		if quiet > 2*time.Second {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	var count struct{ Started, Near, Outside, Total int }
	err = eval(ctx, `(() => {
	  const vh = innerHeight, figs = window.adagradLesson.figures();
	  const els = document.querySelectorAll("figure.fig[data-fig]");
	  let started = 0, near = 0, outside = 0;
	  figs.forEach((f, i) => {
	    const r = els[i].getBoundingClientRect();
	    const isNear = r.bottom > -vh && r.top < 2 * vh;
	    if (isNear) near++;
	    if (f.started) { started++; if (!isNear) outside++; }
	  });
	  return {Started: started, Near: near, Outside: outside, Total: figs.length};
	})()`, &count)
	if err != nil {
		return nil, err
	}
	mu.Lock()
	defer mu.Unlock()
	r := &lessonResult{started: count.Started, near: count.Near, outside: count.Outside, total: count.Total}
	for id, n := range sizes {
		r.bytes += int(n)
		r.requests++
		if strings.HasSuffix(strings.SplitN(urls[id], "?", 2)[0], ".wasm") {
			r.wasmBytes += int(n)
		}
	}
	return r, nil
}

// readyTime loads src (relative to bench/host.html) in an iframe of the
// host page, with the cache disabled, and returns the milliseconds from
// setting the iframe's src to its ready message.
func (b *bench) readyTime(src string) (float64, error) {
	ctx, cancel, err := b.tab(time.Minute, nil)
	if err != nil {
		return 0, err
	}
	defer cancel()
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		return 0, err
	}
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		return 0, err
	}
	u := b.base + "bench/host.html?src=" + urlQueryEscape(src)
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		return 0, err
	}
	if err := waitFor(ctx, `window.benchReadyMs !== null`, 45*time.Second); err != nil {
		return 0, err
	}
	var ms float64
	err = eval(ctx, `window.benchReadyMs`, &ms)
	return ms, err
}

func urlQueryEscape(s string) string {
	r := strings.NewReplacer("%", "%25", "&", "%26", "?", "%3F", "=", "%3D", "#", "%23", "+", "%2B", " ", "%20")
	return r.Replace(s)
}

// taskSeconds reads the page's TaskDuration metric (seconds of main-thread work).
func taskSeconds(ctx context.Context) (float64, error) {
	res, err := chromedp.Call(ctx, performance.GetMetrics, cdp.Empty{})
	if err != nil {
		return 0, err
	}
	for _, m := range res.Metrics {
		if m.Name == "TaskDuration" {
			return m.Value, nil
		}
	}
	return 0, errors.New("no TaskDuration metric")
}

// busyOver measures the main thread's busy milliseconds over d.
func busyOver(ctx context.Context, d time.Duration) (float64, error) {
	t0, err := taskSeconds(ctx)
	if err != nil {
		return 0, err
	}
	time.Sleep(d)
	t1, err := taskSeconds(ctx)
	return (t1 - t0) * 1000, err
}

// floorIdle loads the floor at the top, lets it settle for 1 s after its
// first frame, and measures 5 s of main-thread busy time.
func (b *bench) floorIdle() (float64, error) {
	ctx, cancel, err := b.tab(time.Minute, nil)
	if err != nil {
		return 0, err
	}
	defer cancel()
	if _, err := chromedp.Call(ctx, performance.Enable, performance.EnableParams{}); err != nil {
		return 0, err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(b.base+"floor/index.html")); err != nil {
		return 0, err
	}
	if err := waitFor(ctx, `typeof window.benchReady === "number"`, 45*time.Second); err != nil {
		return 0, err
	}
	time.Sleep(time.Second)
	return busyOver(ctx, 5*time.Second)
}

type perfStats struct {
	MedianMs float64 `json:"medianMs"`
	P99Ms    float64 `json:"p99Ms"`
	Frames   int     `json:"frames"`
	GCCycles int     `json:"gcCycles"` // Go's collections since the page loaded
}

type figureResult struct {
	firstPlay    perfStats   // the first 10 s of playing, while V8 still optimises
	play, paused perfStats   // the next 10 s of playing; 10 s paused
	drag         *dragResult // 10 s dragging the start at the horizon
	restarts     int
	busyMs       float64
	mem1k, mem1m int
}

// keepPlaying lets the figure behind api play for d, starting it again from
// the start each time it reaches its horizon and pauses itself, and counts
// those restarts.
func keepPlaying(ctx context.Context, api string, d time.Duration) (restarts int, err error) {
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		time.Sleep(100 * time.Millisecond)
		var restarted bool
		if err := eval(ctx, `(() => { const a = `+api+`; if (a.state().playing) return false; a.reset(); a.play(); return true; })()`, &restarted); err != nil {
			return restarts, err
		}
		if restarted {
			restarts++
		}
	}
	return restarts, nil
}

// figure measures one figure page at the top: 20 s playing at top speed
// (restarting whenever a run reaches the figure's horizon and pauses), with
// the Go-side frame times of the first 10 s and of the next 10 s, then
// paused and untouched — 5 s of main-thread time from 1 s after the
// pause, and the Go-side frame times of the 10 s window that starts after
// it — then 10 s dragging the start point at the horizon (see drag), then
// wasm memory after step(1000) and after step(1e6).
func (b *bench) figure(fig string) (*figureResult, error) {
	ctx, cancel, err := b.tab(5*time.Minute, nil)
	if err != nil {
		return nil, err
	}
	defer cancel()
	if _, err := chromedp.Call(ctx, performance.Enable, performance.EnableParams{}); err != nil {
		return nil, err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(b.base+"web/figure.html?fig="+fig+"&play=0")); err != nil {
		return nil, err
	}
	const api = "window.adagradFigure"
	if err := waitFor(ctx, api+".state().ready", 45*time.Second); err != nil {
		return nil, err
	}
	var hidden bool
	if err := eval(ctx, `document.hidden`, &hidden); err != nil || hidden {
		return nil, fmt.Errorf("the figure's tab is hidden (err %v): nothing would animate", err)
	}
	var isolated bool
	if err := eval(ctx, `crossOriginIsolated`, &isolated); err != nil || !isolated {
		return nil, fmt.Errorf("the figure's page is not cross-origin isolated (err %v): its clock ticks in 100 µs, too coarse for frames under a millisecond", err)
	}
	r := &figureResult{}
	var notices []string
	if err := eval(ctx, fmt.Sprintf("%s.set({speed: %g})", api, topSpeed(fig)), &notices); err != nil {
		return nil, err
	}
	if len(notices) > 0 {
		return nil, fmt.Errorf("set({speed: %g}) was refused: %q", topSpeed(fig), notices)
	}
	if err := eval(ctx, api+`.play()`, nil); err != nil {
		return nil, err
	}
	// Two windows, because the first seconds of play are when V8 recompiles
	// the functions that just became hot with TurboFan, on worker threads
	// that take a core from the page's main thread on a two-core machine
	// (hundreds of milliseconds of compiling, most of it in the first five
	// seconds). The second window is the figure's own steady cost.
	for _, w := range []*perfStats{&r.firstPlay, &r.play} {
		n, err := keepPlaying(ctx, api, 10*time.Second+300*time.Millisecond)
		if err != nil {
			return nil, err
		}
		r.restarts += n
		if err := eval(ctx, api+`.state().perf`, w); err != nil {
			return nil, err
		}
	}

	if err := eval(ctx, api+`.pause()`, nil); err != nil {
		return nil, err
	}
	time.Sleep(time.Second)
	if r.busyMs, err = busyOver(ctx, 5*time.Second); err != nil {
		return nil, err
	}
	time.Sleep(5*time.Second + 200*time.Millisecond)
	if err := eval(ctx, api+`.state().perf`, &r.paused); err != nil {
		return nil, err
	}

	if r.drag, err = drag(ctx, api, fig); err != nil {
		return nil, fmt.Errorf("dragging the start: %v", err)
	}

	var has bool
	if err := eval(ctx, `typeof `+api+`.memoryBytes === "function"`, &has); err != nil || !has {
		return r, err
	}
	if err := eval(ctx, api+`.reset(); `+api+`.step(1000)`, nil); err != nil {
		return nil, err
	}
	if err := waitFor(ctx, api+`.state().step >= 1000`, 30*time.Second); err != nil {
		return nil, err
	}
	if err := eval(ctx, api+`.memoryBytes()`, &r.mem1k); err != nil {
		return nil, err
	}
	// A million steps more, in calls of params.MaxStep, each waited for:
	// the rare-words figure goes at most that far in one call.
	for target := 1000 + params.MaxStep; target <= 1001000; target += params.MaxStep {
		if err := eval(ctx, fmt.Sprintf("%s.step(%d)", api, params.MaxStep), nil); err != nil {
			return nil, err
		}
		if err := waitFor(ctx, fmt.Sprintf("%s.state().step >= %d", api, target), time.Minute); err != nil {
			return nil, err
		}
	}
	if err := eval(ctx, api+`.memoryBytes()`, &r.mem1m); err != nil {
		return nil, err
	}
	return r, nil
}
