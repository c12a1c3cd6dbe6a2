package params

// FigDefaults holds the per-figure defaults: the one place to tune them.
// Values are canonical text, as in a URL; anything not listed takes the
// Default of its Spec. A test checks that every entry parses cleanly.
var FigDefaults = map[string]map[string]string{
	"valley": {
		"lr": "1.5", "sgdlr": "0.09",
		"x0": "-8", "y0": "2.5",
	},
	"accumulator": {
		"lr": "1.5", "sgdlr": "0.09",
		"x0": "-8", "y0": "2.5",
	},
	"freeze": {
		"lr": "0.3", "sgdlr": "0.09",
		"x0": "-8", "y0": "2.5",
	},
	"sparse": {
		"lr": "1.0", "sgdlr": "0.09",
		"x0": "-8", "y0": "2.5",
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
