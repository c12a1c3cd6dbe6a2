package params

// Kind is the type of a parameter's value.
type Kind int

// The kinds of parameter.
const (
	Float Kind = iota // decimal number in [Min, Max] (or (Min, Max] when MinOpen)
	Int               // whole decimal number in [Min, Max]
	Bool              // 1 or 0 (true/false, yes/no, on/off also accepted)
	Enum              // one of Choices
	List              // comma-separated subset of Choices
)

var kindNames = [...]string{"float", "int", "bool", "enum", "list"}

// String returns "float", "int", "bool", "enum" or "list"; the page's
// controls switch on these names.
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Spec describes one parameter. The zero value of an optional field means
// "not applicable".
type Spec struct {
	Name    string   // name in URLs, set() and postMessage: public API
	Label   string   // short label of the HTML control
	Help    string   // one plain sentence: control title, aria-description, README
	Kind    Kind     //
	Min     float64  // Float, Int: smallest valid value
	Max     float64  // Float, Int: largest valid value
	MinOpen bool     // Float: Min itself is not valid
	Unit    string   // shown after the range in the README, e.g. "degrees"
	Symbol  string   // shown after the value beside the control and in its aria-valuetext, e.g. "°"
	Choices []string // Enum: the values; List: the allowed items
	Default string   // canonical text of the default; per-figure overrides are in FigDefaults
	Figs    []string // figures that show an HTML control for it; nil: URL and set() only
	Step    float64  // slider step; 0 means any
	Log     bool     // the slider moves on a log scale (SliderMin > 0)
	// SliderMin and SliderMax bound the HTML control when it should be
	// narrower than the valid range (a log slider cannot reach 0); each
	// left at zero means Min (or Max).
	SliderMin, SliderMax float64
	// Redraw, for an Int, is the label of a button beside the control that
	// sets a new random value; RedrawHelp is its title.
	Redraw, RedrawHelp string
	// Embedding marks a setting of how the embedding page shows the figure
	// (which figure, play, theme, controls, hide) rather than of what it
	// computes. The lesson chooses these itself, so a lesson figure that is
	// released and rebuilt carries over every other parameter (Kept), not
	// these.
	Embedding bool

	field func(*Values) any // pointer to the Values field this spec sets
}

// Figure ids, in the lesson's order. They are part of the public embed API.
var Figs = []string{"valley", "accumulator", "freeze", "sparse", "rare", "rotation"}

// Panels are the non-control parts of a figure that hide= can also name.
var Panels = []string{"legend", "readout", "plot", "trail", "arrows", "ellipse", "timeline", "download"}

// MaxStep is the furthest a figure can be sent in one go, by step= or
// seek(): ten minutes of play at the top speed, and a fraction of a second of
// computation.
const MaxStep = 100000

// MaxStepsPerCall is the most steps one step(n) call of the script API
// takes: a larger n is ignored.
const MaxStepsPerCall = 10_000_000

// MaxKeys is the most keys one set() or postMessage call reads; the rest
// are ignored.
const MaxKeys = 64

// SpeedPreset is one choice of the speed menu.
type SpeedPreset struct {
	Label string
	Steps float64 // per second
}

// SpeedPresets are the speed menu's choices, slowest first; the speed
// parameter takes any value in its range, and the menu shows the nearest.
var SpeedPresets = []SpeedPreset{{"slow", 2}, {"normal", 8}, {"fast", 30}, {"very fast", 120}}

// SpeedsFor is figure fig's speed menu: SpeedPresets, or, for a figure
// whose default speed lies beyond them (the rare-words figure plays
// thousands of examples a second), the presets scaled so that "normal" is
// its default, capped at the speed's maximum, without repeats.
func SpeedsFor(fig string) []SpeedPreset {
	d := Defaults(fig).Speed
	if d <= SpeedPresets[len(SpeedPresets)-1].Steps {
		return SpeedPresets
	}
	top := Table[index["speed"]].Max
	k := d / SpeedPresets[1].Steps
	var out []SpeedPreset
	for _, p := range SpeedPresets {
		steps := min(p.Steps*k, top)
		if len(out) > 0 && out[len(out)-1].Steps == steps {
			break
		}
		out = append(out, SpeedPreset{p.Label, steps})
	}
	return out
}

// MaxSeed is the largest seed: 2^53−1, the largest integer a JavaScript
// number holds exactly.
const MaxSeed = 1<<53 - 1

// Table is the one parameter table. Order matters: it is the order of the
// controls, of the README list and of the Share link's query. Callers must
// not modify it.
var Table = []Spec{
	{Name: "fig", Label: "Figure", Kind: Enum, Choices: Figs, Default: "valley",
		Help:      "Which figure to show.",
		Embedding: true,
		field:     func(v *Values) any { return &v.Fig }},
	{Name: "lr", Label: "AdaGrad η", Kind: Float, Min: 0, Max: 10, MinOpen: true, Default: "0.5",
		Figs: []string{"valley", "accumulator", "freeze", "sparse", "rotation", "rare"}, Log: true, SliderMin: 0.001, SliderMax: 10,
		Help:  "AdaGrad's base learning rate η (RMSProp and full-matrix AdaGrad use it too).",
		field: func(v *Values) any { return &v.LR }},
	{Name: "sgdlr", Label: "SGD η", Kind: Float, Min: 0, Max: 10, MinOpen: true, Default: "0.18",
		Figs: []string{"valley", "accumulator", "sparse", "rare"}, Log: true, SliderMin: 0.001, SliderMax: 10,
		Help:  "Plain SGD's learning rate η.",
		field: func(v *Values) any { return &v.SGDLR }},
	{Name: "x0", Label: "Start x", Kind: Float, Min: -50, Max: 50, Default: "-4.5", Step: 0.1,
		Help:  "x coordinate of the start point (drag the handle to change it).",
		field: func(v *Values) any { return &v.X0 }},
	{Name: "y0", Label: "Start y", Kind: Float, Min: -50, Max: 50, Default: "2", Step: 0.1,
		Help:  "y coordinate of the start point (drag the handle to change it).",
		field: func(v *Values) any { return &v.Y0 }},
	{Name: "a", Label: "Floor curvature a", Kind: Float, Min: 0.01, Max: 100, Default: "0.02", Log: true,
		Help:  "Curvature along the valley floor, the flat direction.",
		field: func(v *Values) any { return &v.A }},
	{Name: "b", Label: "Wall curvature b", Kind: Float, Min: 0.01, Max: 1000, Default: "10", Log: true,
		Figs:  []string{"valley", "accumulator", "freeze", "rotation"},
		Help:  "Curvature across the valley, the steep direction; b/a is how stretched it is.",
		field: func(v *Values) any { return &v.B }},
	{Name: "angle", Label: "Rotation", Kind: Float, Min: -90, Max: 90, Unit: "degrees", Symbol: "°", Default: "0", Step: 1,
		Figs:  []string{"valley", "accumulator", "rotation"},
		Help:  "Rotation of the valley in degrees; at 0 its axes line up with x and y.",
		field: func(v *Values) any { return &v.Angle }},
	{Name: "eps", Label: "ε", Kind: Float, Min: 0, Max: 1, Default: "1e-8", Log: true, SliderMin: 1e-10, SliderMax: 1,
		Figs:  []string{"accumulator", "freeze", "rotation", "rare"},
		Help:  "ε, the small constant that keeps AdaGrad's division finite (0 is allowed).",
		field: func(v *Values) any { return &v.Eps }},
	{Name: "epsin", Label: "ε inside the root", Kind: Bool, Default: "1",
		Figs:  []string{"accumulator"},
		Help:  "1: η/√(G+ε) (Keras 3, optax); 0: η/(√G+ε) (PyTorch, Duchi et al. 2011).",
		field: func(v *Values) any { return &v.EpsIn }},
	{Name: "g0", Label: "Initial G₀", Kind: Float, Min: 0, Max: 100, Default: "0", Step: 0.1, SliderMax: 10,
		Figs:  []string{"accumulator", "freeze"},
		Help:  "The accumulator's starting value G₀ (PyTorch 0, Keras 0.1).",
		field: func(v *Values) any { return &v.G0 }},
	{Name: "rho", Label: "RMSProp ρ", Kind: Float, Min: 0, Max: 0.9999, Default: "0.9", Step: 0.001, SliderMin: 0.5, SliderMax: 0.999,
		Figs:  []string{"freeze"},
		Help:  "RMSProp's decay ρ: how much of the past it keeps each step.",
		field: func(v *Values) any { return &v.Rho }},
	{Name: "forget", Label: "Let it forget (RMSProp)", Kind: Bool, Default: "0",
		Figs:  []string{"freeze"},
		Help:  "Run RMSProp from the same start beside AdaGrad.",
		field: func(v *Values) any { return &v.Forget }},
	{Name: "p", Label: "Zeroing probability p", Kind: Float, Min: 0, Max: 1, Default: "0", Step: 0.01,
		Figs:  []string{"sparse"},
		Help:  "Probability that the y-gradient is set to zero at a step.",
		field: func(v *Values) any { return &v.P }},
	{Name: "seed", Label: "Seed", Kind: Int, Min: 0, Max: MaxSeed, Default: "1", Step: 1,
		Figs: []string{"sparse", "rare"}, Redraw: "New draw", RedrawHelp: "Draw again, with a new random seed",
		Help:  "Seed of the random draws: the zeroed y-gradients (sparse), the simulated data (rare).",
		field: func(v *Values) any { return &v.Seed }},
	{Name: "vocab", Label: "Vocabulary", Kind: Int, Min: 100, Max: 1_000_000, Unit: "words", Default: "10000", Log: true,
		Figs:  []string{"rare"},
		Help:  "Words in the simulated vocabulary.",
		field: func(v *Values) any { return &v.Vocab }},
	{Name: "zipf", Label: "Zipf exponent s", Kind: Float, Min: 1.01, Max: 3, Default: "1.1", Step: 0.01,
		Figs:  []string{"rare"},
		Help:  "Zipf's exponent: the word of rank k turns up with probability proportional to k^−s; larger s, fewer rare words seen.",
		field: func(v *Values) any { return &v.Zipf }},
	{Name: "words", Label: "Words per example", Kind: Int, Min: 1, Max: 200, Default: "10", Step: 1,
		Figs:  []string{"rare"},
		Help:  "Words drawn from the vocabulary for each example (repeats count once).",
		field: func(v *Values) any { return &v.Words }},
	{Name: "step", Label: "Step", Kind: Int, Min: 0, Max: MaxStep, Default: "0", Step: 1,
		Help:  "The step the figure opens at, as if reset and stepped there (paused, unless play is given).",
		field: func(v *Values) any { return &v.Step }},
	{Name: "predict", Label: "Guess first", Kind: Int, Min: 0, Max: MaxStep, Default: "0", Step: 1,
		Help:  "Guess mode: the figure opens paused at step 0 and asks where each run will be after this many steps (0: off; the rare-words figure, with no map to guess on, ignores it).",
		field: func(v *Values) any { return &v.Predict }},
	{Name: "speed", Label: "Speed", Kind: Float, Min: 0.25, Max: 10000, Unit: "steps per second", Default: "8", Log: true,
		Help:  "Steps per second while playing (in the rare-words figure a step is one example).",
		field: func(v *Values) any { return &v.Speed }},
	{Name: "play", Label: "Play", Kind: Bool, Default: "1",
		Help:      "Start playing when loaded (not when the reader prefers reduced motion).",
		Embedding: true,
		field:     func(v *Values) any { return &v.Play }},
	{Name: "theme", Label: "Theme", Kind: Enum, Choices: []string{"auto", "light", "dark"}, Default: "auto",
		Help:      "Colour theme; auto follows the reader's system setting.",
		Embedding: true,
		field:     func(v *Values) any { return &v.Theme }},
	{Name: "controls", Label: "Controls", Kind: Bool, Default: "1",
		Help:      "Show the HTML controls (0 for a bare embedded figure).",
		Embedding: true,
		field:     func(v *Values) any { return &v.Controls }},
	{Name: "hide", Label: "Hide", Kind: List, Default: "",
		Help:      "Comma-separated names of controls or panels to hide (legend, readout, plot, trail, arrows, ellipse, timeline, download).",
		Embedding: true,
		field:     func(v *Values) any { return &v.Hide }},
}

// hide= accepts every control that some figure shows, then the panels.
// Choices are filled in here because the list is read from Table itself.
func init() {
	var names []string
	for _, s := range Table {
		if len(s.Figs) > 0 {
			names = append(names, s.Name)
		}
	}
	Table[index["hide"]].Choices = append(names, Panels...)
}

// Kept lists, in Table order, the parameters a lesson figure carries over
// when it is released and rebuilt: all but the Embedding ones.
func Kept() []string {
	var out []string
	for _, s := range Table {
		if !s.Embedding {
			out = append(out, s.Name)
		}
	}
	return out
}

// index maps a name to its position in Table.
var index = func() map[string]int {
	m := make(map[string]int, len(Table))
	for i, s := range Table {
		m[s.Name] = i
	}
	return m
}()

// Lookup returns the spec called name.
func Lookup(name string) (Spec, bool) {
	i, ok := index[name]
	if !ok {
		return Spec{}, false
	}
	return Table[i], true
}
