package main

// The command line: flags, their help and their checks.

import (
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/adagrad-explained/adagrad/sim"
)

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
	valley, rosen := sim.NewValley(sim.DefaultValleyA, sim.DefaultValleyB, 0).Start(), sim.Rosenbrock{}.Start()
	def("opt", "optimizer: sgd|adagrad|adagrad-full|rmsprop|adam (default adagrad; adagrad-full is the full-matrix form)")
	def("preset", "defaults for unset hyper-parameters: lesson|pytorch|keras|tfjs (default lesson)")
	def("f", "landscape: valley|rosenbrock (default valley)")
	def("a", fmt.Sprintf("valley curvature along its floor (default %v)", sim.DefaultValleyA))
	def("b", fmt.Sprintf("valley curvature across its walls (default %v)", sim.DefaultValleyB))
	def("angle", "valley rotation in degrees (default 0)")
	def("start", fmt.Sprintf("start point x,y (default: the landscape's, valley (%g,%g) rotated, rosenbrock (%g,%g))", valley[0], valley[1], rosen[0], rosen[1]))
	def("lr", "learning rate η")
	def("steps", fmt.Sprintf("number of steps, 0 to %d (default %d)", MaxSteps, defaultSteps))
	def("eps", "ε")
	s := new(string)
	raw["eps-in-sqrt"] = s
	fs.Var(boolValue{s}, "eps-in-sqrt", "AdaGrad (both forms)/RMSProp: true puts ε inside the root, η·g/√(G+ε); false outside, η·g/(√G+ε)")
	def("g0", "AdaGrad's initial accumulator G₀ (G₀·I for adagrad-full)")
	def("rho", "RMSProp's decay ρ")
	def("beta1", "Adam's β₁")
	def("beta2", "Adam's β₂")
	def("p", "probability of zeroing the gradient of coordinate -coord at each step (default 0)")
	def("coord", fmt.Sprintf("coordinate whose gradient -p drops: 0 (x) or 1 (y) (default %d)", defaultCoord))
	def("seed", fmt.Sprintf("seed of the dropout draws, an unsigned integer (default %d)", defaultSeed))
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

	o.steps = defaultSteps
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
	coord, err := num("coord", defaultCoord, func(v float64) string {
		if v != 0 && v != 1 {
			return "must be 0 (x) or 1 (y)"
		}
		return ""
	})
	if err != nil {
		return nil, err
	}
	seed := uint64(defaultSeed)
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
