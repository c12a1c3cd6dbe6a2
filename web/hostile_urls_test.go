//go:build !js

package web_test

// Hostile URLs: every bad query the figure page can be opened with is
// answered with the defaults and a notice, never a broken page.

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// hostileQuery is one hostile URL query. Queries that do not need a page
// of their own share a load with others (see hostileLoads): the notices
// name their parameter, so each is still checked on its own.
type hostileQuery struct {
	name  string
	query string   // FIG stands for the figure, FIGCAPS for it in capitals
	want  []string // text each of its notices must show; none: legal, and no notice may show
	alone bool     // needs a load of its own (sets fig, ends in a fragment, floods the notices)
	fig   string   // the figure that must come up; "" means the one asked for
}

func manyUnknownKeys(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf("k%d=%d", i, i)
	}
	return strings.Join(parts, "&")
}

// serverLimit is a little under cmd/serve's 64 KiB cap on request headers:
// a longer URL is refused with 431 before the page exists (as GitHub Pages
// refuses one of more than 8 KiB), so 100 KB values are tried through set()
// and postMessage instead, which have no such cap.
const serverLimit = 60_000

// hostileQueries is the URL corpus: every kind of malformed, out-of-range,
// oversized or repeated value, and the usual injection payloads, raw and
// percent-encoded.
var hostileQueries = []hostileQuery{
	{name: "NaN", query: "lr=NaN", want: []string{`lr: "NaN"`}},
	{name: "nan and -NaN", query: "sgdlr=-NaN&a=nan", want: []string{`sgdlr: "-NaN"`, `a: "nan"`}},
	{name: "Infinity", query: "x0=Infinity&y0=-Infinity", want: []string{`x0: "Infinity"`, `y0: "-Infinity"`}},
	{name: "Inf", query: "b=Inf", want: []string{`b: "Inf"`}},
	{name: "1e309", query: "x0=1e309", want: []string{`x0: "1e309" is outside`}},
	{name: "huge exponent", query: "b=1e99999999999999999999", want: []string{`b: "1e99999999999999999999" is outside`}},
	{name: "-0", query: "x0=-0&y0=-0.0&angle=-0e5", alone: true},
	{name: "hex", query: "b=0x10&g0=0x1p-2", want: []string{`b: "0x10"`, `g0: "0x1p-2"`}},
	{name: "empty value", query: "lr=", want: []string{"lr: empty value"}},
	{name: "empty values and names", query: "sgdlr=&=&=1&&y0=", want: []string{"sgdlr: empty value", "y0: empty value", `"": unknown`}},
	{name: "duplicated keys", query: "lr=2&lr=3&lr=4", want: []string{"lr: given 3 times"}},
	{name: "duplicated fig", query: "fig=FIG&fig=FIG", want: []string{"fig: given 2 times"}, alone: true},
	{name: "60 KB value", query: "lr=" + strings.Repeat("1", serverLimit), want: []string{"lr:"}, alone: true},
	{name: "60 KB escaped value", query: "hide=" + strings.Repeat("%3C", serverLimit/3), want: []string{"hide:"}, alone: true},
	{name: "60 KB name", query: strings.Repeat("k", serverLimit) + "=1", want: []string{"kkkk"}, alone: true},
	{name: "5,000 unknown keys", query: manyUnknownKeys(5_000), want: []string{": unknown parameter"}, alone: true},
	{name: "unknown keys", query: "foo=1&colour=red&LR=2", want: []string{"foo: unknown", "colour: unknown", "LR: unknown"}},
	{name: "prototype names", query: "__proto__=1&constructor=1&prototype=1&toString=1&hasOwnProperty=x&__proto__[lr]=9",
		want: []string{"__proto__: unknown", "constructor: unknown", "prototype: unknown", "toString: unknown", "hasOwnProperty: unknown", "__proto__[lr]: unknown"}, alone: true},
	{name: "unknown fig", query: "fig=xyz", want: []string{`fig: "xyz"`}, alone: true, fig: "valley"},
	{name: "fig in capitals", query: "fig=FIGCAPS", alone: true},
	{name: "script in fig", query: "fig=<script>alert(1)</script>", want: []string{`fig: "‹script›alert(1)‹/script›"`}, alone: true, fig: "valley"},
	{name: "img breakout in fig", query: "fig=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", want: []string{`fig: ""›‹img src=x onerror=alert(1)›"`}, alone: true, fig: "valley"},
	{name: "fullwidth digit", query: "lr=%EF%BC%92", want: []string{`lr: "２"`}},
	{name: "math digit", query: "sgdlr=%F0%9D%9F%9A", want: []string{`sgdlr: "𝟚"`}},
	{name: "Unicode minus", query: "x0=%E2%88%921", want: []string{`x0: "−1"`}},
	{name: "RTL override in fig", query: "fig=%E2%80%AEyellav", want: []string{`fig: "yellav"`}, alone: true, fig: "valley"},
	{name: "RTL mark in value", query: "lr=%E2%80%8F2", want: []string{"lr:"}},
	{name: "Hebrew theme", query: "theme=%D7%A9%D7%9C%D7%95%D7%9D", want: []string{`theme: "שלום"`}},
	{name: "Arabic-Indic seed", query: "seed=%D9%A3", want: []string{`seed: "٣"`}},
	{name: "script in theme", query: "theme=<script>alert(1)</script>", want: []string{`theme: "‹script›alert(1)‹/script›"`}},
	{name: "escaped script in theme", query: "theme=%3Cscript%3Ealert(document.domain)%3C%2Fscript%3E", want: []string{`theme: "‹script›alert(document.domain)‹/script›"`}},
	{name: "img in hide", query: "hide=<img src=x onerror=alert(1)>", want: []string{`hide: "‹img src=x onerror=alert(1)›"`}},
	{name: "escaped img among hide items", query: "hide=legend,%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E,plot", want: []string{`hide: "‹img src=x onerror=alert(1)›"`}},
	{name: "svg onload as a name", query: "%22%3E%3Csvg%2Fonload%3Dalert(1)%3E=1", want: []string{`"›‹svg/onload=alert(1)›: unknown`}},
	{name: "script as a name", query: "%3Cscript%3Ealert(1)%3C%2Fscript%3E=1", want: []string{"‹script›alert(1)‹/script›: unknown"}},
	{name: "broken escape", query: "lr=%zz", want: []string{`lr: bad %-escape`}},
	{name: "lone percent", query: "eps=%&x0=1%4", want: []string{`eps: bad %-escape`, `x0: bad %-escape`}},
	{name: "javascript: URL", query: "lr=javascript:alert(1)", want: []string{`lr: "javascript:alert(1)"`}},
	{name: "javascript: theme and hide", query: "theme=javascript:alert(1)&hide=javascript%3Aalert(1)", want: []string{`theme: "javascript:alert(1)"`, `hide: "javascript:alert(1)"`}},
	{name: "data: URL", query: "hide=data:text/html,%3Cscript%3Ealert(1)%3C/script%3E", want: []string{`hide: "data:text/html"`}},
	{name: "NUL byte", query: "lr=1%00&fig=FIG%00", want: []string{`lr:`, `fig:`}, alone: true, fig: "valley"},
	{name: "CR LF", query: "g0=1%0D%0A&theme=dark%0D%0ASet-Cookie:%20x=1", want: []string{`g0:`, `theme: "darkSet-Cookie: x=1"`}},
	{name: "invalid UTF-8", query: "theme=%FF%FE&%C0%AF=1", want: []string{"theme: \"\uFFFD\uFFFD\"", "\uFFFD\uFFFD: unknown"}},
	{name: "semicolon", query: "lr=2;x0=3", want: []string{`lr: "2;x0=3"`}},
	{name: "bad bools", query: "controls=2&play=maybe&forget=%3Cb%3E", want: []string{`controls: "2"`, `play: "maybe"`, `forget: "‹b›"`}},
	{name: "out of range", query: "speed=1e6&seed=9007199254740992&lr=0&rho=1&p=1.01",
		want: []string{`speed: "1e6"`, `seed: "9007199254740992"`, `lr: "0"`, `rho: "1"`, `p: "1.01"`}, alone: true},
	{name: "payload in the fragment", query: "lr=2#%3Cimg%20src=x%20onerror=alert(1)%3E&fig=%3Cscript%3E", alone: true},
	{name: "template and CSS payloads", query: "theme={{constructor.constructor('alert(1)')()}}&hide=${alert(1)},expression(alert(1))",
		want: []string{`theme: "{{constructor`, `hide: "${alert(1)}"`}},
}

// hostileLoad is one page load: cases joined into one query.
type hostileLoad struct {
	fig   string
	cases []hostileQuery
}

// query is the load's URL query: fig=<fig> first unless a case names fig.
func (l hostileLoad) query() string {
	var parts []string
	named := map[string]bool{}
	for _, c := range l.cases {
		q := strings.ReplaceAll(c.query, "FIGCAPS", strings.ToUpper(l.fig))
		q = strings.ReplaceAll(q, "FIG", l.fig)
		for _, n := range pairNames(q) {
			named[n] = true
		}
		parts = append(parts, q)
	}
	if !named["fig"] {
		parts = append([]string{"fig=" + l.fig}, parts...)
	}
	if !named["play"] {
		parts = append([]string{"play=0"}, parts...)
	}
	return strings.Join(parts, "&")
}

// pairNames lists the raw names a query sets (none after a fragment).
func pairNames(q string) []string {
	var out []string
	q, _, _ = strings.Cut(q, "#")
	for _, p := range strings.Split(q, "&") {
		name, _, _ := strings.Cut(p, "=")
		out = append(out, name)
	}
	return out
}

// hostileLoads packs the corpus into page loads: a case marked alone gets
// its own; the others share one while their names differ and their notices
// fit under the parser's cap (MaxNotices = 8). Loads take the figures in
// turn, so every figure meets every kind of payload.
func hostileLoads() []hostileLoad {
	var loads []hostileLoad
	var cur hostileLoad
	names := map[string]bool{}
	notices := 0
	flush := func() {
		if len(cur.cases) > 0 {
			loads = append(loads, cur)
		}
		cur = hostileLoad{}
		clear(names)
		notices = 0
	}
	for _, c := range hostileQueries {
		if c.alone {
			loads = append(loads, hostileLoad{cases: []hostileQuery{c}})
			continue
		}
		clash := notices+len(c.want) > 6
		for _, n := range pairNames(c.query) {
			clash = clash || names[n]
		}
		if clash {
			flush()
		}
		cur.cases = append(cur.cases, c)
		for _, n := range pairNames(c.query) {
			names[n] = true
		}
		notices += len(c.want)
	}
	flush()
	for i := range loads {
		loads[i].fig = figures[i%len(figures)]
	}
	return loads
}

// TestHostileURLs loads the figures with the hostile query corpus: each
// load comes up and draws the right figure, shows a notice naming every bad
// value and none for a legal query, and lets nothing from the URL become
// markup, a script, a dialog or a request.
func TestHostileURLs(t *testing.T) {
	site(t)
	start := time.Now()
	all := hostileLoads()
	loads := 0
	for _, fig := range figures {
		t.Run(fig, func(t *testing.T) {
			// A tab per figure: a clean load first, as the baseline.
			var rec hostileRec
			ctx, w := openFigure(t, "fig="+fig+"&play=0", viewport(800, 600, 1), recordHostile(&rec))
			clean := readPageCheck(t, ctx)
			if len(clean.Notices) != 0 || clean.Visible || len(clean.Bad) != 0 || len(clean.Probe.Attrs) != 0 || len(clean.Probe.Elements) == 0 {
				t.Fatalf("a clean load of %s is not clean: %+v", fig, clean)
			}
			for _, l := range all {
				if l.fig != fig {
					continue
				}
				q := l.query()
				if err := chromedp.Do(ctx, chromedp.Navigate(siteURL(t, "web/figure.html?"+q))); err != nil {
					t.Fatalf("loading %.200s: %v", q, err)
				}
				if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](`window.adagradFigure && window.adagradFigure.state().ready === true`,
					chromedp.WithPollingTimeout(60*time.Second), chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
					t.Fatalf("%.300s: not ready: %v; problems %q", q, err, w.Problems())
				}
				loads++
				var names []string
				for _, c := range l.cases {
					names = append(names, c.name)
				}
				what := fmt.Sprintf("%s [%s]", l.fig, strings.Join(names, "; "))
				got := readPageCheck(t, ctx)
				var s figureState
				if err := json.Unmarshal(got.State, &s); err != nil {
					t.Fatalf("%s: state: %v", what, err)
				}
				want := l.fig
				if len(l.cases) == 1 && l.cases[0].fig != "" {
					want = l.cases[0].fig
				}
				if s.Fig != want || len(s.Runs) == 0 {
					t.Errorf("%s: fig %q with %d runs, want %q", what, s.Fig, len(s.Runs), want)
				}
				checkFinite(t, s)
				// The head and scripts are the same whatever the figure, so
				// this tab's clean load is the baseline even if fig changed.
				checkPage(t, what, got, clean)
				shown := strings.Join(got.Shown, "\n")
				for _, c := range l.cases {
					for _, w := range c.want {
						if !strings.Contains(shown, w) {
							t.Errorf("%s: %s: no visible notice shows %q; shown: %q", l.fig, c.name, w, got.Shown)
						}
					}
					if len(c.want) == 0 && len(got.Notices) > 0 {
						t.Errorf("%s: %s: a legal query gave notices %q", l.fig, c.name, got.Notices)
					}
				}
				if (len(got.Notices) > 0) != got.Visible {
					t.Errorf("%s: notices %q, box visible %v", what, got.Notices, got.Visible)
				}
				if err := canvasNotBlank(ctx); err != nil {
					t.Errorf("%s: %v", what, err)
				}
			}
			screenshot(t, ctx, "hostile-url-"+fig)
			rec.assertNoDialogs(t)
			w.AssertClean(t)
		})
	}
	t.Logf("%d hostile query cases in %d loads (+%d clean), %v", len(hostileQueries), loads, len(figures), time.Since(start).Round(time.Second))
}

// TestHostileURLNoticeKeepsTheBadValue: a bad value among many unknown
// names — tracking parameters that social sites and learning platforms add
// to links — must still be named on the figure. The parser lists the known
// parameters' notices first; what the figure shows must keep them.
func TestHostileURLNoticeKeepsTheBadValue(t *testing.T) {
	site(t)
	q := "fig=valley&play=0&lr=abc&utm_source=x&utm_medium=y&utm_campaign=z&utm_term=a&utm_content=b&fbclid=c&gclid=d&ref=e"
	ctx, w := openFigure(t, q, viewport(800, 600, 1))
	got := readPageCheck(t, ctx)
	if !got.Visible || !strings.Contains(strings.Join(got.Shown, "\n"), `lr: "abc"`) {
		t.Errorf("the bad lr is not named on the figure; it shows %q", got.Shown)
	}
	w.AssertClean(t)
}
