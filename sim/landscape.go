package sim

import "math"

// Landscape is a differentiable function to minimise. Coordinates are
// []float64; both built-in landscapes are 2-D.
type Landscape interface {
	Value(p []float64) float64
	Grad(p, out []float64) // writes ∇f(p) into out; allocates nothing
	Minimum() []float64    // the minimiser (a fresh slice)
	View() Box             // a box for drawing that holds the default start and the minimum
	Name() string          // "valley" or "rosenbrock"
}

// Box is an axis-aligned rectangle in landscape coordinates.
type Box struct{ XMin, XMax, YMin, YMax float64 }

// Contains reports whether (x, y) lies in the box (edges included).
func (b Box) Contains(x, y float64) bool {
	return x >= b.XMin && x <= b.XMax && y >= b.YMin && y <= b.YMax
}

// The lesson's valley: flat along x, steep along y (condition number 50).
const (
	DefaultValleyA = 0.2
	DefaultValleyB = 10
)

// Valley is the stretched quadratic f(x,y) = ½(A·u² + B·v²), where (u,v) is
// (x,y) rotated by −Angle radians. With Angle = 0 it is ½(A·x² + B·y²): for
// B > A the valley runs along x and its walls are steep in y. A rotated valley
// is not aligned with the coordinate axes, which is where a diagonal method
// such as AdaGrad loses its advantage. Its minimum is the origin.
type Valley struct{ A, B, Angle float64 }

// NewValley returns the valley with curvatures a and b, rotated by angleDeg
// degrees (stored in radians).
func NewValley(a, b, angleDeg float64) *Valley {
	return &Valley{A: a, B: b, Angle: angleDeg * math.Pi / 180}
}

// rot returns (u, v), the point (x, y) rotated by −Angle.
func (f *Valley) rot(x, y float64) (u, v float64) {
	if f.Angle == 0 {
		return x, y
	}
	s, c := math.Sincos(f.Angle)
	return c*x + s*y, -s*x + c*y
}

// Value returns ½(A·u² + B·v²).
func (f *Valley) Value(p []float64) float64 { return f.value(p[0], p[1]) }

func (f *Valley) value(x, y float64) float64 {
	u, v := f.rot(x, y)
	return 0.5 * (f.A*u*u + f.B*v*v)
}

// Grad writes ∇f(p) into out. Without rotation it is exactly (A·x, B·y).
func (f *Valley) Grad(p, out []float64) { out[0], out[1] = f.grad(p[0], p[1]) }

func (f *Valley) grad(x, y float64) (gx, gy float64) {
	if f.Angle == 0 {
		return f.A * x, f.B * y
	}
	s, c := math.Sincos(f.Angle)
	u, v := c*x+s*y, -s*x+c*y
	gu, gv := f.A*u, f.B*v
	return c*gu - s*gv, s*gu + c*gv
}

// Minimum returns the origin.
func (f *Valley) Minimum() []float64 { return []float64{0, 0} }

// Start returns the lesson's default start: far along the floor and up the
// wall, (−4.5, 2) in the valley's own frame, rotated with the valley.
func (f *Valley) Start() []float64 {
	s, c := math.Sincos(f.Angle)
	x, y := -4.5, 2.0
	if f.Angle == 0 {
		return []float64{x, y}
	}
	return []float64{c*x - s*y, s*x + c*y}
}

// View returns [−5, 5] × [−3, 3], widened if needed to hold the rotated start.
func (f *Valley) View() Box {
	st := f.Start()
	w := math.Max(5, math.Abs(st[0])+0.5)
	h := math.Max(3, math.Abs(st[1])+0.5)
	return Box{-w, w, -h, h}
}

// Name returns "valley".
func (f *Valley) Name() string { return "valley" }

// Rosenbrock is the banana-shaped f(x,y) = (1−x)² + 100(y−x²)², minimum at
// (1, 1), with a long curved floor that is hard for every method here.
type Rosenbrock struct{}

// Value returns (1−x)² + 100(y−x²)².
func (Rosenbrock) Value(p []float64) float64 {
	a, b := 1-p[0], p[1]-p[0]*p[0]
	return a*a + 100*(b*b)
}

// Grad writes ∇f(p) = (−2(1−x) − 2x·200(y−x²), 200(y−x²)) into out. The
// products are grouped as reverse-mode autodiff groups them, so the values
// agree bit for bit with PyTorch's autograd of the same expression.
func (Rosenbrock) Grad(p, out []float64) {
	x, y := p[0], p[1]
	gy := 200 * (y - x*x)
	out[0] = -2*(1-x) - 2*x*gy
	out[1] = gy
}

// Minimum returns (1, 1).
func (Rosenbrock) Minimum() []float64 { return []float64{1, 1} }

// Start returns the usual start (−1.5, 2), on the far arm of the banana.
func (Rosenbrock) Start() []float64 { return []float64{-1.5, 2} }

// View returns [−2, 2] × [−1, 3].
func (Rosenbrock) View() Box { return Box{-2, 2, -1, 3} }

// Name returns "rosenbrock".
func (Rosenbrock) Name() string { return "rosenbrock" }
