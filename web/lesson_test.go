package web_test

// Native checks of the lesson page (index.html) that need no browser. This
// file: the Go listing is the very code in sim/, the URL parameter table
// lists every parameter, and every colour class is styled. Beside it:
// lesson_links_test.go (links, CSP), lesson_stills_test.go (the pictures)
// and lesson_text_test.go (the numbers the prose quotes).

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/internal/docgen"
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

// TestLessonGoListingMatchesSim fails when the Go listing in index.html is
// not, character for character, the AdaGrad step the figures run.
func TestLessonGoListingMatchesSim(t *testing.T) {
	path, listing, err := docgen.FindStep("..")
	if err != nil {
		t.Fatal(err)
	}
	want := docgen.EscapeHTML(listing)
	page := readLesson(t)
	got, err := docgen.Region(page, docgen.ListingRegion)
	if err != nil {
		t.Fatalf("index.html, inside the Go <pre><code>: %v", err)
	}
	srcRe := regexp.MustCompile(`<code class="src-path">([^<]*)</code>`)
	m := srcRe.FindStringSubmatch(page)
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
			"  go generate ./...\n"+
			"then read the new listing and check the prose around it still fits.",
			path, n+1, line(gl), path, line(wl))
	}
	if m == nil || m[1] != path {
		found := "none"
		if m != nil {
			found = m[1]
		}
		t.Errorf("the listing's caption names %s as its source, want %s (run go generate ./... to fix)", found, path)
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
