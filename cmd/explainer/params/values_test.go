package params

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestSetKeepsCurrentValueOnBadInput(t *testing.T) {
	v := Defaults("valley")
	if n := v.Set("lr", "2.5"); n != nil {
		t.Fatalf("Set lr 2.5: %v", n)
	}
	n := v.Set("lr", "abc")
	if n == nil || n.String() != `lr: "abc" is not a number; using 2.5` {
		t.Errorf("notice = %v", n)
	}
	if v.LR != 2.5 {
		t.Errorf("LR = %v, want the current 2.5 kept", v.LR)
	}
	if n := v.Set("nope", "1"); n == nil || n.Param != "nope" {
		t.Errorf("unknown name: notice %v", n)
	}
	if n := v.Set("fig", "freeze"); n != nil || v.Fig != "freeze" || v.LR != 2.5 {
		t.Errorf("Set fig must change only Fig: %v, %+v", n, v)
	}
	if n := v.Set("hide", ""); n != nil || len(v.Hide) != 0 {
		t.Errorf("empty hide: %v %v", n, v.Hide)
	}
}

func TestSetManyOrderAndNotices(t *testing.T) {
	v := Defaults("valley")
	ns := v.SetMany(map[string]string{
		"zeta": "1", "lr": "3", "seed": "oops", "alpha": "2", "fig": "sparse", "hide": "readout",
	})
	if v.Fig != "sparse" || v.LR != 3 || v.Seed != 1 || !slices.Equal(v.Hide, []string{"readout"}) {
		t.Errorf("SetMany gave %+v", v)
	}
	var got []string
	for _, n := range ns {
		got = append(got, n.Param)
	}
	if want := []string{"seed", "alpha", "zeta"}; !slices.Equal(got, want) {
		t.Errorf("notice params %v, want %v (table order, then sorted unknowns)", got, want)
	}
	// A flood of unknown names is capped.
	flood := map[string]string{}
	for i := range 10_000 {
		flood["k"+strconv.Itoa(i)] = "<x>"
	}
	ns = v.SetMany(flood)
	checkNotices(t, ns)
	if len(ns) != MaxNotices+1 {
		t.Errorf("%d notices for 10,000 unknown names", len(ns))
	}
}

func TestQueryCanonical(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", "fig=valley"},
		{"fig=freeze&lr=0.3", "fig=freeze"},
		{"lr=0.30&fig=freeze&x0=-40", "fig=freeze"},
		{"hide=plot,legend&play=0&lr=2&theme=dark", "fig=valley&lr=2&play=0&theme=dark&hide=legend,plot"},
		{"eps=0.00000001", "fig=valley"},
		{"eps=1e-10&seed=42&speed=1000", "fig=valley&eps=1e-10&seed=42&speed=1000"},
		{"fig=sparse&p=0&x0=1E1", "fig=sparse&x0=10&p=0"},
		{"g0=1e%2B01", "fig=valley&g0=10"},
	}
	for _, c := range cases {
		v, ns := ParseQuery(c.in)
		if len(ns) != 0 {
			t.Errorf("ParseQuery(%q) notices %v", c.in, ns)
		}
		if got := v.Query(); got != c.want {
			t.Errorf("Query of %q = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFormatFloat(t *testing.T) {
	for _, c := range []struct {
		x    float64
		want string
	}{{1e-8, "1e-8"}, {1e21, "1e21"}, {-2.5e-300, "-2.5e-300"}, {0.09, "0.09"}, {100, "100"}, {math.Copysign(0, -1), "0"}, {math.NaN(), "0"}} {
		if got := formatFloat(c.x); got != c.want {
			t.Errorf("formatFloat(%v) = %q, want %q", c.x, got, c.want)
		}
	}
}

// randomValues draws a valid Values: each parameter at a random point of
// its range (including the ends), or its default.
func randomValues(r *rand.Rand) Values {
	v := Defaults(Figs[r.IntN(len(Figs))])
	for _, s := range Table {
		if s.Name == "fig" || r.IntN(3) == 0 {
			continue
		}
		var text string
		switch s.Kind {
		case Float:
			var x float64
			switch r.IntN(5) {
			case 0:
				x = s.Min
			case 1:
				x = s.Max
			case 2:
				x = s.Min + (s.Max-s.Min)*r.Float64()
			default: // log-uniform draws hit tiny and awkward values
				lo := math.Max(s.Min, 1e-12)
				x = math.Exp(math.Log(lo) + (math.Log(s.Max)-math.Log(lo))*r.Float64())
			}
			text = strconv.FormatFloat(x, 'g', -1, 64)
		case Int:
			text = strconv.FormatUint(r.Uint64N(uint64(s.Max)+1), 10)
		case Bool:
			text = strconv.Itoa(r.IntN(2))
		case Enum:
			text = s.Choices[r.IntN(len(s.Choices))]
		case List:
			var items []string
			for _, c := range s.Choices {
				if r.IntN(4) == 0 {
					items = append(items, c)
				}
			}
			text = strings.Join(items, ",")
		}
		v.Set(s.Name, text) // may be rejected (an open minimum): v stays valid
	}
	return v
}

// Property: Query() of any valid Values re-parses to equal Values with no
// notices.
func TestQueryRoundTripProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const n = 20_000
	for i := 0; i < n; i++ {
		v := randomValues(r)
		checkValid(t, v)
		checkRoundTrip(t, v)
		if t.Failed() {
			t.Fatalf("failed on draw %d: %+v", i, v)
		}
	}
	t.Logf("%d random Values round-tripped", n)
}

// Random hostile queries built from dangerous fragments: the parser must
// keep every invariant.
func TestRandomHostileQueries(t *testing.T) {
	frags := []string{"lr", "sgdlr", "x0", "fig", "hide", "seed", "play", "theme", "=", "&", "&&", ";", "%", "%zz", "%2", "%00",
		"%E2%80%8F", "%FF", "+", "-", "0", "-0", "1e309", "NaN", "Inf", "0x10", "1_0", ".", "e", "9007199254740992",
		"<script>", "\"><img>", "valley", "sparse", ",", "legend", "é", "\u202e", "#", "?", " ", "10", "1e-8"}
	r := rand.New(rand.NewPCG(3, 4))
	const n = 50_000
	for i := 0; i < n; i++ {
		var b strings.Builder
		for k := r.IntN(20); k >= 0; k-- {
			b.WriteString(frags[r.IntN(len(frags))])
		}
		q := b.String()
		v, ns := ParseQuery(q)
		checkValid(t, v)
		checkNotices(t, ns)
		checkRoundTrip(t, v)
		if t.Failed() {
			t.Fatalf("failed on %q", q)
		}
	}
	t.Logf("%d random hostile queries", n)
}

func TestClamp(t *testing.T) {
	cases := []struct {
		name string
		x    float64
		want float64
	}{
		{"x0", 60, 50}, {"x0", -1e300, -50}, {"x0", math.Inf(1), 50}, {"x0", math.NaN(), -4.5},
		{"lr", 0, math.Nextafter(0, 1)}, {"lr", -3, math.Nextafter(0, 1)}, {"lr", 11, 10},
		{"seed", 2.6, 3}, {"seed", -5, 0}, {"seed", 1e300, MaxSeed},
		{"angle", math.Copysign(0, -1), 0}, {"theme", 7, 7},
	}
	for _, c := range cases {
		got := Clamp(c.name, c.x)
		if got != c.want || math.Signbit(got) != math.Signbit(c.want) {
			t.Errorf("Clamp(%s, %v) = %v, want %v", c.name, c.x, got, c.want)
		}
		var v Values
		text := formatFloat(got)
		k, _ := Lookup(c.name)
		if k.Kind == Int {
			text = strconv.FormatUint(uint64(got), 10)
		}
		if (k.Kind == Float || k.Kind == Int) && v.Set(c.name, text) != nil {
			t.Errorf("Clamp(%s, %v) = %v does not parse back", c.name, c.x, got)
		}
	}
}

func TestControls(t *testing.T) {
	cs := ControlsFor("sparse")
	var names []string
	for _, c := range cs {
		names = append(names, c.Name)
	}
	if want := []string{"lr", "sgdlr", "p", "seed"}; !slices.Equal(names, want) {
		t.Errorf("sparse controls %v, want %v", names, want)
	}
	lr := cs[0]
	if lr.Kind != "float" || !lr.Log || lr.Min != 0.001 || lr.Max != 10 || lr.Label == "" || lr.Help == "" {
		t.Errorf("lr control = %+v", lr)
	}
	if seed := cs[3]; seed.Kind != "int" || seed.Max != MaxSeed || seed.Step != 1 {
		t.Errorf("seed control = %+v", seed)
	}
	v, _ := ParseQuery("fig=sparse&hide=sgdlr,seed,legend")
	names = names[:0]
	for _, c := range v.VisibleControls() {
		names = append(names, c.Name)
	}
	if want := []string{"lr", "p"}; !slices.Equal(names, want) {
		t.Errorf("visible controls %v, want %v", names, want)
	}
	if ControlsFor("nope") != nil {
		t.Errorf("an unknown figure has controls")
	}
}

func TestGetAndNumber(t *testing.T) {
	v, _ := ParseQuery("fig=sparse&seed=42&forget=1&hide=plot")
	for name, want := range map[string]float64{"seed": 42, "forget": 1, "p": 0.8, "lr": 0.5} {
		if x, ok := v.Number(name); !ok || x != want {
			t.Errorf("Number(%s) = %v, %v; want %v", name, x, ok, want)
		}
	}
	if _, ok := v.Number("theme"); ok {
		t.Errorf("Number(theme) ok")
	}
	if v.Get("nope") != "" || v.Get("hide") != "plot" || v.Get("fig") != "sparse" {
		t.Errorf("Get: %q %q %q", v.Get("nope"), v.Get("hide"), v.Get("fig"))
	}
	if !v.Hidden("plot") || v.Hidden("legend") {
		t.Errorf("Hidden wrong for %v", v.Hide)
	}
	// Defaults returns a copy: changing it changes nothing else.
	d := Defaults("valley")
	d.Hide = append(d.Hide, "plot")
	d.LR = 9
	if e := Defaults("valley"); len(e.Hide) != 0 || e.LR != 0.5 {
		t.Errorf("Defaults changed by a caller: %+v", e)
	}
}

// Object gives every parameter as the value Get prints, typed by its kind.
func TestObjectMatchesGet(t *testing.T) {
	v, _ := ParseQuery("fig=sparse&lr=0.3&seed=9007199254740991&forget=1&hide=legend,plot&theme=dark")
	obj := v.Object()
	if len(obj) != len(Table) {
		t.Fatalf("%d entries, want %d", len(obj), len(Table))
	}
	for _, s := range Table {
		got, text := obj[s.Name], v.Get(s.Name)
		var want any
		switch s.Kind {
		case Float, Int:
			x, err := strconv.ParseFloat(text, 64)
			if err != nil {
				t.Fatalf("%s: Get gave %q", s.Name, text)
			}
			want = x
		case Bool:
			want = text == "1"
		case List:
			var items []any
			for _, item := range strings.Split(text, ",") {
				if item != "" {
					items = append(items, item)
				}
			}
			if items == nil {
				items = []any{}
			}
			want = items
		default:
			want = text
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Object has %#v, Get says %q", s.Name, got, text)
		}
	}
	if obj["seed"] != float64(MaxSeed) || obj["forget"] != true || obj["theme"] != "dark" {
		t.Errorf("seed %v, forget %v, theme %v", obj["seed"], obj["forget"], obj["theme"])
	}
}
