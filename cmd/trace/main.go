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
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/adagrad-explained/adagrad/sim"
)

// MaxSteps caps -steps: a million rows is about 150 MB of CSV.
const MaxSteps = 1_000_000

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

// boolValue is a flag.Value that may be given bare (-eps-in-sqrt) or with a
// value (-eps-in-sqrt=false).
type boolValue struct{ s *string }

func (b boolValue) String() string {
	if b.s == nil {
		return ""
	}
	return *b.s
}
func (b boolValue) Set(v string) error { *b.s = v; return nil }
func (b boolValue) IsBoolFlag() bool   { return true }

// strValue records a flag's raw text; parsing happens after -opt and -preset
// are known, so that the defaults can depend on them.
type strValue struct{ s *string }

func (v strValue) String() string {
	if v.s == nil {
		return ""
	}
	return *v.s
}
func (v strValue) Set(s string) error { *v.s = s; return nil }

func newFlagSet(raw map[string]*string) *flag.FlagSet {
	fs := flag.NewFlagSet("trace", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	def := func(name, usage string) {
		s := new(string)
		raw[name] = s
		fs.Var(strValue{s}, name, usage)
	}
	def("opt", "optimizer: sgd|adagrad|adagrad-full|rmsprop|adam (default adagrad; adagrad-full is the full-matrix form)")
	def("preset", "defaults for unset hyper-parameters: lesson|pytorch|keras|tfjs (default lesson)")
	def("f", "landscape: valley|rosenbrock (default valley)")
	def("a", "valley curvature along its floor (default 0.2)")
	def("b", "valley curvature across its walls (default 10)")
	def("angle", "valley rotation in degrees (default 0)")
	def("start", "start point x,y (default: the landscape's, valley (-4.5,2) rotated, rosenbrock (-1.5,2))")
	def("lr", "learning rate η")
	def("steps", "number of steps, 0 to 1000000 (default 100)")
	def("eps", "ε")
	s := new(string)
	raw["eps-in-sqrt"] = s
	fs.Var(boolValue{s}, "eps-in-sqrt", "AdaGrad (both forms)/RMSProp: true puts ε inside the root, η·g/√(G+ε); false outside, η·g/(√G+ε)")
	def("g0", "AdaGrad's initial accumulator G₀ (G₀·I for adagrad-full)")
	def("rho", "RMSProp's decay ρ")
	def("beta1", "Adam's β₁")
	def("beta2", "Adam's β₂")
	def("p", "probability of zeroing the gradient of coordinate -coord at each step (default 0)")
	def("coord", "coordinate whose gradient -p drops: 0 (x) or 1 (y) (default 1)")
	def("seed", "seed of the dropout draws, an unsigned integer (default 1)")
	def("format", "output format: csv|json (default csv)")
	return fs
}

// usage writes the flag list to w.
func usage(w io.Writer) {
	fs := newFlagSet(map[string]*string{})
	fmt.Fprintln(w, "usage: trace [flags]   (prints one optimizer run as CSV or JSON)")
	fs.SetOutput(w)
	fs.PrintDefaults()
}

// parse turns the command line into options, or an error naming the flag.
func parse(args []string) (*options, error) {
	raw := map[string]*string{}
	fs := newFlagSet(raw)
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q (flags only)", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	get := func(name string) (string, bool) { return strings.TrimSpace(*raw[name]), set[name] }

	num := func(name string, def float64, check func(float64) string) (float64, error) {
		s, ok := get(name)
		if !ok {
			return def, nil
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return 0, fmt.Errorf("-%s: not a number: %q", name, s)
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, fmt.Errorf("-%s: must be a finite number, got %s", name, s)
		}
		if msg := check(v); msg != "" {
			return 0, fmt.Errorf("-%s: %s, got %s", name, msg, s)
		}
		return v, nil
	}
	any := func(float64) string { return "" }
	positive := func(v float64) string {
		if v <= 0 {
			return "must be > 0"
		}
		return ""
	}
	nonneg := func(v float64) string {
		if v < 0 {
			return "must be ≥ 0"
		}
		return ""
	}
	unit := func(v float64) string {
		if v < 0 || v >= 1 {
			return "must be in [0, 1)"
		}
		return ""
	}
	prob := func(v float64) string {
		if v < 0 || v > 1 {
			return "must be in [0, 1]"
		}
		return ""
	}

	o := &options{}
	method := sim.AdaGrad
	if s, ok := get("opt"); ok {
		m, err := sim.ParseMethod(s)
		if err != nil {
			return nil, fmt.Errorf("-opt: %v", err)
		}
		method = m
	}
	o.preset = "lesson"
	if s, ok := get("preset"); ok {
		o.preset = strings.ToLower(s)
	}
	switch o.preset {
	case "lesson":
		o.cfg = sim.DefaultConfig(method)
	case "pytorch", "torch":
		o.cfg = sim.PyTorchConfig(method)
	case "keras", "tfjs":
		o.cfg = sim.KerasConfig(method)
	default:
		return nil, fmt.Errorf("-preset: unknown preset %q (want lesson, pytorch, keras or tfjs)", o.preset)
	}

	var err error
	c := &o.cfg
	for _, f := range []struct {
		name  string
		v     *float64
		check func(float64) string
	}{
		{"lr", &c.LR, nonneg}, {"eps", &c.Eps, nonneg}, {"g0", &c.G0, nonneg},
		{"rho", &c.Rho, unit}, {"beta1", &c.Beta1, unit}, {"beta2", &c.Beta2, unit},
	} {
		if *f.v, err = num(f.name, *f.v, f.check); err != nil {
			return nil, err
		}
	}
	if s, ok := get("eps-in-sqrt"); ok {
		b, err := strconv.ParseBool(s)
		if err != nil {
			return nil, fmt.Errorf("-eps-in-sqrt: want true or false, got %q", s)
		}
		c.EpsInSqrt = b
	}
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("-%v", err) // Validate's messages start with the field name, which is the flag name
	}

	o.lname = "valley"
	if s, ok := get("f"); ok {
		o.lname = strings.ToLower(s)
	}
	if o.a, err = num("a", sim.DefaultValleyA, positive); err != nil {
		return nil, err
	}
	if o.b, err = num("b", sim.DefaultValleyB, positive); err != nil {
		return nil, err
	}
	if o.angle, err = num("angle", 0, any); err != nil {
		return nil, err
	}
	var start []float64
	switch o.lname {
	case "valley":
		v := sim.NewValley(o.a, o.b, o.angle)
		o.land, start = v, v.Start()
	case "rosenbrock":
		r := sim.Rosenbrock{}
		o.land, start = r, r.Start()
		for _, n := range []string{"a", "b", "angle"} {
			if set[n] {
				return nil, fmt.Errorf("-%s: only applies to -f valley", n)
			}
		}
	default:
		return nil, fmt.Errorf("-f: unknown landscape %q (want valley or rosenbrock)", o.lname)
	}
	if s, ok := get("start"); ok {
		parts := strings.Split(s, ",")
		if len(parts) != 2 {
			return nil, fmt.Errorf("-start: want two numbers x,y, got %q", s)
		}
		for i, p := range parts {
			v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("-start: want two finite numbers x,y, got %q", s)
			}
			if math.Abs(v) > sim.RunawayBound {
				return nil, fmt.Errorf("-start: coordinates must be within ±%g, got %q", sim.RunawayBound, s)
			}
			start[i] = v
		}
	}
	o.start = start

	o.steps = 100
	if s, ok := get("steps"); ok {
		n, err := strconv.Atoi(s)
		if err != nil {
			return nil, fmt.Errorf("-steps: not an integer: %q", s)
		}
		if n < 0 || n > MaxSteps {
			return nil, fmt.Errorf("-steps: must be between 0 and %d, got %d", MaxSteps, n)
		}
		o.steps = n
	}

	p, err := num("p", 0, prob)
	if err != nil {
		return nil, err
	}
	coord, err := num("coord", 1, func(v float64) string {
		if v != 0 && v != 1 {
			return "must be 0 (x) or 1 (y)"
		}
		return ""
	})
	if err != nil {
		return nil, err
	}
	seed := uint64(1)
	if s, ok := get("seed"); ok {
		seed, err = strconv.ParseUint(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("-seed: want an unsigned integer, got %q", s)
		}
	}
	if p > 0 || set["p"] {
		o.drop = &sim.Dropout{P: p, Coord: int(coord), Seed: seed}
	}

	o.format = "csv"
	if s, ok := get("format"); ok {
		o.format = strings.ToLower(s)
	}
	if o.format != "csv" && o.format != "json" {
		return nil, fmt.Errorf("-format: want csv or json, got %q", o.format)
	}
	return o, nil
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
