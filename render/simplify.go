package render

import "math"

// Simplify drops the points of a polyline that lie within tol of the line
// drawn without them, in place, and returns the shortened slice. A plot's
// curve sampled every pixel or two, or a run's trail that has settled, is
// mostly straight at the scale of a line's width, and every point kept costs
// triangles to build and to draw.
//
// It walks the points once. From each kept point (the anchor) it narrows a
// cone of directions: every point passed over must lie within tol of the
// ray from the anchor towards the next kept point, and no nearer the anchor
// than the farthest one passed less tol (so a path that doubles back keeps
// its turn). A dropped point therefore lies within √2·tol of the kept
// polyline. The first and last points are always kept, and so is every
// non-finite point, which breaks a polyline, with its neighbours.
func Simplify(pts []Pt, tol float64) []Pt {
	if len(pts) < 3 || !(tol > 0) || math.IsInf(tol, 0) {
		return pts
	}
	out := pts[:1]
	anchor := pts[0]
	var lo, hi Pt // the cone's edges, unit vectors; unset while open
	open := true  // no point beyond tol of the anchor yet
	dmax := 0.0   // the farthest point passed, from the anchor
	last := 0     // the index of the newest point passed over
	kept := 0     // the index of the newest point kept
	for i := 1; i < len(pts); i++ {
		p := pts[i]
		if !p.finite() || !anchor.finite() {
			if last > kept {
				out = append(out, pts[last])
			}
			out = append(out, p)
			anchor, open, dmax, last, kept = p, true, 0, i, i
			continue
		}
		v := p.Sub(anchor)
		d := math.Sqrt(v.X*v.X + v.Y*v.Y)
		inside := true
		switch {
		case d < dmax-tol:
			inside = false
		case !open:
			inside = cross(lo, v) >= 0 && cross(v, hi) >= 0
		}
		if !inside {
			// The point before this one ends the segment and anchors the next.
			q := pts[i-1]
			out = append(out, q)
			anchor, open, dmax, kept = q, true, 0, i-1
			v = p.Sub(anchor)
			d = math.Sqrt(v.X*v.X + v.Y*v.Y)
		}
		if d > tol {
			// The directions along which p lies within tol: v turned by ±w,
			// with sin w = tol/d.
			s := tol / d
			c := math.Sqrt(1 - s*s)
			u := v.Mul(1 / d)
			plo := Pt{X: u.X*c + u.Y*s, Y: u.Y*c - u.X*s} // clockwise edge
			phi := Pt{X: u.X*c - u.Y*s, Y: u.Y*c + u.X*s} // counter-clockwise edge
			if open {
				lo, hi, open = plo, phi, false
			} else {
				if cross(lo, plo) > 0 {
					lo = plo
				}
				if cross(phi, hi) > 0 {
					hi = phi
				}
			}
		}
		dmax = math.Max(dmax, d)
		last = i
	}
	if kept < len(pts)-1 {
		out = append(out, pts[len(pts)-1])
	}
	return out
}

// cross is the z component of a × b: positive when b lies counter-clockwise
// of a.
func cross(a, b Pt) float64 { return a.X*b.Y - a.Y*b.X }
