package render

import (
	"math"
	"testing"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestFitRoundTripAndAspect(t *testing.T) {
	cases := []struct {
		world  Box
		screen Rect
	}{
		{Box{-5, 5, -3, 3}, Rect{0, 0, 800, 500}},
		{Box{-2, 2, -1, 3}, Rect{10, 20, 300, 700}},
		{Box{0, 1e-3, 0, 1e-3}, Rect{0, 0, 320, 200}},
	}
	for _, c := range cases {
		tr := Fit(c.world, c.screen)
		// 1:1 aspect: a unit square stays square.
		a, b := tr.ToScreen(Pt{0, 0}), tr.ToScreen(Pt{1, 1})
		if !near(b.X-a.X, a.Y-b.Y, 1e-9*tr.Scale()) || !(b.X > a.X) {
			t.Errorf("%v: not 1:1 or y not flipped: %v %v", c.world, a, b)
		}
		// The whole world box is on screen, touching two opposite sides.
		lo, hi := tr.ToScreen(Pt{c.world.XMin, c.world.YMin}), tr.ToScreen(Pt{c.world.XMax, c.world.YMax})
		eps := 1e-9 * (c.screen.W + c.screen.H)
		if lo.X < c.screen.X-eps || hi.X > c.screen.X+c.screen.W+eps || hi.Y < c.screen.Y-eps || lo.Y > c.screen.Y+c.screen.H+eps {
			t.Errorf("%v: world box not inside screen: %v %v", c.world, lo, hi)
		}
		if !near(hi.X-lo.X, c.screen.W, eps) && !near(lo.Y-hi.Y, c.screen.H, eps) {
			t.Errorf("%v: box does not fill either dimension", c.world)
		}
		// Centred.
		mid := tr.ToScreen(Pt{(c.world.XMin + c.world.XMax) / 2, (c.world.YMin + c.world.YMax) / 2})
		if !near(mid.X, c.screen.X+c.screen.W/2, eps) || !near(mid.Y, c.screen.Y+c.screen.H/2, eps) {
			t.Errorf("%v: not centred: %v", c.world, mid)
		}
		// Round trips.
		for _, w := range []Pt{{0, 0}, {c.world.XMin, c.world.YMax}, {0.3, -0.7}} {
			if back := tr.ToWorld(tr.ToScreen(w)); !near(back.X, w.X, 1e-9) || !near(back.Y, w.Y, 1e-9) {
				t.Errorf("world %v -> %v", w, back)
			}
		}
		for _, s := range []Pt{{0, 0}, {123.5, 77.25}, {c.screen.W, c.screen.H}} {
			if back := tr.ToScreen(tr.ToWorld(s)); !near(back.X, s.X, 1e-9) || !near(back.Y, s.Y, 1e-9) {
				t.Errorf("screen %v -> %v", s, back)
			}
		}
		// World() covers exactly the screen rect.
		wb := tr.World()
		tl, br := tr.ToScreen(Pt{wb.XMin, wb.YMax}), tr.ToScreen(Pt{wb.XMax, wb.YMin})
		if !near(tl.X, c.screen.X, eps) || !near(tl.Y, c.screen.Y, eps) || !near(br.X, c.screen.X+c.screen.W, eps) || !near(br.Y, c.screen.Y+c.screen.H, eps) {
			t.Errorf("World() = %v maps to %v %v", wb, tl, br)
		}
	}
}

func TestFitDegenerate(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		w Box
		s Rect
	}{
		{Box{1, 1, 2, 2}, Rect{0, 0, 100, 100}},
		{Box{nan, 1, 0, math.Inf(1)}, Rect{0, 0, 100, 100}},
		{Box{3, -3, 2, -2}, Rect{0, 0, 0, -5}},
		{Box{-1, 1, -1, 1}, Rect{nan, nan, nan, nan}},
	} {
		tr := Fit(c.w, c.s)
		p := tr.ToScreen(Pt{0.5, 0.5})
		q := tr.ToWorld(Pt{10, 10})
		if !(tr.Scale() > 0) || !p.finite() || !q.finite() {
			t.Errorf("Fit(%v, %v): scale %v, %v, %v", c.w, c.s, tr.Scale(), p, q)
		}
	}
}

func TestHit(t *testing.T) {
	c := Pt{100, 50}
	cases := []struct {
		p    Pt
		r    float64
		want bool
	}{
		{Pt{100, 50}, 0, true},
		{Pt{110, 50}, 10, true},
		{Pt{110.01, 50}, 10, false},
		{Pt{107, 57}, 10, true},
		{Pt{108, 58}, 10, false},
		{Pt{math.NaN(), 50}, 10, false},
		{Pt{100, 50}, -1, false},
		{Pt{100, 50}, math.NaN(), false},
	}
	for _, k := range cases {
		if got := Hit(k.p, c, k.r); got != k.want {
			t.Errorf("Hit(%v, %v, %v) = %v", k.p, c, k.r, got)
		}
	}
}

func TestColorOver(t *testing.T) {
	red, white := Color{255, 0, 0, 255}, Color{255, 255, 255, 255}
	cases := []struct {
		a    uint8
		want Color
	}{
		{255, red},
		{0, white},
		{128, Color{255, 127, 127, 255}},
	}
	for _, c := range cases {
		if got := red.Over(white, c.a); got != c.want {
			t.Errorf("red over white at %d = %v, want %v", c.a, got, c.want)
		}
	}
}
