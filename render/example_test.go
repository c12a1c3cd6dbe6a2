package render_test

import (
	"fmt"

	"github.com/adagrad-explained/adagrad/render"
)

func ExampleNiceTicks() {
	fmt.Println(render.NiceTicks(0, 1, 6))
	fmt.Println(render.NiceTicks(-3.2, 7.9, 5))
	// Output:
	// [0 0.2 0.4 0.6 0.8 1]
	// [-2 0 2 4 6]
}

func ExampleAppendLogTicks() {
	for _, v := range render.AppendLogTicks(nil, 1e-6, 10) {
		fmt.Print(render.FormatTick(v), " ")
	}
	fmt.Println()
	// Output: 1e-6 1e-5 1e-4 0.001 0.01 0.1 1 10
}

func ExampleFit() {
	// The lesson's valley view on an 800×500 canvas: 80 px per unit, the
	// origin in the middle, world y up.
	t := render.Fit(render.Box{XMin: -5, XMax: 5, YMin: -3, YMax: 3}, render.Rect{W: 800, H: 500})
	fmt.Println(t.Scale(), t.ToScreen(render.Pt{}), t.ToScreen(render.Pt{X: 1, Y: 1}))
	fmt.Println(t.ToWorld(render.Pt{X: 480, Y: 170}))
	// Output:
	// 80 {400 250} {480 170}
	// {1 1}
}

func ExampleContours() {
	// Three level sets of ½(x² + 4y²): three closed ellipses.
	f := func(x, y float64) float64 { return 0.5 * (x*x + 4*y*y) }
	lines := render.Contours(f, render.Box{XMin: -3, XMax: 3, YMin: -3, YMax: 3}, 100, 100, []float64{0.5, 1, 2})
	for _, l := range lines {
		fmt.Println(len(l) > 20, l[0] == l[len(l)-1])
	}
	// Output:
	// true true
	// true true
	// true true
}

func ExampleLayer_Arrow() {
	var l render.Layer
	l.Arrow(render.Pt{X: 0, Y: 0}, render.Pt{X: 40, Y: 0}, 2, 10, render.Light.Grad)
	l.Arrow(render.Pt{X: 5, Y: 5}, render.Pt{X: 5, Y: 5}, 2, 10, render.Light.Grad) // zero length: nothing
	for _, it := range l.Items {
		fmt.Println(it.Kind == render.Stroke, len(it.Pts))
	}
	// Output:
	// true 2
	// false 3
}
