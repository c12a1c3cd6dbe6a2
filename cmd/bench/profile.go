//go:build !js

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"

	"github.com/adagrad-explained/adagrad/internal/headless"
)

// profileFigures is -profile: instead of the table, it records where the
// main thread's time goes for each figure, with V8's sampling profiler
// (which names Go's functions from the wasm name section): once from
// navigation to ready, once over 5 s playing at top speed (after 10 s of
// play, as the table measures), and the floor's load beside them, built
// with its symbols as well. It writes each profile as a .cpuprofile (open
// it in Chrome's DevTools, Performance tab) and prints the functions with
// the most self and inclusive time.
func profileFigures(root, dir string, figs []string, out io.Writer) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "adagrad-profile-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	site := filepath.Join(tmp, "site")
	logf("building the site (./build.sh dist), then the explainer again with its symbols")
	if err := headless.BuildSite(root, site); err != nil {
		return err
	}
	wasm, err := glob1(filepath.Join(site, "web", "explainer.*.wasm"))
	if err != nil {
		return err
	}
	// -s would drop the name section, and the profile would say wasm-function[1234].
	cmd := exec.Command("go", "build", "-trimpath", "-o", wasm, "./cmd/explainer")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build ./cmd/explainer: %v\n%s", err, b)
	}
	wasmExec, err := glob1(filepath.Join(site, "web", "wasm_exec.*.js"))
	if err != nil {
		return err
	}
	if err := buildFloor(root, tmp, site, wasmExec, ""); err != nil { // symbols kept here too; and the host page
		return err
	}
	b, err := startBench(root, tmp, site)
	if err != nil {
		return err
	}
	defer b.close()
	for _, fig := range append([]string{"floor"}, figs...) {
		logf("%s: profiling the load and 5 s of playing", fig)
		load, play, dragged, err := b.profileFigure(fig)
		if err != nil {
			return fmt.Errorf("%s: %v", fig, err)
		}
		for _, p := range []struct {
			what string
			prof *profiler.Profile
		}{{"load", load}, {"play", play}, {"drag", dragged}} {
			if p.prof == nil {
				continue
			}
			name := filepath.Join(dir, fig+"-"+p.what+".cpuprofile")
			js, _ := json.Marshal(p.prof)
			if err := os.WriteFile(name, js, 0o644); err != nil {
				return err
			}
			fmt.Fprintf(out, "\n== %s, %s (%s)\n", fig, p.what, name)
			summarize(out, p.prof, 25)
		}
	}
	return nil
}

// profileFigure opens the bench's host page, starts the profiler, loads the
// figure into the host's iframe (same origin, same renderer, so the
// profiler sees it) and stops at ready; then it plays at top speed for 10 s,
// and 5 s more under a second profile (none for the floor, which does not
// play), and drags the start as the bench's drag row does under a third.
func (b *bench) profileFigure(fig string) (load, play, dragged *profiler.Profile, err error) {
	ctx, cancel, err := b.tab(3*time.Minute, nil)
	if err != nil {
		return nil, nil, nil, err
	}
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(b.base+"bench/host.html")); err != nil {
		return nil, nil, nil, err
	}
	if _, err := chromedp.Call(ctx, profiler.Enable, cdp.Empty{}); err != nil {
		return nil, nil, nil, err
	}
	if _, err := chromedp.Call(ctx, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 200}); err != nil {
		return nil, nil, nil, err
	}
	if _, err := chromedp.Call(ctx, profiler.Start, cdp.Empty{}); err != nil {
		return nil, nil, nil, err
	}
	frame := `document.querySelector("iframe")`
	src := "../web/figure.html?fig=" + fig + "&play=0"
	if fig == "floor" {
		src = "../floor/index.html"
	}
	if err := eval(ctx, frame+`.src = "`+src+`"`, nil); err != nil {
		return nil, nil, nil, err
	}
	if err := waitFor(ctx, `window.benchReadyMs !== null`, 45*time.Second); err != nil {
		return nil, nil, nil, err
	}
	res, err := chromedp.Call(ctx, profiler.Stop, cdp.Empty{})
	if err != nil {
		return nil, nil, nil, err
	}
	load = res.Profile
	if fig == "floor" { // nothing to play
		return load, nil, nil, nil
	}
	api := frame + `.contentWindow.adagradFigure`
	if err := eval(ctx, fmt.Sprintf("%s.set({speed: %g}); %s.play()", api, topSpeed(fig), api), nil); err != nil {
		return nil, nil, nil, err
	}
	// The table's playing row counts seconds 10–20 of play: profile the
	// same stretch, past the first frames' compiling and growing buffers.
	if _, err := keepPlaying(ctx, api, 10*time.Second); err != nil {
		return nil, nil, nil, err
	}
	if _, err := chromedp.Call(ctx, profiler.Start, cdp.Empty{}); err != nil {
		return nil, nil, nil, err
	}
	if _, err := keepPlaying(ctx, api, 5*time.Second); err != nil {
		return nil, nil, nil, err
	}
	if res, err = chromedp.Call(ctx, profiler.Stop, cdp.Empty{}); err != nil {
		return nil, nil, nil, err
	}
	play = res.Profile
	var perf any
	if err := eval(ctx, api+`.state().perf`, &perf); err == nil {
		logf("%s: state().perf after the profile: %v", fig, perf)
	}
	// The same drag as the bench's row, under a profile of its own.
	if _, err := chromedp.Call(ctx, profiler.Start, cdp.Empty{}); err != nil {
		return nil, nil, nil, err
	}
	d, err := drag(ctx, api, fig)
	if err != nil {
		return nil, nil, nil, err
	}
	if res, err = chromedp.Call(ctx, profiler.Stop, cdp.Empty{}); err != nil {
		return nil, nil, nil, err
	}
	if d != nil {
		logf("%s: dragging, state().perf: %+v", fig, d.perf)
	}
	return load, play, res.Profile, nil
}

// summarize prints the functions with the most self time and the most
// inclusive time (a function counted once per sample however deep it
// recurses), in milliseconds.
func summarize(out io.Writer, p *profiler.Profile, top int) {
	if p == nil || len(p.Nodes) == 0 {
		fmt.Fprintln(out, "(empty profile)")
		return
	}
	byID := map[int64]*profiler.ProfileNode{}
	parent := map[int64]int64{}
	for _, n := range p.Nodes {
		byID[int64(n.ID)] = n
		for _, c := range n.Children {
			parent[c] = int64(n.ID)
		}
	}
	name := func(n *profiler.ProfileNode) string {
		f := n.CallFrame
		s := f.FunctionName
		if s == "" {
			s = "(anonymous)"
		}
		if u := f.URL; u != "" && !strings.HasPrefix(u, "wasm://") {
			s += " " + filepath.Base(u)
		}
		return s
	}
	self := map[string]float64{}
	incl := map[string]float64{}
	total := 0.0
	for i, id := range p.Samples {
		if i+1 >= len(p.TimeDeltas) {
			break
		}
		ms := float64(p.TimeDeltas[i+1]) / 1000 // the time until the next sample
		total += ms
		n := byID[id]
		if n == nil {
			continue
		}
		self[name(n)] += ms
		seen := map[string]bool{}
		for cur, ok := int64(n.ID), true; ok; cur, ok = parent[cur] {
			if nn := byID[cur]; nn != nil {
				k := name(nn)
				if !seen[k] {
					seen[k] = true
					incl[k] += ms
				}
			}
		}
	}
	fmt.Fprintf(out, "%.0f ms sampled\n", total)
	print := func(title string, m map[string]float64) {
		type kv struct {
			k string
			v float64
		}
		var l []kv
		for k, v := range m {
			l = append(l, kv{k, v})
		}
		sort.Slice(l, func(i, j int) bool { return l[i].v > l[j].v })
		fmt.Fprintf(out, "-- %s\n", title)
		for i := 0; i < len(l) && i < top; i++ {
			fmt.Fprintf(out, "%8.1f ms %5.1f%%  %s\n", l[i].v, 100*l[i].v/total, l[i].k)
		}
	}
	print("self", self)
	print("inclusive", incl)
}
