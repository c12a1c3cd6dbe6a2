package render

import "math"

// Kind says how an Item is drawn.
type Kind uint8

const (
	Stroke Kind = iota // Pts as a polyline (closed if Closed), Width px wide
	Fill               // Pts as a closed polygon, nonzero fill rule
	Circle             // outline of radius R around C, Width px wide
	Disc               // filled circle of radius R around C
	Text               // Text at C, Size px, aligned by Align, vertically centred
)

// Align is the horizontal alignment of a Text item about its position.
type Align uint8

const (
	AlignLeft Align = iota
	AlignCenter
	AlignRight
)

// Item is one thing to draw. Which fields matter depends on Kind.
type Item struct {
	Kind   Kind
	Pts    []Pt // Stroke, Fill
	Closed bool // Stroke: join the last point to the first
	Width  float64
	Dash   float64 // Stroke: a dashed line's period in px (see DashFraction); 0 for a solid line
	Color  Color
	C      Pt      // Circle, Disc: centre; Text: anchor
	R      float64 // Circle, Disc
	Text   string
	Size   float64 // Text: pixel size
	Align  Align
}

// Layer is a display list: what one frame (or one cached background) draws,
// in order. The helpers append to it and skip anything non-finite, so a
// drawer can trust every Item.
//
// Points of all Items live in one shared buffer that Reset keeps, so once a
// layer has been filled once, filling it again with the same amount of
// geometry allocates nothing. Items' Pts are valid until the next Reset.
type Layer struct {
	Items []Item
	pts   []Pt
	// tick values and a label cache for Plot.Axes, so that axes do not
	// allocate every frame
	ticks   []float64
	labels  map[tickLabel]string
	scratch []Pt // screen points of a plot series before they are copied in
}

// Reset empties the layer and keeps its backing arrays.
func (l *Layer) Reset() {
	clear(l.Items) // drop references to strings
	l.Items = l.Items[:0]
	l.pts = l.pts[:0]
}

// Len returns the number of items.
func (l *Layer) Len() int { return len(l.Items) }

// begin marks the start of a run of points in the shared buffer.
func (l *Layer) begin() int { return len(l.pts) }

// end returns the points appended since start, capped so that appending to
// the returned slice cannot overwrite later points.
func (l *Layer) end(start int) []Pt { return l.pts[start:len(l.pts):len(l.pts)] }

// add appends one finite point.
func (l *Layer) add(p Pt) { l.pts = append(l.pts, p) }

// Line strokes the segment a–b.
func (l *Layer) Line(a, b Pt, width float64, c Color) {
	if !a.finite() || !b.finite() || !(width > 0) {
		return
	}
	s := l.begin()
	l.add(a)
	l.add(b)
	l.Items = append(l.Items, Item{Kind: Stroke, Pts: l.end(s), Width: width, Color: c})
}

// Rule strokes the segment a–b when it is horizontal or vertical (a grid
// line, a tick) as a rectangle width px across with square ends: half the
// vertices and triangles of a Line, whose ends fade. Any other segment is a
// Line.
func (l *Layer) Rule(a, b Pt, width float64, c Color) {
	switch {
	case !a.finite() || !b.finite() || !(width > 0):
	case a.X == b.X:
		l.FillRect(Rect{X: a.X - width/2, Y: math.Min(a.Y, b.Y), W: width, H: math.Abs(b.Y - a.Y)}, c)
	case a.Y == b.Y:
		l.FillRect(Rect{X: math.Min(a.X, b.X), Y: a.Y - width/2, W: math.Abs(b.X - a.X), H: width}, c)
	default:
		l.Line(a, b, width, c)
	}
}

// Polyline strokes pts as an open polyline (the points are copied). A
// non-finite point breaks the line in two.
func (l *Layer) Polyline(pts []Pt, width float64, c Color) {
	l.polyline(pts, nil, width, c, false)
}

// ClosedPolyline strokes pts as a closed outline (the points are copied).
func (l *Layer) ClosedPolyline(pts []Pt, width float64, c Color) {
	l.polyline(pts, nil, width, c, true)
}

// PolylineWorld strokes world-coordinate pts mapped through t: the way to
// draw cached contours and trails without a screen-space copy of your own.
func (l *Layer) PolylineWorld(t Transform, pts []Pt, width float64, c Color) {
	l.polyline(pts, &t, width, c, false)
}

func (l *Layer) polyline(pts []Pt, t *Transform, width float64, c Color, closed bool) {
	if !(width > 0) || math.IsInf(width, 0) {
		return
	}
	s := l.begin()
	flush := func(closed bool) {
		if len(l.pts)-s >= 2 {
			l.Items = append(l.Items, Item{Kind: Stroke, Pts: l.end(s), Closed: closed, Width: width, Color: c})
		} else {
			l.pts = l.pts[:s]
		}
		s = l.begin()
	}
	broken := false
	for _, p := range pts {
		if t != nil {
			p = t.ToScreen(p)
		}
		if !p.finite() {
			flush(false)
			broken = true
			continue
		}
		l.add(p)
	}
	flush(closed && !broken)
}

// Polygon fills pts as a closed polygon (nonzero rule; the points are copied).
// Polygons with a non-finite point are skipped.
func (l *Layer) Polygon(pts []Pt, c Color) {
	if len(pts) < 3 {
		return
	}
	for _, p := range pts {
		if !p.finite() {
			return
		}
	}
	s := l.begin()
	l.pts = append(l.pts, pts...)
	l.Items = append(l.Items, Item{Kind: Fill, Pts: l.end(s), Color: c})
}

// Dashed strokes pts as a dashed polyline with the given period in px:
// dashes of DashFraction of it, the pattern running on across vertices and
// starting with a whole dash. It is one Stroke Item with Dash set, whatever
// its length: the drawer lays the pattern along it (see Vertex.U), so a long
// dashed curve costs a solid one's triangles, not a pair of ends per dash.
// A period ≤ 0 or not finite draws a solid line; periods under 2 px are
// lengthened to 2 px. A non-finite point breaks the line, and each piece
// starts with a dash.
func (l *Layer) Dashed(pts []Pt, width, period float64, c Color) {
	n := len(l.Items)
	l.Polyline(pts, width, c)
	if !(period > 0) || math.IsInf(period, 0) {
		return
	}
	for i := n; i < len(l.Items); i++ {
		l.Items[i].Dash = math.Max(period, 2)
	}
}

// corners adds r's four corners, clockwise on screen from the top left.
func (l *Layer) corners(r Rect) []Pt {
	s := l.begin()
	l.add(Pt{r.X, r.Y})
	l.add(Pt{r.X + r.W, r.Y})
	l.add(Pt{r.X + r.W, r.Y + r.H})
	l.add(Pt{r.X, r.Y + r.H})
	return l.end(s)
}

// StrokeRect outlines r.
func (l *Layer) StrokeRect(r Rect, width float64, c Color) {
	if !finite(r.X) || !finite(r.Y) || !finite(r.W) || !finite(r.H) || !(width > 0) {
		return
	}
	l.Items = append(l.Items, Item{Kind: Stroke, Pts: l.corners(r), Closed: true, Width: width, Color: c})
}

// FillRect fills r. Empty or non-finite rects are skipped.
func (l *Layer) FillRect(r Rect, c Color) {
	if !finite(r.X) || !finite(r.Y) || !finite(r.W) || !finite(r.H) || !(r.W > 0) || !(r.H > 0) {
		return
	}
	l.Items = append(l.Items, Item{Kind: Fill, Pts: l.corners(r), Color: c})
}

// Circle outlines the circle of radius r around c.
func (l *Layer) Circle(center Pt, r, width float64, c Color) {
	if !center.finite() || !(r > 0) || math.IsInf(r, 0) || !(width > 0) {
		return
	}
	l.Items = append(l.Items, Item{Kind: Circle, C: center, R: r, Width: width, Color: c})
}

// Disc fills the circle of radius r around c.
func (l *Layer) Disc(center Pt, r float64, c Color) {
	if !center.finite() || !(r > 0) || math.IsInf(r, 0) {
		return
	}
	l.Items = append(l.Items, Item{Kind: Disc, C: center, R: r, Color: c})
}

// Text places s at pos (vertically centred on pos.Y), size px tall.
// Empty strings and non-finite positions are skipped.
func (l *Layer) Text(pos Pt, s string, size float64, align Align, c Color) {
	if s == "" || !pos.finite() || !(size > 0) || math.IsInf(size, 0) {
		return
	}
	l.Items = append(l.Items, Item{Kind: Text, C: pos, Text: s, Size: size, Align: align, Color: c})
}

// Arrow draws a shaft from `from` to `to` with a filled triangular head
// `head` px long whose tip is exactly at `to`. An arrow shorter than its head
// gets a head as long as the arrow and no shaft; a zero-length or
// non-finite arrow draws nothing.
func (l *Layer) Arrow(from, to Pt, width, head float64, c Color) {
	if !from.finite() || !to.finite() || !(width > 0) || math.IsInf(width, 0) {
		return
	}
	d := to.Sub(from)
	n := d.Len()
	if !(n > 1e-9) || math.IsInf(n, 0) {
		return
	}
	if !(head >= 0) || math.IsInf(head, 0) {
		head = 0
	}
	u := d.Mul(1 / n)      // unit direction
	v := Pt{-u.Y, u.X}     // unit normal
	h := math.Min(head, n) // head length
	if h <= 0 {
		l.Line(from, to, width, c)
		return
	}
	hw := math.Max(h*0.45, width) // head half-width
	base := to.Sub(u.Mul(h))
	if n-h > 1e-9 {
		// The shaft runs a little into the head so no gap shows.
		l.Line(from, base.Add(u.Mul(math.Min(h*0.3, width))), width, c)
	}
	s := l.begin()
	l.add(to)
	l.add(base.Add(v.Mul(hw)))
	l.add(base.Sub(v.Mul(hw)))
	l.Items = append(l.Items, Item{Kind: Fill, Pts: l.end(s), Color: c})
}

// Ellipse draws the ellipse with half-axes rx, ry (px) around center, its rx
// axis turned by angle radians (screen convention: positive turns from +x
// towards +y, which is clockwise on screen). It is filled with fill when
// fill.A > 0 and outlined width px wide when width > 0. Non-finite or
// negative input draws nothing; a zero half-axis gives a flat ellipse.
func (l *Layer) Ellipse(center Pt, rx, ry, angle float64, width float64, c Color, fill Color) {
	if !center.finite() || !finite(rx) || !finite(ry) || !finite(angle) || rx < 0 || ry < 0 || (rx == 0 && ry == 0) {
		return
	}
	n := ellipseSegments(rx, ry)
	sn, cs := math.Sincos(angle)
	s := l.begin()
	for i := 0; i < n; i++ {
		t := 2 * math.Pi * float64(i) / float64(n)
		st, ct := math.Sincos(t)
		// exact axis points at i = 0, n/4, n/2, 3n/4 (n is a multiple of 4)
		switch i * 4 {
		case 0:
			st, ct = 0, 1
		case n:
			st, ct = 1, 0
		case 2 * n:
			st, ct = 0, -1
		case 3 * n:
			st, ct = -1, 0
		}
		x, y := rx*ct, ry*st
		l.add(Pt{center.X + x*cs - y*sn, center.Y + x*sn + y*cs})
	}
	pts := l.end(s)
	if fill.A > 0 {
		l.Items = append(l.Items, Item{Kind: Fill, Pts: pts, Color: fill})
	}
	if width > 0 && !math.IsInf(width, 0) {
		l.Items = append(l.Items, Item{Kind: Stroke, Pts: pts, Closed: true, Width: width, Color: c})
	}
}

// EllipseWorld draws an ellipse given in world units (half-axes rx, ry,
// angle counter-clockwise in the world) mapped through t.
func (l *Layer) EllipseWorld(t Transform, center Pt, rx, ry, angle float64, width float64, c Color, fill Color) {
	l.Ellipse(t.ToScreen(center), rx*t.Scale(), ry*t.Scale(), -angle, width, c, fill)
}

// ellipseSegments picks a vertex count (a multiple of 4) so that the
// polygon's sagitta stays under about a quarter pixel.
func ellipseSegments(rx, ry float64) int {
	r := math.Max(rx, ry)
	// sagitta ≈ r·(π/n)²/2 ≤ 0.25  ⇒  n ≥ π·sqrt(2r)
	n := int(math.Ceil(math.Pi*math.Sqrt(2*r)/4)) * 4
	return min(max(n, 16), 256)
}
