package scene

import (
	"math"
	"strconv"
	"testing"

	"github.com/adagrad-explained/adagrad/render"
)

// The figures' defaults are chosen so that each makes its point at a glance
// (see params.FigDefaults, whose comments quote these measurements). These
// tests pin the claims the lesson makes about the defaults against the sim,
// through the figure itself, as a learner sees it.

// signChanges counts the steps 1..n on which run i's y changed sign.
func signChanges(f *Figure, i, n int) int {
	c := 0
	tr := f.tracks[i].run.Trail()
	for k := 1; k < len(tr) && tr[k].Step <= n; k++ {
		if tr[k].Step != tr[k-1].Step+1 {
			panic("trail is not step by step")
		}
		if tr[k].Y*tr[k-1].Y < 0 {
			c++
		}
	}
	return c
}

// TestValleyDefaultsMakeThePoint: after 100 steps AdaGrad's loss is at
// least 100 times below SGD's; SGD zigzags across the valley (y changes sign
// at least 4 times in its first 30 steps) without diverging, and AdaGrad
// does not zigzag.
func TestValleyDefaultsMakeThePoint(t *testing.T) {
	f := figure(t, "fig=valley")
	f.Step(30)
	if n := signChanges(f, 0, 30); n < 4 {
		t.Errorf("SGD's y changed sign %d times in its first 30 steps; want at least 4 (a visible zigzag)", n)
	}
	if n := signChanges(f, 1, 30); n > 1 {
		t.Errorf("AdaGrad's y changed sign %d times in its first 30 steps; the lesson says it heads down the middle", n)
	}
	f.Step(70)
	s := f.Summary()
	sgd, ada := s.Runs[0], s.Runs[1]
	if sgd.Diverged || s.Warning != "" {
		t.Errorf("SGD diverged or a warning shows at the defaults: %+v, %q", sgd, s.Warning)
	}
	if r := sgd.Loss / ada.Loss; !(r >= 100) {
		t.Errorf("after 100 steps SGD's loss is %.3g, AdaGrad's %.3g: %.0f times, want at least 100", sgd.Loss, ada.Loss, r)
	}
	// Not diverging means more than a flag: SGD's y has settled.
	if !(math.Abs(sgd.Y) < 1e-3) {
		t.Errorf("after 100 steps SGD's y = %v; its zigzag should have died down", sgd.Y)
	}
	// And it stays stable to the horizon.
	f.Step(horizon("valley") - 100)
	if s := f.Summary(); s.Runs[0].Diverged || !(s.Runs[0].Loss < sgd.Loss) {
		t.Errorf("at the horizon SGD %+v: want it still stable and lower than at step 100", s.Runs[0])
	}
}

// TestValleyRotatedLosesAdaGradsEdge: the lesson says that on the valley
// turned by 45° a rate per coordinate no longer separates steep from flat,
// and SGD is then ahead of AdaGrad.
func TestValleyRotatedLosesAdaGradsEdge(t *testing.T) {
	f := figure(t, "fig=valley&angle=45")
	f.Step(100)
	s := f.Summary()
	sgd, ada := s.Runs[0], s.Runs[1]
	if !(sgd.Loss < ada.Loss) || sgd.Diverged {
		t.Errorf("on the 45° valley after 100 steps SGD's loss %.3g, AdaGrad's %.3g: want SGD ahead", sgd.Loss, ada.Loss)
	}
	if r := ada.Rate[0] / ada.Rate[1]; !(r > 0.8 && r < 1.25) {
		t.Errorf("on the 45° valley AdaGrad's rates are %v: want them nearly equal (it cannot tell the directions apart)", ada.Rate)
	}
}

// TestAccumulatorDefaultsMakeThePoint: G_y races ahead of G_x, and the step
// ellipse is clearly squashed yet fits on its map at every width from the
// second step to the horizon.
func TestAccumulatorDefaultsMakeThePoint(t *testing.T) {
	f := figure(t, "fig=accumulator")
	f.Step(4)
	r := f.Summary().Runs[0]
	if !(r.G[1] > 100*r.G[0]) {
		t.Errorf("after 4 steps G = %v: want G_y more than 100 times G_x", r.G)
	}
	if q := r.Rate[0] / r.Rate[1]; !(q > 5) {
		t.Errorf("after 4 steps the rates are %v: the ellipse is only %.1f times longer than tall", r.Rate, q)
	}
	for _, w := range []float64{320, 375, 560, 800, 1000, 1280} {
		g := New(f.v, nil, false)
		g.Resize(w, PreferredHeight("accumulator", w), 1)
		g.Step(1)
		for n := 2; n <= horizon("accumulator"); n++ {
			g.Step(1)
			pn := g.lay.panels[0]
			st := g.tracks[0].run.State()
			sc := pn.t.Scale() * g.ellipseMagnifier(pn)
			c := pn.t.ToScreen(render.Pt{X: st.X[0], Y: st.X[1]})
			rx, ry := st.Rate[0]*sc, st.Rate[1]*sc
			a := pn.area
			if c.X-rx < a.X || c.X+rx > a.X+a.W || c.Y-ry < a.Y || c.Y+ry > a.Y+a.H {
				t.Errorf("at %g px, step %d: the step ellipse (%.0f × %.0f px around %.0f, %.0f) leaves its map %+v", w, n, 2*rx, 2*ry, c.X, c.Y, a)
				break
			}
		}
	}
}

// TestFreezeDefaultsMakeThePoint: AdaGrad freezes far from the minimum,
// while RMSProp (forget=1) from the same start reaches it.
func TestFreezeDefaultsMakeThePoint(t *testing.T) {
	f := figure(t, "fig=freeze&forget=1")
	d0 := math.Hypot(f.v.X0, f.v.Y0)
	frozenAt := -1
	for n := 1; n <= horizon("freeze"); n++ {
		f.Step(1)
		if frozenAt < 0 && f.Summary().Runs[0].Frozen {
			frozenAt = n
		}
	}
	s := f.Summary()
	ada, rms := s.Runs[0], s.Runs[1]
	if frozenAt < 0 || frozenAt > 500 || !ada.Frozen {
		t.Errorf("AdaGrad frozen from step %d (frozen at the horizon: %v); want it frozen early and still frozen", frozenAt, ada.Frozen)
	}
	if d := math.Hypot(ada.X, ada.Y); !(d > d0/4) {
		t.Errorf("at the horizon AdaGrad is %.3g from the minimum (start %.3g): want it frozen far away", d, d0)
	}
	if d := math.Hypot(rms.X, rms.Y); !(d < d0/100) || rms.Frozen || rms.Diverged {
		t.Errorf("at the horizon RMSProp is %.3g from the minimum (start %.3g), %+v: want it there", d, d0, rms)
	}
}

// TestSparseDefaultsMakeThePoint: with p = 0.8 AdaGrad is far ahead in y
// after 80 steps, the number of steps the lesson quotes.
func TestSparseDefaultsMakeThePoint(t *testing.T) {
	f := figure(t, "fig=sparse")
	f.Step(80)
	s := f.Summary()
	sgd, ada := s.Runs[0], s.Runs[1]
	if sgd.Diverged || !(math.Abs(sgd.Y) > 0.4*f.v.Y0) || !(math.Abs(ada.Y) < math.Abs(sgd.Y)/5) || !(ada.Loss*20 < sgd.Loss) {
		t.Errorf("after 80 steps SGD y = %.3g (loss %.3g), AdaGrad y = %.3g (loss %.3g), from %v: want SGD barely down and AdaGrad far ahead",
			sgd.Y, sgd.Loss, ada.Y, ada.Loss, f.v.Y0)
	}
}

// TestDefaultsAreTheMeasuredOnes: the tests above measure each figure at its
// own a; the valley is the one figure with a = 0.02, the accumulator and
// the freeze keep 0.2.
func TestDefaultsAreTheMeasuredOnes(t *testing.T) {
	for fig, want := range map[string]float64{"valley": 0.02, "accumulator": 0.2, "freeze": 0.2, "sparse": 10} {
		f := figure(t, "fig="+fig)
		if f.v.A != want {
			t.Errorf("fig=%s opens with a = %s, the measurements above are for %g", fig, strconv.FormatFloat(f.v.A, 'g', -1, 64), want)
		}
	}
}

// TestRotationDefaultsMakeThePoint: on the valley turned by 45°, after the
// figure's 200 steps full-matrix AdaGrad's loss is at least 100 times below
// diagonal AdaGrad's; the diagonal run's step ellipse keeps its axes along
// x and y and is nearly round (its two rates nearly equal), while the full
// one's lies along the valley floor, far longer than wide.
func TestRotationDefaultsMakeThePoint(t *testing.T) {
	f := figure(t, "fig=rotation")
	if h := f.Horizon(); h != 200 {
		t.Fatalf("horizon %d; the lesson speaks of 200 steps", h)
	}
	f.Step(200)
	s := f.Summary()
	if len(s.Runs) != 2 || s.Runs[0].Name != "AdaGrad" || s.Runs[1].Name != "Full-matrix AdaGrad" {
		t.Fatalf("runs %+v; want AdaGrad and Full-matrix AdaGrad", s.Runs)
	}
	diag, full := s.Runs[0], s.Runs[1]
	if r := diag.Loss / full.Loss; !(r >= 100) || diag.Diverged || full.Diverged {
		t.Errorf("after 200 steps diagonal %.3g, full %.3g: %.0f times, want at least 100", diag.Loss, full.Loss, r)
	}
	t.Logf("after 200 steps: diagonal loss %.3g, full %.3g", diag.Loss, full.Loss)
	d1, d2, dAng := stepEllipse(f.tracks[0])
	if dAng != 0 || !(math.Max(d1, d2) < 1.5*math.Min(d1, d2)) {
		t.Errorf("diagonal step ellipse (%g, %g) at %g rad; want axis-aligned and nearly round", d1, d2, dAng)
	}
	r1, r2, ang := stepEllipse(f.tracks[1])
	floor := math.Pi / 4 // the turned valley's flat direction; r2 lies across r1
	if d := math.Abs(math.Remainder(ang+math.Pi/2-floor, math.Pi)); d > 0.05 || !(r2 > 5*r1) {
		t.Errorf("full step ellipse: long half-axis %g at %.1f°, short %g; want the long one along the floor (45°)", r2, ang*180/math.Pi+90, r1)
	}
}
