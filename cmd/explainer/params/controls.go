package params

import (
	"math"
	"slices"
)

// Control is what the page needs to build one HTML control: plain data,
// cheap to hand to JavaScript as Object.
type Control struct {
	Name  string  // parameter name, as in set()
	Label string  // visible label
	Help  string  // title / aria-description
	Kind  string  // Kind.String(): "float", "int", "bool", "enum", "list"
	Min   float64 // control's range: for a Log slider, Min > 0
	Max   float64
	Step  float64 // 0: any
	Log   bool    // slider on a log10 scale
	// Redraw labels a button that sets a new random value ("" for none);
	// RedrawHelp is its title.
	Redraw, RedrawHelp string
}

// Object is the control as the plain object figure.js reads; its keys are
// the one place the page's names for these fields are written.
func (c Control) Object() map[string]any {
	return map[string]any{"name": c.Name, "label": c.Label, "help": c.Help, "kind": c.Kind,
		"min": c.Min, "max": c.Max, "step": c.Step, "log": c.Log,
		"redraw": c.Redraw, "redrawHelp": c.RedrawHelp}
}

// ControlsFor returns the controls figure fig shows, in Table order.
func ControlsFor(fig string) []Control {
	var out []Control
	for _, s := range Table {
		if slices.Contains(s.Figs, fig) {
			out = append(out, s.control())
		}
	}
	return out
}

// VisibleControls returns the controls of v's figure that v.Hide does not hide.
func (v Values) VisibleControls() []Control {
	var out []Control
	for _, c := range ControlsFor(v.Fig) {
		if !v.Hidden(c.Name) {
			out = append(out, c)
		}
	}
	return out
}

func (s *Spec) control() Control {
	c := Control{Name: s.Name, Label: s.Label, Help: s.Help, Kind: s.Kind.String(),
		Min: s.Min, Max: s.Max, Step: s.Step, Log: s.Log, Redraw: s.Redraw, RedrawHelp: s.RedrawHelp}
	if s.SliderMin != 0 {
		c.Min = s.SliderMin
	}
	if s.SliderMax != 0 {
		c.Max = s.SliderMax
	}
	return c
}

// Clamp brings x into the valid range of the Float or Int parameter name,
// for values the figure computes itself (a dragged start point, say): an
// open minimum becomes the next number above it, an Int is rounded, and NaN
// gives the table's default. Other names return x unchanged.
func Clamp(name string, x float64) float64 {
	s, ok := Lookup(name)
	if !ok || (s.Kind != Float && s.Kind != Int) {
		return x
	}
	if math.IsNaN(x) {
		d, _, _ := s.parse(s.Default)
		if s.Kind == Int {
			return float64(d.u)
		}
		return d.f
	}
	if s.Kind == Int {
		x = math.Round(x)
	}
	lo := s.Min
	if s.MinOpen {
		lo = math.Nextafter(s.Min, math.Inf(1))
	}
	x = min(max(x, lo), s.Max)
	if x == 0 {
		x = 0
	}
	return x
}
