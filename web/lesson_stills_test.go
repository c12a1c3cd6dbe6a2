package web_test

// The stills in the lesson's figure slots: each is the picture
// internal/docgen draws from sim, and the runs show what the prose claims.

import (
	"testing"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/internal/docgen"
	"github.com/adagrad-explained/adagrad/sim"
)

// stillRun runs one optimizer on the lesson's valley from the figures'
// default start and returns the path.
func stillRun(m sim.Method, lr float64, steps int) ([][2]float64, *sim.Run) {
	return stillRunOn(stillA, stillB, stillX0, stillY0, m, lr, steps, nil)
}

// accumRun is the same on the accumulator figure's valley.
func accumRun(m sim.Method, lr float64, steps int) ([][2]float64, *sim.Run) {
	return stillRunOn(stillMildA, stillB, stillX0, stillY0, m, lr, steps, nil)
}

// sparseRun is one of the sparse figure's default runs, stillSparseSteps long.
func sparseRun(m sim.Method, lr float64) ([][2]float64, *sim.Run) {
	return stillRunOn(stillSparseA, stillSparseB, stillSparseX0, stillSparseY0, m, lr, stillSparseSteps,
		&sim.Dropout{P: stillP, Coord: 1, Seed: stillSeed})
}

// TestLessonStills checks that each still in index.html is the picture
// sim draws today, as internal/docgen draws it.
func TestLessonStills(t *testing.T) {
	page := readLesson(t)
	want := docgen.Stills()
	for _, fig := range params.Figs {
		got, err := docgen.Region(page, docgen.StillRegion(fig))
		if err != nil {
			t.Errorf("index.html, around the %s figure's still: %v", fig, err)
			continue
		}
		if got != want[fig] {
			t.Errorf("the %s still in index.html is not what sim draws now (its numerics or the drawing changed).\n"+
				"Run  go generate ./...  and look at the new picture.", fig)
		}
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
