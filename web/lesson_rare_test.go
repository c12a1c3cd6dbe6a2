package web_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/internal/docgen"
	"github.com/adagrad-explained/adagrad/sim/rare"
)

// rareSection is the lesson's text about the rare-words figure: from its
// heading to the turned-valley section.
func rareSection(t *testing.T) string {
	t.Helper()
	page := readLesson(t)
	i, j := strings.Index(page, `<h3 id="rare-h">`), strings.Index(page, `<section id="turned"`)
	if i < 0 || j < i {
		t.Fatal("index.html has no rare-words subsection before the turned-valley section")
	}
	return page[i:j]
}

// rareAt runs the rare figure's model at its defaults changed by change,
// to the horizon.
func rareAt(change func(*rare.Config)) *rare.Model {
	c := docgen.RareConfig(params.Defaults("rare"))
	if change != nil {
		change(&c)
	}
	m := rare.New(c)
	m.Step(c.Horizon)
	return m
}

// TestLessonRareNumbers holds the prose of the rare-words subsection to
// sim/rare at the figure's defaults: the problem, how the rates were
// chosen, the losses, the rates, and what its try links claim.
func TestLessonRareNumbers(t *testing.T) {
	sec := rareSection(t)
	d := params.Defaults("rare")
	c := docgen.RareConfig(d)
	says := func(what, want string) {
		t.Helper()
		if !strings.Contains(sec, want) {
			t.Errorf("%s: the rare-words subsection should say %q", what, want)
		}
	}
	says("the vocabulary", fmt.Sprintf("vocabulary of %d words", c.Vocab))
	says("Zipf's exponent", fmt.Sprintf("<i>k</i><sup>&minus;%g</sup>", c.Zipf))
	says("words per example", fmt.Sprintf("Each example is %d words", c.Words))
	says("the test set", "A thousand further examples")
	if rare.TestSize != 1000 {
		t.Errorf("the test set holds %d examples; the lesson says a thousand", rare.TestSize)
	}
	says("the horizon", fmt.Sprintf("after %d examples", c.Horizon))
	says("SGD's rate", fmt.Sprintf("<i>η</i>&nbsp;=&nbsp;%g and", c.SGDLR))
	says("AdaGrad's rate", fmt.Sprintf("<i>η</i>&nbsp;=&nbsp;%g.", c.AdaGradLR))

	// Each rate the best of the grid the lesson names ("ten from 0.03 to
	// 1"; sim/rare's TestDefaultRatesAreTuned tunes on the same).
	grid := []float64{0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 1}
	says("the grid", fmt.Sprintf("among %s from %g to %g", "ten", grid[0], grid[len(grid)-1]))
	bestLR, bestLoss := [2]float64{}, [2]float64{math.Inf(1), math.Inf(1)}
	for _, lr := range grid {
		l := rareAt(func(c *rare.Config) { c.SGDLR, c.AdaGradLR = lr, lr }).Loss()
		for k := range l {
			if l[k] < bestLoss[k] {
				bestLR[k], bestLoss[k] = lr, l[k]
			}
		}
	}
	if bestLR != [2]float64{c.SGDLR, c.AdaGradLR} {
		t.Errorf("the grid's best rates are SGD %g, AdaGrad %g; the defaults (and the lesson) say %g and %g",
			bestLR[0], bestLR[1], c.SGDLR, c.AdaGradLR)
	}

	m := rareAt(nil)
	loss := m.Loss()
	says("SGD's held-out loss", fmt.Sprintf("SGD&rsquo;s held-out loss is %.3f", loss[rare.SGD]))
	says("AdaGrad's", fmt.Sprintf("AdaGrad&rsquo;s %.3f", loss[rare.AdaGrad]))
	says("the true weights'", fmt.Sprintf("would score %.3f", m.Floor()))
	says("no knowledge", fmt.Sprintf("log&nbsp;2&nbsp;=&nbsp;%.3f", math.Ln2))
	bands := m.Bands(nil)
	top, low := bands[0], bands[len(bands)-1]
	if top.LastRank != 1 || top.Seen != 1 || low.Seen == 0 {
		t.Fatalf("bands: first %+v, last %+v", top, low)
	}
	says("the commonest word's rate", fmt.Sprintf("has shrunk to %.3f", top.Rate[rare.AdaGrad]))
	says("the rarest words' rate", fmt.Sprintf("the rate is still %.2g, more than a hundred times higher", low.Rate[rare.AdaGrad]))
	if r := low.Rate[rare.AdaGrad] / top.Rate[rare.AdaGrad]; !(r > 100) {
		t.Errorf("the rarest words' rate is %.0f times the commonest's; the lesson says more than a hundred", r)
	}
	// Zipf's law at the defaults: the commonest word's share of the
	// examples and how often it sends a gradient; how many words turn up
	// five times or fewer.
	h := 0.0
	for k := 1; k <= c.Vocab; k++ {
		h += math.Pow(float64(k), -c.Zipf)
	}
	inExample := func(k int) float64 { return 1 - math.Pow(1-math.Pow(float64(k), -c.Zipf)/h, float64(c.Words)) }
	if p := inExample(1); math.Abs(p-0.8) > 0.02 {
		t.Errorf("the commonest word is in %.3f of the examples; the lesson says four out of five", p)
	}
	says("the commonest word's share", "the commonest word is in four examples out of five")
	if n := inExample(1) * float64(c.Horizon); !(n > 16000) {
		t.Errorf("the commonest word sends about %.0f gradients; the lesson says more than 16000", n)
	}
	says("its count", "more than 16000 times")
	few := 0.0 // expected words seen five times or fewer (Poisson)
	for k := 1; k <= c.Vocab; k++ {
		mu := inExample(k) * float64(c.Horizon)
		term, sum := math.Exp(-mu), 0.0
		for n := 0; n <= 5; n++ {
			sum += term
			term *= mu / float64(n+1)
		}
		few += sum
	}
	if f := few / float64(c.Vocab); f < 0.68 || f > 0.75 {
		t.Errorf("%.2f of the words turn up five times or fewer; the lesson says nearly three in four", f)
	}
	says("the rare words", "nearly three words in four turn up five times or fewer")

	// The try links' claims.
	sgdHigh := rareAt(func(c *rare.Config) { c.SGDLR = 0.5 }).Loss()
	if !(sgdHigh[rare.SGD] > loss[rare.SGD]) {
		t.Errorf("SGD at η = 0.5 ends at %.3f, at 0.1 at %.3f; the lesson says worse", sgdHigh[rare.SGD], loss[rare.SGD])
	}
	says("the first try link", "Give SGD AdaGrad&rsquo;s rate, 0.5")
	common := rareAt(func(c *rare.Config) { c.Zipf = 2 }).Loss()
	if gap, was := common[rare.SGD]-common[rare.AdaGrad], loss[rare.SGD]-loss[rare.AdaGrad]; !(gap >= 0 && gap < was/2) {
		t.Errorf("at s = 2 the gap between SGD and AdaGrad is %.3f (at the default %.3f); the lesson says they come closer", gap, was)
	}
	says("the second try link", "(s = 2)")
}
