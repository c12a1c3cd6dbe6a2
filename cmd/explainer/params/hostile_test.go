package params

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// hostile lists one case per kind of bad input (malformed, out of range,
// oversized, repeated, injected). Each names the parameter to look at, the
// value it must end with and whether a notice must name it (noticeParam,
// when it differs from param).
var hostile = []struct {
	kind        string
	query       string
	param, want string
	notice      bool   // a notice must name the parameter
	noticeParam string // the name the notice gives, if not param
	contains    string // text the notice must contain
}{
	{kind: "NaN", query: "lr=NaN", param: "lr", want: "0.5", notice: true, contains: `"NaN" is not a number; using 0.5`},
	{kind: "nan", query: "lr=nan", param: "lr", want: "0.5", notice: true},
	{kind: "Inf", query: "x0=Inf", param: "x0", want: "-4.5", notice: true},
	{kind: "Infinity", query: "x0=Infinity", param: "x0", want: "-4.5", notice: true},
	{kind: "-Inf", query: "x0=-Inf", param: "x0", want: "-4.5", notice: true},
	{kind: "1e309", query: "x0=1e309", param: "x0", want: "-4.5", notice: true, contains: "outside [-50, 50]"},
	{kind: "-1e309", query: "y0=-1e309", param: "y0", want: "2", notice: true},
	{kind: "huge exponent", query: "b=1e99999999999999999999", param: "b", want: "10", notice: true},
	{kind: "underflow to 0 on open range", query: "lr=1e-400", param: "lr", want: "0.5", notice: true},
	{kind: "-0 becomes 0", query: "x0=-0", param: "x0", want: "0"},
	{kind: "-0.0e0 becomes 0", query: "angle=-0.0e0", param: "angle", want: "0"},
	{kind: "hex 0x10", query: "b=0x10", param: "b", want: "10", notice: true},
	{kind: "hex float 0x1p4", query: "b=0x1p4", param: "b", want: "10", notice: true},
	{kind: "underscore 1_000", query: "speed=1_000", param: "speed", want: "8", notice: true},
	{kind: "leading space", query: "lr=%201", param: "lr", want: "0.5", notice: true},
	{kind: "trailing space", query: "lr=1%20", param: "lr", want: "0.5", notice: true},
	{kind: "+ is a space", query: "lr=+2", param: "lr", want: "0.5", notice: true},
	{kind: "+ in an exponent is a space", query: "g0=1e+01", param: "g0", want: "0", notice: true, contains: `"1e 01" is not a number`},
	{kind: "%2B is a plus sign", query: "lr=%2B2", param: "lr", want: "2"},
	{kind: "empty", query: "lr=", param: "lr", want: "0.5", notice: true, contains: "empty value; using 0.5"},
	{kind: "name only", query: "play", param: "play", want: "1", notice: true},
	{kind: "duplicated keys: last wins", query: "lr=2&lr=3", param: "lr", want: "3", notice: true, contains: "given 2 times"},
	{kind: "duplicated keys: bad last keeps default", query: "lr=2&lr=abc", param: "lr", want: "0.5", notice: true},
	{kind: "100 KB value", query: "lr=" + strings.Repeat("1", 100_000), param: "lr", want: "0.5", notice: true, contains: "too long"},
	{kind: "100 KB escaped value", query: "hide=" + strings.Repeat("%3C", 33_000), param: "hide", want: "", notice: true, contains: "too long"},
	{kind: "300-byte decoded value", query: "hide=" + strings.Repeat("legend,", 43), param: "hide", want: "", notice: true, contains: "too long"},
	{kind: "100 KB unknown name", query: strings.Repeat("k", 100_000) + "=1&lr=2", param: "lr", want: "2", notice: true, noticeParam: strings.Repeat("k", 40) + "…"},
	{kind: "10,000 keys", query: "lr=2&" + manyKeys(10_000) + "&x0=3", param: "x0", want: "-4.5", notice: true, noticeParam: "query", contains: "the last 9938 were ignored"},
	{kind: "10,000 duplicated keys", query: strings.Repeat("lr=2&", 10_000), param: "lr", want: "2", notice: true, contains: "given 64 times"},
	{kind: "unknown key", query: "foo=1&lr=2", param: "lr", want: "2", notice: true, noticeParam: "foo", contains: "unknown parameter; ignored"},
	{kind: "unknown key in another case", query: "LR=2", param: "lr", want: "0.5", notice: true, noticeParam: "LR", contains: "did you mean lr?"},
	{kind: "unknown fig", query: "fig=xyz&lr=2", param: "fig", want: "valley", notice: true, contains: "is not one of valley, accumulator, freeze, sparse, rare, rotation; using valley"},
	{kind: "unknown fig keeps the other values", query: "fig=xyz&lr=2", param: "lr", want: "2", notice: true, noticeParam: "fig"},
	{kind: "fig in capitals", query: "fig=SPARSE", param: "p", want: "0.8"},
	{kind: "fig sets per-figure defaults", query: "lr=2&fig=freeze", param: "sgdlr", want: "0.18"},
	{kind: "Unicode fullwidth digit", query: "lr=%EF%BC%92", param: "lr", want: "0.5", notice: true, contains: `"２"`},
	{kind: "Unicode Arabic-Indic digit", query: "seed=%D9%A3", param: "seed", want: "1", notice: true},
	{kind: "Unicode name", query: "%C4%BEr=2", param: "lr", want: "0.5", notice: true, noticeParam: "ľr"},
	{kind: "Unicode minus sign", query: "x0=%E2%88%921", param: "x0", want: "-4.5", notice: true},
	{kind: "RTL mark in value", query: "lr=%E2%80%8F2", param: "lr", want: "0.5", notice: true, contains: `"2" is not a number`},
	{kind: "RTL override in fig", query: "fig=%E2%80%AEyellav", param: "fig", want: "valley", notice: true, contains: `"yellav"`},
	{kind: "zero-width space", query: "theme=dark%E2%80%8B", param: "theme", want: "auto", notice: true},
	{kind: "NUL byte", query: "lr=1%00", param: "lr", want: "0.5", notice: true, contains: `"1" is not a number`},
	{kind: "newline", query: "lr=1%0A", param: "lr", want: "0.5", notice: true},
	{kind: "invalid UTF-8", query: "theme=%FF%FE", param: "theme", want: "auto", notice: true, contains: "\"\uFFFD\uFFFD\""},
	{kind: "script tag", query: "theme=%3Cscript%3Ealert(1)%3C/script%3E", param: "theme", want: "auto", notice: true, contains: "‹script›alert(1)‹/script›"},
	{kind: "raw script tag", query: "fig=<script>alert(1)</script>", param: "fig", want: "valley", notice: true},
	{kind: "attribute breakout", query: "fig=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", param: "fig", want: "valley", notice: true, contains: `""›‹img src=x onerror=alert(1)›"`},
	{kind: "script in a hide item", query: "hide=legend,%3Cb%3E", param: "hide", want: "legend", notice: true, contains: `"‹b›" cannot be hidden`},
	{kind: "script as a name", query: "%3Cscript%3E=1", param: "lr", want: "0.5", notice: true, noticeParam: "‹script›"},
	{kind: "broken escape %zz", query: "lr=%zz", param: "lr", want: "0.5", notice: true, contains: "bad %-escape"},
	{kind: "lone %", query: "lr=%", param: "lr", want: "0.5", notice: true},
	{kind: "trailing %4", query: "lr=1%4", param: "lr", want: "0.5", notice: true},
	{kind: "broken escape in name", query: "l%zzr=1&lr=2", param: "lr", want: "2", notice: true, noticeParam: "l%zzr"},
	{kind: "semicolon separator", query: "lr=2;x0=3", param: "lr", want: "0.5", notice: true},
	{kind: "semicolon does not split", query: "lr=2;x0=3", param: "x0", want: "-4.5", notice: true, noticeParam: "lr"},
	{kind: "semicolon in a name", query: "lr;x0=3", param: "x0", want: "-4.5", notice: true, noticeParam: "lr;x0"},
	{kind: "fragment is ignored", query: "lr=2#x0=3", param: "x0", want: "-4.5"},
	{kind: "leading ? and empty pairs", query: "?&&lr=2&&", param: "lr", want: "2"},
	{kind: "below an open minimum", query: "lr=0", param: "lr", want: "0.5", notice: true, contains: "outside (0, 10]"},
	{kind: "negative rate", query: "sgdlr=-1", param: "sgdlr", want: "0.18", notice: true},
	{kind: "below minimum", query: "b=0.001", param: "b", want: "10", notice: true},
	{kind: "above maximum", query: "lr=11", param: "lr", want: "0.5", notice: true},
	{kind: "rho of 1", query: "fig=freeze&rho=1", param: "rho", want: "0.9", notice: true},
	{kind: "p above 1", query: "fig=sparse&p=1.01", param: "p", want: "0.8", notice: true},
	{kind: "speed far too high", query: "speed=1e6", param: "speed", want: "8", notice: true},
	{kind: "top of range accepted", query: "lr=10", param: "lr", want: "10"},
	{kind: "eps 0 accepted", query: "eps=0", param: "eps", want: "0"},
	{kind: "seed overflows uint64", query: "seed=18446744073709551616", param: "seed", want: "1", notice: true},
	{kind: "seed 2^53", query: "seed=9007199254740992", param: "seed", want: "1", notice: true},
	{kind: "seed 2^53-1 accepted", query: "seed=9007199254740991", param: "seed", want: "9007199254740991"},
	{kind: "seed negative", query: "seed=-1", param: "seed", want: "1", notice: true},
	{kind: "seed -0 is 0", query: "seed=-0", param: "seed", want: "0"},
	{kind: "seed fraction", query: "seed=1.5", param: "seed", want: "1", notice: true, contains: "not a whole number"},
	{kind: "seed exponent", query: "seed=1e3", param: "seed", want: "1", notice: true},
	{kind: "vocab below 100", query: "fig=rare&vocab=99", param: "vocab", want: "10000", notice: true, contains: "outside [100, 1000000]"},
	{kind: "vocab above a million", query: "fig=rare&vocab=1000001", param: "vocab", want: "10000", notice: true},
	{kind: "vocab in e-notation", query: "fig=rare&vocab=1e5", param: "vocab", want: "10000", notice: true, contains: "not a whole number"},
	{kind: "vocab a million accepted", query: "fig=rare&vocab=1000000", param: "vocab", want: "1000000"},
	{kind: "vocab malformed", query: "fig=rare&vocab=10k", param: "vocab", want: "10000", notice: true, contains: "not a number"},
	{kind: "zipf of 1", query: "fig=rare&zipf=1", param: "zipf", want: "1.1", notice: true, contains: "outside [1.01, 3]"},
	{kind: "zipf NaN", query: "fig=rare&zipf=NaN", param: "zipf", want: "1.1", notice: true},
	{kind: "zipf above 3", query: "fig=rare&zipf=3.5", param: "zipf", want: "1.1", notice: true},
	{kind: "words 0", query: "fig=rare&words=0", param: "words", want: "10", notice: true, contains: "outside [1, 200]"},
	{kind: "words fraction", query: "fig=rare&words=2.5", param: "words", want: "10", notice: true},
	{kind: "words 200 accepted", query: "fig=rare&words=200", param: "words", want: "200"},
	{kind: "rare's own rates", query: "fig=rare", param: "sgdlr", want: "0.1"},
	{kind: "bool yes", query: "play=yes&controls=no", param: "play", want: "1"},
	{kind: "bool true", query: "forget=true", param: "forget", want: "1"},
	{kind: "bool 1", query: "forget=1", param: "forget", want: "1"},
	{kind: "bool on", query: "forget=ON", param: "forget", want: "1"},
	{kind: "bool off", query: "play=off", param: "play", want: "0"},
	{kind: "bool maybe", query: "play=maybe", param: "play", want: "1", notice: true, contains: "is not 0 or 1"},
	{kind: "bool 2", query: "controls=2", param: "controls", want: "1", notice: true},
	{kind: "hide unknown and repeated", query: "hide=plot,legend,plot,foo,,", param: "hide", want: "legend,plot", notice: true, contains: `"foo" cannot be hidden`},
}

// manyKeys returns n distinct unknown pairs joined by "&".
func manyKeys(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString("k" + strconv.Itoa(i) + "=1")
	}
	return b.String()
}

func TestHostileQueries(t *testing.T) {
	for _, c := range hostile {
		t.Run(c.kind, func(t *testing.T) {
			v, ns := ParseQuery(c.query)
			checkValid(t, v)
			checkNotices(t, ns)
			checkRoundTrip(t, v)
			if got := v.Get(c.param); got != c.want {
				t.Errorf("%s = %q, want %q (notices %v)", c.param, got, c.want, ns)
			}
			name := c.param
			if c.noticeParam != "" {
				name = c.noticeParam
			}
			var found *Notice
			for i := range ns {
				if ns[i].Param == name {
					found = &ns[i]
					break
				}
			}
			switch {
			case c.notice && found == nil:
				t.Errorf("no notice names %q; got %v", name, ns)
			case !c.notice && len(ns) > 0:
				t.Errorf("unexpected notices %v", ns)
			case found != nil && !strings.Contains(found.String(), c.contains):
				t.Errorf("notice %q does not contain %q", found.String(), c.contains)
			}
		})
	}
	t.Logf("%d hostile query kinds", len(hostile))
}

// -0 must come out as +0, not merely print as 0.
func TestNegativeZeroIsPositive(t *testing.T) {
	v, _ := ParseQuery("x0=-0&y0=-0.0&angle=-0e5&g0=-0")
	for _, x := range []float64{v.X0, v.Y0, v.Angle, v.G0} {
		if x != 0 || math.Signbit(x) {
			t.Errorf("got %v (signbit %v), want +0", x, math.Signbit(x))
		}
	}
	if q := v.Query(); strings.Contains(q, "-0") {
		t.Errorf("Query %q writes -0", q)
	}
}

func TestNoticeCap(t *testing.T) {
	q := "lr=a&sgdlr=a&x0=a&y0=a&a=a&b=a&angle=a&eps=a&epsin=a&g0=a&rho=a&foo=1"
	_, ns := ParseQuery(q)
	if len(ns) != MaxNotices+1 {
		t.Fatalf("%d notices, want %d: %v", len(ns), MaxNotices+1, ns)
	}
	if last := ns[MaxNotices].String(); last != "and 4 more problems" {
		t.Errorf("summary = %q", last)
	}
	if ns[0].Param != "lr" {
		t.Errorf("first notice %v, want lr's (known names come before unknown)", ns[0])
	}
}

func TestCleanTruncates(t *testing.T) {
	long := strings.Repeat("é", 100)
	got := clean(long)
	if want := strings.Repeat("é", 40) + "…"; got != want {
		t.Errorf("clean(100 runes) = %q, want %q", got, want)
	}
	if got := clean("a\u202eb\u200fc\td\x00e\u2028f<g>"); got != "abcdef‹g›" {
		t.Errorf("clean = %q", got)
	}
	if got := clean(strings.Repeat("\u200f", 100) + "x"); got != "x" {
		t.Errorf("stripped characters must not count: %q", got)
	}
}

func BenchmarkParseQuery10000Keys(b *testing.B) {
	q := manyKeys(10_000)
	for b.Loop() {
		ParseQuery(q)
	}
}

func BenchmarkParseQueryTypical(b *testing.B) {
	q := "fig=sparse&lr=0.5&sgdlr=0.05&p=0.9&seed=42&hide=legend,plot&play=0"
	for b.Loop() {
		ParseQuery(q)
	}
}

func TestOneMoreProblemIsSingular(t *testing.T) {
	q := ""
	for i := 0; i <= MaxNotices; i++ {
		q += "&unknown" + strconv.Itoa(i) + "=1"
	}
	_, ns := ParseQuery(q)
	if len(ns) != MaxNotices+1 || ns[MaxNotices].String() != "and 1 more problem" {
		t.Errorf("notices %v, want %d and then \"and 1 more problem\"", ns, MaxNotices)
	}
}
