package params

// FigDefaults holds the per-figure defaults: the one place to tune them.
// Values are canonical text, as in a URL; anything not listed takes the
// Default of its Spec. A test checks that every entry parses cleanly.
var FigDefaults = map[string]map[string]string{
	// The valley (a = 0.2, b = 10: fifty times steeper across than along)
	// with SGD at η·b = 1.8, close to the divergence limit of 2, so that it
	// bounces across the walls for a while and crawls along the floor.
	"valley": {
		"lr": "0.5", "sgdlr": "0.18",
		"x0": "-4.5", "y0": "2",
	},
	"accumulator": {
		"lr": "0.5", "sgdlr": "0.18",
		"x0": "-4.5", "y0": "2",
	},
	// Far along the floor with a modest η: AdaGrad's sum of squares, filled
	// by the large early gradients, brakes every later step, and the run
	// stalls tens of units short of the minimum.
	"freeze": {
		"lr": "0.3", "sgdlr": "0.18",
		"x0": "-40", "y0": "5", "speed": "30",
	},
	// The rare-feature picture: x is steep and its gradient arrives every
	// step, y is flat and its gradient arrives one step in five. SGD's one
	// rate is held down by x, so y crawls; AdaGrad's G_y stays small and y
	// keeps a large rate of its own.
	"sparse": {
		"lr": "0.5", "sgdlr": "0.18",
		"a": "10", "b": "0.2",
		"x0": "-2", "y0": "2.5",
		"p": "0.8",
	},
}

// DefaultText returns the canonical default of parameter name in figure fig
// ("" for an unknown name; an unknown fig gets the table's default).
func DefaultText(fig, name string) string {
	s, ok := Lookup(name)
	if !ok {
		return ""
	}
	if name == "fig" {
		return s.Default
	}
	d := Defaults(fig)
	return d.Get(name)
}
