//go:build !js

// Command bench measures the AdaGrad explainer against a bare Ebiten program
// (the "floor") built and served the same way in the same run, and prints
// each measure with its ratio to the floor, its target and whether
// it meets it: wasm size, the lesson page's transfer, time to ready, figures
// started at load, Go-side frame time playing and paused, main-thread idle
// cost, wasm memory growth, and the sim step's allocations.
//
// It is a tool, not a test: it never runs in CI and a missed target does not
// make it fail (it exits non-zero only when it cannot measure at all).
// Absolute times on a small machine are noisy; the ratios are what count.
//
// Usage (from the repository root, normally through ./build.sh bench):
//
//	./build.sh bench [-json] [-runs 5] [-only size,lesson,ready,figures,sim] [-figs valley,rare]
//	./build.sh bench -table saved.json   (the table of an earlier -json run)
//	./build.sh bench -profile dir        (CPU profiles of loading and playing, and their top functions)
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/internal/headless"
)

// figures are the figure pages measured: all of them, or those -figs names.
var figures = params.Figs

// Row is one line of the table.
type Row struct {
	Name   string  `json:"name"`
	Value  float64 `json:"value"`
	Unit   string  `json:"unit"`
	Floor  float64 `json:"floor,omitempty"` // the floor's value, when the row is a ratio to it
	Ratio  float64 `json:"ratio,omitempty"`
	Target string  `json:"target"`
	Pass   bool    `json:"pass"`
	Note   string  `json:"note,omitempty"`
}

// Report is what -json prints.
type Report struct {
	When    string `json:"when"`
	Go      string `json:"go"`
	Command string `json:"command"`
	Load    string `json:"load,omitempty"` // /proc/loadavg at the start and the end: timings on a busy machine stretch
	Rows    []Row  `json:"rows"`
}

func main() {
	asJSON := flag.Bool("json", false, "print the report as JSON instead of a table")
	runs := flag.Int("runs", 5, "page loads per figure for the time to ready (median)")
	table := flag.String("table", "", "print the table of a saved -json report and exit (nothing is measured)")
	only := flag.String("only", "", "measure only these parts, comma-separated: size,lesson,ready,figures,sim")
	figs := flag.String("figs", "", "measure only these figures, comma-separated (default: all of "+strings.Join(params.Figs, ",")+")")
	profile := flag.String("profile", "", "instead of the table, write CPU profiles of each figure's load, playing and dragging to this folder and print their top functions")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: ./build.sh bench [-json] [-runs N] [-only parts] [-figs figures] | -table saved.json")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *runs < 1 {
		*runs = 1
	}
	if *figs != "" {
		figures = nil
		for _, f := range strings.Split(*figs, ",") {
			f = strings.TrimSpace(f)
			if !slices.Contains(params.Figs, f) {
				fmt.Fprintf(os.Stderr, "bench: -figs: no figure %q (the figures are %s)\n", f, strings.Join(params.Figs, ","))
				os.Exit(2)
			}
			figures = append(figures, f)
		}
	}
	if *table != "" {
		b, err := os.ReadFile(*table)
		var rep Report
		if err == nil {
			err = json.Unmarshal(b, &rep)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		printTable(os.Stdout, &rep)
		return
	}
	if *profile != "" {
		root, err := os.Getwd()
		if err == nil {
			err = profileFigures(root, *profile, figures, os.Stdout)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	parts := map[string]bool{}
	for _, p := range strings.Split(*only, ",") {
		if p = strings.TrimSpace(p); p != "" {
			parts[p] = true
		}
	}
	rep, err := run(*runs, func(p string) bool { return len(parts) == 0 || parts[p] })
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	if *asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		enc.Encode(rep)
		return
	}
	printTable(os.Stdout, rep)
}

func logf(format string, args ...any) { fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...) }

func run(runs int, want func(part string) bool) (*Report, error) {
	root, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(root, "build.sh")); err != nil {
		return nil, fmt.Errorf("run me from the repository root (no build.sh in %s)", root)
	}
	tmp, err := os.MkdirTemp("", "adagrad-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	site := filepath.Join(tmp, "site")

	logf("building the site (./build.sh dist)")
	if err := headless.BuildSite(root, site); err != nil {
		return nil, err
	}
	exWasm, err := glob1(filepath.Join(site, "web", "explainer.*.wasm"))
	if err != nil {
		return nil, err
	}
	wasmExec, err := glob1(filepath.Join(site, "web", "wasm_exec.*.js"))
	if err != nil {
		return nil, err
	}
	logf("building the floor (a bare Ebiten program) with the same Go, flags and wasm_exec.js")
	if err := buildFloor(root, tmp, site, wasmExec, "-s -w"); err != nil {
		return nil, err
	}

	rep := &Report{When: time.Now().UTC().Format(time.RFC3339), Go: runtime.Version(), Command: "./build.sh bench"}
	load0 := loadAvg()
	defer func() { rep.Load = load0 + " → " + loadAvg() }()
	add := func(r Row) { rep.Rows = append(rep.Rows, r) }

	// Sizes.
	exRaw, exGz, err := gzipSize(exWasm)
	if err != nil {
		return nil, err
	}
	flRaw, flGz, err := gzipSize(filepath.Join(site, "floor", "floor.wasm"))
	if err != nil {
		return nil, err
	}
	if want("size") {
		add(ratioRow("wasm size, gzip -9", float64(exGz), float64(flGz), "bytes", 1.20,
			fmt.Sprintf("raw %.2f MB vs floor %.2f MB", mb(exRaw), mb(flRaw))))
	}

	logf("starting the server and Chromium")
	b, err := startBench(root, tmp, site)
	if err != nil {
		return nil, err
	}
	defer b.close()

	// The lesson page at the top.
	if want("lesson") {
		logf("loading the lesson page at the top")
		lesson, err := b.lessonLoad()
		if err != nil {
			return nil, fmt.Errorf("lesson page: %v", err)
		}
		add(ratioRow("lesson page transfer at the top (gzip on the wire) ÷ floor wasm gzip -9",
			float64(lesson.bytes), float64(flGz), "bytes", 1.30,
			fmt.Sprintf("%d requests; wasm %.2f MB of it", lesson.requests, mb(lesson.wasmBytes))))
		add(Row{Name: "figures started when the lesson loads at the top", Value: float64(lesson.started), Unit: "iframes",
			Target: "only those within a screen", Pass: lesson.outside == 0 && lesson.started == lesson.near,
			Note: fmt.Sprintf("%d of %d figures lie within a screen; %d started outside it", lesson.near, lesson.total, lesson.outside)})
	}

	// Time to ready, interleaved so that drift in the machine's load hits all alike.
	if want("ready") {
		logf("timing page loads to ready, %d runs each (cache disabled)", runs)
		times := map[string][]float64{}
		for i := 0; i < runs; i++ {
			for _, name := range append([]string{"floor"}, figures...) {
				src := "../floor/index.html"
				if name != "floor" {
					src = "../web/figure.html?fig=" + name
				}
				ms, err := b.readyTime(src)
				if err != nil {
					return nil, fmt.Errorf("time to ready, %s: %v", name, err)
				}
				times[name] = append(times[name], ms)
			}
		}
		floorReady := median(times["floor"])
		for _, f := range figures {
			add(ratioRow("time to adagrad:ready, "+f+" (median of "+strconv.Itoa(runs)+")",
				median(times[f]), floorReady, "ms", 1.3, "runs "+fmtList(times[f])+"; floor "+fmtList(times["floor"])))
		}
	}

	// Idle cost of the floor, measured before each figure and after the
	// last (median), so that the machine's changing load hits both alike.
	if want("figures") {
		var floorBusys []float64
		floorIdle := func() error {
			logf("floor: main-thread busy time over 5 s")
			ms, err := b.floorIdle()
			floorBusys = append(floorBusys, ms)
			return err
		}
		if err := floorIdle(); err != nil {
			return nil, fmt.Errorf("floor idle: %v", err)
		}
		type figRes struct {
			name string
			m    *figureResult
		}
		var res []figRes
		for _, f := range figures {
			logf("%s: 20 s playing at top speed, 11 s paused, memory", f)
			m, err := b.figure(f)
			if err != nil {
				return nil, fmt.Errorf("figure %s: %v", f, err)
			}
			res = append(res, figRes{f, m})
			if err := floorIdle(); err != nil {
				return nil, fmt.Errorf("floor idle: %v", err)
			}
		}
		floorBusy := median(floorBusys)

		for _, fr := range res {
			f, m := fr.name, fr.m
			add(Row{Name: "Go Update+Draw playing at top speed, " + f + ", median", Value: m.play.MedianMs, Unit: "ms",
				Target: "≤ 1 ms", Pass: m.play.Frames > 0 && m.play.MedianMs <= 1,
				Note: fmt.Sprintf("%d frames in seconds 10-20 of play; first 10 s: %s over %d frames; %d restarts at the horizon",
					m.play.Frames, fmtValue(m.firstPlay.MedianMs, "ms"), m.firstPlay.Frames, m.restarts)})
			add(Row{Name: "Go Update+Draw playing at top speed, " + f + ", p99", Value: m.play.P99Ms, Unit: "ms",
				Target: "≤ 4 ms", Pass: m.play.Frames > 0 && m.play.P99Ms <= 4,
				Note: fmt.Sprintf("first 10 s, V8 still compiling: %s; %d Go collections in seconds 10-20",
					fmtValue(m.firstPlay.P99Ms, "ms"), m.play.GCCycles-m.firstPlay.GCCycles)})
			note := fmt.Sprintf("%d frames ran in 10 s", m.paused.Frames)
			if m.paused.Frames == 0 {
				note = "no frames ran in 10 s (Update is not called while nothing changes)"
			}
			add(Row{Name: "Go Update+Draw paused, " + f + ", median", Value: m.paused.MedianMs, Unit: "ms",
				Target: "≤ 0.05 ms", Pass: m.paused.MedianMs <= 0.05, Note: note})
			add(ratioRow("main-thread busy over 5 s paused, "+f, m.busyMs, floorBusy, "ms", 1.3, "floor "+fmtList(floorBusys)))
			if d := m.drag; d != nil {
				note := fmt.Sprintf("%d frames, %d pointer moves in 10 s; each recomputes %d runs × %d steps", d.perf.Frames, d.moves, d.runs, d.step)
				add(Row{Name: "Go Update+Draw dragging the start, " + f + ", median", Value: d.perf.MedianMs, Unit: "ms",
					Target: "≤ 1 ms", Pass: d.perf.Frames > 0 && d.perf.MedianMs <= 1, Note: note})
				add(Row{Name: "Go Update+Draw dragging the start, " + f + ", p99", Value: d.perf.P99Ms, Unit: "ms",
					Target: "≤ 4 ms", Pass: d.perf.Frames > 0 && d.perf.P99Ms <= 4, Note: fmt.Sprintf("%d Go collections during the drag", d.gc)})
			}
			r := Row{Name: "wasm memory after step(1e6) ÷ after step(1000), " + f, Unit: "ratio", Target: "≤ 1.1"}
			if m.mem1k > 0 && m.mem1m > 0 {
				r.Value = float64(m.mem1m) / float64(m.mem1k)
				r.Pass = r.Value <= 1.1
				r.Note = fmt.Sprintf("%.1f MB → %.1f MB", mb(m.mem1k), mb(m.mem1m))
			} else {
				r.Note = "not measured: adagradFigure.memoryBytes() is missing"
			}
			add(r)
		}
	}

	if want("sim") {
		logf("go test -bench BenchmarkRunStep2D ./sim/")
		ns, allocs, err := simBench(root)
		if err != nil {
			return nil, err
		}
		add(Row{Name: "sim 2-D AdaGrad run step (BenchmarkRunStep2D), allocs/op", Value: allocs, Unit: "allocs/op",
			Target: "0", Pass: allocs == 0, Note: fmt.Sprintf("%.1f ns/op", ns)})
	}
	return rep, nil
}

// loadAvg is the 1-minute load average, or "?" where /proc has none.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) > 0 {
		return f[0]
	}
	return "?"
}

func ratioRow(name string, v, floor float64, unit string, max float64, note string) Row {
	r := Row{Name: name, Value: v, Floor: floor, Unit: unit, Target: fmt.Sprintf("ratio ≤ %.2f", max), Note: note}
	if floor > 0 {
		r.Ratio = v / floor
		r.Pass = r.Ratio <= max
	}
	return r
}

func glob1(pattern string) (string, error) {
	m, err := filepath.Glob(pattern)
	if err != nil || len(m) != 1 {
		return "", fmt.Errorf("expected one file matching %s, found %d", pattern, len(m))
	}
	return m[0], nil
}

func gzipSize(path string) (raw, gz int, err error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, err
	}
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return len(b), buf.Len(), nil
}

var benchLine = regexp.MustCompile(`(?m)^BenchmarkRunStep2D\S*\s+\d+\s+([0-9.]+) ns/op.*?\s([0-9]+) allocs/op`)

func simBench(root string) (ns, allocs float64, err error) {
	cmd := exec.Command("go", "test", "-run", "^$", "-bench", "^BenchmarkRunStep2D$", "-benchmem", "./sim/")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, 0, fmt.Errorf("go test -bench: %v\n%s", err, out)
	}
	m := benchLine.FindSubmatch(out)
	if m == nil {
		return 0, 0, fmt.Errorf("no BenchmarkRunStep2D line with allocs/op in:\n%s", out)
	}
	ns, _ = strconv.ParseFloat(string(m[1]), 64)
	allocs, _ = strconv.ParseFloat(string(m[2]), 64)
	return ns, allocs, nil
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func fmtList(xs []float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.FormatFloat(x, 'f', 0, 64)
	}
	return strings.Join(parts, " ")
}

func mb(n int) float64 { return float64(n) / 1e6 }

func fmtValue(v float64, unit string) string {
	switch {
	case math.IsNaN(v):
		return "—"
	case unit == "bytes":
		return fmt.Sprintf("%.3f MB", v/1e6)
	case unit == "ms":
		if v < 10 {
			return fmt.Sprintf("%.3f ms", v)
		}
		return fmt.Sprintf("%.0f ms", v)
	case unit == "ratio":
		return fmt.Sprintf("%.3f", v)
	default:
		return strconv.FormatFloat(v, 'f', -1, 64) + " " + unit
	}
}

func printTable(out io.Writer, rep *Report) {
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "figure\tmeasured\tfloor\tratio\ttarget\tresult\tnote\n")
	pass := 0
	for _, r := range rep.Rows {
		floor, ratio := "", ""
		if r.Floor > 0 {
			floor = fmtValue(r.Floor, r.Unit)
			ratio = fmt.Sprintf("%.2f", r.Ratio)
		}
		res := "FAIL"
		if r.Pass {
			res = "pass"
			pass++
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Name, fmtValue(r.Value, r.Unit), floor, ratio, r.Target, res, r.Note)
	}
	w.Flush()
	fmt.Fprintf(out, "\n%d of %d rows meet their target (%s, %s, %s; load average %s on %d CPUs)\n",
		pass, len(rep.Rows), rep.Command, rep.Go, rep.When, rep.Load, runtime.NumCPU())
}
