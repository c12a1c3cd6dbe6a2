package render

import (
	"math"
	"slices"
)

// Vertex is one corner of a mesh triangle: a position in pixels and a
// colour, each channel from 0 to 1 and premultiplied by alpha.
type Vertex struct {
	X, Y       float32
	R, G, B, A float32
	// U is where the vertex lies along a dashed line's pattern, in periods:
	// the line is drawn where U is within DashFraction/2 of a whole number
	// (see DashDrawn). Only a Dashed batch carries it; it is 0 elsewhere.
	U float32
}

// DashFraction is the drawn part of a dashed line's period.
const DashFraction = 0.6

// DashDrawn reports whether a dashed line is drawn at u (in periods, see
// Vertex.U): within DashFraction/2 of a whole number. A drawer that samples
// a repeating pattern at U builds its pattern from this.
func DashDrawn(u float64) bool {
	f := u - math.Floor(u)
	return f < DashFraction/2 || f > 1-DashFraction/2
}

// Limits of one batch: 16-bit indices, and whole triangles of them (what
// Ebiten's DrawTriangles accepts in one call).
const (
	MaxMeshVertices = 1<<16 - 1
	MaxMeshIndices  = (1 << 16) / 3 * 3
)

// Mesh turns the shapes of a Layer into coloured triangles, to be drawn in
// one call per batch by a drawer that knows nothing of geometry. It keeps
// its buffers between frames, so that filling it allocates nothing once warm.
//
// Two choices keep it cheap for a browser's WebGL, which on a machine
// without a GPU runs on the CPU:
//
//   - Batching. The triangles of consecutive items, each vertex carrying its
//     item's colour, share one batch.
//   - Antialiasing by fringes. Every edge gets a one-pixel ramp of
//     triangles whose colour fades to transparent at the outside, the way
//     NanoVG does it, instead of drawing at twice the size and resolving.
//
// Overlaps inside an item are painted twice (the inner side of a sharp
// join); the scenes draw their lines opaque, where that changes nothing.
// The one shape fringes do not cover, a concave polygon, is handed back to
// the drawer to fill by other means.
type Mesh struct {
	Vertices []Vertex
	Indices  []uint16
	// Dashed says that the batch has dashed lines, whose vertices carry U:
	// the drawer lays the dash pattern along the batch's vertices, which
	// leaves solid geometry (U = 0) whole. A batch starts solid; the first
	// dashed item makes it dashed, after handing on what came before, and
	// what follows joins it: a layer of lines and dashes takes two batches,
	// not one per change.
	Dashed bool

	flush   func(*Mesh)
	concave func(*Item)
	ivs     []Vertex // one item's triangles; A holds the coverage, 0 to 1
	iis     []uint16
	run     []Pt    // a line's points without repeats
	ring    []Pt    // a circle's points, or a polygon's mitres
	u       float32 // the U of the vertices strip is adding
	units   [][]Pt  // units[n]: the corners of the n-gon in the unit circle, made when first asked for
}

// Reset empties the batch, solid again, and keeps its buffers.
func (m *Mesh) Reset() { m.Vertices, m.Indices, m.Dashed = m.Vertices[:0], m.Indices[:0], false }

// Shapes appends the triangles of l's shapes to the batch, in order, and
// skips its text. Whenever the batch is about to outgrow MaxMeshVertices or
// MaxMeshIndices, Shapes calls flush, which must draw the batch and Reset
// the mesh. A concave polygon goes to concave, after a flush, so that the
// order of painting holds. The last batch is left for the caller to draw.
func (m *Mesh) Shapes(l *Layer, flush func(*Mesh), concave func(*Item)) {
	m.flush, m.concave = flush, concave
	defer func() { m.flush, m.concave = nil, nil }()
	for i := range l.Items {
		it := &l.Items[i]
		m.ivs, m.iis = m.ivs[:0], m.iis[:0]
		if it.Kind == Stroke && it.Dash > 0 && !m.Dashed {
			m.flushBatch()
			m.Dashed = true
		}
		switch it.Kind {
		case Stroke:
			m.stroke(it)
		case Fill:
			m.fill(it)
		case Circle, Disc:
			m.circle(it)
		}
	}
}

// stroke adds a polyline; a non-finite point breaks it.
func (m *Mesh) stroke(it *Item) {
	if len(it.Pts) < 2 || !(it.Width > 0) || math.IsInf(it.Width, 0) {
		return
	}
	start := 0
	for i := 0; i <= len(it.Pts); i++ {
		if i == len(it.Pts) || !it.Pts[i].finite() {
			closed := it.Closed && start == 0 && i == len(it.Pts)
			m.strip(it.Color, it.Pts[start:i], closed, it.Width, it.Dash)
			start = i + 1
		}
	}
	m.emit(it.Color)
}

// strip adds one unbroken line: four vertices per point, across it from
// the outer edge of one fringe to the other, joined point to point by three
// quads (fringe, core, fringe). Where the line turns gently the vertices sit
// on the mitre, so neighbouring quads meet edge to edge; where it turns by
// more than 60° each side ends square and a bevel fills the corner. A solid
// open line's ends fade over one pixel. With a period (a dashed line) each
// vertex carries U, its distance along the line in periods, from the start
// of a dash; the ends are cut square, as the pattern cuts its dashes.
func (m *Mesh) strip(c Color, pts []Pt, closed bool, width, period float64) {
	fade := period == 0
	run := m.points(pts, closed)
	n := len(run)
	if n < 2 {
		return
	}
	if n < 3 {
		closed = false
	}
	segs := n - 1
	if closed {
		segs = n
	}
	// A hairline is drawn one pixel wide and as much fainter.
	cov := float32(1)
	if width < 1 {
		cov, width = float32(width), 1
	}
	core, outer := width/2-0.5, width/2+0.5
	dir := func(k int) Pt {
		a, b := run[k], run[(k+1)%n]
		dx, dy := b.X-a.X, b.Y-a.Y
		l := math.Hypot(dx, dy)
		return Pt{X: dx / l, Y: dy / l}
	}
	normal := func(d Pt) Pt { return Pt{X: -d.Y, Y: d.X} }
	var out uint16 // the four vertices the next quads start from
	along := 0.0   // the line's length up to point j
	for j := 0; j <= segs; j++ {
		at := run[j%n]
		if j > 0 {
			along += math.Hypot(at.X-run[j-1].X, at.Y-run[j-1].Y)
		}
		m.u = 0
		if period > 0 {
			m.u = float32(along/period - DashFraction/2)
		}
		var in, next Pt
		hasIn, hasNext := j > 0 || closed, j < segs || closed
		if hasIn {
			in = dir((j - 1 + segs) % segs)
		}
		if hasNext {
			next = dir(j % segs)
		}
		nIn, nNext := normal(in), normal(next)
		mitre := hasIn && hasNext && in.X*next.X+in.Y*next.Y >= 0.5
		if mitre {
			// The normals' bisector, long enough to keep both edges parallel.
			sx, sy := nIn.X+nNext.X, nIn.Y+nNext.Y
			k := 2 / (sx*sx + sy*sy)
			nIn = Pt{X: sx * k, Y: sy * k}
			nNext = nIn
		}
		if j == 0 {
			if !closed && fade {
				back := Pt{X: at.X - next.X, Y: at.Y - next.Y}
				tip := m.across(back, nNext, core, outer, 0)
				out = m.across(at, nNext, core, outer, cov)
				m.quads(tip, out)
				continue
			}
			out = m.across(at, nNext, core, outer, cov)
			continue
		}
		if len(m.ivs)+20 > MaxMeshVertices || len(m.iis)+48 > MaxMeshIndices {
			// The item outgrew a batch: hand it on and carry the open end over.
			keep := [4]Vertex(m.ivs[out : out+4])
			m.emit(c)
			m.ivs, m.iis = append(m.ivs[:0], keep[:]...), m.iis[:0]
			out = 0
		}
		end := m.across(at, nIn, core, outer, cov)
		m.quads(out, end)
		if hasIn && hasNext && !mitre {
			m.bevel(at, nIn, nNext, core, outer, cov)
		}
		switch {
		case j < segs && mitre:
			out = end
		case j < segs:
			out = m.across(at, nNext, core, outer, cov)
		case !closed && fade:
			tip := m.across(Pt{X: at.X + in.X, Y: at.Y + in.Y}, nIn, core, outer, 0)
			m.quads(end, tip)
		}
	}
}

// across adds the four vertices across a line at at, along off (a unit
// normal, or a mitre): the two fringes' outer edges with coverage 0 and
// the core's edges with coverage cov. It returns the first one's index.
func (m *Mesh) across(at, off Pt, core, outer float64, cov float32) uint16 {
	k := uint16(len(m.ivs))
	v := func(d float64, a float32) Vertex {
		return Vertex{X: float32(at.X + off.X*d), Y: float32(at.Y + off.Y*d), A: a, U: m.u}
	}
	m.ivs = append(m.ivs, v(outer, 0), v(core, cov), v(-core, cov), v(-outer, 0))
	return k
}

// quads joins two sets of four vertices from across with three quads.
func (m *Mesh) quads(a, b uint16) {
	for q := uint16(0); q < 3; q++ {
		m.iis = append(m.iis, a+q, b+q, b+q+1, a+q, b+q+1, a+q+1)
	}
}

// bevel fills both corners of a sharp join at at, between the square ends
// along nIn and nNext, each with its fringe. The inner one lies under the
// quads; drawing it too spares working out which side is which.
func (m *Mesh) bevel(at, nIn, nNext Pt, core, outer float64, cov float32) {
	for _, s := range [2]float64{1, -1} {
		k := uint16(len(m.ivs))
		v := func(n Pt, d float64, a float32) Vertex {
			return Vertex{X: float32(at.X + s*n.X*d), Y: float32(at.Y + s*n.Y*d), A: a, U: m.u}
		}
		m.ivs = append(m.ivs,
			Vertex{X: float32(at.X), Y: float32(at.Y), A: cov, U: m.u},
			v(nIn, core, cov), v(nNext, core, cov), v(nIn, outer, 0), v(nNext, outer, 0))
		m.iis = append(m.iis, k, k+1, k+2, k+1, k+3, k+4, k+1, k+4, k+2)
	}
}

// circle adds a circle's outline as a closed strip, or a disc as a fan
// from its centre with a fringe around it.
func (m *Mesh) circle(it *Item) {
	if !(it.R > 0) || math.IsInf(it.R, 0) || !it.C.finite() {
		return
	}
	n := circleSides(it.R)
	m.ring = m.ring[:0]
	for _, q := range m.unitPolygon(n) {
		m.ring = append(m.ring, Pt{X: it.C.X + it.R*q.X, Y: it.C.Y + it.R*q.Y})
	}
	if it.Kind == Circle {
		m.outline(it, n)
		m.emit(it.Color)
		return
	}
	inner, outer := max(it.R-0.5, 0)/it.R, (it.R+0.5)/it.R
	m.ivs = append(m.ivs, Vertex{X: float32(it.C.X), Y: float32(it.C.Y), A: 1})
	for _, rim := range rims(inner, outer) {
		for _, q := range m.ring {
			m.ivs = append(m.ivs, Vertex{X: float32(it.C.X + (q.X-it.C.X)*rim.at),
				Y: float32(it.C.Y + (q.Y-it.C.Y)*rim.at), A: rim.cov})
		}
	}
	m.fan(0, 1, uint16(1+n), n)
	m.emit(it.Color)
}

// outline adds the outline of the circle whose n corners are in m.ring:
// the strip that a closed line through them makes (see strip), worked out
// from the unit polygon instead of from the line's directions. Every
// corner of a regular polygon turns by 2π/n, within a mitre for n ≥ 6.
func (m *Mesh) outline(it *Item, n int) {
	width := max(it.Width, 1)
	core, outer := width/2-0.5, width/2+0.5
	s := -1 / math.Cos(math.Pi/float64(n)) // the mitre: inwards, long enough to keep both edges parallel
	unit := m.unitPolygon(n)
	m.u = 0
	for i := 0; i <= n; i++ { // the first corner again at the end, as strip closes
		q := unit[i%n]
		k := m.across(m.ring[i%n], Pt{X: q.X * s, Y: q.Y * s}, core, outer, 1)
		if i > 0 {
			m.quads(k-4, k)
		}
	}
}

// maxSides is the most sides a circle is drawn with.
const maxSides = 256

// circleSides is how many sides a circle of radius r is drawn with: enough
// that the polygon strays under a quarter pixel from the circle.
func circleSides(r float64) int {
	return min(max(int(math.Ceil(math.Pi*math.Sqrt(2*r))), 8), maxSides)
}

// unitPolygon is the n corners of the regular n-gon in the unit circle,
// from angle 0, computed once per n: a figure draws dozens of small discs a
// frame, each of which would otherwise take a sine and cosine per corner.
func (m *Mesh) unitPolygon(n int) []Pt {
	if m.units == nil {
		m.units = make([][]Pt, maxSides+1)
	}
	if m.units[n] == nil {
		u := make([]Pt, n)
		for i := range u {
			s, c := math.Sincos(2 * math.Pi * float64(i) / float64(n))
			u[i] = Pt{X: c, Y: s}
		}
		m.units[n] = u
	}
	return m.units[n]
}

// rim is one ring of a fan's vertices: where, and with what coverage.
type rim struct {
	at  float64
	cov float32
}

// rims are a fan's two rings: the fill's edge at inner, fully covered, and
// the fringe's fading edge at outer.
func rims(inner, outer float64) [2]rim { return [2]rim{{inner, 1}, {outer, 0}} }

// fan adds a fan from vertex centre over the n inner vertices from index
// in, and the fringe's quads out to the n outer vertices from index out.
func (m *Mesh) fan(centre, in, out uint16, n int) {
	k := uint16(n)
	for i := uint16(0); i < k; i++ {
		a, b := in+i, in+(i+1)%k
		if a != centre && b != centre {
			m.iis = append(m.iis, centre, a, b)
		}
		m.iis = append(m.iis, a, out+i, out+(i+1)%k, a, out+(i+1)%k, b)
	}
}

// fill adds a polygon. A convex one (almost all of them: bars, boxes,
// arrowheads, ellipses) is a fan with a fringe, its corners moved in and out
// half a pixel along their mitres; a concave one goes to the drawer.
func (m *Mesh) fill(it *Item) {
	run := m.points(it.Pts, true)
	n := len(run)
	if n < 3 || n > 4096 {
		return
	}
	area := 0.0
	for i, a := range run {
		b := run[(i+1)%n]
		area += a.X*b.Y - b.X*a.Y
	}
	if !convex(run) || !(math.Abs(area) > 0) {
		m.flushBatch()
		if m.concave != nil {
			m.concave(it)
		}
		return
	}
	side := math.Copysign(1, area) // outward normal of edge d is side·(d.y, −d.x)
	outward := func(a, b Pt) Pt {
		dx, dy := b.X-a.X, b.Y-a.Y
		l := math.Hypot(dx, dy)
		return Pt{X: side * dy / l, Y: -side * dx / l}
	}
	mitres := m.ring[:0]
	for i, q := range run {
		n0, n1 := outward(run[(i-1+n)%n], q), outward(q, run[(i+1)%n])
		sx, sy := n0.X+n1.X, n0.Y+n1.Y
		k := 2 / math.Max(sx*sx+sy*sy, 0.125) // a mitre at most four times the fringe
		mitres = append(mitres, Pt{X: sx * k, Y: sy * k})
	}
	m.ring = mitres
	base := uint16(len(m.ivs))
	for _, rim := range rims(-0.5, 0.5) {
		for i, q := range run {
			d := mitres[i]
			m.ivs = append(m.ivs, Vertex{X: float32(q.X + d.X*rim.at), Y: float32(q.Y + d.Y*rim.at), A: rim.cov})
		}
	}
	m.fan(base, base, base+uint16(n), n)
	m.emit(it.Color)
}

// emit hands the item's triangles to the batch, coloured: the colour,
// premultiplied, times each vertex's coverage.
func (m *Mesh) emit(c Color) {
	if len(m.iis) == 0 {
		return
	}
	if len(m.Vertices)+len(m.ivs) > MaxMeshVertices || len(m.Indices)+len(m.iis) > MaxMeshIndices {
		m.flushBatch()
	}
	r, g, b, a := c.Premultiplied()
	// Grown once and written by index: an append per vertex checks the
	// capacity each time, and this loop runs for every vertex of a frame.
	nv, ni := len(m.Vertices), len(m.Indices)
	m.Vertices = slices.Grow(m.Vertices, len(m.ivs))[:nv+len(m.ivs)]
	m.Indices = slices.Grow(m.Indices, len(m.iis))[:ni+len(m.iis)]
	vs := m.Vertices[nv:]
	for i, v := range m.ivs {
		k := v.A
		v.R, v.G, v.B, v.A = r*k, g*k, b*k, a*k
		vs[i] = v
	}
	is, base := m.Indices[ni:], uint16(nv)
	for i, k := range m.iis {
		is[i] = base + k
	}
	m.ivs, m.iis = m.ivs[:0], m.iis[:0]
}

// flushBatch hands a non-empty batch to the drawer, or drops it when there
// is none.
func (m *Mesh) flushBatch() {
	dashed := m.Dashed // the item under way goes on in the same mode
	if len(m.Indices) > 0 && m.flush != nil {
		m.flush(m)
	}
	m.Reset()
	m.Dashed = dashed
}

// Premultiplied returns c's channels from 0 to 1, multiplied by its alpha.
func (c Color) Premultiplied() (r, g, b, a float32) {
	a = float32(c.A) / 255
	return float32(c.R) / 255 * a, float32(c.G) / 255 * a, float32(c.B) / 255 * a, a
}

// points returns pts without the points that repeat, or lie on the way
// between their neighbours: they add vertices and nothing to see, and plots
// and trails have long straight runs. A closed shape also loses a last
// point that repeats the first. The result lives in m.run.
func (m *Mesh) points(pts []Pt, closed bool) []Pt {
	run := m.run[:0]
	for _, q := range pts {
		if n := len(run); n >= 2 && between(run[n-2], run[n-1], q) {
			run[n-1] = q
		} else if n == 0 || q != run[n-1] {
			run = append(run, q)
		}
	}
	if closed && len(run) > 1 && run[0] == run[len(run)-1] {
		run = run[:len(run)-1]
	}
	m.run = run
	return run
}

// between reports whether b lies on the segment from a to c, within a
// twentieth of a pixel (so that dropping it moves the line by less than a
// few of those, even where many points are dropped in a row).
func between(a, b, c Pt) bool {
	dx, dy := c.X-a.X, c.Y-a.Y
	bx, by := b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	along := bx*dx + by*dy
	if !(along > 0 && along < l2) {
		return false
	}
	cross := bx*dy - by*dx
	return cross*cross < 0.0025*l2
}

// convex reports whether a polygon turns one way only.
func convex(pts []Pt) bool {
	n := len(pts)
	sign := 0.0
	for i := range n {
		a, b, c := pts[i], pts[(i+1)%n], pts[(i+2)%n]
		cross := (b.X-a.X)*(c.Y-b.Y) - (b.Y-a.Y)*(c.X-b.X)
		if math.IsNaN(cross) {
			return false
		}
		if cross == 0 {
			continue
		}
		if sign == 0 {
			sign = math.Copysign(1, cross)
		} else if math.Copysign(1, cross) != sign {
			return false
		}
	}
	return true
}
