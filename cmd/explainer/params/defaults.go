package params

// FigDefaults holds the per-figure defaults: the one place to tune them.
// Values are canonical text, as in a URL; anything not listed takes the
// Default of its Spec. A test checks that every entry parses cleanly.
var FigDefaults = map[string]map[string]string{
	// The valley: a = 0.02 (the table's default), b = 10, five hundred times
	// steeper across than along. SGD at η·b = 1.8, close to the divergence
	// limit of 2, bounces across the walls and, at η·a = 0.0036, crawls
	// along the floor, while AdaGrad's x-steps do not depend on a at all.
	// Measured with the scene (defaults_test.go pins these) and with
	// cmd/trace -a 0.02: after 100 steps SGD's x has gone from −4.5 only to
	// −3.14, AdaGrad's is −0.063; losses 0.098 and 4.0e-5 (SGD's 2500×
	// higher); SGD's y changes sign on each of its first 30 steps and it does
	// not diverge; the readout's effective rates (x, y) are SGD 0.18, 0.18
	// and AdaGrad 1.91, 0.015. Until December 2026 the valley had a = 0.2
	// (b/a = 50): 1.32e-3 against 3.99e-4 (3.3×), with AdaGrad's x rate
	// 0.19 barely above SGD's 0.18.
	"valley": {
		"lr": "0.5", "sgdlr": "0.18",
		"x0": "-4.5", "y0": "2",
	},
	// The accumulator keeps the gentler a = 0.2 (b/a = 50): AdaGrad's path is
	// the valley figure's exactly (its steps do not depend on a), but its x
	// rate, and so the step ellipse's long half-axis, is ten times smaller
	// than at a = 0.02. Measured: after 4 steps G = (2.45, 866), G_y/G_x =
	// 353, rates (0.319, 0.0170), an ellipse 19 times longer than tall,
	// inside the map at every step from 2 on at 320–1280 px (step 1's
	// diagonal jump overhangs by up to 31 px below 1000 px). At a = 0.02 the
	// ellipse would be 188:1 and, magnified with SGD's circle, wider than
	// the map at every step up to the horizon on narrow screens.
	"accumulator": {
		"lr": "0.5", "sgdlr": "0.18",
		"a":  "0.2",
		"x0": "-4.5", "y0": "2",
	},
	// Far along the floor with a modest η: AdaGrad's sum of squares, filled
	// by the large early gradients, brakes every later step. It keeps a =
	// 0.2, as before and as in the accumulator: the freeze does not depend
	// on a (AdaGrad's and RMSProp's paths are the same at any a, only the
	// losses scale), so nothing is gained by changing what embeds show.
	// Measured: AdaGrad is flagged frozen from step 102 at x = −34.5 and is
	// still at x = −13.4 (loss 17.9) at step 3000; with forget=1 RMSProp
	// comes within 0.25 of the minimum by step 160 and stays there, circling
	// at (±0.15, ±0.15), loss 0.115.
	"freeze": {
		"lr": "0.3", "sgdlr": "0.18",
		"a":  "0.2",
		"x0": "-40", "y0": "5", "speed": "30",
	},
	// The rare-feature picture: x is steep and its gradient arrives every
	// step, y is flat and its gradient arrives one step in five. SGD's one
	// rate is held down by x, so y crawls; AdaGrad's G_y stays small and y
	// keeps a large rate of its own. Measured after 80 steps: SGD's y = 1.12
	// (from 2.5), AdaGrad's 0.159; G = (1094, 0.90), rates (0.015, 0.53);
	// SGD's loss 49× AdaGrad's.
	"sparse": {
		"lr": "0.5", "sgdlr": "0.18",
		"a": "10", "b": "0.2",
		"x0": "-2", "y0": "2.5",
		"p": "0.8",
	},
	// The valley of the accumulator (a = 0.2, b/a = 50) turned by 45°, from
	// the lesson's start: diagonal AdaGrad beside full-matrix AdaGrad.
	// Measured (sim's TestRotationFigureDefaults, and the scene's
	// defaults_test.go): after 200 steps the diagonal form's loss is 0.19,
	// the full form's 1.7e-5, more than ten thousand times lower.
	"rotation": {
		"lr": "0.5",
		"a":  "0.2", "angle": "45",
		"x0": "-4.5", "y0": "2",
	},
	// The paper's own case, simulated (sim/rare): logistic regression over
	// ten thousand words whose frequencies follow Zipf's law (s = 1.1), ten
	// words an example. Each rate is the best of a grid for its own method
	// (sim/rare's TestDefaultRatesAreTuned): SGD η = 0.1, AdaGrad η = 0.5.
	// Measured at the horizon, 20000 examples: held-out loss SGD 0.466,
	// AdaGrad 0.394, the true weights' 0.262. A step is one example, so the
	// figure plays at 5000 a second and reaches the horizon in four seconds.
	"rare": {
		"lr": "0.5", "sgdlr": "0.1", "eps": "1e-8",
		"vocab": "10000", "zipf": "1.1", "words": "10",
		"speed": "5000",
	},
}
