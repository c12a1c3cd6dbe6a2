package docgen

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
)

// root is the module's root, two folders up.
var root = filepath.Join("..", "..")

// TestCommittedPagesAreFresh fails when index.html or README.md differs from
// what the generators give (a default, the table, sim's step or the still
// drawing changed without the pages being regenerated).
func TestCommittedPagesAreFresh(t *testing.T) {
	stale, err := Stale(root)
	if err != nil {
		t.Fatal(err)
	}
	for name, fresh := range stale {
		old, _ := os.ReadFile(filepath.Join(root, name))
		t.Errorf("%s is stale: run  go generate ./...  and review the diff (first difference at byte %d)", name, firstDiff(old, fresh))
	}
}

func firstDiff(a, b []byte) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func TestStepListing(t *testing.T) {
	good := "package sim\n\nfunc other() {\n}\n\n// Step moves x.\n// It adds g⊙g.\nfunc (a *A) Step(x, g []float64) {\n\t// lesson:adagrad-step:begin\n\tfor i := range g {\n\t\tx[i] -= g[i] // a < b & c\n\t}\n\t// lesson:adagrad-step:end\n}\n\nfunc after() {}\n"
	want := "// Step moves x.\n// It adds g⊙g.\nfunc (a *A) Step(x, g []float64) {\n\tfor i := range g {\n\t\tx[i] -= g[i] // a < b & c\n\t}\n}"
	got, err := StepListing(good)
	if err != nil || got != want {
		t.Fatalf("StepListing(good) = %q, %v; want %q", got, err, want)
	}
	if e := EscapeHTML(got); !strings.Contains(e, "a &lt; b &amp; c") || strings.Contains(e, "a < b") {
		t.Errorf("EscapeHTML did not escape < and &: %q", e)
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
		if got, err := StepListing(src); err == nil {
			t.Errorf("%s: StepListing accepted it and returned %q", name, got)
		}
	}
}

func TestFindStepIsInOptim(t *testing.T) {
	path, listing, err := FindStep(root)
	if err != nil {
		t.Fatal(err)
	}
	if path != "sim/optim.go" || !strings.Contains(listing, "func (a *AdaGradOpt) Step(") {
		t.Errorf("FindStep = %s and\n%s\nwant AdaGrad's Step from sim/optim.go", path, listing)
	}
}

func TestReplace(t *testing.T) {
	page := "a " + Begin("x") + "old" + End("x") + " b"
	got, err := Replace(page, "x", "new")
	if want := "a " + Begin("x") + "new" + End("x") + " b"; err != nil || got != want {
		t.Errorf("Replace = %q, %v; want %q", got, err, want)
	}
	if r, err := Region(got, "x"); err != nil || r != "new" {
		t.Errorf("Region = %q, %v; want new", r, err)
	}
	for name, bad := range map[string]string{
		"none":      "a b",
		"end only":  "a " + End("x"),
		"reversed":  End("x") + Begin("x"),
		"two pairs": Begin("x") + End("x") + Begin("x") + End("x"),
	} {
		if _, err := Replace(bad, "x", "new"); err == nil {
			t.Errorf("%s: Replace accepted %q", name, bad)
		}
	}
}

// Every parameter has one row, in the table's order, and no row is left
// without its values.
func TestParamRows(t *testing.T) {
	rows := regexp.MustCompile(`<tr><th scope="row"><code>([a-z0-9]+)</code></th><td>([^<]+)</td><td>(.+?)</td></tr>`).FindAllStringSubmatch(ParamRows(), -1)
	if len(rows) != len(params.Table) {
		t.Fatalf("%d rows, want %d", len(rows), len(params.Table))
	}
	for i, s := range params.Table {
		if rows[i][1] != s.Name || rows[i][2] != EscapeHTML(s.Help) || rows[i][3] == "" {
			t.Errorf("row %d is %q, want %s with its help and values", i, rows[i][0], s.Name)
		}
	}
	for _, c := range []struct{ name, want string }{
		{"lr", "above 0, up to 10"},
		{"x0", "&minus;50 to 50"},
		{"angle", "&minus;90 to 90 degrees"},
		{"seed", "0 to 2<sup>53</sup>&minus;1"},
		{"epsin", "<code>0</code>, <code>1</code>"},
		{"theme", "<code>auto</code>, <code>light</code>, <code>dark</code>"},
	} {
		s, _ := params.Lookup(c.name)
		if got := htmlValues(s); got != c.want {
			t.Errorf("values of %s: %q, want %q", c.name, got, c.want)
		}
	}
}

// The README's table is params.Markdown, right after the begin marker.
func TestREADMEHoldsMarkdown(t *testing.T) {
	text := "x\n" + Begin(ParamsRegion) + "\nold\n" + End(ParamsRegion) + "\n"
	got, err := README(text)
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := Region(got, ParamsRegion); r != "\n"+params.Markdown() {
		t.Errorf("README region = %q", r)
	}
	if _, err := README("no markers"); err == nil {
		t.Error("README accepted a text with no markers")
	}
}

func TestStillsAreSVG(t *testing.T) {
	st := Stills()
	for _, fig := range params.Figs {
		s := st[fig]
		if !strings.HasPrefix(s, `<svg class="still"`) || !strings.HasSuffix(s, "</svg>") ||
			strings.Count(s, "<svg") != strings.Count(s, "</svg>") || bytes.Contains([]byte(s), []byte("NaN")) {
			t.Errorf("%s: not one balanced SVG without NaN: %.80s…", fig, s)
		}
	}
}
