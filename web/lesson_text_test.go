package web_test

// The lesson's prose against sim: the numbers Layers 1 and 2 and the sparse
// section quote are the ones sim gives at the figures' defaults, and the
// defaults are still the ones the prose is written for.

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/internal/docgen"
	"github.com/adagrad-explained/adagrad/sim"
)

// The numbers the prose and the stills are written for: the figures'
// defaults when the lesson was written. TestLessonNumbersMatchFigureDefaults
// fails when a default moves away from them; the stills themselves are drawn
// by internal/docgen from the defaults.
const (
	// The lesson's valley (figure 1) and rates; the prose quotes these
	// numbers. Figures 2 and 3 run on a gentler valley, a = stillMildA.
	stillA, stillB         = 0.02, 10.0
	stillMildA             = 0.2
	stillX0, stillY0       = -4.5, 2.0
	stillSGDLR, stillAdaLR = 0.18, 0.5
	// The freeze figure's run.
	stillFreezeLR, stillFreezeX0, stillFreezeY0 = 0.3, -40.0, 5.0
	// The sparse figure's own valley, steep in x and flat in y, its start
	// and its dropout: the y-gradient is zeroed with probability p, seed 1.
	// Its rates are the valley's.
	stillSparseA, stillSparseB   = 10.0, 0.2
	stillSparseX0, stillSparseY0 = -2.0, 2.5
	stillP, stillSeed            = 0.8, 1
	stillSparseSteps             = docgen.SparseSteps // the steps the prose quotes numbers for
)

// stillRunOn is docgen.Path: the runs the stills draw.
var stillRunOn = docgen.Path

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
					"Update the stillSparse constants in web/lesson_text_test.go, run go generate ./..., and revise the numbers in index.html's sparse section.",
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
				"Update the still constants in web/lesson_text_test.go, run go generate ./..., and revise the numbers in index.html's Layer 1 and 2.",
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
