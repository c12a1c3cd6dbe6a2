package web_test

// The lesson's links and loads: every "try this" link is a valid figure
// state, and the page keeps to the site's Content-Security-Policy (nothing
// inline, nothing absolute).

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
)

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
