// Command trace prints one optimizer run as CSV (or JSON) on stdout, so a
// teacher can plot it in their own tools and anyone can hold the explainer's
// numbers against PyTorch or TensorFlow.
//
// Usage:
//
//	go run ./cmd/trace [flags]
//
// The CSV has a header line, then one row per step, step 0 (the start)
// included: steps+1 rows. Columns: step, x, y, loss, the true gradient
// (grad_x, grad_y), the gradient used after dropout (used_x, used_y), the
// accumulator (acc_x, acc_y: AdaGrad's G, RMSProp's and Adam's v, the
// diagonal of full-matrix AdaGrad's G; empty for SGD), the effective rates
// (rate_x, rate_y; for full-matrix AdaGrad the diagonal of its matrix of
// rates), the step taken (delta_x, delta_y) and frozen (0 or 1). The JSON
// rows of -opt adagrad-full also carry G's off-diagonal entry, acc_xy. Numbers are printed in the shortest form that
// reads back to the same float64, so comparisons can be exact.
//
// Hyper-parameters not given on the command line come from -preset: the
// lesson's defaults (sim.DefaultConfig), PyTorch's, or those of Keras 3 and
// TF.js. If the run diverges, the rows stop at the last finite step, a note
// goes to stderr and the exit status is still 0. Bad input prints a one-line
// error naming the flag to stderr, nothing to stdout, and exits with status 2.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/adagrad-explained/adagrad/sim"
)

// MaxSteps caps -steps: a million rows is about 150 MB of CSV.
const MaxSteps = 1_000_000

// The command's own defaults; the landscape's and the hyper-parameters'
// come from sim.
const (
	defaultSteps = 100
	defaultCoord = 1
	defaultSeed  = 1
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// options is the parsed and validated command line.
type options struct {
	land   sim.Landscape
	lname  string
	a, b   float64
	angle  float64
	start  []float64
	cfg    sim.Config
	preset string
	steps  int
	drop   *sim.Dropout
	format string
}

// run is main without the exit: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	o, err := parse(args)
	if errors.Is(err, flag.ErrHelp) {
		usage(stderr)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "trace: %v\n", oneLine(err.Error()))
		return 2
	}
	w := bufio.NewWriterSize(stdout, 1<<16)
	r := sim.NewRun(o.land, o.cfg, o.start, o.drop)
	var out writer = &csvWriter{w: w}
	if o.format == "json" {
		full, _ := r.Optimizer().(*sim.AdaGradFullOpt)
		out = &jsonWriter{w: w, o: o, full: full}
	}
	out.begin()
	out.row(r.State())
	done := 0
	for done < o.steps && r.Step() {
		done++
		out.row(r.State())
	}
	diverged := done < o.steps
	out.end(diverged, done)
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "trace: writing output: %v\n", oneLine(err.Error()))
		return 1
	}
	if diverged {
		fmt.Fprintf(stderr, "trace: diverged: step %d would leave the finite range (|coordinate| ≤ %g); stopped after step %d\n",
			done+1, sim.RunawayBound, done)
	}
	return 0
}

func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }

type writer interface {
	begin()
	row(s *sim.State)
	end(diverged bool, steps int)
}

// csvWriter writes sim.CSVColumns, one sim.AppendCSV row per step: the
// explainer's CSV download writes the same rows after a run column.
type csvWriter struct {
	w   *bufio.Writer
	buf []byte
}

func (c *csvWriter) begin() { c.w.WriteString(strings.Join(sim.CSVColumns, ",") + "\n") }

func (c *csvWriter) row(s *sim.State) {
	c.buf = sim.AppendCSV(c.buf[:0], s)
	c.w.Write(c.buf)
}

func (c *csvWriter) end(bool, int) {}

// jsonRow is one step in the JSON output; Acc is null for SGD; AccXY, G's
// off-diagonal entry, is there for adagrad-full only.
type jsonRow struct {
	Step   int         `json:"step"`
	X      float64     `json:"x"`
	Y      float64     `json:"y"`
	Loss   float64     `json:"loss"`
	Grad   [2]float64  `json:"grad"`
	Used   [2]float64  `json:"used"`
	Acc    *[2]float64 `json:"acc"`
	AccXY  *float64    `json:"acc_xy,omitempty"`
	Rate   [2]float64  `json:"rate"`
	Delta  [2]float64  `json:"delta"`
	Frozen bool        `json:"frozen"`
}

type jsonDropout struct {
	P     float64 `json:"p"`
	Coord int     `json:"coord"`
	Seed  uint64  `json:"seed"`
}

type jsonWriter struct {
	w     *bufio.Writer
	o     *options
	full  *sim.AdaGradFullOpt // the run's optimizer, for acc_xy; nil unless adagrad-full
	first bool
}

func (j *jsonWriter) begin() {
	c := j.o.cfg
	head := struct {
		Landscape map[string]any `json:"landscape"`
		Config    map[string]any `json:"config"`
		Dropout   *jsonDropout   `json:"dropout"`
		Start     []float64      `json:"start"`
		Steps     int            `json:"steps"`
	}{
		Landscape: map[string]any{"name": j.o.lname},
		Config: map[string]any{"opt": c.Method.String(), "preset": j.o.preset, "lr": c.LR, "eps": c.Eps,
			"eps_in_sqrt": c.EpsInSqrt, "g0": c.G0, "rho": c.Rho, "beta1": c.Beta1, "beta2": c.Beta2},
		Start: j.o.start,
		Steps: j.o.steps,
	}
	if d := j.o.drop; d != nil {
		head.Dropout = &jsonDropout{d.P, d.Coord, d.Seed}
	}
	if j.o.lname == "valley" {
		head.Landscape["a"], head.Landscape["b"], head.Landscape["angle"] = j.o.a, j.o.b, j.o.angle
	}
	b, _ := json.Marshal(head)
	j.w.Write(b[:len(b)-1]) // leave the object open
	j.w.WriteString(`,"rows":[` + "\n")
	j.first = true
}

func (j *jsonWriter) row(s *sim.State) {
	r := jsonRow{Step: s.Step, X: s.X[0], Y: s.X[1], Loss: s.Loss,
		Grad: [2]float64{s.Grad[0], s.Grad[1]}, Used: [2]float64{s.Used[0], s.Used[1]},
		Rate: [2]float64{s.Rate[0], s.Rate[1]}, Delta: [2]float64{s.Delta[0], s.Delta[1]}, Frozen: s.Frozen}
	if s.G != nil {
		r.Acc = &[2]float64{s.G[0], s.G[1]}
	}
	if j.full != nil {
		xy := j.full.Matrix(0, 1)
		r.AccXY = &xy
	}
	b, _ := json.Marshal(r)
	if !j.first {
		j.w.WriteString(",\n")
	}
	j.first = false
	j.w.Write(b)
}

func (j *jsonWriter) end(diverged bool, steps int) {
	fmt.Fprintf(j.w, "\n],\"steps_done\":%d,\"diverged\":%v}\n", steps, diverged)
}
