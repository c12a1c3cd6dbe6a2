package render

import (
	"math"
	"math/rand/v2"
	"testing"
)

// segDist is the distance from p to the segment [a, b].
func segDist(p, a, b Pt) float64 {
	d := b.Sub(a)
	l2 := d.X*d.X + d.Y*d.Y
	if l2 == 0 {
		return p.Sub(a).Len()
	}
	t := math.Max(0, math.Min(1, ((p.X-a.X)*d.X+(p.Y-a.Y)*d.Y)/l2))
	return p.Sub(a.Add(d.Mul(t))).Len()
}

// checkSimplified asserts that kept is an ordered subsequence of orig that
// starts and ends with it, and that every dropped point lies within bound of
// the kept segment that replaced it.
func checkSimplified(t *testing.T, orig, kept []Pt, bound float64) {
	t.Helper()
	if len(kept) < 2 || kept[0] != orig[0] || kept[len(kept)-1] != orig[len(orig)-1] {
		t.Fatalf("ends not kept: %v from %v", kept, orig)
	}
	j := 0 // index in orig of kept[k]
	for k := 1; k < len(kept); k++ {
		start := j
		for j++; j < len(orig) && orig[j] != kept[k]; j++ {
		}
		if j == len(orig) {
			t.Fatalf("kept point %d %v is not in order in the input", k, kept[k])
		}
		for m := start + 1; m < j; m++ {
			if d := segDist(orig[m], kept[k-1], kept[k]); d > bound {
				t.Fatalf("dropped point %d %v lies %.3g from the kept segment %v–%v (bound %.3g)", m, orig[m], d, kept[k-1], kept[k], bound)
			}
		}
	}
}

func TestSimplify(t *testing.T) {
	line := make([]Pt, 100)
	for i := range line {
		line[i] = Pt{X: float64(i), Y: 0.5 * float64(i)}
	}
	zigzag := make([]Pt, 40)
	for i := range zigzag {
		zigzag[i] = Pt{X: float64(i) * 3, Y: float64(i%2) * 10}
	}
	back := []Pt{{0, 0}, {10, 0}, {20, 0}, {10, 0.1}, {0, 0.1}}
	nan := math.NaN()
	broken := []Pt{{0, 0}, {1, 0}, {2, 0}, {nan, nan}, {3, 0}, {4, 0}, {5, 0}}
	cases := []struct {
		name string
		pts  []Pt
		tol  float64
		want int // the number of points kept
	}{
		{"straight line collapses to its ends", line, 0.3, 2},
		{"every zigzag corner is kept", zigzag, 0.3, len(zigzag)},
		{"a path that doubles back keeps its turn", back, 0.3, 3},
		{"a NaN break is kept with its neighbours", broken, 0.3, 5},
		{"zero tolerance keeps everything", line, 0, len(line)},
		{"NaN tolerance keeps everything", line, nan, len(line)},
		{"two points stay", line[:2], 0.3, 2},
	}
	for _, c := range cases {
		orig := append([]Pt(nil), c.pts...)
		got := Simplify(append([]Pt(nil), c.pts...), c.tol)
		if len(got) != c.want {
			t.Errorf("%s: kept %d points, want %d: %v", c.name, len(got), c.want, got)
			continue
		}
		if c.name == "a NaN break is kept with its neighbours" {
			if !(got[1] == Pt{2, 0}) || !math.IsNaN(got[2].X) || !(got[3] == Pt{3, 0}) {
				t.Errorf("%s: %v", c.name, got)
			}
			continue
		}
		checkSimplified(t, orig, got, math.Sqrt2*c.tol+1e-12)
	}
}

// TestSimplifyBound runs random walks and smooth curves with noise and checks
// the promise of the doc comment: nothing dropped lies farther than √2·tol
// from the kept polyline.
func TestSimplifyBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 200; trial++ {
		n := 2 + rng.IntN(300)
		pts := make([]Pt, n)
		p := Pt{}
		for i := range pts {
			switch trial % 3 {
			case 0: // a random walk with small steps
				p = p.Add(Pt{X: rng.NormFloat64(), Y: rng.NormFloat64()})
			case 1: // a smooth curve sampled finely, with jitter
				x := float64(i) * 0.7
				p = Pt{X: x, Y: 30*math.Sin(x/25) + 0.05*rng.NormFloat64()}
			default: // a decaying zigzag like SGD's y
				p = Pt{X: float64(i), Y: 40 * math.Pow(-0.93, float64(i))}
			}
			pts[i] = p
		}
		tol := 0.1 + rng.Float64()
		orig := append([]Pt(nil), pts...)
		checkSimplified(t, orig, Simplify(pts, tol), math.Sqrt2*tol+1e-9)
	}
}

func TestSimplifyShortensSmoothCurves(t *testing.T) {
	// A plot's loss curve: one sample per pixel along 600 px.
	pts := make([]Pt, 600)
	for i := range pts {
		pts[i] = Pt{X: float64(i), Y: 300 - 280*math.Exp(-float64(i)/80)}
	}
	got := Simplify(pts, 0.3)
	if len(got) > 60 {
		t.Errorf("a smooth 600-sample curve kept %d points at tol 0.3; want ≤ 60", len(got))
	}
	if a := testing.AllocsPerRun(100, func() { Simplify(pts, 0.3) }); a != 0 {
		t.Errorf("Simplify allocates %.0f times; want 0", a)
	}
}

func BenchmarkSimplify(b *testing.B) {
	src := make([]Pt, 3000)
	for i := range src {
		src[i] = Pt{X: float64(i) * 0.2, Y: 300 - 280*math.Exp(-float64(i)/400)}
	}
	pts := make([]Pt, len(src))
	for b.Loop() {
		copy(pts, src)
		Simplify(pts, 0.3)
	}
}
