package render

import (
	"math"
	"testing"
)

var red = Color{200, 0, 0, 255}

// checkFinite fails if any item carries a non-finite number.
func checkFinite(t *testing.T, l *Layer) {
	t.Helper()
	for i, it := range l.Items {
		ok := finite(it.Width) && finite(it.R) && finite(it.Size) && it.C.finite()
		for _, p := range it.Pts {
			ok = ok && p.finite()
		}
		if !ok {
			t.Fatalf("item %d has a non-finite value: %+v", i, it)
		}
	}
}

func TestEllipseHalfAxes(t *testing.T) {
	for _, c := range []struct{ rx, ry, angle float64 }{
		{40, 10, 0}, {10, 40, 0}, {25, 25, 0}, {60, 7, 0.7}, {3, 120, -2.1}, {0.5, 0.2, 0},
	} {
		var l Layer
		center := Pt{200, 150}
		l.Ellipse(center, c.rx, c.ry, c.angle, 2, red, Color{0, 0, 200, 80})
		if len(l.Items) != 2 || l.Items[0].Kind != Fill || l.Items[1].Kind != Stroke || !l.Items[1].Closed {
			t.Fatalf("%+v: items %+v", c, l.Items)
		}
		pts := l.Items[1].Pts
		if len(pts)%4 != 0 || len(pts) < 16 {
			t.Fatalf("%+v: %d vertices", c, len(pts))
		}
		// The vertices at the quarter turns are exactly the half-axis ends.
		sn, cs := math.Sincos(c.angle)
		ax := Pt{cs, sn}  // rx axis direction
		ay := Pt{-sn, cs} // ry axis direction
		n := len(pts)
		for k, want := range []Pt{center.Add(ax.Mul(c.rx)), center.Add(ay.Mul(c.ry)), center.Sub(ax.Mul(c.rx)), center.Sub(ay.Mul(c.ry))} {
			got := pts[k*n/4]
			if got.Sub(want).Len() > 1e-9 {
				t.Errorf("%+v: quarter %d at %v, want %v", c, k, got, want)
			}
		}
		// Every vertex is on the ellipse, and the farthest and nearest
		// vertices are the half-axes.
		far, close := 0.0, math.Inf(1)
		for _, p := range pts {
			d := p.Sub(center)
			u, v := d.X*ax.X+d.Y*ax.Y, d.X*ay.X+d.Y*ay.Y
			if e := u*u/(c.rx*c.rx) + v*v/(c.ry*c.ry); math.Abs(e-1) > 1e-9 {
				t.Fatalf("%+v: vertex %v off the ellipse (%g)", c, p, e)
			}
			far, close = math.Max(far, d.Len()), math.Min(close, d.Len())
		}
		if !near(far, math.Max(c.rx, c.ry), 1e-9) || !near(close, math.Min(c.rx, c.ry), 1e-9) {
			t.Errorf("%+v: vertex distances %g…%g", c, close, far)
		}
		// Fine enough: the polygon's chord never strays more than ½ px.
		for i := range pts {
			a, b := pts[i], pts[(i+1)%n]
			mid := a.Add(b).Mul(0.5).Sub(center)
			u, v := mid.X*ax.X+mid.Y*ax.Y, mid.X*ay.X+mid.Y*ay.Y
			// distance from the ellipse along the radius, approximately
			r := math.Hypot(u, v)
			scale := 1 / math.Sqrt(u*u/(c.rx*c.rx)+v*v/(c.ry*c.ry))
			if gap := r*scale - r; gap > 0.5 {
				t.Fatalf("%+v: chord %d strays %g px", c, i, gap)
			}
		}
	}
}

func TestEllipseWorld(t *testing.T) {
	tr := Fit(Box{-5, 5, -3, 3}, Rect{0, 0, 1000, 600}) // 100 px per unit
	var l Layer
	l.EllipseWorld(tr, Pt{1, 1}, 2, 0.5, 0, 1, red, Color{})
	if len(l.Items) != 1 {
		t.Fatalf("want stroke only, got %d items", len(l.Items))
	}
	pts := l.Items[0].Pts
	c := tr.ToScreen(Pt{1, 1})
	if got := pts[0].Sub(c); !near(got.X, 200, 1e-9) || !near(got.Y, 0, 1e-9) {
		t.Errorf("rx end at %v from centre", got)
	}
	if got := pts[len(pts)/4].Sub(c); !near(math.Abs(got.Y), 50, 1e-9) || !near(got.X, 0, 1e-9) {
		t.Errorf("ry end at %v from centre", got)
	}
	// A world angle turns counter-clockwise in the world: the rx end of a
	// 90° ellipse points up the screen.
	l.Reset()
	l.EllipseWorld(tr, Pt{0, 0}, 1, 0.2, math.Pi/2, 1, red, Color{})
	if got := l.Items[0].Pts[0].Sub(tr.ToScreen(Pt{0, 0})); !near(got.X, 0, 1e-9) || !near(got.Y, -100, 1e-9) {
		t.Errorf("rotated rx end at %v", got)
	}
}

func TestEllipseBadInput(t *testing.T) {
	var l Layer
	nan := math.NaN()
	l.Ellipse(Pt{nan, 0}, 1, 1, 0, 1, red, red)
	l.Ellipse(Pt{0, 0}, nan, 1, 0, 1, red, red)
	l.Ellipse(Pt{0, 0}, -1, 1, 0, 1, red, red)
	l.Ellipse(Pt{0, 0}, 0, 0, 0, 1, red, red)
	l.Ellipse(Pt{0, 0}, math.Inf(1), 1, 0, 1, red, red)
	if len(l.Items) != 0 {
		t.Errorf("bad ellipses drew %d items", len(l.Items))
	}
	l.Ellipse(Pt{0, 0}, 10, 0, 0, 1, red, Color{}) // flat: a line, still finite
	checkFinite(t, &l)
	if len(l.Items) != 1 {
		t.Errorf("flat ellipse: %d items", len(l.Items))
	}
}

func TestArrow(t *testing.T) {
	var l Layer
	from, to := Pt{10, 10}, Pt{110, 10}
	l.Arrow(from, to, 2, 12, red)
	if len(l.Items) != 2 || l.Items[0].Kind != Stroke || l.Items[1].Kind != Fill {
		t.Fatalf("items %+v", l.Items)
	}
	head := l.Items[1].Pts
	if head[0] != to {
		t.Errorf("tip at %v, want %v", head[0], to)
	}
	for _, p := range head[1:] {
		if !near(p.X, 98, 1e-9) {
			t.Errorf("head base at x=%v, want 98", p.X)
		}
	}
	if shaft := l.Items[0].Pts; shaft[0] != from || shaft[1].X > 110 || shaft[1].X < 98 {
		t.Errorf("shaft %v", shaft)
	}

	// Short arrow: no shaft, head shrunk to the arrow's length.
	l.Reset()
	l.Arrow(Pt{0, 0}, Pt{0, 3}, 2, 12, red)
	if len(l.Items) != 1 || l.Items[0].Kind != Fill || l.Items[0].Pts[0] != (Pt{0, 3}) {
		t.Fatalf("short arrow: %+v", l.Items)
	}
	for _, p := range l.Items[0].Pts[1:] {
		if !near(p.Y, 0, 1e-9) {
			t.Errorf("short arrow head reaches past its tail: %v", p)
		}
	}

	// Zero length and bad input: nothing, and no NaN.
	l.Reset()
	nan := math.NaN()
	l.Arrow(Pt{5, 5}, Pt{5, 5}, 2, 10, red)
	l.Arrow(Pt{5, 5}, Pt{5, 5 + 1e-13}, 2, 10, red)
	l.Arrow(Pt{nan, 5}, Pt{5, 5}, 2, 10, red)
	l.Arrow(Pt{0, 0}, Pt{math.Inf(1), 5}, 2, 10, red)
	l.Arrow(Pt{0, 0}, Pt{5, 5}, nan, 10, red)
	if len(l.Items) != 0 {
		t.Errorf("degenerate arrows drew %+v", l.Items)
	}
	l.Arrow(Pt{0, 0}, Pt{1e-6, 0}, 2, nan, red) // NaN head: plain line
	l.Arrow(Pt{0, 0}, Pt{1e-6, 0}, 2, 10, red)  // tiny but real
	checkFinite(t, &l)
}

func TestDashed(t *testing.T) {
	var l Layer
	pts := []Pt{{0, 0}, {25, 0}, {25, 20}}
	l.Dashed(pts, 1, 6, red)
	// One item, the whole path, with its period: the drawer lays the dashes.
	if len(l.Items) != 1 {
		t.Fatalf("%d items, want 1", len(l.Items))
	}
	it := l.Items[0]
	if it.Kind != Stroke || it.Dash != 6 || it.Width != 1 || len(it.Pts) != 3 || it.Pts[2] != pts[2] {
		t.Errorf("dashed item %+v", it)
	}
}

func TestPolylineBreaksAtNaN(t *testing.T) {
	var l Layer
	nan := math.NaN()
	l.Polyline([]Pt{{0, 0}, {1, 1}, {nan, 2}, {3, 3}, {4, 4}, {5, 5}, {math.Inf(1), 0}, {7, 7}}, 1, red)
	if len(l.Items) != 2 || len(l.Items[0].Pts) != 2 || len(l.Items[1].Pts) != 3 {
		t.Fatalf("items %+v", l.Items)
	}
	checkFinite(t, &l)
	// The copied points are independent of the caller's slice.
	src := []Pt{{0, 0}, {1, 0}}
	l.Reset()
	l.Polyline(src, 1, red)
	src[0] = Pt{9, 9}
	if l.Items[0].Pts[0] != (Pt{0, 0}) {
		t.Error("Polyline kept a reference to the caller's points")
	}
	// Appending to one item's points cannot overwrite the next item's.
	l.Reset()
	l.Line(Pt{0, 0}, Pt{1, 1}, 1, red)
	l.Line(Pt{2, 2}, Pt{3, 3}, 1, red)
	_ = append(l.Items[0].Pts, Pt{7, 7})
	if l.Items[1].Pts[0] != (Pt{2, 2}) {
		t.Error("items share capacity")
	}
}

func TestPolylineWorld(t *testing.T) {
	tr := Fit(Box{0, 10, 0, 10}, Rect{0, 0, 100, 100})
	var l Layer
	l.PolylineWorld(tr, []Pt{{0, 0}, {10, 10}}, 1, red)
	if p := l.Items[0].Pts; p[0] != (Pt{0, 100}) || p[1] != (Pt{100, 0}) {
		t.Errorf("world polyline at %v", p)
	}
}

func TestPrimitivesSkipBadInput(t *testing.T) {
	var l Layer
	nan := math.NaN()
	l.Circle(Pt{0, 0}, nan, 1, red)
	l.Circle(Pt{0, 0}, -2, 1, red)
	l.Disc(Pt{nan, 0}, 3, red)
	l.Disc(Pt{0, 0}, 0, red)
	l.Text(Pt{0, nan}, "x", 12, AlignLeft, red)
	l.Text(Pt{0, 0}, "", 12, AlignLeft, red)
	l.Text(Pt{0, 0}, "x", nan, AlignLeft, red)
	l.Line(Pt{0, 0}, Pt{nan, 1}, 1, red)
	l.Polyline([]Pt{{0, 0}}, 1, red)
	l.Polygon([]Pt{{0, 0}, {1, 0}, {nan, 1}}, red)
	l.FillRect(Rect{0, 0, -1, 5}, red)
	l.StrokeRect(Rect{0, nan, 1, 5}, 1, red)
	if len(l.Items) != 0 {
		t.Errorf("bad input drew %+v", l.Items)
	}
	l.Circle(Pt{1, 2}, 3, 1, red)
	l.Disc(Pt{1, 2}, 3, red)
	l.Text(Pt{1, 2}, "η", 12, AlignCenter, red)
	l.FillRect(Rect{0, 0, 4, 5}, red)
	l.StrokeRect(Rect{0, 0, 4, 5}, 1, red)
	l.Polygon([]Pt{{0, 0}, {1, 0}, {1, 1}}, red)
	kinds := []Kind{Circle, Disc, Text, Fill, Stroke, Fill}
	if len(l.Items) != len(kinds) {
		t.Fatalf("items %+v", l.Items)
	}
	for i, k := range kinds {
		if l.Items[i].Kind != k {
			t.Errorf("item %d kind %d, want %d", i, l.Items[i].Kind, k)
		}
	}
}

// A warmed layer takes a frame's worth of items without allocating.
func TestLayerNoAllocsWhenWarm(t *testing.T) {
	var l Layer
	trail := make([]Pt, 500)
	for i := range trail {
		trail[i] = Pt{float64(i), math.Sin(float64(i))}
	}
	tr := Fit(Box{-5, 5, -3, 3}, Rect{0, 0, 800, 500})
	frame := func() {
		l.Reset()
		l.Polyline(trail, 1.5, red)
		l.PolylineWorld(tr, trail, 1.5, red)
		l.Dashed(trail[:50], 1, 7, red)
		l.Arrow(Pt{10, 10}, Pt{100, 40}, 2, 10, red)
		l.Arrow(Pt{10, 10}, Pt{12, 11}, 2, 10, red)
		l.Ellipse(Pt{200, 200}, 80, 20, 0.3, 1.5, red, red.WithAlpha(60))
		l.EllipseWorld(tr, Pt{1, 1}, 0.5, 0.1, 0, 1, red, Color{})
		l.Circle(Pt{5, 5}, 4, 1, red)
		l.Disc(Pt{5, 5}, 4, red)
		l.Text(Pt{5, 5}, "AdaGrad", 14, AlignCenter, red)
		l.FillRect(Rect{0, 0, 10, 10}, red)
		l.StrokeRect(Rect{0, 0, 10, 10}, 1, red)
		l.Line(Pt{0, 0}, Pt{1, 1}, 1, red)
	}
	frame() // warm up
	if n := testing.AllocsPerRun(100, frame); n != 0 {
		t.Errorf("a warm frame allocates %v times", n)
	}
	checkFinite(t, &l)
}

func BenchmarkFrame(b *testing.B) {
	var l Layer
	trail := make([]Pt, 2000)
	for i := range trail {
		trail[i] = Pt{float64(i) / 400, math.Sin(float64(i) / 100)}
	}
	tr := Fit(Box{-5, 5, -3, 3}, Rect{0, 0, 1600, 1000})
	b.ReportAllocs()
	for b.Loop() {
		l.Reset()
		for k := 0; k < 2; k++ {
			l.PolylineWorld(tr, trail, 2, red)
			l.Arrow(Pt{10, 10}, Pt{100, 40}, 2, 10, red)
			l.Arrow(Pt{10, 10}, Pt{60, 90}, 2, 10, red)
			l.Ellipse(Pt{200, 200}, 80, 20, 0, 1.5, red, red.WithAlpha(60))
			l.Disc(Pt{5, 5}, 6, red)
			l.Text(Pt{5, 5}, "AdaGrad", 14, AlignCenter, red)
		}
	}
}

func TestDashedDegenerate(t *testing.T) {
	var l Layer
	line := []Pt{{0, 0}, {100, 0}}
	l.Dashed(line, 1, 0, red)           // no period: solid
	l.Dashed(line, 1, math.NaN(), red)  // solid
	l.Dashed(line, 1, math.Inf(1), red) // solid
	for _, it := range l.Items {
		if it.Dash != 0 || len(it.Pts) != 2 {
			t.Errorf("solid fallback %+v", it)
		}
	}
	l.Reset()
	l.Dashed(line, 1, 1e-9, red) // tiny periods are bounded
	if len(l.Items) != 1 || l.Items[0].Dash != 2 {
		t.Errorf("a tiny period gave %+v", l.Items)
	}
	l.Reset()
	l.Dashed(line, 0, 6, red) // no width: nothing
	l.Dashed([]Pt{{0, 0}, {math.NaN(), 1}, {10, 0}, {10, 0}, {30, 0}}, 1, 8, red)
	checkFinite(t, &l)
	if len(l.Items) != 1 || l.Items[0].Dash != 8 || len(l.Items[0].Pts) != 3 {
		t.Errorf("after a NaN: %+v, want one dashed piece from (10, 0)", l.Items)
	}
}

func TestZeroTransform(t *testing.T) {
	var tr Transform
	if p := tr.ToWorld(Pt{3, 4}); !p.finite() {
		t.Errorf("zero Transform ToWorld = %v", p)
	}
}

// A horizontal or vertical rule is a filled rectangle centred on its
// segment; a slanted one is a Line; a degenerate one draws nothing.
func TestRule(t *testing.T) {
	var l Layer
	l.Rule(Pt{10, 5}, Pt{10, 25}, 2, red)
	l.Rule(Pt{30, 8}, Pt{0, 8}, 1, red)
	l.Rule(Pt{0, 0}, Pt{3, 4}, 1, red)
	l.Rule(Pt{0, 0}, Pt{math.NaN(), 4}, 1, red)
	l.Rule(Pt{0, 0}, Pt{0, 4}, 0, red)
	if len(l.Items) != 3 {
		t.Fatalf("%d items, want 3: %+v", len(l.Items), l.Items)
	}
	want := [][]Pt{{{9, 5}, {11, 5}, {11, 25}, {9, 25}}, {{0, 7.5}, {30, 7.5}, {30, 8.5}, {0, 8.5}}}
	for i, w := range want {
		it := l.Items[i]
		if it.Kind != Fill || len(it.Pts) != 4 {
			t.Fatalf("rule %d: %+v", i, it)
		}
		for _, q := range w {
			found := false
			for _, p := range it.Pts {
				found = found || p == q
			}
			if !found {
				t.Errorf("rule %d has corners %v, want %v", i, it.Pts, w)
				break
			}
		}
	}
	if it := l.Items[2]; it.Kind != Stroke || len(it.Pts) != 2 {
		t.Errorf("slanted rule: %+v", it)
	}
}
