package params

import (
	"math"
	"strconv"
	"strings"
)

// Values holds one valid setting of every parameter. Obtain it from Defaults
// or ParseQuery and change it with Set or SetMany, which keep it valid: every
// float is finite and in range, Fig and Theme are known, Hide holds known
// names without repeats, in the order of Table then Panels.
type Values struct {
	Fig         string
	LR, SGDLR   float64
	X0, Y0      float64
	A, B, Angle float64
	Eps         float64
	EpsIn       bool
	G0, Rho     float64
	Forget      bool
	P           float64
	Seed        uint64
	Vocab       uint64  // the rare figure's vocabulary
	Zipf        float64 // its Zipf exponent
	Words       uint64  // its words per example
	Step        uint64  // the step to open at (see Figure.Seek)
	Predict     uint64  // guess mode: the step the reader guesses for; 0 is off
	Speed       float64
	Play        bool
	Theme       string
	Controls    bool
	Hide        []string
}

// defaults holds Defaults for each known figure, built once.
var defaults = func() map[string]Values {
	m := make(map[string]Values, len(Figs))
	for _, fig := range Figs {
		var v Values
		for i := range Table {
			s := &Table[i]
			s.assign(&v, s.Default)
		}
		v.Fig = fig
		for name, text := range FigDefaults[fig] {
			if s, ok := Lookup(name); ok && name != "fig" {
				s.assign(&v, text)
			}
		}
		m[fig] = v
	}
	return m
}()

// Defaults returns the default Values of figure fig; an unknown fig gives
// the first figure's defaults.
func Defaults(fig string) Values {
	v, ok := defaults[fig]
	if !ok {
		v = defaults[Figs[0]]
	}
	v.Hide = append([]string(nil), v.Hide...)
	return v
}

// assign sets the field of s in v from text, without reporting; used for
// the built-in defaults, which the tests check parse cleanly.
func (s *Spec) assign(v *Values, text string) {
	if x, _, ok := s.parse(text); ok {
		s.store(v, x)
	}
}

// parsed is a validated value of any kind.
type parsed struct {
	f    float64
	u    uint64
	b    bool
	s    string
	list []string
}

// store writes x into the field of v that s describes.
func (s *Spec) store(v *Values, x parsed) {
	switch p := s.field(v).(type) {
	case *float64:
		*p = x.f
	case *uint64:
		*p = x.u
	case *bool:
		*p = x.b
	case *string:
		*p = x.s
	case *[]string:
		*p = x.list
	}
}

// Get returns the canonical text of parameter name (as Query writes it), or
// "" for an unknown name.
func (v Values) Get(name string) string {
	s, ok := Lookup(name)
	if !ok {
		return ""
	}
	switch p := s.field(&v).(type) {
	case *float64:
		return formatFloat(*p)
	case *uint64:
		return strconv.FormatUint(*p, 10)
	case *bool:
		if *p {
			return "1"
		}
		return "0"
	case *string:
		return *p
	case *[]string:
		return strings.Join(*p, ",")
	}
	return ""
}

// Object returns every parameter by name as the plain value a script
// reads: a number, a boolean, a string, or a list of strings for a List.
func (v Values) Object() map[string]any {
	out := make(map[string]any, len(Table))
	for i := range Table {
		s := &Table[i]
		switch p := s.field(&v).(type) {
		case *float64:
			out[s.Name] = *p
		case *uint64:
			out[s.Name] = float64(*p) // exact: MaxSeed and MaxStep are below 2^53
		case *bool:
			out[s.Name] = *p
		case *string:
			out[s.Name] = *p
		case *[]string:
			list := make([]any, len(*p))
			for k, item := range *p {
				list[k] = item
			}
			out[s.Name] = list
		}
	}
	return out
}

// Number returns the value of a Float, Int or Bool parameter as a float64
// (a bool is 1 or 0); ok is false for other names.
func (v Values) Number(name string) (x float64, ok bool) {
	s, found := Lookup(name)
	if !found {
		return 0, false
	}
	switch p := s.field(&v).(type) {
	case *float64:
		return *p, true
	case *uint64:
		return float64(*p), true
	case *bool:
		if *p {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// Hidden reports whether name (a parameter or a panel) is listed in Hide.
func (v Values) Hidden(name string) bool {
	for _, h := range v.Hide {
		if h == name {
			return true
		}
	}
	return false
}

// Equal reports whether v and w hold the same setting (a nil and an empty
// Hide are equal). Values never hold -0 or NaN, so comparing canonical text
// compares the numbers exactly.
func (v Values) Equal(w Values) bool {
	if len(v.Hide) != len(w.Hide) {
		return false
	}
	for i := range v.Hide {
		if v.Hide[i] != w.Hide[i] {
			return false
		}
	}
	for _, s := range Table {
		if s.Kind != List && v.Get(s.Name) != w.Get(s.Name) {
			return false
		}
	}
	return true
}

// formatFloat writes x in the shortest decimal form that parses back to x,
// without a '+' (which a query string would read as a space): 1e-8, 1e21.
func formatFloat(x float64) string {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		// Values never holds NaN or Inf; write 0 rather than text that
		// would not parse.
		return "0"
	}
	s := strconv.FormatFloat(x, 'g', -1, 64)
	i := strings.IndexByte(s, 'e')
	if i < 0 {
		return s
	}
	mant, exp := s[:i], s[i+1:]
	sign := ""
	if exp[0] == '+' || exp[0] == '-' {
		if exp[0] == '-' {
			sign = "-"
		}
		exp = exp[1:]
	}
	exp = strings.TrimLeft(exp, "0")
	return mant + "e" + sign + exp
}
