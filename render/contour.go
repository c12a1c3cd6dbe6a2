package render

import (
	"math"
	"sort"
)

// Contour is one polyline of a level set, in world coordinates. Closed
// loops repeat their first point at the end.
type Contour struct {
	Level float64
	Pts   []Pt
}

// Contours returns the level sets of f at the given levels over box, by
// marching squares on a grid of nx×ny samples (at least 2×2): polylines in
// WORLD coordinates, joined across cells into long lines; closed loops
// repeat their first point. Every point lies on a cell edge where linear
// interpolation of f equals the level. Cells touching a non-finite value of
// f are left out; non-finite levels are ignored.
func Contours(f func(x, y float64) float64, box Box, nx, ny int, levels []float64) [][]Pt {
	cs := ContourLines(f, box, nx, ny, levels)
	if cs == nil {
		return nil
	}
	out := make([][]Pt, len(cs))
	for i, c := range cs {
		out[i] = c.Pts
	}
	return out
}

// ContourLines is Contours with each polyline's level attached, for
// colouring lines by level.
func ContourLines(f func(x, y float64) float64, box Box, nx, ny int, levels []float64) []Contour {
	if f == nil || len(levels) == 0 {
		return nil
	}
	box = box.sane()
	nx, ny = max(nx, 2), max(ny, 2)
	const most = 2048 // bounds the work for silly grid sizes
	nx, ny = min(nx, most), min(ny, most)
	g := grid{nx: nx, ny: ny, box: box, v: make([]float64, nx*ny)}
	g.dx = (box.XMax - box.XMin) / float64(nx-1)
	g.dy = (box.YMax - box.YMin) / float64(ny-1)
	for j := 0; j < ny; j++ {
		y := g.y(j)
		for i := 0; i < nx; i++ {
			g.v[j*nx+i] = f(g.x(i), y)
		}
	}
	return g.contours(levels)
}

// grid holds the samples of f: v[j*nx+i] = f(x_i, y_j).
type grid struct {
	nx, ny int
	box    Box
	dx, dy float64
	v      []float64
}

func (g *grid) x(i int) float64 {
	if i == g.nx-1 {
		return g.box.XMax
	}
	return g.box.XMin + float64(i)*g.dx
}

func (g *grid) y(j int) float64 {
	if j == g.ny-1 {
		return g.box.YMax
	}
	return g.box.YMin + float64(j)*g.dy
}

// Edges are numbered: horizontal edges (i,j)–(i+1,j) first, then vertical
// edges (i,j)–(i,j+1).
func (g *grid) hEdge(i, j int) int32 { return int32(j*(g.nx-1) + i) }
func (g *grid) vEdge(i, j int) int32 { return int32((g.nx-1)*g.ny + j*g.nx + i) }

// point returns where the level crosses edge e, by linear interpolation.
func (g *grid) point(e int32, level float64) Pt {
	h := int32((g.nx - 1) * g.ny)
	var i, j, i2, j2 int
	if e < h {
		j, i = int(e)/(g.nx-1), int(e)%(g.nx-1)
		i2, j2 = i+1, j
	} else {
		e -= h
		j, i = int(e)/g.nx, int(e)%g.nx
		i2, j2 = i, j+1
	}
	a, b := g.v[j*g.nx+i], g.v[j2*g.nx+i2]
	t := 0.5
	if a != b {
		t = (level - a) / (b - a)
	}
	t = math.Max(0, math.Min(1, t))
	x0, y0, x1, y1 := g.x(i), g.y(j), g.x(i2), g.y(j2)
	return Pt{x0 + t*(x1-x0), y0 + t*(y1-y0)}
}

// segs lists, for each marching-squares case, the pairs of cell edges
// (0 bottom, 1 right, 2 top, 3 left) joined by a segment. Corners: bit 0
// bottom-left, 1 bottom-right, 2 top-right, 3 top-left, set when ≥ level.
// Saddles 5 and 10 are resolved by the cell's centre value separately.
var segs = [16][]int8{
	0: {}, 1: {3, 0}, 2: {0, 1}, 3: {3, 1}, 4: {1, 2}, 5: nil, 6: {0, 2}, 7: {3, 2},
	8: {2, 3}, 9: {0, 2}, 10: nil, 11: {1, 2}, 12: {1, 3}, 13: {0, 1}, 14: {3, 0}, 15: {},
}

// contours runs marching squares for each level. It is split into small
// methods along its phases (the cells' ranges, one level's crossings, the
// walk along the chains) because the browser's optimizing compiler takes
// a function whole: a hot loop inside one large function makes it compile
// all of it, at start-up, on a core the first frame needs.
func (g *grid) contours(levels []float64) []Contour {
	nEdges := (g.nx-1)*g.ny + g.nx*(g.ny-1)
	m := marcher{g: g, link: make([]int32, 2*nEdges)} // up to two neighbours per crossed edge
	for i := range m.link {
		m.link[i] = -1
	}
	m.ranges()
	for _, level := range levels {
		if !finite(level) {
			continue
		}
		m.touched = m.touched[:0]
		m.cross(level)
		m.chains(level)
	}
	out := make([]Contour, len(m.spans))
	for k, s := range m.spans {
		out[k] = Contour{Level: s.level, Pts: m.all[s.start:s.end:s.end]}
	}
	return out
}

// marcher is the working state of grid.contours.
type marcher struct {
	g       *grid
	link    []int32 // two neighbour edges per edge; -1 none, -2 visited
	touched []int32 // crossed edges, to reset link cheaply
	all     []Pt    // one backing array for every polyline
	spans   []span

	// Each cell's and each row's range of values, so that a level skips
	// cells (and whole rows) it cannot cross. Cells with a non-finite
	// corner get an empty range and are never visited.
	cellLo, cellHi []float64
	rowLo, rowHi   []float64
}

// span is one polyline's place in marcher.all.
type span struct {
	level      float64
	start, end int
}

// ranges fills the cells' and rows' value ranges.
func (m *marcher) ranges() {
	g := m.g
	cw := g.nx - 1
	m.cellLo = make([]float64, cw*(g.ny-1))
	m.cellHi = make([]float64, cw*(g.ny-1))
	m.rowLo = make([]float64, g.ny-1)
	m.rowHi = make([]float64, g.ny-1)
	for j := 0; j < g.ny-1; j++ {
		rlo, rhi := math.Inf(1), math.Inf(-1)
		for i := 0; i < cw; i++ {
			v0, v1 := g.v[j*g.nx+i], g.v[j*g.nx+i+1]
			v2, v3 := g.v[(j+1)*g.nx+i+1], g.v[(j+1)*g.nx+i]
			// plain comparisons: math.Min/Max are slow here, and
			// non-finite cells are overwritten below anyway
			lo, hi := v0, v0
			for _, v := range [3]float64{v1, v2, v3} {
				if v < lo {
					lo = v
				}
				if v > hi {
					hi = v
				}
			}
			if !finite(v0) || !finite(v1) || !finite(v2) || !finite(v3) {
				lo, hi = math.Inf(1), math.Inf(-1)
			}
			m.cellLo[j*cw+i], m.cellHi[j*cw+i] = lo, hi
			if lo < rlo {
				rlo = lo
			}
			if hi > rhi {
				rhi = hi
			}
		}
		m.rowLo[j], m.rowHi[j] = rlo, rhi
	}
}

// connect records a segment between two crossed edges.
func (m *marcher) connect(a, b int32) {
	link := m.link
	for _, e := range [2]int32{a, b} {
		if link[2*e] < 0 && link[2*e+1] < 0 {
			m.touched = append(m.touched, e)
		}
	}
	if link[2*a] < 0 {
		link[2*a] = b
	} else {
		link[2*a+1] = b
	}
	if link[2*b] < 0 {
		link[2*b] = a
	} else {
		link[2*b+1] = a
	}
}

// cross links the crossed edges of every cell the level passes through.
func (m *marcher) cross(level float64) {
	g := m.g
	cw := g.nx - 1
	for j := 0; j < g.ny-1; j++ {
		if level <= m.rowLo[j] || level > m.rowHi[j] {
			continue
		}
		for i := 0; i < cw; i++ {
			// all corners ≥ level (case 15) or all below (case 0)
			if level <= m.cellLo[j*cw+i] || level > m.cellHi[j*cw+i] {
				continue
			}
			m.cell(i, j, level)
		}
	}
}

// cell links the crossed edges of cell (i, j), which the level crosses.
func (m *marcher) cell(i, j int, level float64) {
	g := m.g
	v0 := g.v[j*g.nx+i]
	v1 := g.v[j*g.nx+i+1]
	v2 := g.v[(j+1)*g.nx+i+1]
	v3 := g.v[(j+1)*g.nx+i]
	c := 0
	if v0 >= level {
		c |= 1
	}
	if v1 >= level {
		c |= 2
	}
	if v2 >= level {
		c |= 4
	}
	if v3 >= level {
		c |= 8
	}
	if c == 0 || c == 15 {
		return
	}
	if !finite(v0) || !finite(v1) || !finite(v2) || !finite(v3) {
		return
	}
	edge := [4]int32{g.hEdge(i, j), g.vEdge(i+1, j), g.hEdge(i, j+1), g.vEdge(i, j)}
	switch c {
	case 5, 10:
		// A saddle: the level cuts off the two opposite corners on the other
		// side of it from the cell's centre. Case 5 has corners 1 and 3 low,
		// case 10 has them high.
		centreAbove := (v0+v1+v2+v3)/4 >= level
		if (c == 5) == centreAbove { // corners 1 and 3
			m.connect(edge[0], edge[1])
			m.connect(edge[2], edge[3])
		} else { // corners 0 and 2
			m.connect(edge[3], edge[0])
			m.connect(edge[1], edge[2])
		}
	default:
		s := segs[c]
		m.connect(edge[s[0]], edge[s[1]])
	}
}

// chains walks the level's linked edges into polylines: open ones first
// (from an end with one neighbour), then closed loops; then resets link.
func (m *marcher) chains(level float64) {
	link := m.link
	for _, e := range m.touched {
		if link[2*e] >= 0 && link[2*e+1] < 0 {
			m.walk(e, level)
		}
	}
	for _, e := range m.touched {
		if link[2*e] >= 0 {
			first := len(m.all)
			m.walk(e, level)
			if len(m.all) > first {
				m.all = append(m.all, m.all[first]) // close the loop
				m.spans[len(m.spans)-1].end = len(m.all)
			}
		}
	}
	for _, e := range m.touched {
		link[2*e], link[2*e+1] = -1, -1
	}
}

// walk follows one chain from edge start, appending its points to all.
func (m *marcher) walk(start int32, level float64) {
	link := m.link
	first := len(m.all)
	prev, cur := int32(-1), start
	for cur >= 0 {
		m.all = append(m.all, m.g.point(cur, level))
		n0, n1 := link[2*cur], link[2*cur+1]
		link[2*cur], link[2*cur+1] = -2, -2 // visited
		next := n0
		if next == prev || next < 0 || link[2*next] == -2 {
			next = n1
		}
		if next < 0 || link[2*next] == -2 {
			next = -1
		}
		prev, cur = cur, next
	}
	if len(m.all)-first >= 2 {
		m.spans = append(m.spans, span{level, first, len(m.all)})
	} else {
		m.all = m.all[:first]
	}
}

// GeometricLevels returns n levels from lo to hi (both included) in a
// geometric progression: on a quadratic bowl these are ellipses whose sizes
// grow by a constant factor, and on Rosenbrock they are log-spaced, which
// shows both the floor of the banana and its steep walls. lo ≤ 0 is raised
// to hi·1e-3; bad input gives nil.
func GeometricLevels(lo, hi float64, n int) []float64 {
	if n < 1 || !finite(lo) || !finite(hi) || hi <= 0 {
		return nil
	}
	if lo > hi {
		lo, hi = hi, lo
	}
	if lo <= 0 {
		lo = hi * 1e-3
	}
	if n == 1 || lo == hi {
		return []float64{hi}
	}
	out := make([]float64, n)
	r := math.Log(hi / lo)
	for k := range out {
		out[k] = lo * math.Exp(r*float64(k)/float64(n-1))
	}
	out[n-1] = hi
	return out
}

// Levels picks n contour levels for f over box: geometric steps above the
// lowest value found, from where about 1% of the box lies below the level up
// to where about 10% lies above it (so the outermost contours still cross
// the view). It suits both ½(a·x² + b·y²) and Rosenbrock. It samples f on a
// coarse grid; non-finite values are ignored; nil if nothing is usable.
func Levels(f func(x, y float64) float64, box Box, n int) []float64 {
	if f == nil || n < 1 {
		return nil
	}
	box = box.sane()
	const m = 64
	vals := make([]float64, 0, m*m)
	for j := 0; j < m; j++ {
		y := box.YMin + (box.YMax-box.YMin)*float64(j)/(m-1)
		for i := 0; i < m; i++ {
			v := f(box.XMin+(box.XMax-box.XMin)*float64(i)/(m-1), y)
			if finite(v) {
				vals = append(vals, v)
			}
		}
	}
	if len(vals) < 4 {
		return nil
	}
	sort.Float64s(vals)
	fmin := vals[0]
	lo := vals[len(vals)/100] - fmin
	hi := vals[len(vals)*9/10] - fmin
	if !(hi > 0) {
		return nil
	}
	if !(lo > hi*1e-6) {
		lo = hi * 1e-3
	}
	out := GeometricLevels(lo, hi, n)
	for k := range out {
		out[k] += fmin
	}
	return out
}
