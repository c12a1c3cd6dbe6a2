package web_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/internal/docgen"
	"github.com/adagrad-explained/adagrad/sim"
)

// sciHTML writes x as the lesson does, to two significant digits: "0.19",
// or "1.7&times;10<sup>&minus;5</sup>".
func sciHTML(x float64) string {
	if x >= 0.01 {
		return fmt.Sprintf("%.2g", x)
	}
	e := int(math.Floor(math.Log10(x)))
	return fmt.Sprintf("%.1f&times;10<sup>&minus;%d</sup>", x/math.Pow(10, float64(e)), -e)
}

// TestLessonTurnedValleyNumbers holds the prose of the turned-valley
// section to the sim: the two losses after the figure's steps at its
// defaults, and the diagonal form's at 0°.
func TestLessonTurnedValleyNumbers(t *testing.T) {
	d := params.Defaults("rotation")
	loss := func(m sim.Method, angle float64) float64 {
		c := sim.DefaultConfig(m)
		c.LR = d.LR
		r := sim.NewRun(sim.NewValley(d.A, d.B, angle), c, []float64{d.X0, d.Y0}, nil)
		r.Steps(docgen.RotationSteps)
		return r.State().Loss
	}
	page := readLesson(t)
	i, j := strings.Index(page, `<section id="turned"`), strings.Index(page, `<section id="code"`)
	if i < 0 || j < i {
		t.Fatal("index.html has no turned-valley section before the code section")
	}
	sec := page[i:j]
	for _, c := range []struct {
		what string
		x    float64
		near string
	}{
		{"diagonal AdaGrad's loss at the defaults", loss(sim.AdaGrad, d.Angle), "loss is still "},
		{"full-matrix AdaGrad's loss at the defaults", loss(sim.AdaGradFull, d.Angle), "run&rsquo;s is "},
		{"diagonal AdaGrad's loss at 0°", loss(sim.AdaGrad, 0), "steps down to "},
	} {
		if want := c.near + sciHTML(c.x); !strings.Contains(sec, want) {
			t.Errorf("%s is %.3g: the turned-valley section should say %q", c.what, c.x, want)
		}
	}
	if want := fmt.Sprintf("by %g°", d.Angle); !strings.Contains(sec, want) || !strings.Contains(sec, fmt.Sprintf("%d steps", docgen.RotationSteps)) {
		t.Errorf("the section should speak of the defaults: %q and %d steps", want, docgen.RotationSteps)
	}
}
