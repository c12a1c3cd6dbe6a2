//go:build !js

package web_test

// Issue 7 in the browser: the figure page under hostile URLs, hostile
// messages from an embedding page, extreme settings, a million steps,
// resizes, a hidden tab, a lost WebGL context, and an embedding page that
// must keep its scrolling and its Tab key. Every test fails on any console
// error, uncaught exception or request to another origin (watch), and on
// any dialog the page opens (hostileRec).

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// hostileRec records what a tab did that an injection or a reload loop
// would show: JavaScript dialogs (alert, confirm, prompt), main-frame
// navigations and the execution contexts of every frame, so a test can
// evaluate inside a cross-origin iframe as the browser's devtools would.
type hostileRec struct {
	mu       sync.Mutex
	ctx      context.Context
	dialogs  []string
	navs     map[string]int // frame URL without query -> navigations
	mainNavs int
	contexts map[string]frameContext // by unique id; default contexts only
}

type frameContext struct {
	id     runtime.ExecutionContextID
	origin string
}

// recordHostile returns a hook for openPage that starts the recorder in the
// fresh tab, before the navigation, and injects the probe script.
func recordHostile(r *hostileRec) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		r.mu.Lock()
		r.ctx = ctx
		r.navs = map[string]int{}
		r.contexts = map[string]frameContext{}
		r.mu.Unlock()
		if err := chromedp.Listen(ctx, r.handle); err != nil {
			return err
		}
		return scriptFirst(probeJS)(ctx)
	}
}

func (r *hostileRec) handle(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch e := ev.(type) {
	case *page.EventJavascriptDialogOpening:
		r.dialogs = append(r.dialogs, string(e.Type)+": "+e.Message)
		// An open dialog blocks the page; dismiss it so the test can go on
		// and report it. Commands cannot run inside a listener.
		ctx := r.ctx
		go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
	case *page.EventFrameNavigated:
		if e.Frame == nil {
			return
		}
		u := e.Frame.URL
		if i := strings.IndexByte(u, '?'); i >= 0 {
			u = u[:i]
		}
		r.navs[u]++
		if e.Frame.ParentID == "" {
			r.mainNavs++
		}
	case *runtime.EventExecutionContextCreated:
		if c := e.Context; c != nil {
			var aux struct {
				IsDefault bool `json:"isDefault"`
			}
			json.Unmarshal(c.AuxData, &aux)
			if aux.IsDefault {
				r.contexts[c.UniqueID] = frameContext{c.ID, c.Origin}
			}
		}
	case *runtime.EventExecutionContextDestroyed:
		delete(r.contexts, e.ExecutionContextUniqueID)
	case *runtime.EventExecutionContextsCleared:
		clear(r.contexts)
	}
}

func (r *hostileRec) Dialogs() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.dialogs...)
}

// Navigations counts the navigations of frames whose URL (without query)
// ends in suffix.
func (r *hostileRec) Navigations(suffix string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for u, k := range r.navs {
		if strings.HasSuffix(u, suffix) {
			n += k
		}
	}
	return n
}

// contextsOf lists the live frames' default contexts of origin.
func (r *hostileRec) contextsOf(origin string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var ids []string
	for uid, c := range r.contexts {
		if c.origin == origin {
			ids = append(ids, uid)
		}
	}
	return ids
}

// evalContext evaluates expr in the execution context id, awaiting a
// promise, and returns its value (nil when it returned nothing).
func evalContext(ctx context.Context, id, expr string) (*runtime.RemoteObject, error) {
	yes := true
	res, err := chromedp.Call(ctx, runtime.Evaluate, runtime.EvaluateParams{
		Expression: expr, UniqueContextID: id, ReturnByValue: &yes, AwaitPromise: &yes,
	})
	if err != nil {
		return nil, fmt.Errorf("evaluating %s: %w", expr, err)
	}
	if res.ExceptionDetails != nil {
		return nil, fmt.Errorf("evaluating %s: %s", expr, exceptionText(res.ExceptionDetails))
	}
	return res.Result, nil
}

// evalIn evaluates expr in the default context of the one frame whose origin
// is origin (awaiting a promise) and decodes its JSON value into out.
func (r *hostileRec) evalIn(ctx context.Context, origin, expr string, out any) error {
	ids := r.contextsOf(origin)
	if len(ids) != 1 {
		return fmt.Errorf("%d live frames of origin %s", len(ids), origin)
	}
	v, err := evalContext(ctx, ids[0], expr)
	if err != nil {
		return fmt.Errorf("in %s: %w", origin, err)
	}
	if out == nil {
		return nil
	}
	if v == nil || len(v.Value) == 0 {
		return fmt.Errorf("evaluating %s in %s: undefined", expr, origin)
	}
	return json.Unmarshal(v.Value, out)
}

// assertNoDialogs fails the test for every dialog the page opened.
func (r *hostileRec) assertNoDialogs(t testing.TB) {
	t.Helper()
	for _, d := range r.Dialogs() {
		t.Errorf("the page opened a dialog: %s", d)
	}
}

// probeJS runs in every frame before the page's own scripts (devtools
// injects it, so the page's CSP does not apply). It lists, once each, every
// element of a kind that can run or load something that is ever added to
// the document, and every on* attribute or script URL ever set, so an
// injection that removes itself again is still seen. A clean load's list is
// the baseline: the page's own head and scripts.
const probeJS = `(() => {
	const seen = { elements: [], attrs: [] };
	Object.defineProperty(window, "__hostileProbe", { value: seen });
	const risky = new Set(["SCRIPT", "IMG", "IFRAME", "FRAME", "OBJECT", "EMBED", "SVG", "MATH", "BASE", "LINK", "META",
		"FORM", "A", "AREA", "VIDEO", "AUDIO", "SOURCE", "TEMPLATE", "STYLE", "PORTAL"]);
	const done = new WeakSet();
	const attr = (el, name) => {
		const v = String(el.getAttribute(name) || "");
		if (/^on/i.test(name) || (/^\s*(javascript|vbscript|data):/i.test(v) && /^(src|href|action|formaction|xlink:href|data|srcdoc)$/i.test(name)))
			seen.attrs.push(el.tagName + "[" + name + "=" + v.slice(0, 60) + "]");
	};
	const look = (n) => {
		if (n.nodeType !== 1 || done.has(n)) return;
		done.add(n);
		const tag = n.tagName.toUpperCase();
		if (risky.has(tag)) {
			const what = ["src", "href", "rel", "http-equiv", "name"].map((a) => n.getAttribute(a)).filter((v) => v !== null);
			seen.elements.push(tag + (what.length ? " " + what.join(" ") : ""));
		}
		for (const a of n.attributes) attr(n, a.name);
		for (const c of n.children) look(c);
	};
	new MutationObserver((list) => {
		for (const m of list) {
			if (m.type === "attributes") attr(m.target, m.attributeName);
			for (const n of m.addedNodes) look(n);
		}
	}).observe(document, { childList: true, subtree: true, attributes: true });
})();`

// probe is what probeJS saw.
type probe struct {
	Elements []string `json:"elements"`
	Attrs    []string `json:"attrs"`
}

// badNumbersJS lists the paths of every number in a value that is not
// finite and of every null or undefined, since JSON turns NaN into null.
const badNumbersJS = `function badNumbers(v, path = "state", out = []) {
	if (v === null || v === undefined) out.push(path + "=" + v);
	else if (typeof v === "number") { if (!Number.isFinite(v)) out.push(path + "=" + v); }
	else if (typeof v === "object") for (const k of Object.keys(v)) badNumbers(v[k], path + "." + k, out);
	return out;
}`

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

// hostileQueries is the URL corpus: every kind issue 7 names and the usual
// injection payloads, raw and percent-encoded.
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

// pageCheck is what one hostile load is judged on.
type pageCheck struct {
	State    json.RawMessage `json:"state"`
	Bad      []string        `json:"bad"`
	Notices  []string        `json:"notices"`
	Shown    []string        `json:"shown"`
	Visible  bool            `json:"visible"`
	Scripts  int             `json:"scripts"`
	Risky    int             `json:"risky"`
	OnAttrs  []string        `json:"onAttrs"`
	Probe    probe           `json:"probe"`
	Readout  string          `json:"readout"`
	Warning  string          `json:"warning"`
	RunState string          `json:"runState"`
	Title    string          `json:"title"`
	Theme    string          `json:"theme"`
	ParamSet []string        `json:"paramSet"`
}

// pageCheckJS reads the state and scans the page. The notice box counts as
// visible when it is rendered, has a size and lies in the viewport.
const pageCheckJS = `(() => {
	` + badNumbersJS + `
	const s = window.adagradFigure.state();
	const ul = document.getElementById("fig-notices");
	const r = ul.getBoundingClientRect();
	const onAttrs = [];
	for (const el of document.querySelectorAll("*"))
		for (const a of el.attributes) if (/^on/i.test(a.name)) onAttrs.push(el.tagName + "[" + a.name + "]");
	return {
		state: s, bad: badNumbers(s), notices: s.notices,
		shown: [...ul.querySelectorAll("li")].map((li) => li.textContent),
		visible: !ul.hidden && ul.checkVisibility({ opacityProperty: true, visibilityProperty: true }) &&
			r.width > 10 && r.height > 10 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth,
		scripts: document.querySelectorAll("script").length,
		risky: document.querySelectorAll("img,iframe,object,embed,svg,math,base,form,a[href],frame,video,audio").length,
		onAttrs, probe: window.__hostileProbe,
		readout: document.getElementById("fig-readout").textContent,
		warning: document.getElementById("fig-warning").textContent,
		runState: (document.getElementById("fig-runstate") || {}).textContent || "",
		title: document.title,
		theme: document.documentElement.dataset.theme || "",
		paramSet: Object.keys(s.params).sort(),
	};
})()`

func readPageCheck(t *testing.T, ctx context.Context) pageCheck {
	t.Helper()
	var c pageCheck
	if err := evalJSON(ctx, pageCheckJS, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// checkPage holds a hostile page to a clean load of the same page: the
// same scripts and head, no risky element or attribute ever added, finite
// state(), the table's params only, no NaN or Infinity in the page's text,
// and a theme that is one of the two the figure draws.
func checkPage(t *testing.T, what string, got, clean pageCheck) {
	t.Helper()
	if len(got.Bad) > 0 {
		t.Errorf("%s: state() has non-finite or missing values: %v", what, got.Bad)
	}
	if !slices.Equal(got.ParamSet, clean.ParamSet) {
		t.Errorf("%s: params has keys %v, want the table's %v", what, got.ParamSet, clean.ParamSet)
	}
	if !slices.Equal(got.Shown, got.Notices) {
		t.Errorf("%s: the page shows notices %q, state() has %q", what, got.Shown, got.Notices)
	}
	for _, n := range got.Shown {
		if len([]rune(n)) > 200 || strings.ContainsAny(n, "<>\u202e\u200f\x00\r\n") {
			t.Errorf("%s: notice %q is too long or carries markup or control characters", what, n)
		}
	}
	if got.Scripts != clean.Scripts || !slices.Equal(got.Probe.Elements, clean.Probe.Elements) {
		t.Errorf("%s: %d scripts, elements %q; a clean load has %d, %q", what, got.Scripts, got.Probe.Elements, clean.Scripts, clean.Probe.Elements)
	}
	if got.Risky != 0 || len(got.Probe.Attrs) != 0 || len(got.OnAttrs) != 0 {
		t.Errorf("%s: injected markup: %d risky elements, attributes %q %q", what, got.Risky, got.Probe.Attrs, got.OnAttrs)
	}
	for _, text := range []string{got.Readout, got.Warning, got.RunState, got.Title} {
		if bad := badText(text); bad != "" {
			t.Errorf("%s: page text has %q: %q", what, bad, text)
		}
	}
	if got.Theme != "light" && got.Theme != "dark" {
		t.Errorf("%s: page theme %q", what, got.Theme)
	}
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

// scriptAPIJS drives window.adagradFigure.set() with every URL case (as one
// object of its decoded pairs, as a page script would pass them) and with
// values only a script can pass: wrong types, non-finite numbers, 100 KB
// and 1 MB strings, prototype keys, 100,000 keys. It returns what each call
// returned and whether it threw.
const scriptAPIJS = `((cases) => {
	const f = window.adagradFigure;
	const out = [];
	const call = (name, arg) => {
		try {
			const r = f.set(arg);
			out.push({ name, notices: Array.isArray(r) ? r : ["(set returned " + typeof r + ")"] });
		} catch (e) {
			out.push({ name, threw: String(e) });
		}
	};
	for (const [name, q] of cases) call(name, Object.fromEntries(new URLSearchParams(q)));
	const huge = {};
	for (let i = 0; i < 100000; i++) huge["k" + i] = "1";
	const extra = [
		["null", null], ["undefined", undefined], ["a query string", "lr=3"], ["a number", 42], ["true", true],
		["an array of pairs", [["lr", "3"]]], ["an array", ["lr"]],
		["an object value", { lr: {} }], ["an array value", { lr: [3] }], ["a null value", { lr: null }],
		["an undefined value", { sgdlr: undefined }], ["a function value", { lr: () => 3 }],
		["a symbol value", { lr: Symbol("x") }], ["a bigint value", { seed: 10n }],
		["a toString value", { lr: { toString() { return "3"; } } }],
		["NaN", { lr: NaN }], ["Infinity", { x0: Infinity }], ["-Infinity", { y0: -Infinity }], ["1e309", { b: 1e309 }],
		["-0 where 0 is outside", { lr: -0 }], ["2^53", { seed: 2 ** 53 }], ["5e-324", { lr: 5e-324 }],
		["100 KB value", { lr: "1".repeat(100000) }], ["1 MB value", { theme: "<script>alert(1)</script>".repeat(40000) }],
		["100 KB of img tags", { hide: "<img src=x onerror=alert(1)>".repeat(3600) }],
		["inherited key", Object.create({ lr: "3" })],
		["__proto__ key", JSON.parse('{"__proto__": {"lr": "9", "polluted": "1"}}')],
		["prototype names", { constructor: "x", toString: "y", valueOf: "z", hasOwnProperty: "w", __defineGetter__: "v" }],
		["100,000 keys", huge],
		["a Date", new Date(0)], ["a RegExp", /lr=3/], ["a Map", new Map([["lr", "3"]])],
	];
	for (const [name, arg] of extra) call(name, arg);
	return { results: out, polluted: ({}).lr !== undefined || ({}).polluted !== undefined || Object.keys(Object.prototype).length > 0 };
})`

// scriptExtraBad names the extra script calls that must answer with a
// notice; the others (not an object, nothing of its own) change nothing.
var scriptExtraBad = map[string]bool{
	"an object value": true, "an array value": true, "a null value": true, "an undefined value": true,
	"a function value": true, "a symbol value": true, "a bigint value": true, "a toString value": true,
	"NaN": true, "Infinity": true, "-Infinity": true, "1e309": true, "-0 where 0 is outside": true, "2^53": true,
	"5e-324":       false, // a tiny positive rate is legal
	"100 KB value": true, "1 MB value": true, "100 KB of img tags": true, "prototype names": true, "100,000 keys": true,
}

// TestHostileScriptAPI gives the same corpus, and what only a script can
// pass, to set() and step() on every figure: nothing throws, every bad value
// answers with a notice and changes nothing, legal ones apply, the
// prototype stays clean, and a flood of calls loses none of them.
func TestHostileScriptAPI(t *testing.T) {
	site(t)
	tried := 0
	for _, fig := range figures {
		t.Run(fig, func(t *testing.T) {
			var cases [][2]string
			for _, c := range hostileQueries {
				q := strings.ReplaceAll(c.query, "FIGCAPS", strings.ToUpper(fig))
				cases = append(cases, [2]string{c.name, strings.ReplaceAll(q, "FIG", fig)})
			}
			arg, err := json.Marshal(cases)
			if err != nil {
				t.Fatal(err)
			}
			var rec hostileRec
			ctx, w := openFigure(t, "fig="+fig+"&play=0", viewport(800, 600, 1), recordHostile(&rec))
			clean := readPageCheck(t, ctx)
			var got struct {
				Results []struct {
					Name    string   `json:"name"`
					Notices []string `json:"notices"`
					Threw   string   `json:"threw"`
				} `json:"results"`
				Polluted bool `json:"polluted"`
			}
			if err := evalJSON(ctx, scriptAPIJS+"("+string(arg)+")", &got); err != nil {
				t.Fatal(err)
			}
			tried += len(got.Results)
			byName := map[string]bool{}
			for _, c := range hostileQueries {
				// Through set() a fragment is part of the value, and an
				// object cannot hold a name twice.
				byName[c.name] = len(c.want) > 0 || strings.Contains(c.query, "#")
				if strings.HasPrefix(c.name, "duplicated") {
					byName[c.name] = false
				}
			}
			for k, v := range scriptExtraBad {
				byName[k] = v
			}
			for _, r := range got.Results {
				if r.Threw != "" {
					t.Errorf("set(%s) threw %s", r.Name, r.Threw)
					continue
				}
				if bad := byName[r.Name]; bad != (len(r.Notices) > 0) {
					t.Errorf("set(%s) answered %q, want a notice: %v", r.Name, r.Notices, bad)
				}
				for _, n := range r.Notices {
					if len([]rune(n)) > 200 || strings.ContainsAny(n, "<>\u202e\x00\r\n") {
						t.Errorf("set(%s): notice %q is too long or carries markup", r.Name, n)
					}
				}
			}
			if got.Polluted {
				t.Errorf("set() polluted Object.prototype")
			}
			// Wait for the queued changes to land, then check the page.
			waitJS(t, ctx, `(() => { const s = window.adagradFigure.state(); return s.ready && s.notices.length > 0; })()`, 10*time.Second)
			after := readPageCheck(t, ctx)
			checkPage(t, "after the set() corpus", after, clean)
			if !after.Visible {
				t.Errorf("notices %q are not visible", after.Notices)
			}

			// step(): odd counts take one step; a number-like string is a count.
			var before figureState
			if err := evalJSON(ctx, `window.adagradFigure.state()`, &before); err != nil {
				t.Fatal(err)
			}
			if err := evalJSON(ctx, `(() => { const f = window.adagradFigure;
				for (const n of [NaN, -5, 0, 0.5, "abc", {}, null, undefined, Infinity, -Infinity, [], "1e2", 2.9]) f.step(n);
				return true; })()`, nil); err != nil {
				t.Fatal(err)
			}
			tried += 13
			want := before.Step + 11 + 100 + 2
			waitJS(t, ctx, fmt.Sprintf(`window.adagradFigure.state().step === %d`, want), 20*time.Second)

			// A flood: 3,000 set() and 3,000 step(1) calls in one task. The
			// last value and every step must arrive.
			if err := evalJSON(ctx, `(() => { const f = window.adagradFigure;
				for (let i = 0; i < 3000; i++) { f.set({ speed: String(1 + (i % 50)) }); f.step(1); }
				f.set({ speed: "77" });
				return true; })()`, nil); err != nil {
				t.Fatal(err)
			}
			tried += 6001
			waitJS(t, ctx, fmt.Sprintf(`(() => { const s = window.adagradFigure.state(); return s.params.speed === 77 && s.step === %d; })()`, want+3000), 20*time.Second)
			s := state(t, ctx)
			checkFinite(t, s)
			if err := canvasNotBlank(ctx); err != nil {
				t.Error(err)
			}
			rec.assertNoDialogs(t)
			w.AssertClean(t)
		})
	}
	t.Logf("%d hostile script calls over %d figures", tried, len(figures))
}

// siblingJS is the script of a frame beside the figure: on its parent's
// word it posts messages to the figure (frames[0]) as if it were the
// embedding page, then reports to the parent whatever it heard.
const siblingJS = `window.heard = [];
addEventListener("message", (e) => {
	if (e.source === parent && e.data && e.data.cmd === "attack") {
		for (const m of e.data.msgs) parent.frames[0].postMessage(m, "*");
		setTimeout(() => parent.postMessage({ report: heard }, "*"), 1500);
		return;
	}
	heard.push(e.data);
});`

// openEmbedded opens parentPageHTML with the figure of query in its iframe
// and waits until the figure has told the page it is ready.
func openEmbedded(t *testing.T, query string) (context.Context, *watch, *hostileRec) {
	t.Helper()
	parent := otherOriginPage(t, parentPageHTML(siteURL(t, "web/figure.html?"+query)))
	rec := &hostileRec{}
	ctx, w := openPage(t, parent, viewport(1000, 800, 1), recordHostile(rec))
	waitJS(t, ctx, `got.some((m) => m.from === "fig" && m.data && m.data.type === "adagrad:ready")`, 60*time.Second)
	return ctx, w, rec
}

// parentPageHTML is a course page on another origin: the figure in an
// iframe, a sibling frame of an opaque origin (data:) and one of the
// page's own origin (srcdoc), and helpers that record every message.
func parentPageHTML(figURL string) string {
	data := "data:text/html," + strings.ReplaceAll(url.PathEscape("<!doctype html><p>opaque sibling</p><script>"+siblingJS+"</script>"), "'", "%27")
	srcdoc := strings.NewReplacer(`&`, "&amp;", `"`, "&quot;", "<", "&lt;", ">", "&gt;").Replace("<p>same-origin sibling</p><script>" + siblingJS + "</script>")
	return `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>A course page</title></head><body>
<script>
window.got = [];
addEventListener("message", (e) => {
	const frames = [...document.querySelectorAll("iframe")];
	const i = frames.findIndex((f) => f.contentWindow === e.source);
	let data;
	try { data = JSON.parse(JSON.stringify(e.data === undefined ? null : e.data)); } catch (err) { data = "(unserialisable)"; }
	got.push({ from: i < 0 ? "other" : frames[i].id, origin: e.origin, data });
});
window.send = (msg) => document.getElementById("fig").contentWindow.postMessage(msg, "*");
// ask sends adagrad:get and resolves with the figure's next answer.
window.ask = () => new Promise((resolve, reject) => {
	const n = got.length;
	send({ type: "adagrad:get" });
	const t0 = performance.now();
	const poll = () => {
		const m = got.slice(n).find((m) => m.from === "fig" && m.data && m.data.type === "adagrad:state");
		if (m) resolve(m);
		else if (performance.now() - t0 > 15000) reject(new Error("no answer to adagrad:get"));
		else setTimeout(poll, 20);
	};
	poll();
});
</script>
<iframe id="fig" src="` + figURL + `" width="720" height="540" title="AdaGrad figure"></iframe>
<iframe id="opaque" src="` + data + `" width="200" height="80" title="opaque sibling"></iframe>
<iframe id="same" srcdoc="` + srcdoc + `" width="200" height="80" title="same-origin sibling"></iframe>
</body></html>`
}

// badShapesJS builds the messages that are not of a documented shape; the
// figure must ignore every one. Each is posted on its own (try/catch: a
// few cannot be cloned, which is the sender's problem).
const badShapesJS = `(() => {
	const msgs = [
		"adagrad:get", "adagrad:set", '{"type":"adagrad:get"}', 42, NaN, -0, Infinity, null, undefined, true, 10n,
		[], ["adagrad:get"], [{ type: "adagrad:get" }], {}, { type: null }, { type: 7 }, { type: ["adagrad:get"] },
		{ type: new String("adagrad:get") }, { type: "ADAGRAD:GET" }, { type: "adagrad:get " }, { type: " adagrad:set", params: { lr: "3" } },
		{ type: "adagrad:state", state: { params: { lr: 9 } } }, { type: "adagrad:ready", fig: "sparse" }, { type: "adagrad:height", px: 1 },
		{ type: "adagrad:play" }, { type: "adagrad:step", n: 1000000 }, { type: "adagrad:reset" }, { type: "adagrad:eval", code: "alert(1)" },
		{ type: "adagrad:set" }, { type: "adagrad:set", params: null }, { type: "adagrad:set", params: "lr=3" },
		{ type: "adagrad:set", params: 3 }, { type: "adagrad:set", params: ["lr", "3"] }, { type: "adagrad:set", params: [["lr", "3"]] },
		{ type: "adagrad:set", params: new Map([["lr", "3"]]) }, { type: "adagrad:set", params: new Set(["lr"]) },
		{ type: "adagrad:set", params: new Date(0) }, { type: "adagrad:set", params: /lr=3/ }, { type: "adagrad:set", params: new ArrayBuffer(8) },
		{ type: "adagrad:set", params: new Uint8Array([108, 114]) }, { type: "adagrad:set", params: new Blob(["lr=3"]) },
		{ type: "adagrad:set", params: new String("lr=3") }, { type: "adagrad:set", params: new Number(3) },
		Object.assign(new Error("x"), { type: "adagrad:get" }), new Array(1000000).fill("adagrad:get"), "x".repeat(10000000),
		{ type: "adagrad:".repeat(100000) },
		new Map([["type", "adagrad:get"]]), Object.create({ type: "adagrad:get" }),
		{ type: "adagrad:set", params: Object.create({ lr: "3" }) },
		{ type: "adagrad:set", params: { lr: () => 3 } }, // cannot be cloned
		document.createElement("div"), // cannot be cloned
	];
	let sent = 0;
	for (const m of msgs) { try { send(m); sent++; } catch (e) {} }
	return { tried: msgs.length, sent };
})()`

// validatedJS builds messages of the documented set shape whose values are
// bad: the figure must validate each with the parser, apply nothing and
// show notices.
const validatedJS = `(() => {
	const huge = {}; for (let i = 0; i < 100000; i++) huge["k" + i] = "1";
	const deep = {}; let d = deep; for (let i = 0; i < 2000; i++) { d.a = {}; d = d.a; }
	const msgs = [
		{ lr: "NaN" }, { lr: NaN }, { x0: Infinity }, { y0: -1e309 }, { b: "0x10" }, { lr: "" }, { lr: -0 },
		{ theme: "<script>alert(1)</script>" }, { hide: "<img src=x onerror=alert(1)>" }, { fig: "<svg onload=alert(1)>" },
		{ fig: "javascript:alert(1)" }, { sgdlr: "1".repeat(100000) }, { lr: "1".repeat(10000000) },
		JSON.parse('{"__proto__": {"lr": "9", "polluted": "1"}, "constructor": {"prototype": {"polluted": "1"}}}'),
		{ toString: "x", valueOf: "y", hasOwnProperty: "z" }, { lr: { nested: { deep: 1 } } }, { lr: [1, 2] }, { lr: null },
		{ lr: 10n }, huge, deep, { evil: "1", "<img src=x onerror=alert(1)>": "1" },
		{ seed: 2 ** 53 }, { speed: 1e6 }, { rho: 1 }, { p: 1.5 }, { play: "maybe" }, { angle: "90deg" },
	];
	for (const params of msgs) send({ type: "adagrad:set", params });
	return msgs.length;
})()`

// TestHostileMessages embeds a figure in a page of another origin and
// talks to it with postMessage: messages of any undocumented shape are
// ignored, documented ones are validated and applied, adagrad:get is
// answered to the sender only with a state that reflects a set made just
// before it, and frames that are not the parent are not heard at all.
func TestHostileMessages(t *testing.T) {
	site(t)
	figOrigin := h.origin
	ctx, w, rec := openEmbedded(t, "fig=valley&play=0")
	waitJS(t, ctx, `got.some((m) => m.from === "fig" && m.data && m.data.type === "adagrad:height")`, 10*time.Second)

	type msg struct {
		From   string          `json:"from"`
		Origin string          `json:"origin"`
		Data   json.RawMessage `json:"data"`
	}
	received := func() []msg {
		t.Helper()
		var got []msg
		if err := evalJSON(ctx, `got`, &got); err != nil {
			t.Fatal(err)
		}
		return got
	}
	// What the figure says unasked: ready and height, of exactly the
	// documented shapes, from its own origin.
	for _, m := range received() {
		if m.From != "fig" {
			continue
		}
		if m.Origin != figOrigin {
			t.Errorf("a message from the figure has origin %s, want %s", m.Origin, figOrigin)
		}
		var d map[string]any
		json.Unmarshal(m.Data, &d)
		switch d["type"] {
		case "adagrad:ready":
			if len(d) != 2 || d["fig"] != "valley" {
				t.Errorf("ready message %v, want {type, fig: valley}", d)
			}
		case "adagrad:height":
			px, ok := d["px"].(float64)
			if len(d) != 2 || !ok || px < 100 || px > 4000 || px != float64(int(px)) {
				t.Errorf("height message %v, want {type, px} with a whole px in [100, 4000]", d)
			}
		default:
			t.Errorf("unasked message from the figure: %s", m.Data)
		}
	}

	type answer struct {
		From, Origin string
		Data         struct {
			Type  string          `json:"type"`
			State json.RawMessage `json:"state"`
		}
	}
	ask := func() (figureState, json.RawMessage) {
		t.Helper()
		var a answer
		if err := evalJSON(ctx, `ask()`, &a); err != nil {
			t.Fatal(err)
		}
		if a.Origin != figOrigin || a.Data.Type != "adagrad:state" {
			t.Fatalf("answer from %s of type %q", a.Origin, a.Data.Type)
		}
		var s figureState
		if err := json.Unmarshal(a.Data.State, &s); err != nil {
			t.Fatal(err)
		}
		var raw struct {
			Params json.RawMessage `json:"params"`
		}
		json.Unmarshal(a.Data.State, &raw)
		checkFinite(t, s)
		return s, raw.Params
	}
	s0, params0 := ask()
	if s0.Fig != "valley" || s0.Step != 0 || len(s0.Notices) != 0 {
		t.Fatalf("first state %+v", s0)
	}
	tried := 0

	// 1. Undocumented shapes: ignored, nothing changes, no answer.
	var bad struct{ Tried, Sent int }
	if err := evalJSON(ctx, badShapesJS, &bad); err != nil {
		t.Fatal(err)
	}
	tried += bad.Tried
	time.Sleep(1500 * time.Millisecond)
	s1, params1 := ask()
	if !sameJSON(params1, params0) || s1.Step != 0 || s1.Playing || len(s1.Notices) != 0 {
		t.Errorf("undocumented messages changed the figure: params %s (was %s), step %d, playing %v, notices %q",
			params1, params0, s1.Step, s1.Playing, s1.Notices)
	}

	// 2. The documented set shape with bad values: validated, nothing
	// applied, notices shown as text inside the figure.
	var n int
	if err := evalJSON(ctx, validatedJS, &n); err != nil {
		t.Fatal(err)
	}
	tried += n
	s2, params2 := ask()
	if !sameJSON(params2, params0) {
		t.Errorf("bad values were applied: params %s, was %s", params2, params0)
	}
	if len(s2.Notices) == 0 {
		t.Errorf("bad values gave no notices")
	}
	var inside pageCheck
	if err := rec.evalIn(ctx, figOrigin, pageCheckJS, &inside); err != nil {
		t.Fatal(err)
	}
	if !inside.Visible || !slices.Equal(inside.Shown, inside.Notices) || len(inside.Bad) > 0 {
		t.Errorf("inside the figure: notices %q visible %v, shown %q, bad numbers %v", inside.Notices, inside.Visible, inside.Shown, inside.Bad)
	}
	if inside.Risky != 0 || len(inside.Probe.Attrs) != 0 || len(inside.OnAttrs) != 0 || inside.Scripts != 3 { // wasm_exec.js, figure-info.js, figure.js
		t.Errorf("inside the figure: %d risky elements, %d scripts, attributes %q %q", inside.Risky, inside.Scripts, inside.Probe.Attrs, inside.OnAttrs)
	}
	var polluted bool
	if err := rec.evalIn(ctx, figOrigin, `({}).lr !== undefined || ({}).polluted !== undefined || Object.keys(Object.prototype).length > 0`, &polluted); err != nil {
		t.Fatal(err)
	}
	if polluted {
		t.Errorf("a message polluted Object.prototype inside the figure")
	}

	// 3. A good set, answered by a get sent right behind it.
	if err := evalJSON(ctx, `send({ type: "adagrad:set", params: { lr: "2", sgdlr: 0.05, x0: -3, y0: "1.5", evil: "1" } }), true`, nil); err != nil {
		t.Fatal(err)
	}
	tried++
	s3, _ := ask()
	want := map[string]float64{"lr": 2, "sgdlr": 0.05, "x0": -3, "y0": 1.5}
	for k, v := range want {
		if s3.Params[k] != v {
			t.Errorf("after set, params.%s = %v, want %v", k, s3.Params[k], v)
		}
	}
	if _, ok := s3.Params["evil"]; ok || !strings.Contains(strings.Join(s3.Notices, "\n"), "evil") {
		t.Errorf("an unknown name: params %v, notices %q", s3.Params, s3.Notices)
	}
	if s3.Runs[0].X != -3 || s3.Runs[0].Y != 1.5 {
		t.Errorf("runs do not start at the new start: %+v", s3.Runs[0])
	}

	// 4. Frames that are not the parent: an opaque-origin sibling and a
	// same-origin sibling post gets and sets; the figure hears neither.
	attack := `[{ type: "adagrad:get" }, { type: "adagrad:set", params: { lr: "7", fig: "sparse", theme: "dark", play: "1" } }, { type: "adagrad:get" }]`
	for _, sib := range []string{"opaque", "same"} {
		if err := evalJSON(ctx, `document.getElementById("`+sib+`").contentWindow.postMessage({ cmd: "attack", msgs: `+attack+` }, "*"), true`, nil); err != nil {
			t.Fatal(err)
		}
		tried += 3
		waitJS(t, ctx, `got.some((m) => m.from === "`+sib+`" && m.data && m.data.report)`, 10*time.Second)
		var report []any
		if err := evalJSON(ctx, `got.find((m) => m.from === "`+sib+`" && m.data && m.data.report).data.report`, &report); err != nil {
			t.Fatal(err)
		}
		if len(report) != 0 {
			t.Errorf("the %s sibling heard from the figure: %v", sib, report)
		}
	}
	s4, _ := ask()
	if s4.Fig != "valley" || s4.Params["lr"] != 2.0 || s4.Params["theme"] != "auto" || s4.Playing {
		t.Errorf("a sibling changed the figure: fig %s, lr %v, theme %v, playing %v", s4.Fig, s4.Params["lr"], s4.Params["theme"], s4.Playing)
	}

	// Every answer went to the parent, one per get it sent.
	answers := 0
	for _, m := range received() {
		var d struct{ Type string }
		json.Unmarshal(m.Data, &d)
		if d.Type == "adagrad:state" {
			answers++
			if m.From != "fig" || m.Origin != figOrigin {
				t.Errorf("a state answer from %s (%s)", m.From, m.Origin)
			}
		}
	}
	if answers != 5 {
		t.Errorf("%d state answers reached the parent, want 5 (one per get it sent)", answers)
	}
	if err := elementPixelsOK(ctx, "#fig"); err != nil {
		t.Error(err)
	}
	screenshot(t, ctx, "hostile-messages")
	rec.assertNoDialogs(t)
	w.AssertClean(t)
	t.Logf("%d hostile or checked messages", tried)
}

// sameJSON reports whether two JSON texts hold the same value, whatever
// the order of their keys.
func sameJSON(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

// elementPixelsOK checks that an element (an iframe) shows a picture.
func elementPixelsOK(ctx context.Context, sel string) error {
	st, err := elementPixels(ctx, sel)
	if err != nil {
		return err
	}
	if st.Painted < 0.02 || st.Distinct < 8 {
		return fmt.Errorf("%s looks blank: %.2f%% painted, %d colours", sel, 100*st.Painted, st.Distinct)
	}
	return nil
}

// badText returns what in a text shown to the reader betrays a number gone
// wrong, or "".
func badText(s string) string {
	for _, bad := range []string{"NaN", "Infinity", "Inf", "∞", "undefined", "null", "[object"} {
		if strings.Contains(s, bad) {
			return bad
		}
	}
	return ""
}

// extremeCase is a legal but extreme setting, and the runs it must label.
type extremeCase struct {
	query string
	want  map[string]string // run name -> "diverged" or "frozen"
}

var extremeCases = []extremeCase{
	// η at the top of its range on the steepest valley.
	{"fig=valley&lr=10&sgdlr=10&b=1000", map[string]string{"SGD": "diverged"}},
	{"fig=valley&lr=10&sgdlr=10&a=100&b=1000&angle=45&x0=50&y0=-50", map[string]string{"SGD": "diverged"}},
	// ε at its smallest (0) and G₀ = 0, from a start and from the minimum
	// itself, where the first gradient is 0 and the rate η/√(0+0).
	{"fig=accumulator&lr=10&b=1000&eps=0&g0=0", nil},
	{"fig=accumulator&x0=0&y0=0&eps=0&g0=0&epsin=0", nil},
	{"fig=freeze&lr=10&b=1000&eps=0&g0=0&forget=1&rho=0.9999", nil},
	// A rate far too small for a large G₀: AdaGrad freezes.
	{"fig=freeze&lr=0.000001&g0=100&forget=1", map[string]string{"AdaGrad": "frozen"}},
	// p = 1: the y-gradient never arrives.
	{"fig=sparse&p=1&lr=10&sgdlr=10&a=1&eps=0&g0=0", map[string]string{"SGD": "diverged"}},
}

// frameJS waits two animation frames, so the figure has drawn and pushed.
const frameJS = `new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))`

// TestHostileExtremes runs extreme but legal settings for 100,000 steps and
// then a million more at a time: the runs it must label are labelled (in
// state() and in words on the page), no run blows up unlabelled, nothing
// in state() or on the page is NaN or infinite, the page answers at once
// after each million, and the wasm memory stays flat.
func TestHostileExtremes(t *testing.T) {
	site(t)
	for i, c := range extremeCases {
		name := strings.ReplaceAll(c.query, "&", " ")
		t.Run(name, func(t *testing.T) {
			ctx, w := openFigure(t, c.query+"&play=0", viewport(800, 600, 1))
			start := state(t, ctx)
			startLoss := map[string]float64{}
			for _, r := range start.Runs {
				startLoss[r.Name] = r.Loss
			}
			if err := evalJSON(ctx, `window.adagradFigure.step(100000), `+frameJS, nil); err != nil {
				t.Fatal(err)
			}
			waitJS(t, ctx, `window.adagradFigure.state().step === 100000`, 30*time.Second)
			check := func(when string) figureState {
				t.Helper()
				got := readPageCheck(t, ctx)
				var s figureState
				if err := json.Unmarshal(got.State, &s); err != nil {
					t.Fatal(err)
				}
				checkFinite(t, s)
				if len(got.Bad) > 0 {
					t.Errorf("%s: state() has %v", when, got.Bad)
				}
				for _, text := range []string{got.Readout, got.RunState} {
					if bad := badText(text); bad != "" {
						t.Errorf("%s: page text has %q: %q", when, bad, text)
					}
				}
				labelled := map[string]string{}
				for _, r := range s.Runs {
					switch {
					case r.Diverged && r.Frozen:
						t.Errorf("%s: %s is both diverged and frozen", when, r.Name)
					case r.Diverged:
						labelled[r.Name] = "diverged"
					case r.Frozen:
						labelled[r.Name] = "frozen"
					case !(r.Loss <= startLoss[r.Name]*(1+1e-9)):
						t.Errorf("%s: %s is not labelled, yet its loss rose from %g to %g", when, r.Name, startLoss[r.Name], r.Loss)
					}
				}
				for run, kind := range c.want {
					if labelled[run] != kind {
						t.Errorf("%s: %s is %q, want %s (runs %+v)", when, run, labelled[run], kind, s.Runs)
					}
				}
				for run, kind := range labelled {
					if !strings.Contains(got.RunState, run) || !strings.Contains(got.RunState, kind) {
						t.Errorf("%s: %s is %s but the page says %q", when, run, kind, got.RunState)
					}
				}
				return s
			}
			check("after 100,000 steps")
			if err := canvasNotBlank(ctx); err != nil {
				t.Error(err)
			}

			// Memory: warm the drawing up first (20 small steps, each
			// drawn), so what follows measures the steps, not the GC's first
			// growth; then three million steps must leave it within 10%.
			var mem0, mem float64
			for i := 0; i < 20; i++ {
				if err := evalJSON(ctx, `window.adagradFigure.step(1000), window.adagradFigure.state(), `+frameJS, nil); err != nil {
					t.Fatal(err)
				}
			}
			if err := evalJSON(ctx, `window.adagradFigure.memoryBytes()`, &mem0); err != nil {
				t.Fatal(err)
			}
			if mem0 <= 0 {
				t.Fatalf("memoryBytes() = %v", mem0)
			}
			for i := 0; i < 3; i++ {
				t0 := time.Now()
				if err := evalJSON(ctx, `window.adagradFigure.step(1000000), window.adagradFigure.state().step`, nil); err != nil {
					t.Fatal(err)
				}
				took := time.Since(t0)
				t1 := time.Now()
				if err := evalJSON(ctx, frameJS, nil); err != nil {
					t.Fatal(err)
				}
				if rt := time.Since(t1); rt > 3*time.Second {
					t.Errorf("a frame took %v after a million steps (which took %v)", rt, took)
				}
				if i == 0 {
					t.Logf("a million steps took %v", took.Round(time.Millisecond))
				}
			}
			if err := evalJSON(ctx, `window.adagradFigure.memoryBytes()`, &mem); err != nil {
				t.Fatal(err)
			}
			if mem > 1.1*mem0 {
				t.Errorf("wasm memory grew from %.1f MB to %.1f MB over three million steps", mem0/1e6, mem/1e6)
			}
			s := check("after 3,120,000 steps")
			if s.Step != 3_120_000 {
				t.Errorf("step %d, want 3120000", s.Step)
			}
			if len(c.want) > 0 {
				screenshot(t, ctx, fmt.Sprintf("hostile-extreme-%d-%s", i, strings.SplitN(c.query, "&", 2)[0][4:]))
			}
			w.AssertClean(t)
		})
	}
}

// canvasSize reads the canvas's backing size and the window's CSS size and
// device pixel ratio.
type canvasSize struct{ W, H, CSSW, CSSH, DPR float64 }

const canvasSizeJS = `(() => { const c = document.querySelector("canvas");
	return { W: c.width, H: c.height, CSSW: innerWidth, CSSH: innerHeight, DPR: devicePixelRatio }; })()`

// hideJS and showJS make the page hidden or visible as far as its scripts
// can tell (headless Chromium never hides a tab), and say so with the
// visibilitychange event the browser would fire.
const hideJS = `(() => {
	Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
	Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
	document.dispatchEvent(new Event("visibilitychange"));
	return true; })()`
const showJS = `(() => {
	delete document.hidden; delete document.visibilityState;
	document.dispatchEvent(new Event("visibilitychange"));
	return document.hidden === false; })()`

// loseContextJS takes the canvas's WebGL context away, as a browser does
// when a page holds too many, and reports whether it could.
const loseContextJS = `(() => {
	const c = document.querySelector("canvas");
	const gl = c && (c.getContext("webgl2") || c.getContext("webgl"));
	const ext = gl && gl.getExtension("WEBGL_lose_context");
	if (!ext) return false;
	ext.loseContext();
	return gl.isContextLost();
})()`

// TestHostileBrowserFaults: a 1×1 window and back, 60 rapid resizes and
// pixel-ratio changes, a hidden and a frozen tab, and a lost WebGL context
// leave no console error; the figure redraws at the right size, pauses
// while hidden and resumes, and after the lost context says so with a
// button instead of reloading (Ebiten's own answer, which can loop).
func TestHostileBrowserFaults(t *testing.T) {
	site(t)
	var rec hostileRec
	ctx, w := openFigure(t, "fig=accumulator&play=0", viewport(800, 600, 1), recordHostile(&rec))
	size := func() canvasSize {
		t.Helper()
		var s canvasSize
		if err := evalJSON(ctx, canvasSizeJS, &s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	settle := func() {
		t.Helper()
		time.Sleep(300 * time.Millisecond)
		if err := evalJSON(ctx, frameJS, nil); err != nil {
			t.Fatal(err)
		}
	}
	checkSized := func(when string, cssW, cssH int, dpr float64) {
		t.Helper()
		s := size()
		if s.CSSW != float64(cssW) || s.CSSH != float64(cssH) || s.DPR != dpr {
			t.Fatalf("%s: window %gx%g at %g, want %dx%d at %g", when, s.CSSW, s.CSSH, s.DPR, cssW, cssH, dpr)
		}
		// Ebiten sizes the canvas to the window in device pixels.
		if math.Abs(s.W-float64(cssW)*dpr) > 2 || math.Abs(s.H-float64(cssH)*dpr) > 2 {
			t.Errorf("%s: canvas %gx%g, want about %gx%g", when, s.W, s.H, float64(cssW)*dpr, float64(cssH)*dpr)
		}
		st := state(t, ctx)
		checkFinite(t, st)
		if err := canvasNotBlank(ctx); err != nil {
			t.Errorf("%s: %v", when, err)
		}
	}
	faults := 0

	// 1×1 (the emulator's 0 means "no override") and back.
	for _, d := range [][2]int{{1, 1}, {1, 600}, {800, 1}} {
		if err := setViewport(ctx, d[0], d[1], 1); err != nil {
			t.Fatal(err)
		}
		settle()
		faults++
		if s := state(t, ctx); !s.Ready {
			t.Errorf("at %dx%d the figure is not ready", d[0], d[1])
		}
	}
	if err := setViewport(ctx, 800, 600, 1); err != nil {
		t.Fatal(err)
	}
	settle()
	checkSized("back from 1x1", 800, 600, 1)

	// 60 rapid resizes, no wait between.
	for i := 0; i < 60; i++ {
		wd, ht := 1+(i*7919)%1600, 1+(i*104729)%1200
		if err := setViewport(ctx, wd, ht, 1); err != nil {
			t.Fatal(err)
		}
		faults++
	}
	if err := setViewport(ctx, 640, 480, 1); err != nil {
		t.Fatal(err)
	}
	settle()
	checkSized("after 60 rapid resizes", 640, 480, 1)

	// A new pixel ratio (browser zoom, another monitor): Ebiten 2.8 reads
	// devicePixelRatio once, so the canvas keeps the first ratio's
	// resolution — less crisp, but drawn, at the right size, without error.
	for _, dpr := range []float64{2, 3, 1.25} {
		if err := setViewport(ctx, 640, 480, dpr); err != nil {
			t.Fatal(err)
		}
		faults++
		settle()
		if err := canvasNotBlank(ctx); err != nil {
			t.Errorf("at pixel ratio %g: %v", dpr, err)
		}
	}
	if err := setViewport(ctx, 800, 600, 1); err != nil {
		t.Fatal(err)
	}
	settle()
	checkSized("back at ratio 1", 800, 600, 1)

	// Hidden: a playing figure stops stepping, and steps again when shown.
	stepNow := func() int { t.Helper(); return state(t, ctx).Step }
	if err := evalJSON(ctx, `window.adagradFigure.set({ speed: "60" }), window.adagradFigure.play(), true`, nil); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `window.adagradFigure.state().step >= 5`, 10*time.Second)
	if err := evalJSON(ctx, hideJS, nil); err != nil {
		t.Fatal(err)
	}
	faults++
	settle()
	a := stepNow()
	time.Sleep(700 * time.Millisecond)
	if b := stepNow(); b != a {
		t.Errorf("a hidden figure kept stepping: %d → %d", a, b)
	}
	var shown bool
	if err := evalJSON(ctx, showJS, &shown); err != nil || !shown {
		t.Fatalf("showing the page again: %v %v", shown, err)
	}
	waitJS(t, ctx, fmt.Sprintf(`window.adagradFigure.state().step >= %d`, a+5), 10*time.Second)

	// Frozen by the browser, as a background tab may be, and thawed: the
	// tab is then really hidden (document.hidden), and the figure must not
	// step until the tab is shown again.
	for _, st := range []page.SetWebLifecycleStateState{page.SetWebLifecycleStateStateFrozen, page.SetWebLifecycleStateStateActive} {
		if _, err := chromedp.Call(ctx, page.SetWebLifecycleState, page.SetWebLifecycleStateParams{State: st}); err != nil {
			t.Fatal(err)
		}
		faults++
		time.Sleep(500 * time.Millisecond)
	}
	var hidden bool
	if err := evalJSON(ctx, `document.hidden`, &hidden); err != nil {
		t.Fatal(err)
	}
	c := stepNow()
	time.Sleep(700 * time.Millisecond)
	if !hidden {
		t.Errorf("the frozen and thawed tab is not hidden; the test no longer checks a hidden tab")
	}
	if d := stepNow(); d != c {
		t.Errorf("a figure in a hidden tab kept stepping: %d → %d", c, d)
	}
	// Headless Chromium shows the tab again under focus emulation.
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](fmt.Sprintf(`window.adagradFigure.state().step >= %d`, c+5),
		chromedp.WithPollingTimeout(10*time.Second), chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		var dbg any
		evalJSON(ctx, `(() => { const s = window.adagradFigure.state(); return [s.step, s.playing, document.hidden]; })()`, &dbg)
		t.Fatalf("shown again after a freeze, from step %d: %v (%v)", c, dbg, err)
	}
	if err := evalJSON(ctx, `window.adagradFigure.pause(), true`, nil); err != nil {
		t.Fatal(err)
	}

	// A lost WebGL context: a warning with a button, no reload.
	navs := rec.Navigations("/web/figure.html")
	var lost bool
	if err := evalJSON(ctx, loseContextJS, &lost); err != nil {
		t.Fatal(err)
	}
	if !lost {
		t.Fatal("could not lose the WebGL context")
	}
	faults++
	waitJS(t, ctx, `!document.getElementById("fig-warning").hidden`, 5*time.Second)
	// Poke the figure while it has no graphics: no error, no reload.
	if err := evalJSON(ctx, `(() => { const f = window.adagradFigure; f.step(50); f.play(); f.set({ lr: "2" }); return f.state().step; })()`, nil); err != nil {
		t.Fatal(err)
	}
	if err := setViewport(ctx, 700, 500, 1); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	if n := rec.Navigations("/web/figure.html"); n != navs {
		t.Fatalf("the page navigated %d times after losing its context", n-navs)
	}
	var warn struct {
		Text    string
		Button  string
		Visible bool
	}
	if err := evalJSON(ctx, `(() => { const w = document.getElementById("fig-warning"); const b = w.querySelector("button");
		return { Text: w.textContent, Button: b ? b.textContent : "", Visible: w.checkVisibility() }; })()`, &warn); err != nil {
		t.Fatal(err)
	}
	if !warn.Visible || !strings.Contains(warn.Text, "graphics") || warn.Button == "" {
		t.Errorf("after a lost context the figure says %+v", warn)
	}
	checkFinite(t, state(t, ctx))
	screenshot(t, ctx, "hostile-context-lost")
	w.AssertClean(t)

	// The reader asks for it back: one reload, with what they had set.
	if err := evalJSON(ctx, `document.querySelector("#fig-warning button").click(), true`, nil); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); rec.Navigations("/web/figure.html") == navs; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the redraw button did not reload the figure")
		}
	}
	waitJS(t, ctx, `window.adagradFigure && window.adagradFigure.state().ready === true`, 60*time.Second)
	time.Sleep(time.Second)
	if n := rec.Navigations("/web/figure.html"); n != navs+1 {
		t.Errorf("the redraw button navigated %d times, want once", n-navs)
	}
	if err := canvasNotBlank(ctx); err != nil {
		t.Errorf("after the reload: %v", err)
	}
	if s := state(t, ctx); s.Fig != "accumulator" || s.Params["lr"] != 2.0 || s.Params["speed"] != 60.0 {
		t.Errorf("after the reload: fig %s, lr %v, speed %v; want accumulator, 2, 60 as set before", s.Fig, s.Params["lr"], s.Params["speed"])
	}
	rec.assertNoDialogs(t)
	w.AssertClean(t)
	t.Logf("%d browser faults", faults)
}

// TestHostileEmbeddedFaults: the figure in a course page's iframe is
// squeezed to 0×0, hidden with display:none, resized 50 times in a row and
// then loses its WebGL context. Every height it posts stays a whole number
// of pixels, it draws again at its size, and the lost context neither
// reloads the figure nor the page around it.
func TestHostileEmbeddedFaults(t *testing.T) {
	site(t)
	figOrigin := h.origin
	ctx, w, rec := openEmbedded(t, "fig=sparse&play=0")
	frame := func(style string) {
		t.Helper()
		if err := evalJSON(ctx, `(() => { const f = document.getElementById("fig"); f.style.cssText = `+strconvQuote(style)+`; return true; })()`, nil); err != nil {
			t.Fatal(err)
		}
	}
	faults := 0
	for _, style := range []string{"width:0;height:0", "display:none", "width:1px;height:1px", "width:2000px;height:10px", "visibility:hidden", ""} {
		frame(style)
		faults++
		time.Sleep(400 * time.Millisecond)
	}
	for i := 0; i < 50; i++ {
		frame(fmt.Sprintf("width:%dpx;height:%dpx", (i*7919)%1200, (i*104729)%900))
		faults++
	}
	frame("")
	time.Sleep(time.Second)
	if err := evalJSON(ctx, frameJS, nil); err != nil {
		t.Fatal(err)
	}
	if err := elementPixelsOK(ctx, "#fig"); err != nil {
		t.Errorf("after the squeezes: %v", err)
	}
	var a struct {
		Data struct {
			State json.RawMessage `json:"state"`
		}
	}
	if err := evalJSON(ctx, `ask()`, &a); err != nil {
		t.Fatal(err)
	}
	var s figureState
	if err := json.Unmarshal(a.Data.State, &s); err != nil || !s.Ready || s.Fig != "sparse" {
		t.Fatalf("state after the squeezes: %s (%v)", a.Data.State, err)
	}
	checkFinite(t, s)
	var heights []any
	if err := evalJSON(ctx, `got.filter((m) => m.from === "fig" && m.data && m.data.type === "adagrad:height").map((m) => m.data.px)`, &heights); err != nil {
		t.Fatal(err)
	}
	if len(heights) == 0 {
		t.Error("the figure posted no height")
	}
	for _, px := range heights {
		if f, ok := px.(float64); !ok || f < 0 || f > 20000 || f != math.Trunc(f) {
			t.Errorf("the figure posted height %v", px)
		}
	}

	// Lose the context inside the iframe: neither it nor the page reloads.
	navFig, navPage := rec.Navigations("/web/figure.html"), rec.Navigations("/parent.html")
	var lost bool
	if err := rec.evalIn(ctx, figOrigin, loseContextJS, &lost); err != nil || !lost {
		t.Fatalf("losing the figure's context: %v %v", lost, err)
	}
	faults++
	time.Sleep(2 * time.Second)
	if f, p := rec.Navigations("/web/figure.html"), rec.Navigations("/parent.html"); f != navFig || p != navPage {
		t.Errorf("a lost context navigated the figure %d and the page %d times", f-navFig, p-navPage)
	}
	var warned bool
	if err := rec.evalIn(ctx, figOrigin, `document.getElementById("fig-warning").checkVisibility() && /graphics/.test(document.getElementById("fig-warning").textContent)`, &warned); err != nil {
		t.Fatal(err)
	}
	if !warned {
		t.Error("the figure does not say it lost its graphics")
	}
	screenshot(t, ctx, "hostile-embedded-context-lost")
	rec.assertNoDialogs(t)
	w.AssertClean(t)
	t.Logf("%d embedding faults", faults)
}

// strconvQuote quotes a string as a JavaScript (JSON) string literal.
func strconvQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// tallPageHTML is a long course page with a figure in the middle and a
// button before and after it.
func tallPageHTML(figURL string) string {
	return `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>A long lesson</title></head>
<body style="margin:0;font:16px sans-serif">
<p style="height:200px;margin:0">Some text before the figure.</p>
<button id="before">before</button>
<iframe id="fig" src="` + figURL + `" width="720" height="520" title="AdaGrad figure" style="display:block;border:0"></iframe>
<button id="after">after</button>
<p style="height:4000px">Much more text after it.</p>
</body></html>`
}

// TestHostileEmbedNoHijack: an embedded figure keeps the course page's
// scrolling and its Tab key. The wheel and a touch swipe over the figure
// (away from its handle) scroll the page; Tab walks into the figure's
// controls and out to the page's next element, and Shift+Tab walks back.
func TestHostileEmbedNoHijack(t *testing.T) {
	site(t)
	figOrigin := h.origin
	parent := otherOriginPage(t, tallPageHTML(siteURL(t, "web/figure.html?fig=valley&play=0")))
	var rec hostileRec
	ctx, w := openPage(t, parent, viewport(1000, 700, 1), recordHostile(&rec))
	waitJS(t, ctx, `document.getElementById("fig").contentWindow && document.getElementById("fig").getBoundingClientRect().height > 0`, 10*time.Second)
	// Ready as seen from inside the frame.
	deadline := time.Now().Add(60 * time.Second)
	for {
		var ready bool
		if err := rec.evalIn(ctx, figOrigin, `!!(window.adagradFigure && window.adagradFigure.state().ready)`, &ready); err == nil && ready {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the embedded figure never became ready")
		}
		time.Sleep(100 * time.Millisecond)
	}
	scrollY := func() float64 {
		t.Helper()
		var y float64
		if err := evalJSON(ctx, `window.scrollY`, &y); err != nil {
			t.Fatal(err)
		}
		return y
	}
	// The middle of the canvas, away from the start handle (top left), in
	// the page's viewport.
	point := func() (x, y float64) {
		t.Helper()
		var r struct{ X, Y, W, H float64 }
		if err := evalJSON(ctx, `(() => { const r = document.getElementById("fig").getBoundingClientRect(); return { X: r.left, Y: r.top, W: r.width, H: r.height }; })()`, &r); err != nil {
			t.Fatal(err)
		}
		return r.X + r.W*0.6, r.Y + r.H*0.35
	}

	// The mouse wheel over the figure scrolls the page.
	x, y := point()
	if y < 0 || y > 700 {
		t.Fatalf("the figure is not in view: %v", y)
	}
	before := scrollY()
	// cdproto leaves out a zero deltaX, which the protocol requires for a
	// wheel event, so this one is sent by hand.
	wheel := func(x, y, dy float64) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			return tg.Call(ctx, "Input.dispatchMouseEvent", map[string]any{
				"type": "mouseWheel", "x": x, "y": y, "deltaX": 0, "deltaY": dy}, nil)
		})
	}
	if err := chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseMoved, x, y), wheel(x, y, 240)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, fmt.Sprintf(`window.scrollY > %g`, before+50), 5*time.Second)
	// And back up.
	mid := scrollY()
	x, y = point()
	if err := chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseMoved, x, y), wheel(x, y, -120)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, fmt.Sprintf(`window.scrollY < %g`, mid-30), 5*time.Second)

	// Touch: headless Chromium does not scroll on synthesized swipes, so
	// this checks what decides it. Inside the frame, a listener placed after
	// figure.js's records whether each touch event had its default (the
	// scroll) prevented: a touch away from the handle must keep it, a touch
	// on the handle must not (it drags the start instead).
	if _, err := chromedp.Call(ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true, MaxTouchPoints: 1}); err != nil {
		t.Fatal(err)
	}
	if err := rec.evalIn(ctx, figOrigin, `(() => { window.__touch = [];
		for (const type of ["touchstart", "touchmove"])
			addEventListener(type, (e) => __touch.push(type + ":" + e.defaultPrevented + (e.cancelable ? "" : " (not cancelable)")), { capture: true, passive: false });
		return true; })()`, nil); err != nil {
		t.Fatal(err)
	}
	var touchAction string
	if err := rec.evalIn(ctx, figOrigin, `getComputedStyle(document.querySelector("canvas")).touchAction`, &touchAction); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(touchAction, "pan-y") && touchAction != "auto" {
		t.Errorf("the canvas has touch-action %q, which stops vertical touch scrolling", touchAction)
	}
	swipe := func(x, y float64) []string {
		t.Helper()
		tp := func(typ input.DispatchTouchEventType, y float64) chromedp.Action[chromedp.Void] {
			return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				pts := []map[string]float64{{"x": x, "y": y}}
				if typ == input.DispatchTouchEventTypeTouchEnd {
					pts = nil
				}
				return tg.Call(ctx, "Input.dispatchTouchEvent", map[string]any{"type": typ, "touchPoints": pts}, nil)
			})
		}
		if err := chromedp.Do(ctx, tp(input.DispatchTouchEventTypeTouchStart, y), tp(input.DispatchTouchEventTypeTouchMove, y-30),
			tp(input.DispatchTouchEventTypeTouchMove, y-60), tp(input.DispatchTouchEventTypeTouchEnd, y-60)); err != nil {
			t.Fatal(err)
		}
		var got []string
		if err := rec.evalIn(ctx, figOrigin, `__touch.splice(0)`, &got); err != nil {
			t.Fatal(err)
		}
		return got
	}
	x, y = point()
	away := swipe(x, y)
	if len(away) == 0 {
		t.Fatal("no touch event reached the figure")
	}
	for _, e := range away {
		if strings.HasSuffix(e, ":true") {
			t.Errorf("a swipe away from the handle had its scrolling prevented: %q", away)
			break
		}
	}
	// The handle's place on the page: read until the frame and the handle
	// have stood still for a moment (the parent may still be resizing the
	// iframe from its height message, or the first swipe's scroll settling).
	var hd []float64
	var fr struct{ X, Y float64 }
	for tries := 0; ; tries++ {
		var hd2 []float64
		var fr2 struct{ X, Y float64 }
		read := func(h *[]float64, f *struct{ X, Y float64 }) {
			if err := rec.evalIn(ctx, figOrigin, `window.adagradFigure.handle()`, h); err != nil || len(*h) != 2 {
				t.Fatalf("handle: %v %v", *h, err)
			}
			if err := evalJSON(ctx, `(() => { const r = document.getElementById("fig").getBoundingClientRect(); return { X: r.left, Y: r.top }; })()`, f); err != nil {
				t.Fatal(err)
			}
		}
		read(&hd, &fr)
		time.Sleep(300 * time.Millisecond)
		read(&hd2, &fr2)
		if (hd[0] == hd2[0] && hd[1] == hd2[1] && fr == fr2) || tries == 20 {
			break
		}
	}
	on := swipe(fr.X+hd[0], fr.Y+hd[1])
	if len(on) == 0 || on[0] != "touchstart:true" {
		t.Errorf("a touch on the handle did not stop the scroll: %q", on)
	}
	var st figureState
	if err := rec.evalIn(ctx, figOrigin, `window.adagradFigure.state()`, &st); err != nil {
		t.Fatal(err)
	}
	if y0, _ := st.Params["y0"].(float64); !(y0 > 2) {
		t.Errorf("dragging the handle up by touch left y0 at %v", st.Params["y0"])
	}
	if _, err := chromedp.Call(ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: false}); err != nil {
		t.Fatal(err)
	}

	// Tab from the button before the figure walks through the figure's
	// controls and out to the button after it.
	if err := evalJSON(ctx, `window.scrollTo(0, 0), document.getElementById("before").focus(), true`, nil); err != nil {
		t.Fatal(err)
	}
	walk := func(dir string, from, to string, mods ...chromedp.KeyOption) []string {
		t.Helper()
		var inside []string
		for i := 0; i < 60; i++ {
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab, mods...)); err != nil {
				t.Fatal(err)
			}
			var outer string
			if err := evalJSON(ctx, `document.activeElement ? document.activeElement.id : ""`, &outer); err != nil {
				t.Fatal(err)
			}
			switch outer {
			case to:
				return inside
			case "fig":
				var el string
				if err := rec.evalIn(ctx, figOrigin, `(() => { const a = document.activeElement; return a ? a.tagName.toLowerCase() + (a.id ? "#" + a.id : "") + (a.name ? "[" + a.name + "]" : "") : ""; })()`, &el); err != nil {
					t.Fatal(err)
				}
				inside = append(inside, el)
			default:
				t.Fatalf("%s from #%s: focus went to %q", dir, from, outer)
			}
		}
		t.Fatalf("%s: 60 presses never reached #%s; inside the figure: %q", dir, to, inside)
		return nil
	}
	forward := walk("Tab", "before", "after")
	has := func(list []string, prefix string) bool {
		return slices.ContainsFunc(list, func(s string) bool { return strings.HasPrefix(s, prefix) })
	}
	if !has(forward, "canvas") || !has(forward, "button#btn-play") || !has(forward, "input[lr]") {
		t.Errorf("Tab through the figure visited %q; want the canvas, the play button and the lr slider", forward)
	}
	back := walk("Shift+Tab", "after", "before", chromedp.KeyModifiers(chromedp.ModifierShift))
	if len(back) != len(forward) {
		t.Errorf("Tab visited %d elements in the figure, Shift+Tab %d: %q vs %q", len(forward), len(back), forward, back)
	}
	rec.assertNoDialogs(t)
	w.AssertClean(t)
	t.Logf("Tab through the figure: %q", forward)
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

// evalAll evaluates expr in every live frame of origin and decodes each
// value into a JSON text.
func (r *hostileRec) evalAll(ctx context.Context, origin, expr string) ([]json.RawMessage, error) {
	var out []json.RawMessage
	for _, id := range r.contextsOf(origin) {
		v, err := evalContext(ctx, id, expr)
		if err != nil {
			return nil, err
		}
		if v != nil {
			out = append(out, json.RawMessage(v.Value))
		}
	}
	return out, nil
}

// TestHostileTooManyContexts puts more figures on one page than the
// browser keeps WebGL contexts (16 in Chromium): the oldest lose theirs.
// None may reload (Ebiten's answer, which would loop as each reload takes
// a context from another figure); each that lost its context says so.
func TestHostileTooManyContexts(t *testing.T) {
	site(t)
	const n = 20
	figOrigin := h.origin
	var frames strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&frames, `<iframe src="%s" width="260" height="200" title="figure %d"></iframe>`,
			siteURL(t, fmt.Sprintf("web/figure.html?fig=%s&play=0&controls=0", figures[i%len(figures)])), i)
	}
	parent := otherOriginPage(t, `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Too many figures</title></head><body>
<script>window.ready = 0; addEventListener("message", (e) => { if (e.data && e.data.type === "adagrad:ready") ready++; });</script>
`+frames.String()+`</body></html>`)
	var rec hostileRec
	ctx, w := openPage(t, parent, viewport(1400, 1000, 1), recordHostile(&rec))
	waitJS(t, ctx, fmt.Sprintf(`window.ready >= %d`, n), 120*time.Second)
	time.Sleep(3 * time.Second)
	if got := rec.Navigations("/web/figure.html"); got != n {
		t.Errorf("%d figure loads for %d figures: something reloaded", got, n)
	}
	vals, err := rec.evalAll(ctx, figOrigin, `(() => { const c = document.querySelector("canvas");
		const gl = c && c.getContext("webgl2");
		const lost = !gl || gl.isContextLost();
		const w = document.getElementById("fig-warning");
		return { lost, warned: w.checkVisibility() && /graphics/.test(w.textContent) }; })()`)
	if err != nil {
		t.Fatal(err)
	}
	if len(vals) != n {
		t.Fatalf("%d live figure frames, want %d", len(vals), n)
	}
	lost := 0
	for _, v := range vals {
		var s struct{ Lost, Warned bool }
		json.Unmarshal(v, &s)
		if s.Lost {
			lost++
		}
		if s.Lost != s.Warned {
			t.Errorf("a figure with lost=%v shows the warning: %v", s.Lost, s.Warned)
		}
	}
	t.Logf("%d of %d figures lost their WebGL context", lost, n)
	if got := rec.Navigations("/parent.html"); got != 1 {
		t.Errorf("the page loaded %d times", got)
	}
	screenshotFull(t, ctx, "hostile-too-many-figures")
	rec.assertNoDialogs(t)
	w.AssertClean(t)
}
