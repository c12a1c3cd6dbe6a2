package web_test

// Native checks of the lesson page (index.html) that need no browser: the Go
// listing is the very code in sim/, every "try this" link is a valid figure
// state, the URL parameter table lists every parameter, and the page keeps
// to the site's Content-Security-Policy (nothing inline, nothing absolute).

import (
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
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
