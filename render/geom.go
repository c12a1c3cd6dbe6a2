package render

import "math"

// Pt is a point, in screen pixels unless a name says World.
type Pt struct{ X, Y float64 }

// Rect is a screen rectangle: top-left corner (X, Y), width W, height H.
type Rect struct{ X, Y, W, H float64 }

// Box is an axis-aligned world rectangle (same fields as sim.Box, so a
// sim.Box converts with render.Box(b)).
type Box struct{ XMin, XMax, YMin, YMax float64 }

// Color is a non-premultiplied RGBA colour.
type Color struct{ R, G, B, A uint8 }

// WithAlpha returns c with its alpha replaced by a.
func (c Color) WithAlpha(a uint8) Color { c.A = a; return c }

// Over returns what c at opacity a looks like laid over bg, as an opaque
// colour: the same on bg, but hiding whatever lies beneath.
func (c Color) Over(bg Color, a uint8) Color {
	mix := func(x, y uint8) uint8 { return uint8((int(x)*int(a) + int(y)*(255-int(a)) + 127) / 255) }
	return Color{mix(c.R, bg.R), mix(c.G, bg.G), mix(c.B, bg.B), 255}
}

// Add returns p+q.
func (p Pt) Add(q Pt) Pt { return Pt{p.X + q.X, p.Y + q.Y} }

// Sub returns p−q.
func (p Pt) Sub(q Pt) Pt { return Pt{p.X - q.X, p.Y - q.Y} }

// Mul returns p scaled by k.
func (p Pt) Mul(k float64) Pt { return Pt{p.X * k, p.Y * k} }

// Len returns the Euclidean length of p.
func (p Pt) Len() float64 { return math.Hypot(p.X, p.Y) }

// finite reports whether both coordinates are finite numbers.
func (p Pt) finite() bool { return finite(p.X) && finite(p.Y) }

// finite reports whether v is neither NaN nor ±Inf (v−v is 0 exactly then).
func finite(v float64) bool { return v-v == 0 }

// Contains reports whether p lies in r (edges included).
func (r Rect) Contains(p Pt) bool {
	return p.X >= r.X && p.X <= r.X+r.W && p.Y >= r.Y && p.Y <= r.Y+r.H
}

// Inset returns r shrunk by d on every side (never below zero size).
func (r Rect) Inset(d float64) Rect {
	r.X, r.Y, r.W, r.H = r.X+d, r.Y+d, math.Max(r.W-2*d, 0), math.Max(r.H-2*d, 0)
	return r
}

// Center returns the centre of r.
func (r Rect) Center() Pt { return Pt{r.X + r.W/2, r.Y + r.H/2} }

// Hit reports whether p is within radius of center: the drag handle test.
// Bad input (NaN, negative radius) never hits.
func Hit(p, center Pt, radius float64) bool {
	if !(radius >= 0) || !p.finite() || !center.finite() {
		return false
	}
	dx, dy := p.X-center.X, p.Y-center.Y
	return dx*dx+dy*dy <= radius*radius
}

// Transform maps a world box onto a screen rect at one scale on both axes
// (aspect 1:1), centred, with world y up and screen y down. The world box is
// shown whole; the screen rect's spare width or height shows more world.
type Transform struct {
	s      float64 // pixels per world unit
	ox, oy float64 // screen position of world (0, 0)
	screen Rect
}

// Fit returns the transform that shows world inside screen. A degenerate or
// non-finite box is replaced by a unit box around its centre (or the origin);
// an empty screen rect by a 1×1 one, so the result is always usable.
func Fit(world Box, screen Rect) Transform {
	if !finite(screen.X) || !finite(screen.Y) {
		screen.X, screen.Y = 0, 0
	}
	if !(screen.W > 0) || math.IsInf(screen.W, 0) {
		screen.W = 1
	}
	if !(screen.H > 0) || math.IsInf(screen.H, 0) {
		screen.H = 1
	}
	world = world.sane()
	w, h := world.XMax-world.XMin, world.YMax-world.YMin
	s := math.Min(screen.W/w, screen.H/h)
	cx, cy := (world.XMin+world.XMax)/2, (world.YMin+world.YMax)/2
	scx, scy := screen.X+screen.W/2, screen.Y+screen.H/2
	return Transform{s: s, ox: scx - cx*s, oy: scy + cy*s, screen: screen}
}

// sane returns b ordered, finite and at least a little wide on each axis.
func (b Box) sane() Box {
	if !finite(b.XMin) || !finite(b.XMax) {
		b.XMin, b.XMax = -0.5, 0.5
	}
	if !finite(b.YMin) || !finite(b.YMax) {
		b.YMin, b.YMax = -0.5, 0.5
	}
	if b.XMin > b.XMax {
		b.XMin, b.XMax = b.XMax, b.XMin
	}
	if b.YMin > b.YMax {
		b.YMin, b.YMax = b.YMax, b.YMin
	}
	fix := func(lo, hi float64) (float64, float64) {
		if hi-lo > 1e-12*math.Max(1, math.Max(math.Abs(lo), math.Abs(hi))) {
			return lo, hi
		}
		c := (lo + hi) / 2
		d := math.Max(0.5, math.Abs(c)*0.1)
		return c - d, c + d
	}
	b.XMin, b.XMax = fix(b.XMin, b.XMax)
	b.YMin, b.YMax = fix(b.YMin, b.YMax)
	return b
}

// ToScreen maps a world point to the screen.
func (t Transform) ToScreen(w Pt) Pt { return Pt{t.ox + w.X*t.s, t.oy - w.Y*t.s} }

// ToWorld maps a screen point to the world. The zero Transform (never
// fitted) maps as the identity with y flipped, rather than dividing by zero.
func (t Transform) ToWorld(s Pt) Pt {
	k := t.s
	if k == 0 {
		k = 1
	}
	return Pt{(s.X - t.ox) / k, (t.oy - s.Y) / k}
}

// Scale returns pixels per world unit (0 for the zero Transform).
func (t Transform) Scale() float64 { return t.s }

// Screen returns the screen rect the transform was fitted to.
func (t Transform) Screen() Rect { return t.screen }

// World returns the world box that covers the whole screen rect (the fitted
// box plus the letterbox margins): the box to compute contours on.
func (t Transform) World() Box {
	a := t.ToWorld(Pt{t.screen.X, t.screen.Y + t.screen.H})
	b := t.ToWorld(Pt{t.screen.X + t.screen.W, t.screen.Y})
	return Box{a.X, b.X, a.Y, b.Y}
}
