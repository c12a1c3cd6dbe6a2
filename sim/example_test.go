package sim_test

import (
	"fmt"

	"github.com/adagrad-explained/adagrad/sim"
)

// AdaGrad in the lesson's valley: the y coordinate, steep, gets a small rate;
// x, flat, keeps a large one.
func ExampleNewRun() {
	l := sim.NewValley(sim.DefaultValleyA, sim.DefaultValleyB, 0)
	r := sim.NewRun(l, sim.DefaultConfig(sim.AdaGrad), l.Start(), nil)
	r.Steps(20)
	s := r.State()
	fmt.Printf("step %d: x=(%.3f, %.3f) loss=%.4f\n", s.Step, s.X[0], s.X[1], s.Loss)
	fmt.Printf("rates: x %.3f, y %.4f\n", s.Rate[0], s.Rate[1])
	// Output:
	// step 20: x=(-1.472, 0.056) loss=0.2326
	// rates: x 0.208, y 0.0151
}

// The first AdaGrad step from G₀ = 0 is η·sign(g) in every coordinate, however
// different the gradients' sizes.
func ExampleAdaGradOpt_Step() {
	o := sim.New(sim.Config{Method: sim.AdaGrad, LR: 0.5, EpsInSqrt: true, G0: 0, Eps: 1e-8}, 2)
	x := []float64{0, 0}
	o.Step(x, []float64{-0.9, 20})
	fmt.Printf("x = (%.6f, %.6f), G = %v\n", x[0], x[1], o.Accumulator())
	// Output:
	// x = (0.500000, -0.500000), G = [0.81 400]
}

// The sparse path touches only the listed coordinates of a million-long
// vector.
func ExampleAdaGradOpt_StepSparse() {
	const n = 1_000_000
	o := sim.New(sim.PyTorchConfig(sim.AdaGrad), n).(*sim.AdaGradOpt)
	x := make([]float64, n)
	o.StepSparse(x, []int{7, 500000}, []float64{2, -3})
	o.StepSparse(x, []int{7}, []float64{2})
	fmt.Printf("x[7]=%.5f x[500000]=%.5f x[8]=%v G[7]=%v\n", x[7], x[500000], x[8], o.G[7])
	// Output:
	// x[7]=-0.01707 x[500000]=0.01000 x[8]=0 G[7]=8
}

// Too large a rate for SGD: y doubles and flips each step, y_t = 2·(−2)ᵗ,
// until step 19 would pass RunawayBound; the run stops after 18 steps, at its
// last finite point.
func ExampleRun_Step_diverged() {
	l := sim.NewValley(0.2, 10, 0)
	c := sim.DefaultConfig(sim.SGD)
	c.LR = 0.3 // η·b = 3 > 2
	r := sim.NewRun(l, c, l.Start(), nil)
	n := r.Steps(1000)
	fmt.Println(n, r.State().Diverged, r.Step())
	// Output:
	// 18 true false
}

// A preview shows where the next step goes, with the same dropout draw.
func ExampleRun_Preview() {
	l := sim.NewValley(0.2, 10, 0)
	r := sim.NewRun(l, sim.DefaultConfig(sim.AdaGrad), l.Start(), &sim.Dropout{P: 0.5, Coord: 1, Seed: 1})
	p := r.Preview()
	fmt.Printf("next (%.2f, %.2f) using gradient (%.1f, %.1f)\n", p.Next[0], p.Next[1], p.Used[0], p.Used[1])
	r.Step()
	fmt.Printf("now  (%.2f, %.2f)\n", r.State().X[0], r.State().X[1])
	// Output:
	// next (-4.00, 1.50) using gradient (-0.9, 20.0)
	// now  (-4.00, 1.50)
}

func ExampleParseMethod() {
	m, err := sim.ParseMethod("RMSProp")
	fmt.Println(m, err, sim.DefaultConfig(m).Rho)
	_, err = sim.ParseMethod("adadelta")
	fmt.Println(err)
	// Output:
	// rmsprop <nil> 0.9
	// unknown optimizer "adadelta" (want sgd, adagrad, rmsprop, adam or adagrad-full)
}

// On the lesson's valley turned by 45°, the diagonal form's rates still
// belong to x and y; the full-matrix form's turn with the valley.
func ExampleAdaGradFullOpt() {
	l := sim.NewValley(sim.DefaultValleyA, sim.DefaultValleyB, 45)
	for _, m := range []sim.Method{sim.AdaGrad, sim.AdaGradFull} {
		r := sim.NewRun(l, sim.DefaultConfig(m), []float64{-4.5, 2}, nil)
		r.Steps(200)
		fmt.Printf("%-12s loss after 200 steps %.2g\n", m, r.State().Loss)
	}
	// Output:
	// adagrad      loss after 200 steps 0.19
	// adagrad-full loss after 200 steps 1.7e-05
}
