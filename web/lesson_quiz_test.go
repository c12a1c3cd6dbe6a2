package web_test

// The lesson's questions (issue 18): one or more before each figure makes
// its point, each a <form> of real radio buttons with exactly one right
// answer and its reasons in a <details>, a link that sets the figure to
// show it, and numbers that come from the sim.

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/internal/docgen"
	"github.com/adagrad-explained/adagrad/sim"
	"github.com/adagrad-explained/adagrad/sim/rare"
)

var (
	quizRe   = regexp.MustCompile(`(?s)<form class="quiz" id="(q-[a-z]+)">(.*?)</form>`)
	radioRe  = regexp.MustCompile(`<input type="radio" name="([^"]+)" value="[^"]+"( data-right="")?>`)
	tryFigRe = regexp.MustCompile(`<a class="try" href="[^"]+" data-fig="([a-z]+)" data-set="[^"]+">`)
)

// quizzes returns each question's id and its HTML, in page order, and
// where it starts in the page.
func quizzes(t *testing.T, page string) (ids []string, html map[string]string, at map[string]int) {
	t.Helper()
	html, at = map[string]string{}, map[string]int{}
	for _, m := range quizRe.FindAllStringSubmatchIndex(page, -1) {
		id := page[m[2]:m[3]]
		ids = append(ids, id)
		html[id], at[id] = page[m[4]:m[5]], m[0]
	}
	return ids, html, at
}

func TestLessonQuestionsAreWellFormed(t *testing.T) {
	page := readLesson(t)
	ids, html, at := quizzes(t, page)
	if n := strings.Count(page, `<form class="quiz"`); n != len(ids) || n < len(params.Figs) {
		t.Fatalf("%d question forms (%d parsed); want at least %d, one per figure", n, len(ids), len(params.Figs))
	}
	figsAsked := map[string]bool{}
	for _, id := range ids {
		q := html[id]
		radios := radioRe.FindAllStringSubmatch(q, -1)
		right := 0
		for _, r := range radios {
			if r[1] != id {
				t.Errorf("%s: a radio button is named %q, not after its question", id, r[1])
			}
			if r[2] != "" {
				right++
			}
		}
		if len(radios) < 3 || right != 1 {
			t.Errorf("%s: %d options, %d marked right; want three or more and exactly one", id, len(radios), right)
		}
		if strings.Count(q, `<input`) != len(radios) {
			t.Errorf("%s: an option is not a radio button in the expected form", id)
		}
		for _, need := range []string{"<fieldset>", "<legend>", `<details class="quiz-answer"><summary>Answer</summary>`, `<p class="quiz-verdict" aria-live="polite"></p>`} {
			if !strings.Contains(q, need) {
				t.Errorf("%s: no %s", id, need)
			}
		}
		ans := q[strings.Index(q, "<details"):]
		links := tryFigRe.FindAllStringSubmatch(ans, -1)
		if len(links) == 0 {
			t.Errorf("%s: the answer has no link that sets a figure to show it", id)
		}
		for _, l := range links {
			figsAsked[l[1]] = true
			// Asked before the point is made: the question comes before
			// its figure, or is about a figure shown earlier.
			fig := strings.Index(page, `<figure class="fig" id="fig-`+l[1]+`"`)
			if fig < 0 {
				t.Errorf("%s: links to figure %q, which the lesson does not show", id, l[1])
			}
		}
	}
	for _, fig := range params.Figs {
		if !figsAsked[fig] && strings.Contains(page, `id="fig-`+fig+`"`) {
			t.Errorf("no question is about figure %s", fig)
		}
	}
	// Asked before the figure answers it, and before the prose does: the
	// part of its section above the question does not give the answer away.
	for _, c := range []struct{ quiz, fig, answer string }{
		{"q-valley", "valley", "&minus;1.47"}, {"q-accumulator", "accumulator", "diagonal jump"},
		{"q-freeze", "freeze", "0.0012"}, {"q-sparse", "sparse", "0.53"}, {"q-rotation", "rotation", "0.19"},
		{"q-rare", "rare", "74%"},
	} {
		if fig := strings.Index(page, `id="fig-`+c.fig+`"`); at[c.quiz] == 0 || at[c.quiz] > fig {
			t.Errorf("%s should come before figure %s, to be asked before it answers", c.quiz, c.fig)
		}
		sec := strings.LastIndex(page[:at[c.quiz]], "<section")
		if sec >= 0 && strings.Contains(page[sec:at[c.quiz]], c.answer) {
			t.Errorf("%s: the text above it already says %q", c.quiz, c.answer)
		}
		if !strings.Contains(html[c.quiz], c.answer) {
			t.Errorf("%s: its answer should say %q", c.quiz, c.answer)
		}
	}
}

// quizRun runs method m with rate lr on figure fig's valley at its
// defaults (b replaced when b > 0) for n steps.
func quizRun(fig string, m sim.Method, lr, b float64, n int) *sim.State {
	d := params.Defaults(fig)
	if b <= 0 {
		b = d.B
	}
	c := sim.DefaultConfig(m)
	c.LR = lr
	var drop *sim.Dropout
	if fig == "sparse" {
		drop = docgen.SparseDrop(d)
	}
	r := sim.NewRun(sim.NewValley(d.A, b, d.Angle), c, []float64{d.X0, d.Y0}, drop)
	r.Steps(n)
	return r.State()
}

// minus writes x to places decimals as the lesson does, with a true minus.
func minus(x float64, places int) string {
	s := fmt.Sprintf("%.*f", places, x)
	return strings.Replace(s, "-", "&minus;", 1)
}

// The answers' numbers are the sim's, at each figure's defaults.
func TestLessonQuestionNumbers(t *testing.T) {
	page := readLesson(t)
	_, html, _ := quizzes(t, page)
	v, a, f, s, r := params.Defaults("valley"), params.Defaults("accumulator"), params.Defaults("freeze"), params.Defaults("sparse"), params.Defaults("rotation")

	sgd20, ada20 := quizRun("valley", sim.SGD, v.SGDLR, 0, 20), quizRun("valley", sim.AdaGrad, v.LR, 0, 20)
	ada20b50, sgd6b50 := quizRun("valley", sim.AdaGrad, v.LR, 50, 20), quizRun("valley", sim.SGD, v.SGDLR, 50, 6)
	first := quizRun("accumulator", sim.AdaGrad, a.LR, 0, 1)
	frozen := quizRun("freeze", sim.AdaGrad, f.LR, 0, 3000)
	sparse := quizRun("sparse", sim.AdaGrad, s.LR, 0, 80)
	if math.Abs(ada20b50.X[0]-ada20.X[0]) > 1e-9 {
		t.Errorf("AdaGrad's x after 20 steps is %g at b = 10 and %g at b = 50: the scaling answer no longer holds", ada20.X[0], ada20b50.X[0])
	}
	if y := sgd6b50.X[1]; y < 4e5 || y > 6e5 {
		t.Errorf("SGD's y after 6 steps at b = 50 is %g, not about half a million", y)
	}
	diag := quizRun("rotation", sim.AdaGrad, r.LR, 0, docgen.RotationSteps)
	c := sim.DefaultConfig(sim.AdaGradFull)
	c.LR = r.LR
	full := sim.NewRun(sim.NewValley(r.A, r.B, r.Angle), c, []float64{r.X0, r.Y0}, nil)
	full.Steps(docgen.RotationSteps)

	for _, want := range []struct{ quiz, text string }{
		{"q-valley", "its <i>x</i> is " + minus(ada20.X[0], 2) + "; SGD&rsquo;s is " + minus(sgd20.X[0], 2)},
		{"q-scale", "after 20 steps <i>x</i> is " + minus(ada20b50.X[0], 2) + " at either <i>b</i>"},
		{"q-scale", "half a million by step 6"},
		{"q-accumulator", fmt.Sprintf("to (%s, %s)", minus(first.X[0], 2), minus(first.X[1], 2))},
		{"q-freeze", fmt.Sprintf("After 3000 steps both rates are down to %.2g", frozen.Rate[0])},
		{"q-freeze", "still at <i>x</i>&nbsp;=&nbsp;" + minus(frozen.X[0], 1)},
		{"q-sparse", fmt.Sprintf("<i>G<sub>y</sub></i> is %.2f and the <i>y</i>-rate %.2f, against %.2g for the steep <i>x</i>", sparse.G[1], sparse.Rate[1], sparse.Rate[0])},
		{"q-rotation", "loss after 200 steps is " + sciHTML(diag.Loss)},
		{"q-rotation", "its loss is " + sciHTML(full.State().Loss)},
	} {
		if !strings.Contains(html[want.quiz], want.text) {
			t.Errorf("%s should say %q", want.quiz, want.text)
		}
	}
	// The rare-words band the question names, at the horizon: the error
	// left is the band's error over that of untrained weights (step 0).
	c0 := docgen.RareConfig(params.Defaults("rare"))
	untrained, trained := rare.New(c0).Bands(nil), rareAt(nil).Bands(nil)
	band := -1
	for i, b := range trained {
		if b.FirstRank == 1000 && b.LastRank == 1467 {
			band = i
		}
	}
	if band < 0 {
		t.Fatal("no frequency band runs from rank 1000 to 1467: the rare question names one")
	}
	left := func(k int) float64 { return trained[band].Error[k] / untrained[band].Error[k] }
	for _, want := range []string{
		fmt.Sprintf("SGD still has %.0f%% of the error", 100*left(rare.SGD)),
		fmt.Sprintf("those words is still %.2f", trained[band].Rate[rare.AdaGrad]),
		fmt.Sprintf("and %.0f%% is left", 100*left(rare.AdaGrad)),
		fmt.Sprintf("the same rate, %g,", c0.SGDLR),
		fmt.Sprintf("After the %d examples", c0.Horizon),
	} {
		if !strings.Contains(html["q-rare"], want) {
			t.Errorf("q-rare should say %q", want)
		}
	}
	if !(left(rare.AdaGrad) < left(rare.SGD)) {
		t.Errorf("in ranks 1000–1467 AdaGrad has %.2f of the error left and SGD %.2f: the answer no longer holds", left(rare.AdaGrad), left(rare.SGD))
	}

	if math.Abs(frozen.Rate[0]-frozen.Rate[1]) > 0.05*frozen.Rate[0] {
		t.Errorf("the freeze answer says both rates are %.2g, but they are %v", frozen.Rate[0], frozen.Rate)
	}
	if math.Abs(first.X[0]-(v.X0+a.LR)) > 1e-6 || math.Abs(first.X[1]-(v.Y0-a.LR)) > 1e-6 {
		t.Errorf("AdaGrad's first step goes to %v, not η = %g in each coordinate", first.X, a.LR)
	}
}
