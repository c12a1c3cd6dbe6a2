package render

import (
	"math"
	"testing"
)

func valley(a, b float64) func(x, y float64) float64 {
	return func(x, y float64) float64 { return 0.5 * (a*x*x + b*y*y) }
}

func rosenbrock(x, y float64) float64 {
	p, q := 1-x, y-x*x
	return p*p + 100*q*q
}

// Each contour point must lie on its level set: on a grid edge, where the
// linear interpolation of the edge's end values equals the level (to rounding),
// and where f itself is off the level by no more than linear interpolation's
// error bound h²/8·max|f”| along that edge.
func TestContoursOnLevelSet(t *testing.T) {
	type land struct {
		name string
		f    func(x, y float64) float64
		box  Box
	}
	for _, L := range []land{
		{"valley", valley(0.2, 10), Box{-5, 5, -3, 3}},
		{"rotated", func(x, y float64) float64 {
			s, c := math.Sincos(0.6)
			u, v := c*x+s*y, -s*x+c*y
			return 0.5 * (0.2*u*u + 10*v*v)
		}, Box{-5, 5, -3, 3}},
		{"rosenbrock", rosenbrock, Box{-2, 2, -1, 3}},
	} {
		const nx, ny = 120, 90
		levels := Levels(L.f, L.box, 14)
		if len(levels) != 14 {
			t.Fatalf("%s: %d levels", L.name, len(levels))
		}
		lines := ContourLines(L.f, L.box, nx, ny, levels)
		if len(lines) < 14 {
			t.Fatalf("%s: only %d polylines for 14 levels", L.name, len(lines))
		}
		hx, hy := (L.box.XMax-L.box.XMin)/(nx-1), (L.box.YMax-L.box.YMin)/(ny-1)
		seen := map[float64]bool{}
		n, worst := 0, 0.0
		for _, c := range lines {
			seen[c.Level] = true
			for _, p := range c.Pts {
				n++
				if p.X < L.box.XMin-1e-9 || p.X > L.box.XMax+1e-9 || p.Y < L.box.YMin-1e-9 || p.Y > L.box.YMax+1e-9 {
					t.Fatalf("%s: point %v outside box", L.name, p)
				}
				// Find the grid edge p lies on.
				fi, fj := (p.X-L.box.XMin)/hx, (p.Y-L.box.YMin)/hy
				var a, b Pt
				var h float64
				switch {
				case near(fi, math.Round(fi), 1e-7):
					x := L.box.XMin + math.Round(fi)*hx
					j := math.Min(math.Floor(fj), ny-2)
					a, b, h = Pt{x, L.box.YMin + j*hy}, Pt{x, L.box.YMin + (j+1)*hy}, hy
				case near(fj, math.Round(fj), 1e-7):
					y := L.box.YMin + math.Round(fj)*hy
					i := math.Min(math.Floor(fi), nx-2)
					a, b, h = Pt{L.box.XMin + i*hx, y}, Pt{L.box.XMin + (i+1)*hx, y}, hx
				default:
					t.Fatalf("%s: point %v is on no grid edge", L.name, p)
				}
				fa, fb := L.f(a.X, a.Y), L.f(b.X, b.Y)
				if (fa-c.Level)*(fb-c.Level) > 0 {
					t.Fatalf("%s level %g: edge %v–%v (%g, %g) does not cross it", L.name, c.Level, a, b, fa, fb)
				}
				tt := p.Sub(a).Len() / h
				if lin := fa + tt*(fb-fa); math.Abs(lin-c.Level) > 1e-9*(1+math.Abs(c.Level)) {
					t.Fatalf("%s level %g: interpolated value at %v is %g", L.name, c.Level, p, lin)
				}
				u := b.Sub(a).Mul(1 / h)
				d2 := func(q Pt) float64 {
					return math.Abs(L.f(q.X+u.X*h, q.Y+u.Y*h)-2*L.f(q.X, q.Y)+L.f(q.X-u.X*h, q.Y-u.Y*h)) / (h * h)
				}
				bound := h*h/8*1.25*math.Max(d2(a), math.Max(d2(p), d2(b))) + 1e-12
				err := math.Abs(L.f(p.X, p.Y) - c.Level)
				if err > bound {
					t.Fatalf("%s level %g: f(%v) = %g, off by %g > bound %g", L.name, c.Level, p, L.f(p.X, p.Y), err, bound)
				}
				worst = math.Max(worst, err/(math.Abs(fb-fa)+1e-300))
			}
		}
		if len(seen) != 14 {
			t.Errorf("%s: only %d of 14 levels drawn", L.name, len(seen))
		}
		t.Logf("%s: %d polylines, %d points, levels %.3g … %.3g, worst |f−L| / |edge change| = %.3g", L.name, len(lines), n, levels[0], levels[13], worst)
	}
}

// On a quadratic bowl whose level sets lie well inside the box, each level
// is one closed loop (joined across cells), and it encloses the right area.
func TestContoursJoinClosedLoops(t *testing.T) {
	f := valley(1, 4)
	levels := []float64{0.5, 1, 2}
	lines := ContourLines(f, Box{-3, 3, -3, 3}, 200, 200, levels)
	if len(lines) != 3 {
		t.Fatalf("want 3 closed loops, got %d", len(lines))
	}
	for _, c := range lines {
		p := c.Pts
		if p[0] != p[len(p)-1] {
			t.Errorf("level %g: loop not closed", c.Level)
		}
		// shoelace area vs π·rx·ry with rx = sqrt(2L/a), ry = sqrt(2L/b)
		area := 0.0
		for i := 1; i < len(p); i++ {
			area += p[i-1].X*p[i].Y - p[i].X*p[i-1].Y
		}
		area = math.Abs(area) / 2
		want := math.Pi * math.Sqrt(2*c.Level/1) * math.Sqrt(2*c.Level/4)
		if math.Abs(area-want)/want > 0.01 {
			t.Errorf("level %g: area %g, want %g", c.Level, area, want)
		}
	}
}

// Lines cut by the box edge stay open and end on the box boundary.
func TestContoursOpenAtBorder(t *testing.T) {
	box := Box{-1, 1, -1, 1}
	lines := Contours(func(x, y float64) float64 { return x + 0.5*y }, box, 30, 30, []float64{0, 0.3})
	if len(lines) != 2 {
		t.Fatalf("want 2 straight lines, got %d", len(lines))
	}
	for _, p := range lines {
		for _, q := range []Pt{p[0], p[len(p)-1]} {
			onEdge := near(math.Abs(q.X), 1, 1e-9) || near(math.Abs(q.Y), 1, 1e-9)
			if !onEdge {
				t.Errorf("open line ends inside the box at %v", q)
			}
		}
	}
}

// A saddle cell (both marching-squares cases, the centre above and below
// the level) is resolved by its centre: the level cuts off the two corners
// on the other side of it from the centre, so each line stays in one
// quadrant of these hyperbolas and never crosses the middle.
func TestContoursSaddles(t *testing.T) {
	box := Box{-1, 1, -1, 1}
	for _, sign := range []float64{1, -1} { // x·y has case 5 corners, −x·y case 10
		f := func(x, y float64) float64 { return sign * x * y }
		for _, level := range []float64{0.1, -0.1} { // centre (0) below, then above
			lines := Contours(f, box, 2, 2, []float64{level})
			if len(lines) != 2 {
				t.Fatalf("sign %g, level %g: %d lines, want 2", sign, level, len(lines))
			}
			for _, l := range lines {
				a, b := l[0], l[len(l)-1]
				if math.Signbit(a.X) != math.Signbit(b.X) || math.Signbit(a.Y) != math.Signbit(b.Y) {
					t.Errorf("sign %g, level %g: the line %v crosses the saddle's middle", sign, level, l)
				}
			}
		}
	}
}

func TestContoursBadInput(t *testing.T) {
	nan := math.NaN()
	// NaN holes: no NaN point comes out.
	f := func(x, y float64) float64 {
		if x > 0 && y > 0 {
			return nan
		}
		return x*x + y*y
	}
	for _, c := range Contours(f, Box{-2, 2, -2, 2}, 50, 50, []float64{1, nan, math.Inf(1)}) {
		for _, p := range c {
			if !p.finite() {
				t.Fatalf("non-finite contour point %v", p)
			}
		}
	}
	if got := Contours(nil, Box{}, 10, 10, []float64{1}); got != nil {
		t.Errorf("nil f: %v", got)
	}
	// Degenerate grid and box still work.
	if got := Contours(valley(1, 1), Box{0, 0, 0, 0}, 0, -3, []float64{0.01}); got == nil {
		t.Errorf("degenerate box/grid gave nothing")
	}
	// Flat function: no contour at its value crosses anything.
	if got := Contours(func(x, y float64) float64 { return 1 }, Box{-1, 1, -1, 1}, 10, 10, []float64{2}); len(got) != 0 {
		t.Errorf("flat function gave %d lines", len(got))
	}
}

func TestGeometricLevels(t *testing.T) {
	lv := GeometricLevels(0.01, 100, 5)
	want := []float64{0.01, 0.1, 1, 10, 100}
	for i := range want {
		if !near(lv[i], want[i], want[i]*1e-12) {
			t.Errorf("GeometricLevels = %v", lv)
			break
		}
	}
	if lv := GeometricLevels(0, 10, 4); len(lv) != 4 || !(lv[0] > 0) || lv[3] != 10 {
		t.Errorf("lo=0: %v", lv)
	}
	if GeometricLevels(1, -1, 3) != nil || GeometricLevels(1, 2, 0) != nil || GeometricLevels(math.NaN(), 2, 3) != nil {
		t.Errorf("bad input gave levels")
	}
	if lv := GeometricLevels(5, 5, 3); len(lv) != 1 || lv[0] != 5 {
		t.Errorf("lo==hi: %v", lv)
	}
}

// Levels on the lesson's landscapes: increasing, geometric above the minimum,
// and all of them visible in the box.
func TestLevelsLandscapes(t *testing.T) {
	for _, L := range []struct {
		name string
		f    func(x, y float64) float64
		box  Box
	}{
		{"valley", valley(0.2, 10), Box{-5, 5, -3, 3}},
		{"rosenbrock", rosenbrock, Box{-2, 2, -1, 3}},
	} {
		lv := Levels(L.f, L.box, 12)
		if len(lv) != 12 {
			t.Fatalf("%s: %v", L.name, lv)
		}
		// geometric above the minimum: successive gaps grow by one factor
		r := (lv[2] - lv[1]) / (lv[1] - lv[0])
		for i := 2; i < len(lv); i++ {
			if !(lv[i] > lv[i-1]) || !near((lv[i]-lv[i-1])/(lv[i-1]-lv[i-2]), r, 1e-6*r) {
				t.Errorf("%s: not geometric: %v", L.name, lv)
				break
			}
		}
		if !(r > 1) || lv[11]/lv[0] < 100 {
			t.Errorf("%s: levels span only %g×", L.name, lv[11]/lv[0])
		}
		for _, c := range Contours(L.f, L.box, 60, 60, lv[11:]) {
			if len(c) < 2 {
				t.Errorf("%s: top level not visible", L.name)
			}
		}
		t.Logf("%s: %.3g", L.name, lv)
	}
	if Levels(func(x, y float64) float64 { return math.NaN() }, Box{-1, 1, -1, 1}, 5) != nil {
		t.Error("all-NaN f gave levels")
	}
}

func BenchmarkContours160x160x14(b *testing.B) {
	f := valley(0.2, 10)
	box := Box{-5, 5, -3, 3}
	lv := Levels(f, box, 14)
	b.ReportAllocs()
	for b.Loop() {
		Contours(f, box, 160, 160, lv)
	}
}

func BenchmarkContoursRosenbrock160x160x14(b *testing.B) {
	box := Box{-2, 2, -1, 3}
	lv := Levels(rosenbrock, box, 14)
	b.ReportAllocs()
	for b.Loop() {
		Contours(rosenbrock, box, 160, 160, lv)
	}
}
