package web_test

// Native checks of the lesson page (index.html) that need no browser: the Go
// listing is the very code in sim/, every "try this" link is a valid figure
// state, the URL parameter table lists every parameter, and the page keeps
// to the site's Content-Security-Policy (nothing inline, nothing absolute).

import (
	"flag"
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/render"
	"github.com/adagrad-explained/adagrad/sim"
)

var updateLesson = flag.Bool("update-lesson", false, "rewrite the Go listing in index.html from sim/ (then review and commit it)")

const (
	simBegin  = "// lesson:adagrad-step:begin"
	simEnd    = "// lesson:adagrad-step:end"
	pageBegin = "<!-- sim:adagrad-step:begin -->"
	pageEnd   = "<!-- sim:adagrad-step:end -->"
)

// lessonPath is index.html, one folder up from web/.
var lessonPath = filepath.Join("..", "index.html")

func readLesson(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(lessonPath)
	if err != nil {
		t.Fatalf("read the lesson page: %v", err)
	}
	return string(b)
}

// stepListing returns the code the lesson quotes from one Go source: the
// function that holds the lesson:adagrad-step markers, from its doc comment
// to its closing brace, with the two marker lines left out.
func stepListing(src string) (string, error) {
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	begin, end := -1, -1
	for i, l := range lines {
		switch strings.TrimSpace(l) {
		case simBegin:
			if begin >= 0 {
				return "", fmt.Errorf("%q appears twice (lines %d and %d)", simBegin, begin+1, i+1)
			}
			begin = i
		case simEnd:
			if end >= 0 {
				return "", fmt.Errorf("%q appears twice (lines %d and %d)", simEnd, end+1, i+1)
			}
			end = i
		}
	}
	switch {
	case begin < 0 && end < 0:
		return "", errNoMarkers
	case begin < 0 || end < 0:
		return "", fmt.Errorf("only one of %q and %q is present", simBegin, simEnd)
	case end < begin:
		return "", fmt.Errorf("%q (line %d) comes before %q (line %d)", simEnd, end+1, simBegin, begin+1)
	}
	first := -1
	for i := begin - 1; i >= 0; i-- {
		if strings.HasPrefix(lines[i], "func ") {
			first = i
			break
		}
		if strings.HasPrefix(lines[i], "}") {
			break
		}
	}
	if first < 0 {
		return "", fmt.Errorf("%q (line %d) is not inside a top-level func", simBegin, begin+1)
	}
	for first > 0 && strings.HasPrefix(lines[first-1], "//") {
		first--
	}
	last := -1
	for i := end + 1; i < len(lines); i++ {
		if lines[i] == "}" {
			last = i
			break
		}
		if strings.HasPrefix(lines[i], "func ") {
			break
		}
	}
	if last < 0 {
		return "", fmt.Errorf("no closing brace of the func after %q (line %d)", simEnd, end+1)
	}
	var out []string
	for i := first; i <= last; i++ {
		if i != begin && i != end {
			out = append(out, lines[i])
		}
	}
	return strings.Join(out, "\n"), nil
}

var errNoMarkers = fmt.Errorf("no lesson:adagrad-step markers")

// findStep searches the non-test Go files of dir for the one that carries
// the markers and returns its slash path ("sim/optim.go") and listing.
func findStep(dir string) (string, string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return "", "", err
	}
	sort.Strings(files)
	var found []string
	var listing string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return "", "", err
		}
		l, err := stepListing(string(b))
		if err == errNoMarkers {
			continue
		}
		if err != nil {
			return "", "", fmt.Errorf("%s: %v", f, err)
		}
		found = append(found, f)
		listing = l
	}
	if len(found) != 1 {
		return "", "", fmt.Errorf("want the lesson:adagrad-step markers in exactly one Go file of %s, found them in %d: %v", dir, len(found), found)
	}
	rel, err := filepath.Rel("..", found[0])
	if err != nil {
		return "", "", err
	}
	return filepath.ToSlash(rel), listing, nil
}

// escapeHTML escapes what must be escaped inside <pre><code>, and nothing
// more, so the listing in index.html stays readable as source.
func escapeHTML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func TestStepListing(t *testing.T) {
	good := "package sim\n\nfunc other() {\n}\n\n// Step moves x.\n// It adds g⊙g.\nfunc (a *A) Step(x, g []float64) {\n\t// lesson:adagrad-step:begin\n\tfor i := range g {\n\t\tx[i] -= g[i] // a < b & c\n\t}\n\t// lesson:adagrad-step:end\n}\n\nfunc after() {}\n"
	want := "// Step moves x.\n// It adds g⊙g.\nfunc (a *A) Step(x, g []float64) {\n\tfor i := range g {\n\t\tx[i] -= g[i] // a < b & c\n\t}\n}"
	got, err := stepListing(good)
	if err != nil || got != want {
		t.Fatalf("stepListing(good) = %q, %v; want %q", got, err, want)
	}
	if e := escapeHTML(got); !strings.Contains(e, "a &lt; b &amp; c") || strings.Contains(e, "a < b") {
		t.Errorf("escapeHTML did not escape < and &: %q", e)
	}
	bad := map[string]string{
		"no markers":   "package sim\nfunc f() {}\n",
		"begin only":   "func f() {\n\t// lesson:adagrad-step:begin\n}\n",
		"end first":    "func f() {\n\t// lesson:adagrad-step:end\n\t// lesson:adagrad-step:begin\n}\n",
		"two begins":   "func f() {\n\t// lesson:adagrad-step:begin\n\t// lesson:adagrad-step:begin\n\t// lesson:adagrad-step:end\n}\n",
		"not in func":  "// lesson:adagrad-step:begin\nvar x = 1\n// lesson:adagrad-step:end\n",
		"no close":     "func f() {\n\t// lesson:adagrad-step:begin\n\t// lesson:adagrad-step:end\n",
		"outside func": "func f() {\n}\n// lesson:adagrad-step:begin\n// lesson:adagrad-step:end\n",
	}
	for name, src := range bad {
		if got, err := stepListing(src); err == nil {
			t.Errorf("%s: stepListing accepted it and returned %q", name, got)
		}
	}
}

// TestLessonGoListingMatchesSim fails when the Go listing in index.html is
// not, character for character, the AdaGrad step the figures run.
func TestLessonGoListingMatchesSim(t *testing.T) {
	path, listing, err := findStep(filepath.Join("..", "sim"))
	if err != nil {
		t.Fatal(err)
	}
	want := escapeHTML(listing)
	page := readLesson(t)
	i := strings.Index(page, pageBegin)
	j := strings.Index(page, pageEnd)
	if i < 0 || j < i || strings.Count(page, pageBegin) != 1 || strings.Count(page, pageEnd) != 1 {
		t.Fatalf("index.html needs exactly one %s … %s pair (inside the Go <pre><code>)", pageBegin, pageEnd)
	}
	got := page[i+len(pageBegin) : j]
	srcRe := regexp.MustCompile(`<code class="src-path">([^<]*)</code>`)
	m := srcRe.FindStringSubmatch(page)

	if *updateLesson {
		page = page[:i+len(pageBegin)] + want + page[j:]
		if m != nil {
			page = strings.Replace(page, m[0], `<code class="src-path">`+path+`</code>`, 1)
		}
		if err := os.WriteFile(lessonPath, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("rewrote the Go listing in index.html from %s; review the diff and commit it", path)
		return
	}
	if got != want {
		gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
		n := 0
		for n < len(gl) && n < len(wl) && gl[n] == wl[n] {
			n++
		}
		line := func(ls []string) string {
			if n < len(ls) {
				return fmt.Sprintf("%q", ls[n])
			}
			return "(nothing)"
		}
		t.Fatalf("the Go listing in index.html differs from the AdaGrad step in %s.\n"+
			"First difference at listing line %d:\n  index.html: %s\n  %s: %s\n"+
			"The page must quote the code the figures run. To refresh it, run\n"+
			"  go test ./web -run TestLessonGoListingMatchesSim -update-lesson\n"+
			"then read the new listing and check the prose around it still fits.",
			path, n+1, line(gl), path, line(wl))
	}
	if m == nil || m[1] != path {
		found := "none"
		if m != nil {
			found = m[1]
		}
		t.Errorf("the listing's caption names %s as its source, want %s (run with -update-lesson to fix)", found, path)
	}
}

// tryLink is one "try this" link of the page.
type tryLink struct {
	href, fig, set, text string
}

var tryRe = regexp.MustCompile(`<a class="try" href="([^"]*)" data-fig="([^"]*)" data-set="([^"]*)">(.*?)</a>`)

func tryLinks(page string) []tryLink {
	var out []tryLink
	for _, m := range tryRe.FindAllStringSubmatch(page, -1) {
		out = append(out, tryLink{href: unescapeAttr(m[1]), fig: m[2], set: unescapeAttr(m[3]), text: m[4]})
	}
	return out
}

func unescapeAttr(s string) string { return strings.ReplaceAll(s, "&amp;", "&") }

// TestLessonTryLinks checks that every "try this" link targets a figure on
// the page, names only real parameters with valid values, and that its
// href (what a reader without JavaScript gets) shows the same state.
func TestLessonTryLinks(t *testing.T) {
	page := readLesson(t)
	if n := strings.Count(page, `class="try"`); n != len(tryLinks(page)) {
		t.Fatalf(`%d elements have class="try" but only %d have the form <a class="try" href data-fig data-set>`, n, len(tryLinks(page)))
	}
	links := tryLinks(page)
	if len(links) < 12 {
		t.Fatalf("found %d try-this links, want the lesson's dozen or more", len(links))
	}
	figs := map[string]bool{}
	for _, m := range regexp.MustCompile(`<figure class="fig" id="fig-([a-z]+)" data-fig="([a-z]+)"`).FindAllStringSubmatch(page, -1) {
		if m[1] != m[2] {
			t.Errorf("figure id fig-%s holds data-fig=%q", m[1], m[2])
		}
		if figs[m[2]] {
			t.Errorf("figure %q appears twice", m[2])
		}
		figs[m[2]] = true
	}
	for _, f := range params.Figs {
		if !figs[f] {
			t.Errorf("figure %q is missing from the lesson", f)
		}
	}
	perFig := map[string]int{}
	for _, l := range links {
		perFig[l.fig]++
		if !figs[l.fig] {
			t.Errorf("link %q targets figure %q, which is not on the page", l.text, l.fig)
		}
		u, err := url.Parse(l.href)
		if err != nil || u.IsAbs() || u.Path != "web/figure.html" {
			t.Errorf("link %q: href %q should be the relative web/figure.html?...", l.text, l.href)
			continue
		}
		hv, notices := params.ParseQuery(u.RawQuery)
		if len(notices) > 0 {
			t.Errorf("link %q: href query %q gives notices %v", l.text, u.RawQuery, notices)
		}
		if hv.Fig != l.fig {
			t.Errorf("link %q: href shows fig=%q but data-fig is %q", l.text, hv.Fig, l.fig)
		}
		set, err := url.ParseQuery(l.set)
		if err != nil || len(set) == 0 {
			t.Errorf("link %q: data-set %q is not a query string of parameters", l.text, l.set)
			continue
		}
		sv := params.Defaults(l.fig)
		for name, vals := range set {
			if name == "fig" {
				t.Errorf("link %q: data-set must not change fig", l.text)
				continue
			}
			if n := sv.Set(name, vals[len(vals)-1]); n != nil {
				t.Errorf("link %q: data-set %s=%s is refused: %v", l.text, name, vals[len(vals)-1], n)
				continue
			}
			if name == "play" {
				continue // the href opens the figure with its own play default
			}
			if got, want := hv.Get(name), sv.Get(name); got != want {
				t.Errorf("link %q: href gives %s=%s but data-set gives %s=%s; a reader without JavaScript would see another state", l.text, name, got, name, want)
			}
		}
	}
	for f := range figs {
		if perFig[f] == 0 {
			t.Errorf("figure %q has no try-this link", f)
		}
	}
}

// TestLessonParamTable checks the embed section lists every URL parameter.
func TestLessonParamTable(t *testing.T) {
	page := readLesson(t)
	i := strings.Index(page, `<table class="params">`)
	if i < 0 {
		t.Fatal(`index.html has no <table class="params"> in its embed section`)
	}
	table := page[i : i+strings.Index(page[i:], "</table>")]
	listed := map[string]bool{}
	for _, m := range regexp.MustCompile(`<th scope="row">(.*?)</th>`).FindAllStringSubmatch(table, -1) {
		for _, c := range regexp.MustCompile(`<code>([a-z0-9]+)</code>`).FindAllStringSubmatch(m[1], -1) {
			listed[c[1]] = true
		}
	}
	for _, s := range params.Table {
		if !listed[s.Name] {
			t.Errorf("the URL parameter table in index.html does not list %q (%s)", s.Name, s.Help)
		}
		delete(listed, s.Name)
	}
	for name := range listed {
		t.Errorf("the URL parameter table lists %q, which is not a parameter", name)
	}
}

// TestLessonCSP checks the page against the site's Content-Security-Policy
// and sub-path hosting: no inline script or style, no event-handler
// attributes, and every loaded resource a relative URL.
func TestLessonCSP(t *testing.T) {
	page := readLesson(t)
	for _, bad := range []*regexp.Regexp{
		regexp.MustCompile(`(?i)<style[\s>]`),
		regexp.MustCompile(`(?i)\sstyle\s*=`),
		regexp.MustCompile(`(?i)<[^>]*\son[a-z]+\s*=`),
		regexp.MustCompile(`(?i)javascript:`),
	} {
		if m := bad.FindString(page); m != "" {
			t.Errorf("index.html contains %q, which the CSP forbids", m)
		}
	}
	for _, m := range regexp.MustCompile(`(?is)<script([^>]*)>(.*?)</script>`).FindAllStringSubmatch(page, -1) {
		if strings.TrimSpace(m[2]) != "" || !strings.Contains(m[1], "src=") {
			t.Errorf("inline script in index.html: <script%s>", m[1])
		}
	}
	// Anything the browser fetches by itself must stay on this origin and
	// under this sub-path. Outbound <a href> links load nothing and may point away.
	fetched := regexp.MustCompile(`(?i)<(link|script|img|iframe|source|video|audio|object|embed)\b[^>]*?\s(?:href|src|data)="([^"]*)"`)
	n := 0
	for _, m := range fetched.FindAllStringSubmatch(page, -1) {
		n++
		u, err := url.Parse(m[2])
		if err != nil || u.IsAbs() || u.Host != "" || strings.HasPrefix(m[2], "/") {
			t.Errorf("<%s> loads %q: resources must be relative URLs on this site", m[1], m[2])
		}
	}
	if n < 3 {
		t.Errorf("found %d resource URLs; expected at least palette.css, lesson.css and lesson.js", n)
	}
	for _, need := range []string{`href="web/palette.css"`, `href="web/lesson.css"`, `src="web/lesson.js"`} {
		if !strings.Contains(page, need) {
			t.Errorf("index.html does not load %s", need)
		}
	}
	if strings.Index(page, "web/palette.css") > strings.Index(page, "web/lesson.css") {
		t.Error("palette.css must be linked before lesson.css, which uses its colours")
	}
}

// TestLessonColours checks that every symbol colour class used in the
// formulas is defined in lesson.css, and that lesson.css only uses palette
// colours that palette.css defines.
func TestLessonColours(t *testing.T) {
	page := readLesson(t)
	cssB, err := os.ReadFile("lesson.css")
	if err != nil {
		t.Fatal(err)
	}
	css := string(cssB)
	used := map[string]bool{}
	for _, m := range regexp.MustCompile(`class="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		for _, c := range strings.Fields(m[1]) {
			if strings.HasPrefix(c, "s-") || strings.HasPrefix(c, "k-") {
				used[c] = true
			}
		}
	}
	for _, need := range []string{"s-grad", "s-accum", "s-sgd", "s-ada"} {
		if !used[need] {
			t.Errorf("no formula symbol has class %q: symbols must carry the colour the figures use", need)
		}
	}
	for c := range used {
		if !regexp.MustCompile(`\.` + regexp.QuoteMeta(c) + `\b`).MatchString(css) {
			t.Errorf("index.html uses class %q but lesson.css never styles it", c)
		}
	}
	pal, err := os.ReadFile("palette.css")
	if err != nil {
		t.Fatalf("web/palette.css (generated from render's palette) is missing: %v", err)
	}
	for _, m := range regexp.MustCompile(`var\((--c-[a-z]+)`).FindAllStringSubmatch(css, -1) {
		if !strings.Contains(string(pal), m[1]+":") {
			t.Errorf("lesson.css uses %s, which palette.css does not define", m[1])
		}
	}
}

// ---- Stills: the pictures in the figure slots, for print and for readers
// without WebAssembly. They are drawn here from real sim runs, so they show
// what the figures do; a test fails when index.html holds another picture.

const (
	stillXMin, stillXMax = -5.2, 1.0 // the world box: 1:1, like the figures
	stillYMin, stillYMax = -2.2, 2.2
	stillW, stillH       = 300.0, 212.9 // one panel, in SVG units
	stillPad             = 10.0
	// The lesson's valley (figure 1) and rates; the prose quotes these
	// numbers. Figures 2 and 3 run on a gentler valley, a = stillMildA.
	stillA, stillB         = 0.02, 10.0
	stillMildA             = 0.2
	stillX0, stillY0       = -4.5, 2.0
	stillSGDLR, stillAdaLR = 0.18, 0.5
	// The freeze figure's run.
	stillFreezeLR, stillFreezeX0, stillFreezeY0 = 0.3, -40.0, 5.0
	// The sparse figure's own valley, steep in x and flat in y, its start,
	// its world box (scene's viewFor) and its dropout: the y-gradient is
	// zeroed with probability p, seed 1. Its rates are the valley's.
	stillSparseA, stillSparseB   = 10.0, 0.2
	stillSparseX0, stillSparseY0 = -2.0, 2.5
	stillP, stillSeed            = 0.8, 1
	stillSparseSteps             = 80 // the steps the prose quotes numbers for
)

// stillView is one panel's world box and landscape. Panels are stillW
// wide and h tall, at 1:1 like the figures.
type stillView struct {
	xmin, xmax, ymin, ymax float64
	h                      float64
	a, b                   float64
	levels                 []float64 // contour levels of ½(ax² + by²)
}

// valleyView frames the lesson's valley, flat in x and steep in y, with
// levels as the figure picks them: geometric, from 2·10⁻⁴ to 0.6 of the
// highest corner.
var valleyView = func() stillView {
	v := stillView{stillXMin, stillXMax, stillYMin, stillYMax, stillH, stillA, stillB, nil}
	hi := 0.5 * (v.a*v.xmin*v.xmin + v.b*v.ymax*v.ymax)
	v.levels = render.GeometricLevels(hi*2e-4, hi*0.6, 14)
	return v
}()

// accumView frames the accumulator figure's gentler valley (a = stillMildA)
// in the same box.
var accumView = stillView{stillXMin, stillXMax, stillYMin, stillYMax, stillH, stillMildA, stillB,
	[]float64{0.03, 0.1, 0.3, 0.7, 1.4, 2.5, 4.2, 7, 11, 17, 25, 36}}

// sparseView frames the sparse figure's valley in its box, x ∈ [−4, 4],
// y ∈ [−3, 3], with the levels the figure draws: geometric, from 2·10⁻⁴ to
// 0.6 of the highest corner.
var sparseView = func() stillView {
	v := stillView{xmin: -4, xmax: 4, ymin: -3, ymax: 3, a: stillSparseA, b: stillSparseB}
	v.h = (v.ymax - v.ymin) / (v.xmax - v.xmin) * stillW
	hi := 0.5 * (v.a*v.xmax*v.xmax + v.b*v.ymax*v.ymax)
	v.levels = render.GeometricLevels(hi*2e-4, hi*0.6, 14)
	return v
}()

func (v stillView) X(x float64) float64 {
	return stillPad + (x-v.xmin)/(v.xmax-v.xmin)*stillW
}
func (v stillView) Y(y float64) float64 {
	return stillPad + (v.ymax-y)/(v.ymax-v.ymin)*v.h
}

// stillRun runs one optimizer on the lesson's valley from the figures'
// default start and returns the path.
func stillRun(m sim.Method, lr float64, steps int) ([][2]float64, *sim.Run) {
	return stillRunOn(stillA, stillB, stillX0, stillY0, m, lr, steps, nil)
}

// accumRun is the same on the accumulator figure's valley.
func accumRun(m sim.Method, lr float64, steps int) ([][2]float64, *sim.Run) {
	return stillRunOn(stillMildA, stillB, stillX0, stillY0, m, lr, steps, nil)
}

// stillRunOn runs one optimizer on the valley ½(ax² + by²) from (x0, y0),
// with the y-gradient dropped as drop says (nil: never), and returns the
// path and the run.
func stillRunOn(a, b, x0, y0 float64, m sim.Method, lr float64, steps int, drop *sim.Dropout) ([][2]float64, *sim.Run) {
	c := sim.DefaultConfig(m)
	c.LR = lr
	r := sim.NewRun(sim.NewValley(a, b, 0), c, []float64{x0, y0}, drop)
	pts := [][2]float64{{x0, y0}}
	for i := 0; i < steps; i++ {
		r.Step()
		s := r.State()
		pts = append(pts, [2]float64{s.X[0], s.X[1]})
	}
	return pts, r
}

// sparseRun is one of the sparse figure's default runs, stillSparseSteps long.
func sparseRun(m sim.Method, lr float64) ([][2]float64, *sim.Run) {
	return stillRunOn(stillSparseA, stillSparseB, stillSparseX0, stillSparseY0, m, lr, stillSparseSteps,
		&sim.Dropout{P: stillP, Coord: 1, Seed: stillSeed})
}

func (v stillView) contours(b *strings.Builder) {
	// Level sets of ½(ax² + by²) are ellipses with half-axes √(2c/a), √(2c/b).
	for _, c := range v.levels {
		rx := math.Sqrt(2*c/v.a) / (v.xmax - v.xmin) * stillW
		ry := math.Sqrt(2*c/v.b) / (v.ymax - v.ymin) * v.h
		fmt.Fprintf(b, `<ellipse class="st-contour" cx="%.1f" cy="%.1f" rx="%.1f" ry="%.1f"/>`, v.X(0), v.Y(0), rx, ry)
	}
	fmt.Fprintf(b, `<path class="st-min" d="M%.1f %.1fh10m-5 -5v10"/>`, v.X(0)-5, v.Y(0))
}

// path draws a run's path and a dot at its start.
func (v stillView) path(b *strings.Builder, cls string, pts [][2]float64) {
	v.line(b, cls, pts)
	fmt.Fprintf(b, `<circle class="st-start %s" cx="%.1f" cy="%.1f" r="4"/>`, cls, v.X(pts[0][0]), v.Y(pts[0][1]))
}

// line draws a run's path alone.
func (v stillView) line(b *strings.Builder, cls string, pts [][2]float64) {
	var pp []string
	for _, p := range pts {
		x := math.Max(v.xmin-1, math.Min(v.xmax+1, p[0]))
		y := math.Max(v.ymin-1, math.Min(v.ymax+1, p[1]))
		pp = append(pp, fmt.Sprintf("%.1f,%.1f", v.X(x), v.Y(y)))
	}
	fmt.Fprintf(b, `<polyline class="st-path %s" points="%s"/>`, cls, strings.Join(pp, " "))
}

// panel opens a framed, clipped panel at dx; close it with </svg>.
func (v stillView) panel(b *strings.Builder, dx float64) {
	fmt.Fprintf(b, `<rect class="st-frame" x="%g" y="%g" width="%g" height="%g" rx="6"/>`, dx+stillPad, stillPad, stillW, v.h)
	fmt.Fprintf(b, `<svg x="%g" y="%g" width="%g" height="%g" viewBox="%g %g %g %g">`,
		dx+stillPad, stillPad, stillW, v.h, stillPad, stillPad, stillW, v.h)
}

func (v stillView) label(b *strings.Builder, dx float64, cls, text string) {
	fmt.Fprintf(b, `<text class="st-label %s" x="%g" y="%g">%s</text>`, cls, dx+stillPad+8, stillPad+v.h-10, text)
}

// open starts a still two panels wide.
func (v stillView) open(b *strings.Builder) {
	fmt.Fprintf(b, `<svg class="still" viewBox="0 0 %g %g" aria-hidden="true" focusable="false">`, 2*(stillW+stillPad)+stillPad, v.h+2*stillPad)
}

// stills returns the SVG of each still, by figure.
func stills() map[string]string {
	out := map[string]string{}

	// valley: 30 steps of SGD and AdaGrad, side by side.
	var b strings.Builder
	valleyView.open(&b)
	for i, m := range []sim.Method{sim.SGD, sim.AdaGrad} {
		lr := []float64{stillSGDLR, stillAdaLR}[i]
		cls := []string{"st-sgd", "st-ada"}[i]
		pts, _ := stillRun(m, lr, 30)
		dx := float64(i) * (stillW + stillPad)
		valleyView.panel(&b, dx)
		valleyView.contours(&b)
		valleyView.path(&b, cls, pts)
		b.WriteString(`</svg>`)
		valleyView.label(&b, dx, cls, fmt.Sprintf("%s, η = %g", []string{"SGD", "AdaGrad"}[i], lr))
	}
	b.WriteString("</svg>")
	out["valley"] = b.String()

	out["sparse"] = sparseStill()
	out["freeze"] = freezeStill()

	// accumulator: AdaGrad after 4 steps with its step ellipse (half-axes
	// the effective rates) beside SGD's circle of radius η, both
	// enlarged alike; and the two accumulators as bars.
	pts, r := accumRun(sim.AdaGrad, stillAdaLR, 4)
	s := r.State()
	b.Reset()
	accumView.open(&b)
	accumView.panel(&b, 0)
	accumView.contours(&b)
	accumView.path(&b, "st-ada", pts)
	scale := 40 / s.Rate[0]
	cx, cy := accumView.X(s.X[0]), accumView.Y(s.X[1])
	fmt.Fprintf(&b, `<circle class="st-circle" cx="%.1f" cy="%.1f" r="%.1f"/>`, cx, cy, stillSGDLR*scale)
	fmt.Fprintf(&b, `<ellipse class="st-ellipse" cx="%.1f" cy="%.1f" rx="%.1f" ry="%.1f"/>`, cx, cy, s.Rate[0]*scale, s.Rate[1]*scale)
	b.WriteString(`</svg>`)
	accumView.label(&b, 0, "st-ada", "AdaGrad&#8217;s step ellipse, SGD&#8217;s circle (dashed), enlarged")
	dx := stillW + stillPad
	fmt.Fprintf(&b, `<rect class="st-frame" x="%g" y="%g" width="%g" height="%g" rx="6"/>`, dx+stillPad, stillPad, stillW, stillH)
	top, base := stillPad+22.0, stillPad+stillH-34
	gmax := math.Max(s.G[0], s.G[1])
	for i, g := range s.G {
		h := math.Max(1.5, g/gmax*(base-top))
		x := dx + stillPad + 70 + float64(i)*110
		fmt.Fprintf(&b, `<rect class="st-bar" x="%.1f" y="%.1f" width="60" height="%.1f"/>`, x, base-h, h)
		fmt.Fprintf(&b, `<text class="st-label" x="%.1f" y="%.1f" text-anchor="middle">G<tspan dy="3" font-size="10">%s</tspan><tspan dy="-3"> = %.0f</tspan></text>`,
			x+30, base+18, []string{"x", "y"}[i], g)
	}
	fmt.Fprintf(&b, `<text class="st-label st-accum" x="%g" y="%g">accumulator after %d steps</text>`, dx+stillPad+8, stillPad+16, s.Step)
	b.WriteString("</svg>")
	out["accumulator"] = b.String()
	return out
}

// sparseStill draws the sparse figure's default runs, SGD and AdaGrad on
// its own valley (steep in x, flat in y) with the y-gradient zeroed with
// probability p, for stillSparseSteps steps.
func sparseStill() string {
	v := sparseView
	var b strings.Builder
	v.open(&b)
	for i, m := range []sim.Method{sim.SGD, sim.AdaGrad} {
		lr := []float64{stillSGDLR, stillAdaLR}[i]
		cls := []string{"st-sgd", "st-ada"}[i]
		pts, _ := sparseRun(m, lr)
		dx := float64(i) * (stillW + stillPad)
		v.panel(&b, dx)
		v.contours(&b)
		v.line(&b, cls, pts)
		// As in the figure: a ring at the start, a dot where the run is now.
		fmt.Fprintf(&b, `<circle class="st-ring" cx="%.1f" cy="%.1f" r="6"/>`, v.X(pts[0][0]), v.Y(pts[0][1]))
		end := pts[len(pts)-1]
		fmt.Fprintf(&b, `<circle class="st-end %s" cx="%.1f" cy="%.1f" r="4.5"/>`, cls, v.X(end[0]), v.Y(end[1]))
		b.WriteString(`</svg>`)
		v.label(&b, dx, cls, fmt.Sprintf("%s, p = %g: y = %.2f at step %d", []string{"SGD", "AdaGrad"}[i], stillP, end[1], stillSparseSteps))
	}
	b.WriteString("</svg>")
	return b.String()
}

// TestLessonStills checks that each still in index.html is the picture
// sim draws today (and rewrites them with -update-lesson).
func TestLessonStills(t *testing.T) {
	page := readLesson(t)
	want := stills()
	changed := false
	for _, fig := range []string{"valley", "accumulator", "freeze", "sparse"} {
		begin, end := "<!-- still:"+fig+":begin -->", "<!-- still:"+fig+":end -->"
		i, j := strings.Index(page, begin), strings.Index(page, end)
		if i < 0 || j < i {
			t.Errorf("index.html has no %s … %s around the %s figure's still", begin, end, fig)
			continue
		}
		got := page[i+len(begin) : j]
		if got == want[fig] {
			continue
		}
		if *updateLesson {
			page = page[:i+len(begin)] + want[fig] + page[j:]
			changed = true
			continue
		}
		t.Errorf("the %s still in index.html is not what sim draws now (its numerics or the drawing changed).\n"+
			"Run  go test ./web -run TestLessonStills -update-lesson  and look at the new picture.", fig)
	}
	if changed {
		if err := os.WriteFile(lessonPath, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Log("rewrote the stills in index.html from sim; review and commit")
	}
	// The picture must show what the prose claims: SGD zigzags (y changes
	// sign), AdaGrad does not, and AdaGrad's G_y outgrows G_x.
	sgd, _ := stillRun(sim.SGD, stillSGDLR, 30)
	ada, r := stillRun(sim.AdaGrad, stillAdaLR, 30)
	flips := func(p [][2]float64) int {
		n := 0
		for k := 1; k < len(p); k++ {
			if p[k][1]*p[k-1][1] < 0 {
				n++
			}
		}
		return n
	}
	if flips(sgd) < 5 {
		t.Errorf("SGD with η = %g crossed the valley floor only %d times in 30 steps; the lesson says it zigzags", stillSGDLR, flips(sgd))
	}
	if flips(ada) > 1 {
		t.Errorf("AdaGrad with η = %g crossed the valley floor %d times in 30 steps; the lesson says it heads down the middle", stillAdaLR, flips(ada))
	}
	if g := r.State().G; g[1] < 5*g[0] {
		t.Errorf("after 30 steps AdaGrad's G = %v: the lesson says G_y grows much faster than G_x", g)
	}
	checkSparseStory(t, readLesson(t))
}

// checkSparseStory checks the sparse figure's default runs do what the
// still and the prose of "When forgetting nothing is the point" say, and
// that the numbers the prose quotes are the ones sim gives.
func checkSparseStory(t *testing.T, page string) {
	t.Helper()
	n := stillSparseSteps
	sgdPts, sgdRun := sparseRun(sim.SGD, stillSGDLR)
	adaPts, adaRun := sparseRun(sim.AdaGrad, stillAdaLR)
	sgd, ada := sgdRun.State(), adaRun.State()
	// Both runs receive the same draws: y moves on the same steps, and on
	// few of them.
	moves := func(p [][2]float64) (steps []int) {
		for k := 1; k < len(p); k++ {
			if p[k][1] != p[k-1][1] {
				steps = append(steps, k)
			}
		}
		return steps
	}
	ms, ma := moves(sgdPts), moves(adaPts)
	if fmt.Sprint(ms) != fmt.Sprint(ma) {
		t.Errorf("with the same seed SGD's y moved on steps %v but AdaGrad's on %v", ms, ma)
	}
	if len(ma) == 0 || len(ma) > n/2 {
		t.Errorf("with p = %g the y-gradient got through on %d of %d steps", stillP, len(ma), n)
	}
	// SGD: its rate zigzags across the steep x (ηa between 1 and 2) and
	// leaves y crawling.
	xflips := func(p [][2]float64) int {
		n := 0
		for k := 1; k < len(p); k++ {
			if p[k][0]*p[k-1][0] < 0 {
				n++
			}
		}
		return n
	}
	if f := xflips(sgdPts); f < 5 || sgd.Diverged {
		t.Errorf("SGD crossed x = 0 %d times (diverged: %v); the lesson says it zigzags in x and stays stable", f, sgd.Diverged)
	}
	if f := xflips(adaPts); f != 0 {
		t.Errorf("AdaGrad crossed x = 0 %d times; the lesson says it slides to the floor without a single zigzag", f)
	}
	if sgd.X[1] < 0.4*stillSparseY0 {
		t.Errorf("after %d steps SGD's y = %.3g of %g; the lesson says it crawls", n, sgd.X[1], stillSparseY0)
	}
	// AdaGrad: G_y stays far below G_x, so y keeps a far larger rate, and it
	// gets much further along y, near the minimum.
	if !(ada.G[1] < ada.G[0]/100) || !(ada.Rate[1] > 10*ada.Rate[0]) {
		t.Errorf("AdaGrad after %d steps: G = %v, rates = %v; want G_y far below G_x and the y rate far above the x rate", n, ada.G, ada.Rate)
	}
	if !(math.Abs(ada.X[1]) < math.Abs(sgd.X[1])/3) || !(ada.Loss < sgd.Loss/10) {
		t.Errorf("after %d steps AdaGrad is at y = %.3g (loss %.3g), SGD at y = %.3g (loss %.3g): AdaGrad should be much further along y",
			n, ada.X[1], ada.Loss, sgd.X[1], sgd.Loss)
	}
	// With p = 0 (the "Set p to 0" link) SGD's y gets much further, while
	// AdaGrad's G_y hardly changes.
	_, sgdDense := stillRunOn(stillSparseA, stillSparseB, stillSparseX0, stillSparseY0, sim.SGD, stillSGDLR, n, nil)
	_, adaDense := stillRunOn(stillSparseA, stillSparseB, stillSparseX0, stillSparseY0, sim.AdaGrad, stillAdaLR, n, nil)
	sd, ad := sgdDense.State(), adaDense.State()
	if !(sd.X[1] < sgd.X[1]/4) || !(math.Abs(ad.G[1]-ada.G[1]) < 0.05*ad.G[1]) {
		t.Errorf("with dense gradients SGD's y = %.3g (sparse %.3g) and AdaGrad's G_y = %.3g (sparse %.3g); "+
			"the lesson says SGD gets much further and G_y ends up almost the same", sd.X[1], sgd.X[1], ad.G[1], ada.G[1])
	}
	// The prose quotes these numbers; they must be sim's.
	i := strings.Index(page, `id="sparse-h"`)
	j := strings.Index(page, `id="code"`)
	if i < 0 || j < i {
		t.Fatal(`index.html has no sparse section (from id="sparse-h" to id="code")`)
	}
	sec := page[i:j]
	for _, q := range []struct{ what, text string }{
		{"the number of steps", fmt.Sprintf("%d steps", n)},
		{"SGD's y", fmt.Sprintf("%.2f", sgd.X[1])},
		{"AdaGrad's y", fmt.Sprintf("%.2f", ada.X[1])},
		{"G_x", fmt.Sprintf("%.0f", ada.G[0])},
		{"G_y", fmt.Sprintf("%.2f", ada.G[1])},
		{"AdaGrad's x rate", fmt.Sprintf("%.3f", ada.Rate[0])},
		{"AdaGrad's y rate", fmt.Sprintf("%.2f", ada.Rate[1])},
		{"the rate ratio", spelled(ada.Rate[1] / ada.Rate[0])},
		{"the loss ratio", spelled(sgd.Loss / ada.Loss)},
		{"AdaGrad's y rate over SGD's", fmt.Sprintf("%s times SGD&rsquo;s", []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}[min(9, int(math.Round(ada.Rate[1]/stillSGDLR)))])},
		{"SGD's y with p = 0", fmt.Sprintf("%.2f", sd.X[1])},
		{"G_y with p = 0", fmt.Sprintf("%.2f", ad.G[1])},
		{"the start's y", fmt.Sprintf("from %g", stillSparseY0)},
		{"the valley's a", fmt.Sprintf(`<mi>a</mi><mo>=</mo><mn>%g</mn>`, stillSparseA)},
		{"the valley's b", fmt.Sprintf(`<mi>b</mi><mo>=</mo><mn>%g</mn>`, stillSparseB)},
		{"SGD's ηa", fmt.Sprintf("=&nbsp;%g", stillSGDLR*stillSparseA)},
		{"SGD's ηb", fmt.Sprintf("=&nbsp;%.3g", stillSGDLR*stillSparseB)},
	} {
		if !strings.Contains(sec, q.text) {
			t.Errorf("the sparse section should quote %s as %q (what sim gives), but does not", q.what, q.text)
		}
	}
}

// section returns the part of the page from the element with id from to the
// one with id to.
func section(t *testing.T, page, from, to string) string {
	t.Helper()
	i := strings.Index(page, `id="`+from+`"`)
	j := strings.Index(page, `id="`+to+`"`)
	if i < 0 || j < i {
		t.Fatalf(`index.html has no section from id="%s" to id="%s"`, from, to)
	}
	return page[i:j]
}

// num writes x as the figures' readout does (three significant digits),
// with the page's minus sign.
func num(x float64) string {
	return strings.Replace(strconv.FormatFloat(x, 'g', 3, 64), "-", "&minus;", 1)
}

// words spells the whole numbers the prose spells.
var words = map[int]string{1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
	10: "ten", 11: "eleven", 12: "twelve", 20: "twenty", 50: "fifty", 100: "a hundred", 200: "two hundred", 500: "five hundred", 1000: "a thousand"}

var ordinals = map[int]string{2: "half", 3: "third", 4: "quarter", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth", 9: "ninth",
	10: "tenth", 11: "eleventh", 12: "twelfth", 20: "twentieth"}

func spell(t *testing.T, n int) string {
	t.Helper()
	w, ok := words[n]
	if !ok {
		t.Fatalf("the prose has no spelling for %d; add one to words", n)
	}
	return w
}

// round2 rounds x to two significant digits: 2469 → 2500.
func round2(x float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(x))-1)
	return math.Round(x/p) * p
}

// checkValleyStory checks the numbers that Layer 1 and Layer 2 quote about
// figures 1 and 2 against sim, and the claims behind them.
func checkValleyStory(t *testing.T, page string) {
	t.Helper()
	const n = 100 // the step the prose quotes the runs at
	v := section(t, page, "valley", "memory")
	sgdPts, sgdRun := stillRun(sim.SGD, stillSGDLR, n)
	adaPts, adaRun := stillRun(sim.AdaGrad, stillAdaLR, n)
	sgd, ada := sgdRun.State(), adaRun.State()
	ratio := sgd.Loss / ada.Loss
	if sgd.Diverged || ratio < 100 {
		t.Errorf("after %d steps SGD's loss is %.3g (diverged: %v), AdaGrad's %.3g: the lesson says at least 100 times lower", n, sgd.Loss, sgd.Diverged, ada.Loss)
	}
	flips := 0
	for k := 1; k <= 30; k++ {
		if sgdPts[k][1]*sgdPts[k-1][1] < 0 {
			flips++
		}
	}
	if flips != 30 {
		t.Errorf("SGD's y changed sign on %d of its first 30 steps; the lesson says on every step", flips)
	}
	_ = adaPts
	stretch := int(math.Round(stillB / stillA))
	rx, ry := ada.Rate[0]/stillSGDLR, stillSGDLR/ada.Rate[1]
	for _, q := range []struct{ what, text string }{
		{"the valley's a", fmt.Sprintf(`<mi>a</mi><mo>=</mo><mn>%g</mn>`, stillA)},
		{"b/a", spell(t, stretch) + " times more sharply"},
		{"the floor's safe rate over the walls'", "a rate " + spell(t, stretch) + " times larger would still be safe"},
		{"x's shrink per step when ηb < 1", fmt.Sprintf("less than %g percent per step", 100*stillA/stillB)},
		{"y's factor at the default", fmt.Sprintf("for <i>y</i> is &minus;%g", -(1 - stillSGDLR*stillB))},
		{"x's factor at the default", fmt.Sprintf("for <i>x</i> is %g", 1-stillSGDLR*stillA)},
		{"|y|'s shrink per step at the default", fmt.Sprintf("shrinking by a %s each time", ordinals[int(math.Round(1/(1-math.Abs(1-stillSGDLR*stillB))))])},
		{"x's shrink per step at the default", fmt.Sprintf("only %g percent per step", 100*stillSGDLR*stillA)},
		{"the step the prose quotes", fmt.Sprintf("After %d steps", n)},
		{"SGD's x", "from " + num(stillX0) + " only to " + num(sgd.X[0])},
		{"AdaGrad's x", "is at " + num(ada.X[0])},
		{"the loss ratio", fmt.Sprintf("about %g times AdaGrad", round2(ratio))},
		{"SGD's rates", fmt.Sprintf("(%s, %s)", num(stillSGDLR), num(stillSGDLR))},
		{"AdaGrad's rates", fmt.Sprintf("(%s, %s)", num(ada.Rate[0]), num(ada.Rate[1]))},
		{"AdaGrad's x rate over SGD's", "more than " + spell(t, int(rx)) + " times SGD"},
		{"AdaGrad's y rate over SGD's", "about a " + ordinals[int(math.Round(ry))] + " of it"},
	} {
		if !strings.Contains(v, q.text) {
			t.Errorf("Layer 1 should quote %s as %q (what sim gives), but does not", q.what, q.text)
		}
	}
	// On the turned valley SGD is ahead and AdaGrad's two rates are nearly
	// equal and far below SGD's (cmd/explainer/scene pins the figure).
	{
		c := sim.DefaultConfig(sim.AdaGrad)
		c.LR = stillAdaLR
		r := sim.NewRun(sim.NewValley(stillA, stillB, 45), c, []float64{stillX0, stillY0}, nil)
		cs := sim.DefaultConfig(sim.SGD)
		cs.LR = stillSGDLR
		rs := sim.NewRun(sim.NewValley(stillA, stillB, 45), cs, []float64{stillX0, stillY0}, nil)
		for i := 0; i < n; i++ {
			r.Step()
			rs.Step()
		}
		a, g := r.State(), rs.State()
		if !(g.Loss < a.Loss) || !(a.Rate[0] < stillSGDLR/10 && a.Rate[1] < stillSGDLR/10) {
			t.Errorf("at 45° after %d steps SGD's loss %.3g, AdaGrad's %.3g, AdaGrad's rates %v: the lesson says SGD is ahead and AdaGrad's rates are far below SGD's", n, g.Loss, a.Loss, a.Rate)
		}
	}

	// Figure 2 runs on a gentler valley and says what that changes: the
	// same path, G_x larger by (a'/a)², the x rate smaller by a'/a.
	m := section(t, page, "memory", "freeze")
	mildPts, mildRun := accumRun(sim.AdaGrad, stillAdaLR, horizonSteps)
	steepPts, steepRun := stillRun(sim.AdaGrad, stillAdaLR, horizonSteps)
	for k := range mildPts {
		if math.Abs(mildPts[k][0]-steepPts[k][0]) > 1e-6 || math.Abs(mildPts[k][1]-steepPts[k][1]) > 1e-6 {
			t.Errorf("AdaGrad's paths at a = %g and a = %g part at step %d: %v against %v; the lesson says they are the same", stillMildA, stillA, k, mildPts[k], steepPts[k])
			break
		}
	}
	k := stillMildA / stillA
	gm, gs := mildRun.State(), steepRun.State()
	if math.Abs(gm.G[0]/gs.G[0]-k*k) > 0.01*k*k || math.Abs(gs.Rate[0]/gm.Rate[0]-k) > 0.01*k {
		t.Errorf("G_x %.3g against %.3g and the x rates %.3g against %.3g: the lesson says %g² and %g times", gm.G[0], gs.G[0], gm.Rate[0], gs.Rate[0], k, k)
	}
	for _, q := range []struct{ what, text string }{
		{"figure 2's a", fmt.Sprintf("<i>a</i>&nbsp;=&nbsp;%g", stillMildA)},
		{"figure 2's b/a", "only " + spell(t, int(math.Round(stillB/stillMildA))) + " times"},
		{"the ratio of the two a's", "multiplies every <i>x</i>-gradient by " + spell(t, int(math.Round(k)))},
		{"G_x's factor", "<i>G<sub>x</sub></i> by " + spell(t, int(math.Round(k*k)))},
		{"the x rate's factor", "<i>x</i> rate is " + spell(t, int(math.Round(k))) + " times smaller"},
	} {
		if !strings.Contains(m, q.text) {
			t.Errorf("Layer 2 should quote %s as %q (what sim gives), but does not", q.what, q.text)
		}
	}
	// The PyTorch listing runs the valley of Layer 1.
	if want := fmt.Sprintf("a, b = %g, %.1f", stillA, stillB); !strings.Contains(page, want) {
		t.Errorf("the PyTorch listing should set %q, the valley of Layer 1", want)
	}
}

// horizonSteps is the valley and accumulator figures' horizon.
const horizonSteps = 400

// spelled writes a ratio the way the prose does, rounded to a multiple of
// five: "thirty-five times".
func spelled(r float64) string {
	k := int(math.Round(r/5)) * 5
	tens := []string{"", "ten", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	if k < 10 || k >= 100 {
		return fmt.Sprintf("%d times", k)
	}
	w := tens[k/10]
	if k%10 == 5 {
		w += "-five"
	}
	return w + " times"
}

// TestLessonNumbersMatchFigureDefaults fails when the figures' defaults move
// away from the numbers the prose and the stills are written for.
func TestLessonNumbersMatchFigureDefaults(t *testing.T) {
	if f := params.Defaults("freeze"); f.LR != stillFreezeLR || f.X0 != stillFreezeX0 || f.Y0 != stillFreezeY0 || f.A != stillMildA || f.B != stillB {
		t.Errorf("the freeze figure's defaults (lr %g, start %g, %g, a %g, b %g) differ from its still's (%g, %g, %g, %g, %g)",
			f.LR, f.X0, f.Y0, f.A, f.B, stillFreezeLR, stillFreezeX0, stillFreezeY0, stillMildA, stillB)
	}
	if c := params.Defaults("accumulator"); c.A != stillMildA || c.B != stillB || c.X0 != stillX0 || c.Y0 != stillY0 || c.LR != stillAdaLR || c.SGDLR != stillSGDLR {
		t.Errorf("the accumulator figure's defaults (a %g, b %g, start %g, %g, lr %g, sgdlr %g) differ from its still's and prose's (%g, %g, %g, %g, %g, %g)",
			c.A, c.B, c.X0, c.Y0, c.LR, c.SGDLR, stillMildA, stillB, stillX0, stillY0, stillAdaLR, stillSGDLR)
	}
	sp := params.Defaults("sparse")
	{
		got := []float64{sp.A, sp.B, sp.X0, sp.Y0, sp.P, float64(sp.Seed), sp.SGDLR, sp.LR}
		want := []float64{stillSparseA, stillSparseB, stillSparseX0, stillSparseY0, stillP, stillSeed, stillSGDLR, stillAdaLR}
		names := []string{"a", "b", "x0", "y0", "p", "seed", "sgdlr", "lr"}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("the sparse figure's default %s is %g, but the lesson's sparse still, legend and prose are written for %g.\n"+
					"Update the stillSparse constants in web/lesson_test.go, run -update-lesson, and revise the numbers in index.html's sparse section.",
					names[i], got[i], want[i])
			}
		}
	}
	d := params.Defaults("valley")
	got := []float64{d.A, d.B, d.X0, d.Y0, d.SGDLR, d.LR}
	want := []float64{stillA, stillB, stillX0, stillY0, stillSGDLR, stillAdaLR}
	names := []string{"a", "b", "x0", "y0", "sgdlr", "lr"}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("the valley figure's default %s is %g, but the lesson's prose and stills are written for %g.\n"+
				"Update the still constants in web/lesson_test.go, run -update-lesson, and revise the numbers in index.html's Layer 1 and 2.",
				names[i], got[i], want[i])
		}
	}
	page := readLesson(t)
	checkValleyStory(t, page)
	for _, need := range []string{
		fmt.Sprintf(`data-set="sgdlr=%g&amp;play=1"`, stillSGDLR), // the "figure's default" link
		fmt.Sprintf(`<mi>b</mi><mo>=</mo><mn>%g</mn>`, stillB),
		fmt.Sprintf(`<mi>a</mi><mo>=</mo><mn>%g</mn>`, stillA),
	} {
		if !strings.Contains(page, need) {
			t.Errorf("index.html does not contain %s: the prose no longer quotes the figures' defaults", need)
		}
	}
}

// freezeStill draws the freeze figure's default run (AdaGrad, η = 0.3, from
// (−40, 5)) for 2000 steps: the path across the wide valley, where the
// run is first flagged frozen, and both effective rates on a log scale.
func freezeStill() string {
	const (
		xmin, xmax, ymin, ymax = -42.0, 3.0, -6.0, 6.0
		w                      = 2*stillW + stillPad
		steps                  = 2000
		plotH                  = 120.0
	)
	h := (ymax - ymin) / (xmax - xmin) * w
	X := func(x float64) float64 { return stillPad + (x-xmin)/(xmax-xmin)*w }
	Y := func(y float64) float64 { return stillPad + (ymax-y)/(ymax-ymin)*h }
	c := sim.DefaultConfig(sim.AdaGrad)
	c.LR = stillFreezeLR
	r := sim.NewRun(sim.NewValley(stillMildA, stillB, 0), c, []float64{stillFreezeX0, stillFreezeY0}, nil)
	type sample struct{ x, y, rx, ry float64 }
	run := []sample{{stillFreezeX0, stillFreezeY0, 0, 0}}
	frozenAt := -1
	for i := 1; i <= steps; i++ {
		r.Step()
		st := r.State()
		run = append(run, sample{st.X[0], st.X[1], st.Rate[0], st.Rate[1]})
		if st.Frozen && frozenAt < 0 {
			frozenAt = i
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="still" viewBox="0 0 %g %.1f" aria-hidden="true" focusable="false">`, w+2*stillPad, h+plotH+3*stillPad)
	fmt.Fprintf(&b, `<rect class="st-frame" x="%g" y="%g" width="%g" height="%.1f" rx="6"/>`, stillPad, stillPad, w, h)
	fmt.Fprintf(&b, `<svg x="%g" y="%g" width="%g" height="%.1f" viewBox="%g %g %g %.1f">`, stillPad, stillPad, w, h, stillPad, stillPad, w, h)
	for _, lv := range []float64{1, 4, 12, 30, 60, 100, 160, 250, 350} {
		fmt.Fprintf(&b, `<ellipse class="st-contour" cx="%.1f" cy="%.1f" rx="%.1f" ry="%.1f"/>`,
			X(0), Y(0), math.Sqrt(2*lv/stillMildA)/(xmax-xmin)*w, math.Sqrt(2*lv/stillB)/(ymax-ymin)*h)
	}
	fmt.Fprintf(&b, `<path class="st-min" d="M%.1f %.1fh10m-5 -5v10"/>`, X(0)-5, Y(0))
	// Keep a point when it is at least a pixel from the last one kept.
	var pp []string
	lx, ly := math.Inf(1), math.Inf(1)
	for i, p := range run {
		px, py := X(p.x), Y(p.y)
		if i == len(run)-1 || math.Hypot(px-lx, py-ly) >= 1 {
			pp = append(pp, fmt.Sprintf("%.1f,%.1f", px, py))
			lx, ly = px, py
		}
	}
	fmt.Fprintf(&b, `<polyline class="st-path st-ada" points="%s"/>`, strings.Join(pp, " "))
	fmt.Fprintf(&b, `<circle class="st-start st-ada" cx="%.1f" cy="%.1f" r="4"/>`, X(run[0].x), Y(run[0].y))
	last := run[len(run)-1]
	fmt.Fprintf(&b, `<circle class="st-frozen" cx="%.1f" cy="%.1f" r="6"/>`, X(last.x), Y(last.y))
	b.WriteString(`</svg>`)
	fmt.Fprintf(&b, `<text class="st-label st-ada" x="%g" y="%.1f">AdaGrad, η = %g: where it is after %d steps (circled)</text>`, stillPad+8, stillPad+h-10, stillFreezeLR, steps)

	// The effective rates, log scale from 10⁻³ to 10⁻¹.
	top := h + 2*stillPad
	fmt.Fprintf(&b, `<rect class="st-frame" x="%g" y="%.1f" width="%g" height="%g" rx="6"/>`, stillPad, top, w, plotH)
	const lo, hi = -3.0, -1.0
	PX := func(i int) float64 { return stillPad + 40 + float64(i)/steps*(w-50) }
	PY := func(v float64) float64 {
		l := math.Log10(math.Max(v, 1e-9))
		l = math.Max(lo, math.Min(hi, l))
		return top + 10 + (hi-l)/(hi-lo)*(plotH-30)
	}
	for _, e := range []float64{-3, -2, -1} {
		fmt.Fprintf(&b, `<path class="st-grid" d="M%.1f %.1fH%.1f"/>`, PX(0), PY(math.Pow(10, e)), PX(steps))
		fmt.Fprintf(&b, `<text class="st-tick" x="%.1f" y="%.1f" text-anchor="end">10<tspan dy="-5" font-size="8">%g</tspan></text>`, PX(0)-4, PY(math.Pow(10, e))+4, e)
	}
	for k, cls := range []string{"st-rate", "st-rate st-dash"} {
		var rp []string
		for i := 1; i < len(run); i += 10 {
			v := []float64{run[i].rx, run[i].ry}[k]
			rp = append(rp, fmt.Sprintf("%.1f,%.1f", PX(i), PY(v)))
		}
		fmt.Fprintf(&b, `<polyline class="%s" points="%s"/>`, cls, strings.Join(rp, " "))
	}
	if frozenAt > 0 {
		fmt.Fprintf(&b, `<path class="st-warn" d="M%.1f %.1fV%.1f"/>`, PX(frozenAt), top+6, top+plotH-18)
		fmt.Fprintf(&b, `<text class="st-tick st-warnt" x="%.1f" y="%.1f">frozen from step %d</text>`, PX(frozenAt)+4, top+18, frozenAt)
	}
	fmt.Fprintf(&b, `<text class="st-tick" x="%.1f" y="%.1f">effective rate along x (solid) and y (dashed), log scale, over %d steps</text>`, PX(0), top+plotH-5, steps)
	b.WriteString("</svg>")
	return b.String()
}
