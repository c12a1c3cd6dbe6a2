package render

import (
	"math"
	"slices"
	"testing"
)

// drawn collects the batches a Mesh hands on, as a drawer would receive them.
type drawn struct {
	batches  [][]Vertex
	indices  [][]uint16
	dashed   []bool // each batch's Mesh.Dashed
	concaves []*Item
	order    []string // "batch" and "concave", in the order they came
}

func (d *drawn) flush(m *Mesh) {
	d.batches = append(d.batches, append([]Vertex(nil), m.Vertices...))
	d.indices = append(d.indices, append([]uint16(nil), m.Indices...))
	d.dashed = append(d.dashed, m.Dashed)
	d.order = append(d.order, "batch")
	m.Reset()
}

func (d *drawn) concave(it *Item) {
	d.concaves = append(d.concaves, it)
	d.order = append(d.order, "concave")
}

// tessellate runs l through a fresh mesh and returns everything drawn,
// the last batch included.
func tessellate(l *Layer) *drawn {
	var m Mesh
	d := &drawn{}
	m.Shapes(l, d.flush, d.concave)
	if len(m.Indices) > 0 {
		d.flush(&m)
	}
	return d
}

// area sums the areas of the triangles whose three corners all satisfy keep.
func area(vs []Vertex, is []uint16, keep func(Vertex) bool) float64 {
	sum := 0.0
	for t := 0; t+2 < len(is); t += 3 {
		a, b, c := vs[is[t]], vs[is[t+1]], vs[is[t+2]]
		if !keep(a) || !keep(b) || !keep(c) {
			continue
		}
		sum += math.Abs(float64((b.X-a.X)*(c.Y-a.Y)-(c.X-a.X)*(b.Y-a.Y))) / 2
	}
	return sum
}

func full(v Vertex) bool { return v.A == 1 }

// checkWellFormed fails on a batch over the limits, an index out of range,
// a part triangle, or a vertex that is not finite.
func checkWellFormed(t *testing.T, d *drawn) {
	t.Helper()
	for b, vs := range d.batches {
		is := d.indices[b]
		if len(vs) > MaxMeshVertices || len(is) > MaxMeshIndices || len(is)%3 != 0 {
			t.Errorf("batch %d: %d vertices, %d indices", b, len(vs), len(is))
		}
		for _, k := range is {
			if int(k) >= len(vs) {
				t.Fatalf("batch %d: index %d of %d vertices", b, k, len(vs))
			}
		}
		for _, v := range vs {
			for _, x := range []float32{v.X, v.Y, v.R, v.G, v.B, v.A} {
				if x != x || math.IsInf(float64(x), 0) {
					t.Fatalf("batch %d: non-finite vertex %+v", b, v)
				}
			}
		}
	}
}

func TestMeshCoversWhatItDraws(t *testing.T) {
	opaque := Color{R: 255, A: 255}
	cases := []struct {
		name     string
		draw     func(l *Layer)
		core     float64 // the area drawn at full coverage
		box      Rect    // every vertex lies inside
		triangle bool    // has at least one triangle
	}{
		{"horizontal line, 3 px", func(l *Layer) { l.Line(Pt{X: 10, Y: 10}, Pt{X: 110, Y: 10}, 3, opaque) },
			100 * 2, Rect{X: 9, Y: 8, W: 102, H: 4}, true},
		{"diagonal line, 2 px", func(l *Layer) { l.Line(Pt{X: 0, Y: 0}, Pt{X: 30, Y: 40}, 2, opaque) },
			50 * 1, Rect{X: -2, Y: -2, W: 34, H: 44}, true},
		{"straight polyline, points on the way", func(l *Layer) {
			l.Polyline([]Pt{{X: 0, Y: 5}, {X: 25, Y: 5}, {X: 50, Y: 5}, {X: 50, Y: 5}, {X: 100, Y: 5}}, 3, opaque)
		}, 100 * 2, Rect{X: -1, Y: 3, W: 102, H: 4}, true},
		{"rectangle fill", func(l *Layer) { l.FillRect(Rect{X: 10, Y: 20, W: 40, H: 30}, opaque) },
			39 * 29, Rect{X: 9.5, Y: 19.5, W: 41, H: 31}, true},
		{"disc", func(l *Layer) { l.Disc(Pt{X: 50, Y: 50}, 10, opaque) },
			// its polygon of 15 sides, inside the circle of radius 9.5
			7.5 * 9.5 * 9.5 * math.Sin(2*math.Pi/15), Rect{X: 39.5, Y: 39.5, W: 21, H: 21}, true},
		{"empty: zero width", func(l *Layer) { l.Line(Pt{}, Pt{X: 10}, 0, opaque) }, 0, Rect{}, false},
		{"empty: one point", func(l *Layer) { l.Polyline([]Pt{{X: 1, Y: 1}}, 2, opaque) }, 0, Rect{}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var l Layer
			c.draw(&l)
			d := tessellate(&l)
			checkWellFormed(t, d)
			if got := len(d.batches) > 0; got != c.triangle {
				t.Fatalf("drew %d batches, want any: %v", len(d.batches), c.triangle)
			}
			if !c.triangle {
				return
			}
			vs, is := d.batches[0], d.indices[0]
			got := area(vs, is, full)
			if tol := 0.02 * c.core; math.Abs(got-c.core) > tol {
				t.Errorf("area at full coverage %.2f, want %.2f ± %.2f", got, c.core, tol)
			}
			for _, v := range vs {
				if !c.box.Contains(Pt{X: float64(v.X), Y: float64(v.Y)}) {
					t.Errorf("vertex (%g, %g) outside %+v", v.X, v.Y, c.box)
				}
			}
		})
	}
}

func TestMeshColoursArePremultipliedByCoverage(t *testing.T) {
	var l Layer
	l.Line(Pt{X: 0, Y: 0}, Pt{X: 50, Y: 0}, 0.5, Color{R: 255, G: 102, B: 0, A: 128}) // a hairline
	d := tessellate(&l)
	checkWellFormed(t, d)
	a := float32(128) / 255
	seen := map[float32]bool{}
	for _, v := range d.batches[0] {
		cov := v.A / a
		seen[cov] = true
		if math.Abs(float64(v.R-a*cov)) > 1e-6 || math.Abs(float64(v.G-0.4*a*cov)) > 1e-6 || v.B != 0 {
			t.Fatalf("vertex %+v is not (1, 0.4, 0)·α·coverage", v)
		}
	}
	// A half-pixel line is drawn one pixel wide at half the coverage.
	if len(seen) != 2 || !seen[0] || !seen[0.5] {
		t.Errorf("coverages %v, want 0 at the fringe and 0.5 in the core", seen)
	}
}

func TestMeshBreaksLinesAtNonFinitePoints(t *testing.T) {
	var l Layer
	l.Items = append(l.Items, Item{Kind: Stroke, Width: 2, Color: Color{A: 255},
		Pts: []Pt{{X: 0, Y: 0}, {X: 10, Y: 0}, {X: math.NaN(), Y: 0}, {X: 20, Y: 0}, {X: 30, Y: 0}, {X: math.Inf(1), Y: 1}}})
	d := tessellate(&l)
	checkWellFormed(t, d)
	got := area(d.batches[0], d.indices[0], full)
	if math.Abs(got-20) > 1e-3 { // two 10-px pieces, 1 px of core each
		t.Errorf("core area %g, want 20 (two pieces)", got)
	}
}

func TestMeshSplitsBatchesAtTheLimits(t *testing.T) {
	// A zigzag of 30 000 sharp corners: far more than one batch holds.
	pts := make([]Pt, 30000)
	for i := range pts {
		pts[i] = Pt{X: float64(i) * 0.5, Y: float64(i%2) * 20}
	}
	var l Layer
	l.Polyline(pts, 2, Color{A: 255})
	l.Disc(Pt{X: 5, Y: 5}, 3, Color{G: 255, A: 255})
	d := tessellate(&l)
	checkWellFormed(t, d)
	if len(d.batches) < 3 {
		t.Fatalf("%d batches for %d corners, want several", len(d.batches), len(pts))
	}
	// The line goes on across the batches: their core areas add up to its
	// length less what the sharp joins overlap, and the disc comes last.
	total := 0.0
	for b := range d.batches {
		total += area(d.batches[b], d.indices[b], full)
	}
	length := 0.0
	for i := 1; i < len(pts); i++ {
		length += math.Hypot(pts[i].X-pts[i-1].X, pts[i].Y-pts[i-1].Y)
	}
	if total < 0.9*length || total > 1.2*length {
		t.Errorf("core area %g for a line of length %g, 1 px of core", total, length)
	}
	for b, vs := range d.batches {
		green := false
		for _, v := range vs {
			green = green || v.G > 0
		}
		if last := b == len(d.batches)-1; green != last {
			t.Errorf("batch %d of %d: has the disc %v", b, len(d.batches), green)
		}
	}
}

func TestMeshHandsConcavePolygonsBackInOrder(t *testing.T) {
	var l Layer
	l.FillRect(Rect{X: 0, Y: 0, W: 10, H: 10}, Color{R: 255, A: 255})
	l.Polygon([]Pt{{X: 0, Y: 0}, {X: 20, Y: 0}, {X: 10, Y: 5}, {X: 20, Y: 20}, {X: 0, Y: 20}}, Color{B: 255, A: 255}) // an arrow's notch
	l.Disc(Pt{X: 5, Y: 5}, 2, Color{G: 255, A: 255})
	d := tessellate(&l)
	checkWellFormed(t, d)
	want := []string{"batch", "concave", "batch"}
	if len(d.order) != len(want) || d.order[0] != want[0] || d.order[1] != want[1] || d.order[2] != want[2] {
		t.Fatalf("drawn in the order %v, want %v", d.order, want)
	}
	if d.concaves[0] != &l.Items[1] {
		t.Errorf("the concave polygon handed back is not the layer's item")
	}
}

func TestMeshAllocatesNothingOnceWarm(t *testing.T) {
	l := benchLayer()
	var m Mesh
	sink := func(m *Mesh) { m.Reset() }
	none := func(*Item) {}
	m.Shapes(l, sink, none)
	if n := testing.AllocsPerRun(20, func() { m.Reset(); m.Shapes(l, sink, none) }); n != 0 {
		t.Errorf("%v allocations per frame, want 0", n)
	}
}

// benchLayer is a plot's worth of geometry: two long curves, one dashed,
// a trail with sharp turns, discs, arrows and boxes.
func benchLayer() *Layer {
	var l Layer
	curve := make([]Pt, 400)
	for i := range curve {
		x := float64(i) * 2
		curve[i] = Pt{X: x, Y: 200 - 150/math.Sqrt(1+x/10)}
	}
	l.Polyline(curve, 2, Color{R: 200, A: 255})
	l.Dashed(curve, 2, 10, Color{B: 200, A: 255})
	zig := make([]Pt, 200)
	for i := range zig {
		zig[i] = Pt{X: float64(i) * 4, Y: 300 + 40*math.Pow(-0.98, float64(i))}
	}
	l.Polyline(zig, 2, Color{G: 200, A: 255})
	for i := range 10 {
		p := Pt{X: float64(i) * 30, Y: 50}
		l.Disc(p, 4.5, Color{R: 10, A: 255})
		l.Arrow(p, p.Add(Pt{X: 20, Y: 15}), 2, 9, Color{R: 90, A: 255})
		l.FillRect(Rect{X: p.X, Y: 400, W: 12, H: 40}, Color{G: 90, A: 255})
	}
	return &l
}

func BenchmarkMeshShapes(b *testing.B) {
	l := benchLayer()
	var m Mesh
	sink := func(m *Mesh) { m.Reset() }
	none := func(*Item) {}
	for b.Loop() {
		m.Reset()
		m.Shapes(l, sink, none)
	}
}

// The vertex budgets that keep a dragged figure's frame short: a dashed
// line is one strip with square ends however many dashes it has (8
// vertices straight, half a faded line's 16), and a small disc takes as few
// sides as stay within a quarter pixel of its circle.
func TestMeshVertexBudgets(t *testing.T) {
	opaque := Color{R: 255, A: 255}
	count := func(draw func(l *Layer)) int {
		var l Layer
		draw(&l)
		n := 0
		for _, vs := range tessellate(&l).batches {
			n += len(vs)
		}
		return n
	}
	line := count(func(l *Layer) { l.Line(Pt{X: 0, Y: 5}, Pt{X: 6, Y: 5}, 2, opaque) })
	dash := count(func(l *Layer) { l.Dashed([]Pt{{X: 0, Y: 5}, {X: 600, Y: 5}}, 2, 10, opaque) })
	if line != 16 || dash != 8 {
		t.Errorf("a 6 px line has %d vertices and a 600 px dashed line %d; want 16 and 8", line, dash)
	}
	const r = 3
	disc := count(func(l *Layer) { l.Disc(Pt{X: 10, Y: 10}, r, opaque) })
	sides := (disc - 1) / 2 // a centre and two rings
	if sides > 8 || r*(1-math.Cos(math.Pi/float64(sides))) > 0.25 {
		t.Errorf("a disc of radius %d px has %d sides; want the fewest within 0.25 px of the circle (8)", r, sides)
	}
}

// A dashed line's vertices carry U, the distance along it in periods from
// the start of its first dash. What comes before the first dashed line is a
// solid batch; from there on one dashed batch takes everything, the solid
// geometry with U = 0, which the pattern draws.
func TestMeshDashedBatches(t *testing.T) {
	red := Color{R: 255, A: 255}
	var l Layer
	l.Line(Pt{X: 0, Y: 0}, Pt{X: 10, Y: 0}, 2, red)
	l.Dashed([]Pt{{X: 0, Y: 10}, {X: 30, Y: 10}, {X: 30, Y: 50}}, 2, 10, red)
	l.Disc(Pt{X: 5, Y: 5}, 3, red)
	l.Dashed([]Pt{{X: 0, Y: 60}, {X: 5, Y: 60}}, 2, 10, red)
	d := tessellate(&l)
	checkWellFormed(t, d)
	if len(d.batches) != 2 || d.dashed[0] || !d.dashed[1] {
		t.Fatalf("batches dashed %v, want solid, dashed", d.dashed)
	}
	for _, v := range d.batches[0] {
		if v.U != 0 {
			t.Fatalf("the solid batch has U = %g", v.U)
		}
	}
	if !DashDrawn(0) {
		t.Error("U = 0, solid geometry, is not drawn")
	}
	// The corner at 30 px along, the end at 70: U from −0.3, by 1 per 10 px;
	// the disc at 0; the short line from −0.3 to 0.2.
	us := map[float32]bool{}
	for _, v := range d.batches[1] {
		us[v.U] = true
	}
	for _, want := range []float32{-DashFraction / 2, 3 - DashFraction/2, 7 - DashFraction/2, 0, 0.5 - DashFraction/2} {
		if !us[want] {
			t.Errorf("no vertex at U = %g; have %v", want, us)
		}
	}
	if len(us) != 5 {
		t.Errorf("U takes %d values, want 5: %v", len(us), us)
	}
	// A dashed item too large for one batch goes on dashed in the next.
	l.Reset()
	long := make([]Pt, 20000)
	for i := range long {
		long[i] = Pt{X: float64(i % 2 * 50), Y: float64(i)}
	}
	l.Dashed(long, 2, 10, red)
	d = tessellate(&l)
	checkWellFormed(t, d)
	if len(d.batches) < 2 {
		t.Fatalf("%d batches for a line of 20000 sharp turns", len(d.batches))
	}
	for b, dashed := range d.dashed {
		if !dashed {
			t.Errorf("batch %d of %d of one dashed line is solid", b, len(d.batches))
		}
	}
}

// DashDrawn draws DashFraction of every period, starting with a dash at
// U = −DashFraction/2.
func TestDashDrawn(t *testing.T) {
	const n = 100000
	drawn := 0
	for i := range n {
		if DashDrawn(-3 + 7*float64(i)/n) {
			drawn++
		}
	}
	if got := float64(drawn) / n; math.Abs(got-DashFraction) > 1e-3 {
		t.Errorf("%.4f of the line drawn, want %g", got, DashFraction)
	}
	if !DashDrawn(-DashFraction/2+1e-9) || DashDrawn(-DashFraction/2-1e-9) || DashDrawn(DashFraction/2+1e-9) {
		t.Error("the first dash does not span U = −DashFraction/2 … DashFraction/2")
	}
}

// A circle's outline, worked out from the unit polygon, is the strip of a
// closed line through its corners: the same vertices to float32's last
// bit, in the same order.
func TestCircleOutlineIsItsStrip(t *testing.T) {
	for _, r := range []float64{2, 5.5, 30, 200} {
		for _, w := range []float64{0.5, 1.5, 3} {
			it := Item{Kind: Circle, C: Pt{X: 100.3, Y: 57.1}, R: r, Width: w, Color: Color{R: 200, G: 90, B: 20, A: 180}}
			var got, want Mesh
			got.circle(&it)
			var corners []Pt
			for _, q := range want.unitPolygon(circleSides(r)) {
				corners = append(corners, Pt{X: it.C.X + r*q.X, Y: it.C.Y + r*q.Y})
			}
			want.strip(it.Color, corners, true, max(w, 1), 0)
			want.emit(it.Color)
			if !slices.Equal(got.Vertices, want.Vertices) || !slices.Equal(got.Indices, want.Indices) {
				t.Errorf("r=%g, width %g: the outline has %d vertices and %d indices, the strip %d and %d, or they differ",
					r, w, len(got.Vertices), len(got.Indices), len(want.Vertices), len(want.Indices))
			}
		}
	}
}
