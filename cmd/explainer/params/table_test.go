package params

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// Every default in Table and FigDefaults must parse without a notice and be
// what Defaults returns.
func TestDefaultsParseCleanly(t *testing.T) {
	for _, s := range Table {
		var v Values
		if n := v.Set(s.Name, s.Default); n != nil {
			t.Errorf("Table default of %s: %v", s.Name, n)
		}
	}
	for fig, m := range FigDefaults {
		if !slices.Contains(Figs, fig) {
			t.Errorf("FigDefaults has unknown figure %q", fig)
		}
		d := Defaults(fig)
		if d.Fig != fig {
			t.Errorf("Defaults(%q).Fig = %q", fig, d.Fig)
		}
		for name, text := range m {
			if _, ok := Lookup(name); !ok || name == "fig" {
				t.Errorf("FigDefaults[%s] names %q, not a settable parameter", fig, name)
				continue
			}
			var v Values
			if n := v.Set(name, text); n != nil {
				t.Errorf("FigDefaults[%s][%s]: %v", fig, name, n)
			}
			if got := d.Get(name); got != v.Get(name) {
				t.Errorf("Defaults(%s).Get(%s) = %s, want %s", fig, name, got, v.Get(name))
			}
		}
	}
	for _, fig := range Figs {
		if _, ok := FigDefaults[fig]; !ok {
			t.Errorf("no FigDefaults entry for %s", fig)
		}
	}
}

// The numbers the lesson's figures are tuned to (see FigDefaults).
func TestContractDefaults(t *testing.T) {
	cases := []struct {
		fig, name, want string
	}{
		{"valley", "lr", "0.5"}, {"accumulator", "lr", "0.5"}, {"freeze", "lr", "0.3"}, {"sparse", "lr", "0.5"},
		{"valley", "sgdlr", "0.18"}, {"sparse", "sgdlr", "0.18"},
		{"valley", "x0", "-4.5"}, {"valley", "y0", "2"}, {"freeze", "x0", "-40"}, {"freeze", "y0", "5"},
		{"valley", "a", "0.02"}, {"accumulator", "a", "0.2"}, {"freeze", "a", "0.2"}, {"valley", "b", "10"}, {"valley", "angle", "0"},
		{"valley", "eps", "1e-8"}, {"valley", "epsin", "1"}, {"valley", "g0", "0"},
		{"valley", "rho", "0.9"}, {"valley", "forget", "0"},
		{"valley", "p", "0"}, {"sparse", "p", "0.8"},
		{"valley", "seed", "1"}, {"valley", "speed", "8"}, {"valley", "play", "1"},
		{"valley", "theme", "auto"}, {"valley", "controls", "1"}, {"valley", "hide", ""},
	}
	for _, c := range cases {
		if got := Defaults(c.fig).Get(c.name); got != c.want {
			t.Errorf("Defaults(%s).Get(%s) = %q, want %q", c.fig, c.name, got, c.want)
		}
	}
	if got := Defaults("nope").Fig; got != "valley" {
		t.Errorf("Defaults(unknown).Fig = %q, want valley", got)
	}
}

func TestTableInvariants(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range Table {
		if seen[s.Name] {
			t.Errorf("duplicate name %s", s.Name)
		}
		seen[s.Name] = true
		if s.Label == "" || s.Help == "" || s.field == nil {
			t.Errorf("%s: missing label, help or field", s.Name)
		}
		for _, f := range s.Figs {
			if !slices.Contains(Figs, f) {
				t.Errorf("%s: unknown figure %q in Figs", s.Name, f)
			}
		}
		if s.Kind == Float || s.Kind == Int {
			c := s.control()
			if !(s.Min <= c.Min && c.Min < c.Max && c.Max <= s.Max) {
				t.Errorf("%s: control range [%g, %g] not inside [%g, %g]", s.Name, c.Min, c.Max, s.Min, s.Max)
			}
			if s.Log && c.Min <= 0 {
				t.Errorf("%s: log slider needs a positive minimum, has %g", s.Name, c.Min)
			}
		}
	}
	// hide= accepts exactly the names that have a control, then the panels.
	var want []string
	for _, s := range Table {
		if len(s.Figs) > 0 {
			want = append(want, s.Name)
		}
	}
	want = append(want, Panels...)
	hide, _ := Lookup("hide")
	if !slices.Equal(hide.Choices, want) {
		t.Errorf("hide choices = %v, want %v", hide.Choices, want)
	}
	// Every figure shows lr.
	for _, fig := range Figs {
		if !slices.ContainsFunc(ControlsFor(fig), func(c Control) bool { return c.Name == "lr" }) {
			t.Errorf("figure %s has no lr control", fig)
		}
	}
}

func TestMarkdownListsEveryParameter(t *testing.T) {
	md := Markdown()
	lines := strings.Split(strings.TrimSpace(md), "\n")
	if len(lines) != len(Table)+2 {
		t.Fatalf("Markdown has %d lines, want %d", len(lines), len(Table)+2)
	}
	for i, s := range Table {
		line := lines[i+2]
		if !strings.HasPrefix(line, "| `"+s.Name+"` | "+s.Kind.String()+" |") {
			t.Errorf("line %d = %q, want the row of %s", i+2, line, s.Name)
		}
		if strings.Count(line, "|")-strings.Count(line, `\|`) != 6 {
			t.Errorf("row of %s does not have 5 cells: %q", s.Name, line)
		}
	}
	if !strings.Contains(md, "freeze: `0.3`") || !strings.Contains(md, "sparse: `0.8`") {
		t.Errorf("Markdown lacks per-figure defaults:\n%s", md)
	}
}

// Each figure's speed menu holds its default speed as "normal", within the
// speed's range, fastest last.
func TestSpeedsFor(t *testing.T) {
	speed, _ := Lookup("speed")
	for _, fig := range Figs {
		menu := SpeedsFor(fig)
		d := Defaults(fig).Speed
		if len(menu) < 3 {
			t.Errorf("%s: a menu of %d speeds", fig, len(menu))
			continue
		}
		near := false
		for i, p := range menu {
			if p.Steps < speed.Min || p.Steps > speed.Max || (i > 0 && p.Steps <= menu[i-1].Steps) {
				t.Errorf("%s: speed menu %v out of range or order", fig, menu)
			}
			if math.Abs(math.Log(p.Steps/d)) < math.Log(1.5) {
				near = true
			}
		}
		if !near {
			t.Errorf("%s: default speed %g, menu %v: nothing near it", fig, d, menu)
		}
	}
	if got := SpeedsFor("valley"); len(got) != len(SpeedPresets) || got[1].Steps != 8 {
		t.Errorf("valley's menu is %v, want the presets", got)
	}
}
