package render

import (
	"math"
	"testing"
)

func TestPlotMap(t *testing.T) {
	fr := Rect{50, 20, 400, 200}
	p := Plot{Frame: fr, XMin: 0, XMax: 100, YMin: 1e-6, YMax: 10, LogY: true}
	check := func(x, y float64, want Pt) {
		t.Helper()
		got, ok := p.Map(x, y)
		if !ok || !near(got.X, want.X, 1e-9) || !near(got.Y, want.Y, 1e-9) {
			t.Errorf("Map(%g, %g) = %v %v, want %v", x, y, got, ok, want)
		}
	}
	check(0, 1e-6, Pt{50, 220})
	check(100, 10, Pt{450, 20})
	check(50, math.Sqrt(1e-5), Pt{250, 120}) // geometric middle is the middle
	check(25, 1, Pt{150, 20 + 200/7.0})      // one decade under the top of seven
	check(100, 1e300, Pt{450, 20})           // clamped to the top
	check(-5, 1e-20, Pt{50, 220})            // and to the bottom-left
	for _, bad := range [][2]float64{{math.NaN(), 1}, {1, math.NaN()}, {1, 0}, {1, -2}, {math.Inf(1), 1}, {1, math.Inf(1)}} {
		q, ok := p.Map(bad[0], bad[1])
		if ok || !q.finite() {
			t.Errorf("Map(%v) = %v %v", bad, q, ok)
		}
	}
	lin := Plot{Frame: fr, XMin: 0, XMax: 10, YMin: -1, YMax: 1}
	if q, ok := lin.Map(5, 0); !ok || !near(q.X, 250, 1e-9) || !near(q.Y, 120, 1e-9) {
		t.Errorf("linear Map(5, 0) = %v", q)
	}
	if _, ok := lin.Map(5, -0.5); !ok {
		t.Error("negative y is drawable on a linear axis")
	}
}

func TestPlotDegenerateRanges(t *testing.T) {
	fr := Rect{0, 0, 100, 100}
	nan, inf := math.NaN(), math.Inf(1)
	for _, p := range []Plot{
		{Frame: fr, XMin: 3, XMax: 3, YMin: 2, YMax: 2},
		{Frame: fr, XMin: 3, XMax: 3, YMin: 2, YMax: 2, LogY: true},
		{Frame: fr, XMin: 0, XMax: 10, YMin: 0, YMax: 1, LogY: true},
		{Frame: fr, XMin: 0, XMax: 10, YMin: -5, YMax: 0, LogY: true},
		{Frame: fr, XMin: nan, XMax: inf, YMin: nan, YMax: nan},
		{Frame: fr, XMin: nan, XMax: inf, YMin: nan, YMax: nan, LogY: true},
		{Frame: fr, XMin: 10, XMax: 0, YMin: 1, YMax: 1e-3, LogY: true},
		{Frame: fr},
	} {
		x0, x1, y0, y1 := p.ranges()
		if !(x1 > x0) || !(y1 > y0) || !finite(x0+x1+y0+y1) || (p.LogY && !(y0 > 0)) {
			t.Errorf("%+v: ranges %g %g %g %g", p, x0, x1, y0, y1)
		}
		for _, xy := range [][2]float64{{3, 2}, {0, 1}, {1, 1e-9}} {
			if q := p.ToScreen(xy[0], xy[1]); !q.finite() || !fr.Contains(q) {
				t.Errorf("%+v: ToScreen(%v) = %v", p, xy, q)
			}
		}
		var l Layer
		p.Axes(&l, "step", "loss", DefaultAxisStyle(Light, 1))
		p.Series(&l, []float64{1, 2, nan, 0, -1, 3}, 0, 1, 1, red)
		checkFinite(t, &l)
		for _, it := range l.Items {
			if it.Kind == Text && (it.Text == "" || len(it.Text) > 10) {
				t.Errorf("%+v: label %q", p, it.Text)
			}
		}
	}
	// lo == hi on a linear axis centres the value.
	p := Plot{Frame: fr, XMin: 0, XMax: 1, YMin: 5, YMax: 5}
	if q := p.ToScreen(0.5, 5); !near(q.Y, 50, 1e-9) {
		t.Errorf("flat series not centred: %v", q)
	}
}

func TestPlotSeriesSkipsBadValues(t *testing.T) {
	p := Plot{Frame: Rect{0, 0, 300, 100}, XMin: 0, XMax: 9, YMin: 1e-3, YMax: 10, LogY: true}
	var l Layer
	p.Series(&l, []float64{1, 0.5, math.NaN(), 0.2, 0.1, 0, 0.05, -1, 0.01, 0.02}, 0, 1, 2, red)
	// runs: [1 .5] [.2 .1] [.05] [.01 .02] → three lines, the lone point dropped
	if len(l.Items) != 3 {
		t.Fatalf("%d items: %+v", len(l.Items), l.Items)
	}
	lens := []int{2, 2, 2}
	for i, it := range l.Items {
		if len(it.Pts) != lens[i] {
			t.Errorf("line %d has %d points", i, len(it.Pts))
		}
	}
	if q := l.Items[2].Pts[0]; !near(q.X, 8*300/9.0, 1e-9) {
		t.Errorf("third line starts at x=%g", q.X)
	}
	checkFinite(t, &l)

	l.Reset()
	p.Line(&l, []float64{0, 1, 2, math.NaN(), 4, 5}, []float64{1, 1, 1, 1, 1, 1}, 1, red)
	if len(l.Items) != 2 {
		t.Errorf("Line with a NaN x: %d items", len(l.Items))
	}
}

// A long series is thinned to a few points per pixel column and keeps the
// same vertical extent in every column.
func TestPlotSeriesThinning(t *testing.T) {
	const n = 100000
	ys := make([]float64, n)
	for i := range ys {
		ys[i] = 1 + 0.9*math.Sin(float64(i)*0.37) // oscillates fast: every column spans the range
	}
	ys[54321] = 1.999
	p := Plot{Frame: Rect{10, 10, 200, 100}, XMin: 0, XMax: n - 1, YMin: 0, YMax: 2}
	var l Layer
	p.Series(&l, ys, 0, 1, 1, red)
	if len(l.Items) != 1 {
		t.Fatalf("%d items", len(l.Items))
	}
	pts := l.Items[0].Pts
	if len(pts) > 2*201 || len(pts) < 200 {
		t.Errorf("thinned to %d points", len(pts))
	}
	// The spike survives.
	top := math.Inf(1)
	for _, q := range pts {
		top = math.Min(top, q.Y)
	}
	if want := p.ToScreen(54321, 1.999).Y; !near(top, want, 1e-9) {
		t.Errorf("highest drawn point at y=%g, want %g", top, want)
	}
	// x never goes backwards.
	for i := 1; i < len(pts); i++ {
		if pts[i].X < pts[i-1].X {
			t.Fatalf("x goes back at %d", i)
		}
	}
}

func TestPlotAxes(t *testing.T) {
	st := DefaultAxisStyle(Light, 2)
	st.Grid = Light.Grid
	outer := Rect{0, 0, 600, 300}
	fr := st.Inner(outer)
	if !(fr.X > outer.X && fr.Y > outer.Y && fr.X+fr.W < outer.W && fr.Y+fr.H < outer.H) {
		t.Fatalf("Inner(%v) = %v", outer, fr)
	}
	p := Plot{Frame: fr, XMin: 0, XMax: 200, YMin: 1e-6, YMax: 10, LogY: true}
	var l Layer
	p.Axes(&l, "step", "loss", st)
	labels := map[string]Pt{}
	for _, it := range l.Items {
		if it.Kind == Text {
			labels[it.Text] = it.C
			// every label sits inside the outer rect (with half a line of slack)
			if it.C.X < outer.X || it.C.X > outer.X+outer.W || it.C.Y < outer.Y+it.Size/2-1 || it.C.Y > outer.Y+outer.H-it.Size/2+1 {
				t.Errorf("label %q at %v outside %v", it.Text, it.C, outer)
			}
		}
	}
	// A log axis writes every decade one way, 10ⁿ.
	for _, want := range []string{"10⁻⁶", "10⁻⁵", "10⁻³", "10⁻¹", "10⁰", "10¹", "0", "100", "200", "step", "loss"} {
		if _, ok := labels[want]; !ok {
			t.Errorf("no label %q among %v", want, labels)
		}
	}
	// y labels line up with their ticks, x labels with theirs.
	if q := labels["10⁰"]; !near(q.Y, p.ToScreen(0, 1).Y, 1e-9) || q.X >= fr.X {
		t.Errorf("label 10⁰ at %v", q)
	}
	if q := labels["100"]; !near(q.X, p.ToScreen(100, 1).X, 1e-9) || q.Y <= fr.Y+fr.H {
		t.Errorf("label 100 at %v", q)
	}
	checkFinite(t, &l)
	// Redrawing warm axes allocates nothing.
	lin := Plot{Frame: fr, XMin: 0, XMax: 137, YMin: -2, YMax: 5}
	frame := func() {
		l.Reset()
		p.Axes(&l, "step", "loss", st)
		lin.Axes(&l, "step", "x", st)
	}
	frame()
	if n := testing.AllocsPerRun(50, frame); n != 0 {
		t.Errorf("warm axes allocate %v times", n)
	}
}

func TestBar(t *testing.T) {
	var l Layer
	l.Bar(Pt{0, 100}, 10, 0, red)
	if len(l.Items) != 0 {
		t.Errorf("empty bars drew %+v", l.Items)
	}
	l.Bar(Pt{0, 100}, 10, 30, red)
	l.Bar(Pt{0, 100}, 10, -30, red)
	if len(l.Items) != 2 || l.Items[0].Pts[0].Y != 70 || l.Items[1].Pts[0].Y != 100 || l.Items[1].Pts[2].Y != 130 {
		t.Errorf("Bar: %+v", l.Items)
	}
}

func BenchmarkPlotFrame(b *testing.B) {
	loss := make([]float64, 2000)
	for i := range loss {
		loss[i] = 10 * math.Exp(-float64(i)/300) * (1.2 + math.Sin(float64(i)))
	}
	st := DefaultAxisStyle(Light, 2)
	p := Plot{Frame: st.Inner(Rect{0, 0, 600, 300}), XMin: 0, XMax: 2000, YMin: 1e-3, YMax: 100, LogY: true}
	var l Layer
	b.ReportAllocs()
	for b.Loop() {
		l.Reset()
		p.Axes(&l, "step", "loss", st)
		p.Series(&l, loss, 0, 1, 2, red)
		p.Series(&l, loss[:1000], 0, 1, 2, red)
	}
}

func TestPlotPoints(t *testing.T) {
	p := Plot{Frame: Rect{0, 0, 100, 50}, XMin: 0, XMax: 10, YMin: 0.01, YMax: 100, LogY: true}
	type sample struct{ step, loss float64 }
	data := []sample{{0, math.NaN()}, {1, 10}, {2, 1}, {3, 0}, {4, -1}, {5, 0.1}, {6, 0.05}, {7, math.Inf(1)}}
	at := func(i int) (float64, float64) { return data[i].step, data[i].loss }
	pts := p.Points(nil, len(data), at)
	// 10, 1 | 0.1, 0.05 | : one NaN between runs, none at the start, one at the end
	if len(pts) != 6 || pts[0].finite() == false || pts[2].finite() || pts[5].finite() {
		t.Fatalf("Points = %v", pts)
	}
	if !near(pts[1].Y, 25, 1e-9) || !near(pts[1].X, 20, 1e-9) {
		t.Errorf("(2, 1) at %v, want (20, 25)", pts[1])
	}
	// Stroked, the NaNs split the line and vanish.
	var l Layer
	l.Polyline(pts, 1, red)
	l.Dashed(pts, 1, 4, red)
	checkFinite(t, &l)
	if len(l.Items) < 2 || len(l.Items[0].Pts) != 2 || len(l.Items[1].Pts) != 2 {
		t.Errorf("stroked Points: %+v", l.Items)
	}
	// Reusing a buffer allocates nothing.
	buf := make([]Pt, 0, 64)
	if n := testing.AllocsPerRun(20, func() { buf = p.Points(buf[:0], len(data), at) }); n != 0 {
		t.Errorf("Points into a big enough buffer allocates %v times", n)
	}
	if got := p.Points(nil, 5, nil); got != nil {
		t.Errorf("nil at: %v", got)
	}
}

// Series and Line into a warm layer allocate nothing.
func TestPlotSeriesNoAllocs(t *testing.T) {
	ys := make([]float64, 3000)
	xs := make([]float64, 3000)
	for i := range ys {
		xs[i], ys[i] = float64(i), 1/(1+float64(i))
	}
	p := Plot{Frame: Rect{0, 0, 500, 200}, XMin: 0, XMax: 3000, YMin: 1e-4, YMax: 1, LogY: true}
	var l Layer
	frame := func() {
		l.Reset()
		p.Series(&l, ys, 0, 1, 2, red)
		p.Line(&l, xs[:400], ys[:400], 2, red)
	}
	frame()
	if n := testing.AllocsPerRun(20, frame); n != 0 {
		t.Errorf("warm Series/Line allocate %v times", n)
	}
}

func TestLogAxisThinsToYTicks(t *testing.T) {
	count := func(yTicks int) int {
		var l Layer
		st := DefaultAxisStyle(Light, 1)
		st.YTicks = yTicks
		p := Plot{Frame: Rect{X: 40, Y: 10, W: 300, H: 80}, XMin: 0, XMax: 1, YMin: 1e-9, YMax: 1e3, LogY: true}
		p.Axes(&l, "", "", st)
		n := 0
		for _, it := range l.Items {
			if it.Kind == Text && it.Align == AlignRight {
				n++
			}
		}
		return n
	}
	all := count(0)
	if all < 6 {
		t.Fatalf("13 decades gave only %d labels without a limit", all)
	}
	if n := count(4); n == 0 || n > 4 {
		t.Errorf("YTicks = 4 gave %d labels", n)
	}
	if n := count(50); n != all {
		t.Errorf("a generous YTicks changed the labels: %d, want %d", n, all)
	}
}

// A log x axis maps decades to equal widths, writes its ticks as 10ⁿ, and
// drops what it cannot draw (x ≤ 0).
func TestPlotLogX(t *testing.T) {
	fr := Rect{X: 50, Y: 10, W: 400, H: 200}
	p := Plot{Frame: fr, XMin: 1, XMax: 1e4, YMin: 1e-3, YMax: 1, LogX: true, LogY: true}
	for i, x := range []float64{1, 10, 100, 1000, 1e4} {
		if q := p.ToScreen(x, 1); !near(q.X, fr.X+float64(i)*fr.W/4, 1e-9) {
			t.Errorf("x = %g at %v; want x = %v", x, q, fr.X+float64(i)*fr.W/4)
		}
	}
	if q := p.ToScreen(math.Sqrt(10), 0.1); !near(q.X, fr.X+fr.W/8, 1e-9) || !near(q.Y, fr.Y+fr.H/3, 1e-9) {
		t.Errorf("(√10, 0.1) at %v", q)
	}
	for _, x := range []float64{0, -3, math.NaN()} {
		if _, ok := p.Map(x, 0.1); ok {
			t.Errorf("x = %v drawable on a log axis", x)
		}
	}
	// Linear y with log x: y maps as before.
	lin := Plot{Frame: fr, XMin: 1, XMax: 100, YMin: 0, YMax: 2, LogX: true}
	if q := lin.ToScreen(10, 1); !near(q.X, fr.X+fr.W/2, 1e-9) || !near(q.Y, fr.Y+fr.H/2, 1e-9) {
		t.Errorf("linear y, log x: (10, 1) at %v", q)
	}
	// Degenerate log ranges stay positive and finite.
	for _, d := range []Plot{
		{Frame: fr, XMin: 0, XMax: 0, LogX: true},
		{Frame: fr, XMin: -5, XMax: 100, LogX: true},
		{Frame: fr, XMin: 7, XMax: 7, LogX: true},
		{Frame: fr, XMin: math.NaN(), XMax: math.Inf(1), LogX: true},
	} {
		x0, x1, _, _ := d.ranges()
		if !(x0 > 0) || !(x1 > x0) || !finite(x0+x1) {
			t.Errorf("%+v: x range [%v, %v]", d, x0, x1)
		}
	}

	st := DefaultAxisStyle(Light, 1)
	var l Layer
	p.Axes(&l, "rank", "", st)
	xs := map[string]Pt{}
	for _, it := range l.Items {
		if it.Kind == Text && it.Align == AlignCenter && it.C.Y > fr.Y+fr.H {
			xs[it.Text] = it.C
		}
	}
	for i, want := range []string{"10⁰", "10¹", "10²", "10³", "10⁴"} {
		q, ok := xs[want]
		if !ok {
			t.Errorf("no x label %q among %v", want, xs)
			continue
		}
		if !near(q.X, fr.X+float64(i)*fr.W/4, 1e-9) {
			t.Errorf("x label %q at %v", want, q)
		}
	}
	if _, ok := xs["rank"]; !ok {
		t.Errorf("no axis label among %v", xs)
	}
	checkFinite(t, &l)

	// XTicks thins the decades as YTicks does a log y axis'.
	wide := Plot{Frame: fr, XMin: 1, XMax: 1e6, YMin: 0, YMax: 1, LogX: true}
	st.XTicks = 3
	l.Reset()
	wide.Axes(&l, "", "", st)
	n := 0
	for _, it := range l.Items {
		if it.Kind == Text && it.Align == AlignCenter && it.Text != "" {
			n++
		}
	}
	if n == 0 || n > 3 {
		t.Errorf("XTicks = 3 over six decades gave %d x labels", n)
	}
}

// screenLog stays within 1e-12 of math.Log from the smallest normal number
// to the largest, including the mantissas at the seam √2 and at 1.
func TestScreenLogMatchesLog(t *testing.T) {
	worst := 0.0
	check := func(x float64) {
		if d := math.Abs(screenLog(x) - math.Log(x)); d > worst {
			worst = d
		}
		if d := math.Abs(screenLog(x) - math.Log(x)); !(d <= 1e-12) {
			t.Fatalf("screenLog(%g) = %.17g, math.Log = %.17g", x, screenLog(x), math.Log(x))
		}
	}
	for _, x := range []float64{0x1p-1022, 5e-324, math.SmallestNonzeroFloat64 * 3, 1, math.Nextafter(1, 2), math.Nextafter(1, 0),
		math.Sqrt2, math.Nextafter(math.Sqrt2, 2), math.Nextafter(math.Sqrt2, 0), 2, 10, 0.1, math.MaxFloat64} {
		check(x)
	}
	for e := -1022.0; e <= 1023; e += 7 {
		for m := 1.0; m < 2; m += 0.0137 {
			check(math.Ldexp(m, int(e)))
		}
	}
	t.Logf("largest difference %.3g", worst)
}
