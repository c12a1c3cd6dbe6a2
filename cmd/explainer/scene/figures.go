package scene

import (
	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/sim"
)

// What each figure is made of. The figure ids are part of the public embed
// API: valley, accumulator, freeze, sparse, rare, rotation.

type runSpec struct {
	name   string
	method sim.Method
	panel  int
}

// The runs of each figure, as tables: runsFor hands out these slices, so
// the recompute of every dragged frame allocates nothing.
var (
	runsSGDAdaGrad = []runSpec{{"SGD", sim.SGD, 0}, {"AdaGrad", sim.AdaGrad, 1}}
	runsAdaGrad    = []runSpec{{"AdaGrad", sim.AdaGrad, 0}}
	runsForget     = []runSpec{{"AdaGrad", sim.AdaGrad, 0}, {"RMSProp", sim.RMSProp, 0}}
	runsRotation   = []runSpec{{"AdaGrad", sim.AdaGrad, 0}, {"Full-matrix AdaGrad", sim.AdaGradFull, 1}}
)

// runsFor lists the runs a figure shows and the panel each is drawn in.
// Callers must not modify the slice. The rare-words figure has none: its
// model is a rare.Model (rare.go).
func runsFor(v params.Values) []runSpec {
	switch v.Fig {
	case "rare":
		return nil
	case "accumulator":
		return runsAdaGrad
	case "freeze":
		if v.Forget {
			return runsForget
		}
		return runsAdaGrad
	case "rotation":
		return runsRotation
	default: // valley, sparse
		return runsSGDAdaGrad
	}
}

// landscapeFor is the valley the parameters describe; every figure uses it.
func landscapeFor(v params.Values) sim.Landscape {
	return sim.NewValley(v.A, v.B, v.Angle)
}

// horizon is the step at which a playing figure pauses by itself, long
// enough to make the figure's point; Play carries on past it.
func horizon(fig string) int {
	switch fig {
	case "freeze":
		return 3000
	case "sparse":
		return 600
	case "rotation":
		return 200
	case "rare":
		return rareHorizon
	default:
		return 400
	}
}

// Titles and descriptions: the text a screen reader hears for the canvas.
var titles = map[string]string{
	"valley":      "SGD and AdaGrad in a stretched valley",
	"accumulator": "AdaGrad's accumulator and its step ellipse",
	"freeze":      "AdaGrad freezes; RMSProp forgets",
	"sparse":      "Sparse gradients: SGD and AdaGrad",
	"rotation":    "A turned valley: diagonal and full-matrix AdaGrad",
	"rare":        "Rare words: SGD and AdaGrad learn a simulated text classifier",
}

var descriptions = map[string]string{
	"valley": "Two contour maps of the same long, narrow valley, steep across and nearly flat along. " +
		"In the first, gradient descent with one learning rate zigzags across the steep walls and creeps along the floor. " +
		"In the second, AdaGrad takes smaller steps across the walls and larger ones along the floor, heading down the middle. " +
		"Below, a plot of the loss against the step for both.",
	"accumulator": "AdaGrad on the stretched valley with its memory made visible: bars for the accumulated squared gradients G in x and y, " +
		"the effective rate of each coordinate over the steps on a log scale, and the step ellipse at the current point, " +
		"squashed across the steep walls and stretched along the flat floor, beside gradient descent's circle of radius η.",
	"freeze": "AdaGrad started far along a flat valley with a modest rate: its accumulated squared gradients only grow, " +
		"so its effective rates fall on a log plot until the steps are too small to matter and the run stalls short of the minimum. " +
		"With \"let it forget\", RMSProp starts from the same point and keeps moving.",
	"sparse": "A valley that is steep in x and flat in y, where the y-gradient is zeroed at random with probability p, " +
		"like the weight of a rare feature. Gradient descent, its one rate held down by the steep x, barely moves in y; " +
		"AdaGrad's accumulator for y stays small, so its y rate stays high and it reaches the minimum. " +
		"A strip plot compares the true partial derivative in y with the gradient actually received, and squares show G for x and y.",
	"rotation": "Two contour maps of the same long valley, turned so that its steep and flat directions are diagonal. " +
		"In the first, diagonal AdaGrad, one rate per coordinate, brakes x and y alike and creeps down the floor; " +
		"its step ellipse keeps its axes along x and y. In the second, full-matrix AdaGrad learns the directions themselves: " +
		"its step ellipse turns to lie along the valley, and it runs to the minimum. Below, a plot of the loss against the step for both.",
	"rare": "Three plots from a simulated text classifier, not real text: logistic regression over a vocabulary whose word frequencies follow Zipf's law, " +
		"a few words an example, labels drawn from hidden true weights. SGD and AdaGrad learn from the same stream of examples. " +
		"The first plot shows the loss on held-out examples against the examples seen, AdaGrad's line below SGD's, with the best possible loss dashed. " +
		"The second shows each learner's rate against a word's frequency rank, both axes logarithmic: SGD's is one flat line, " +
		"AdaGrad's is small for the frequent words and stays high for the rare ones. " +
		"The third shows how much of each band's weight error is left: AdaGrad removes more of it for the rarer words, where SGD's barely moves.",
}
