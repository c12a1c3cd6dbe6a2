package params

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// ParseQuery reads a query string (location.search, with or without the
// leading "?"; anything from a "#" on is ignored) into Values, starting
// from the defaults of the figure that fig names.
//
// Pairs are split on "&" only (";" is an ordinary character); names and
// values are %-decoded with "+" as a space. When a name is given more than
// once, the last value wins and a notice says so. Unknown names, bad
// %-escapes, values longer than MaxValueLen and pairs beyond MaxPairs are
// ignored with a notice. Every rejected value leaves the default in place.
func ParseQuery(raw string) (Values, []Notice) {
	var n notes
	raw = strings.TrimPrefix(raw, "?")
	if i := strings.IndexByte(raw, '#'); i >= 0 {
		raw = raw[:i]
	}

	type given struct {
		value   string
		count   int
		problem string // why the last value cannot be used, if it cannot
	}
	got := map[string]*given{}
	unknown := map[string]bool{}
	read := 0
	for raw != "" {
		var seg string
		seg, raw, _ = strings.Cut(raw, "&")
		if seg == "" {
			continue
		}
		if read == MaxPairs {
			left := 1 + countPairs(raw)
			n.limits = append(n.limits, Notice{Param: "query",
				Message: "more than " + strconv.Itoa(MaxPairs) + " parameters; the last " + strconv.Itoa(left) + " were ignored"})
			break
		}
		read++
		rawKey, rawVal, _ := strings.Cut(seg, "=")
		if len(rawKey) > MaxPairLen {
			rawKey = rawKey[:MaxPairLen]
		}
		key, ok := unescape(rawKey)
		if !ok {
			if !unknown[rawKey] {
				unknown[rawKey] = true
				n.unknown = append(n.unknown, Notice{Param: clean(rawKey), Message: "bad %-escape in the name; ignored"})
			}
			continue
		}
		if _, known := index[key]; !known {
			if !unknown[key] {
				unknown[key] = true
				n.unknown = append(n.unknown, *unknownName(key))
			}
			continue
		}
		g := got[key]
		if g == nil {
			g = &given{}
			got[key] = g
		}
		g.count++
		g.value, g.problem = "", ""
		if len(seg) > MaxPairLen {
			g.problem = "value too long (" + strconv.Itoa(len(rawVal)) + " bytes)"
		} else if val, ok := unescape(rawVal); !ok {
			g.problem = "bad %-escape in " + quote(rawVal)
		} else {
			g.value = val
		}
	}

	// The figure comes first: it chooses the defaults of everything else.
	v := Defaults(Figs[0])
	for _, s := range Table {
		g := got[s.Name]
		if g == nil {
			continue
		}
		if g.count > 1 {
			n.add(&Notice{Param: s.Name, Message: "given " + strconv.Itoa(g.count) + " times; using the last"})
		}
		if g.problem != "" {
			n.add(&Notice{Param: s.Name, Message: g.problem + "; using " + shown(v.Get(s.Name))})
			continue
		}
		if s.Name == "fig" {
			p := v.Set("fig", g.value)
			n.add(p)
			v = Defaults(v.Fig)
			continue
		}
		n.add(v.Set(s.Name, g.value))
	}
	return v, n.list()
}

// countPairs counts the non-empty "&"-separated pairs in raw.
func countPairs(raw string) int {
	n := 0
	for raw != "" {
		var seg string
		seg, raw, _ = strings.Cut(raw, "&")
		if seg != "" {
			n++
		}
	}
	return n
}

// Set validates value and assigns it to parameter name. A bad value leaves
// v unchanged and returns a notice saying what is kept; nil means the value
// was taken as given. Setting "fig" changes only Fig (the other values stay
// as they are).
func (v *Values) Set(name, value string) *Notice {
	s, ok := Lookup(name)
	if !ok {
		return unknownName(name)
	}
	x, problem, ok := s.parse(value)
	if ok {
		s.store(v, x)
	}
	if problem == "" {
		return nil
	}
	if !ok {
		problem += "; using " + shown(v.Get(name))
	}
	return &Notice{Param: name, Message: problem}
}

// SetMany applies several assignments, as set() and postMessage give them,
// in the order of Table (so fig first), then reports unknown names in
// sorted order. It returns the notices, capped as ParseQuery's are.
func (v *Values) SetMany(m map[string]string) []Notice {
	var n notes
	for _, s := range Table {
		if value, ok := m[s.Name]; ok {
			n.add(v.Set(s.Name, value))
		}
	}
	var unknown []string
	for name := range m {
		if _, ok := index[name]; !ok {
			unknown = append(unknown, name)
		}
	}
	slices.Sort(unknown)
	for _, name := range unknown {
		n.unknown = append(n.unknown, *unknownName(name))
	}
	return n.list()
}

// unknownName is the notice for a name not in Table, with a suggestion when
// it differs from a known name only in case or surrounding spaces.
func unknownName(name string) *Notice {
	msg := "unknown parameter; ignored"
	if len(name) <= MaxValueLen {
		t := strings.TrimSpace(name)
		for _, s := range Table {
			if strings.EqualFold(t, s.Name) {
				msg = "unknown parameter (did you mean " + s.Name + "?); ignored"
				break
			}
		}
	}
	p := clean(name)
	if p == "" {
		p = `""`
	}
	return &Notice{Param: p, Message: msg}
}

// shown is how a notice names a kept value.
func shown(text string) string {
	if text == "" {
		return "none"
	}
	return text
}

// parse validates text for s. ok reports whether x may be stored; problem,
// if not empty, says what was wrong (with ok true, something was dropped:
// unknown names in a list).
func (s *Spec) parse(text string) (x parsed, problem string, ok bool) {
	if len(text) > MaxValueLen {
		return x, "value too long (" + strconv.Itoa(len(text)) + " bytes)", false
	}
	if text == "" && s.Kind != List {
		return x, "empty value", false
	}
	switch s.Kind {
	case Float:
		if !isDecimal(text) {
			return x, quote(text) + " is not a number", false
		}
		f, err := strconv.ParseFloat(text, 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) || f < s.Min || f > s.Max || (s.MinOpen && f == s.Min) {
			return x, quote(text) + " is outside " + s.rangeText(), false
		}
		if f == 0 {
			f = 0 // -0 becomes 0
		}
		x.f = f
	case Int:
		if !isDecimal(text) {
			return x, quote(text) + " is not a number", false
		}
		digits := strings.TrimLeft(text, "+-")
		if strings.ContainsAny(digits, ".eE") {
			return x, quote(text) + " is not a whole number", false
		}
		u, err := strconv.ParseUint(digits, 10, 64)
		negative := text[0] == '-' && u != 0
		if err != nil || negative || float64(u) < s.Min || float64(u) > s.Max || u > MaxSeed {
			return x, quote(text) + " is outside " + s.rangeText(), false
		}
		x.u = u
	case Bool:
		switch strings.ToLower(text) {
		case "1", "true", "yes", "on":
			x.b = true
		case "0", "false", "no", "off":
			x.b = false
		default:
			return x, quote(text) + " is not 0 or 1", false
		}
	case Enum:
		t := strings.ToLower(text)
		if !slices.Contains(s.Choices, t) {
			return x, quote(text) + " is not one of " + strings.Join(s.Choices, ", "), false
		}
		x.s = t
	case List:
		var bad []string
		for _, item := range strings.Split(text, ",") {
			t := strings.ToLower(item)
			switch {
			case item == "":
			case slices.Contains(s.Choices, t):
				if !slices.Contains(x.list, t) {
					x.list = append(x.list, t)
				}
			default:
				bad = append(bad, item)
			}
		}
		// Canonical order: the order of Choices.
		slices.SortFunc(x.list, func(a, b string) int {
			return slices.Index(s.Choices, a) - slices.Index(s.Choices, b)
		})
		switch len(bad) {
		case 0:
		case 1:
			problem = quote(bad[0]) + " cannot be hidden; ignored"
		default:
			problem = quote(bad[0]) + " and " + strconv.Itoa(len(bad)-1) + " more cannot be hidden; ignored"
		}
	}
	return x, problem, true
}

// rangeText writes s's range as "[min, max]", or "(min, max]" when Min is
// excluded.
func (s *Spec) rangeText() string {
	open := "["
	if s.MinOpen {
		open = "("
	}
	lo, hi := formatFloat(s.Min), formatFloat(s.Max)
	if s.Kind == Int {
		lo, hi = strconv.FormatUint(uint64(s.Min), 10), strconv.FormatUint(uint64(s.Max), 10)
	}
	return open + lo + ", " + hi + "]"
}

// isDecimal reports whether s is a plain decimal number: an optional sign,
// digits with at most one '.', at least one digit, and an optional exponent
// (e or E, optional sign, digits). No spaces, hex, '_', Inf or NaN.
func isDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(s) && isDigit(s[i]); i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for ; i < len(s) && isDigit(s[i]); i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for ; i < len(s) && isDigit(s[i]); i++ {
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// unescape decodes %XX escapes and '+' (a space); ok is false for a '%'
// not followed by two hex digits.
func unescape(s string) (string, bool) {
	if strings.IndexByte(s, '%') < 0 && strings.IndexByte(s, '+') < 0 {
		return s, true
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '+':
			b = append(b, ' ')
		case '%':
			if i+2 >= len(s) || unhex(s[i+1]) < 0 || unhex(s[i+2]) < 0 {
				return "", false
			}
			b = append(b, byte(unhex(s[i+1])<<4|unhex(s[i+2])))
			i += 2
		default:
			b = append(b, c)
		}
	}
	return string(b), true
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
