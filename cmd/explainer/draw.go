//go:build js

package main

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"github.com/adagrad-explained/adagrad/render"
)

// painter draws a render.Layer onto an Ebiten image. It is the only place
// that turns geometry into triangles, and it keeps its buffers between frames
// so that drawing allocates nothing once warm.
//
// Two things keep it cheap for the browser's WebGL, which on a machine
// without a GPU runs on the CPU:
//
//   - Batching. The triangles of consecutive items, each vertex carrying its
//     item's colour, go to the GPU in one draw call per clipped part.
//   - Antialiasing by fringes. Every edge gets a one-pixel ramp of
//     triangles whose colour fades to transparent at the outside, the way
//     NanoVG does it. Ebiten's own antialiasing draws into an offscreen
//     buffer of twice the size and resolves it, several full-canvas passes
//     per frame.
//
// Overlaps inside an item are painted twice (the inner side of a sharp
// join); the scene draws its lines opaque, where that changes nothing.
// The one shape fringes do not cover, a concave polygon, is drawn alone
// with Ebiten's antialiasing and the non-zero fill rule.
type painter struct {
	white *ebiten.Image
	path  vector.Path
	vs    []ebiten.Vertex // the batch: coloured triangles waiting to be drawn
	is    []uint16
	ivs   []ebiten.Vertex // one item's triangles; ColorA holds the coverage, 0 to 1
	iis   []uint16
	run   []render.Pt // a line's points without repeats
	ring  []render.Pt // a circle's points, or a polygon's mitres
	text  *textDrawer
}

func newPainter() *painter {
	img := ebiten.NewImage(3, 3)
	img.Fill(colorWhite)
	return &painter{white: img.SubImage(img.Bounds().Inset(1)).(*ebiten.Image), text: newTextDrawer()}
}

// shapes draws the shapes of l onto dst, in order, in one draw call.
func (p *painter) shapes(dst *ebiten.Image, l *render.Layer) {
	for i := range l.Items {
		it := &l.Items[i]
		p.ivs, p.iis = p.ivs[:0], p.iis[:0]
		switch it.Kind {
		case render.Stroke:
			p.stroke(dst, it)
		case render.Fill:
			p.fill(dst, it)
		case render.Circle, render.Disc:
			p.circle(dst, it)
		}
	}
	p.flush(dst)
}

// labels draws the text of l onto dst.
func (p *painter) labels(dst *ebiten.Image, l *render.Layer) {
	for i := range l.Items {
		if it := &l.Items[i]; it.Kind == render.Text {
			p.text.draw(dst, it)
		}
	}
	p.text.flush(dst)
}

// maxVertices and maxIndices keep a batch within DrawTriangles' uint16 indices.
const (
	maxVertices = 65535
	maxIndices  = ebiten.MaxIndicesCount
)

// stroke draws a polyline; a non-finite point breaks it.
func (p *painter) stroke(dst *ebiten.Image, it *render.Item) {
	if len(it.Pts) < 2 || !(it.Width > 0) || math.IsInf(it.Width, 0) {
		return
	}
	start := 0
	for i := 0; i <= len(it.Pts); i++ {
		if i == len(it.Pts) || !finite(it.Pts[i].X) || !finite(it.Pts[i].Y) {
			closed := it.Closed && start == 0 && i == len(it.Pts)
			p.strip(dst, it.Color, it.Pts[start:i], closed, it.Width)
			start = i + 1
		}
	}
	p.emit(dst, it.Color)
}

// strip adds one unbroken line: four vertices per point, across it from
// the outer edge of one fringe to the other, joined point to point by three
// quads (fringe, core, fringe). Where the line turns gently the vertices sit
// on the mitre, so neighbouring quads meet edge to edge; where it turns by
// more than 60° each side ends square and a bevel fills the corner. An open
// line's ends fade over one pixel.
func (p *painter) strip(dst *ebiten.Image, c render.Color, pts []render.Pt, closed bool, width float64) {
	run := p.points(pts, closed)
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
	dir := func(k int) render.Pt {
		a, b := run[k], run[(k+1)%n]
		dx, dy := b.X-a.X, b.Y-a.Y
		l := math.Hypot(dx, dy)
		return render.Pt{X: dx / l, Y: dy / l}
	}
	normal := func(d render.Pt) render.Pt { return render.Pt{X: -d.Y, Y: d.X} }
	var out uint16 // the four vertices the next quads start from
	for j := 0; j <= segs; j++ {
		at := run[j%n]
		var in, next render.Pt
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
			nIn = render.Pt{X: sx * k, Y: sy * k}
			nNext = nIn
		}
		if j == 0 {
			if !closed {
				back := render.Pt{X: at.X - next.X, Y: at.Y - next.Y}
				tip := p.across(back, nNext, core, outer, 0)
				out = p.across(at, nNext, core, outer, cov)
				p.quads(tip, out)
				continue
			}
			out = p.across(at, nNext, core, outer, cov)
			continue
		}
		if len(p.ivs)+20 > maxVertices || len(p.iis)+48 > maxIndices {
			// The item outgrew a batch: hand it on and carry the open end over.
			keep := [4]ebiten.Vertex(p.ivs[out : out+4])
			p.emit(dst, c)
			p.ivs, p.iis = append(p.ivs[:0], keep[:]...), p.iis[:0]
			out = 0
		}
		end := p.across(at, nIn, core, outer, cov)
		p.quads(out, end)
		if hasIn && hasNext && !mitre {
			p.bevel(at, nIn, nNext, core, outer, cov)
		}
		switch {
		case j < segs && mitre:
			out = end
		case j < segs:
			out = p.across(at, nNext, core, outer, cov)
		case !closed:
			tip := p.across(render.Pt{X: at.X + in.X, Y: at.Y + in.Y}, nIn, core, outer, 0)
			p.quads(end, tip)
		}
	}
}

// across adds the four vertices across a line at at, along off (a unit
// normal, or a mitre): the two fringes' outer edges with coverage 0 and
// the core's edges with coverage cov. It returns the first one's index.
func (p *painter) across(at, off render.Pt, core, outer float64, cov float32) uint16 {
	k := uint16(len(p.ivs))
	v := func(d float64, a float32) ebiten.Vertex {
		return ebiten.Vertex{DstX: float32(at.X + off.X*d), DstY: float32(at.Y + off.Y*d), ColorA: a}
	}
	p.ivs = append(p.ivs, v(outer, 0), v(core, cov), v(-core, cov), v(-outer, 0))
	return k
}

// quads joins two sets of four vertices from across with three quads.
func (p *painter) quads(a, b uint16) {
	for q := uint16(0); q < 3; q++ {
		p.iis = append(p.iis, a+q, b+q, b+q+1, a+q, b+q+1, a+q+1)
	}
}

// bevel fills both corners of a sharp join at at, between the square ends
// along nIn and nNext, each with its fringe. The inner one lies under the
// quads; drawing it too spares working out which side is which.
func (p *painter) bevel(at, nIn, nNext render.Pt, core, outer float64, cov float32) {
	for _, s := range [2]float64{1, -1} {
		k := uint16(len(p.ivs))
		v := func(n render.Pt, d float64, a float32) ebiten.Vertex {
			return ebiten.Vertex{DstX: float32(at.X + s*n.X*d), DstY: float32(at.Y + s*n.Y*d), ColorA: a}
		}
		p.ivs = append(p.ivs,
			ebiten.Vertex{DstX: float32(at.X), DstY: float32(at.Y), ColorA: cov},
			v(nIn, core, cov), v(nNext, core, cov), v(nIn, outer, 0), v(nNext, outer, 0))
		p.iis = append(p.iis, k, k+1, k+2, k+1, k+3, k+4, k+1, k+4, k+2)
	}
}

// circle draws a circle's outline as a closed strip, or a disc as a fan
// from its centre with a fringe around it.
func (p *painter) circle(dst *ebiten.Image, it *render.Item) {
	if !(it.R > 0) || math.IsInf(it.R, 0) || !finite(it.C.X) || !finite(it.C.Y) {
		return
	}
	// Enough sides that the polygon strays under a quarter pixel from the circle.
	n := min(max(int(math.Ceil(math.Pi*math.Sqrt(2*it.R))), 12), 256)
	p.ring = p.ring[:0]
	for i := range n {
		s, c := math.Sincos(2 * math.Pi * float64(i) / float64(n))
		p.ring = append(p.ring, render.Pt{X: it.C.X + it.R*c, Y: it.C.Y + it.R*s})
	}
	if it.Kind == render.Circle {
		p.strip(dst, it.Color, p.ring, true, max(it.Width, 1))
		p.emit(dst, it.Color)
		return
	}
	inner, outer := max(it.R-0.5, 0)/it.R, (it.R+0.5)/it.R
	p.ivs = append(p.ivs, ebiten.Vertex{DstX: float32(it.C.X), DstY: float32(it.C.Y), ColorA: 1})
	for _, rim := range rims(inner, outer) {
		for _, q := range p.ring {
			p.ivs = append(p.ivs, ebiten.Vertex{DstX: float32(it.C.X + (q.X-it.C.X)*rim.at),
				DstY: float32(it.C.Y + (q.Y-it.C.Y)*rim.at), ColorA: rim.cov})
		}
	}
	p.fan(0, 1, uint16(1+n), n)
	p.emit(dst, it.Color)
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
func (p *painter) fan(centre, in, out uint16, n int) {
	m := uint16(n)
	for i := uint16(0); i < m; i++ {
		a, b := in+i, in+(i+1)%m
		if a != centre && b != centre {
			p.iis = append(p.iis, centre, a, b)
		}
		p.iis = append(p.iis, a, out+i, out+(i+1)%m, a, out+(i+1)%m, b)
	}
}

// fill draws a polygon. A convex one (almost all of them: bars, boxes,
// arrowheads, ellipses) is a fan with a fringe, its corners moved in and out
// half a pixel along their mitres.
func (p *painter) fill(dst *ebiten.Image, it *render.Item) {
	run := p.points(it.Pts, true)
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
		p.concave(dst, it)
		return
	}
	side := math.Copysign(1, area) // outward normal of edge d is side·(d.y, −d.x)
	outward := func(a, b render.Pt) render.Pt {
		dx, dy := b.X-a.X, b.Y-a.Y
		l := math.Hypot(dx, dy)
		return render.Pt{X: side * dy / l, Y: -side * dx / l}
	}
	mitres := p.ring[:0]
	for i, q := range run {
		n0, n1 := outward(run[(i-1+n)%n], q), outward(q, run[(i+1)%n])
		sx, sy := n0.X+n1.X, n0.Y+n1.Y
		k := 2 / math.Max(sx*sx+sy*sy, 0.125) // a mitre at most four times the fringe
		mitres = append(mitres, render.Pt{X: sx * k, Y: sy * k})
	}
	p.ring = mitres
	base := uint16(len(p.ivs))
	for _, rim := range rims(-0.5, 0.5) {
		for i, q := range run {
			m := mitres[i]
			p.ivs = append(p.ivs, ebiten.Vertex{DstX: float32(q.X + m.X*rim.at), DstY: float32(q.Y + m.Y*rim.at), ColorA: rim.cov})
		}
	}
	p.fan(base, base, base+uint16(n), n)
	p.emit(dst, it.Color)
}

// concave draws a polygon that fringes cannot: alone, with the non-zero
// rule and Ebiten's antialiasing.
func (p *painter) concave(dst *ebiten.Image, it *render.Item) {
	p.path = vector.Path{}
	p.path.MoveTo(float32(it.Pts[0].X), float32(it.Pts[0].Y))
	for _, q := range it.Pts[1:] {
		p.path.LineTo(float32(q.X), float32(q.Y))
	}
	p.path.Close()
	p.flush(dst)
	p.ivs, p.iis = p.path.AppendVerticesAndIndicesForFilling(p.ivs[:0], p.iis[:0]) // coverage 1
	p.emit(dst, it.Color)
	p.draw(dst, ebiten.FillRuleNonZero, true)
}

// emit hands the item's triangles to the batch, coloured: the colour,
// premultiplied, times each vertex's coverage.
func (p *painter) emit(dst *ebiten.Image, c render.Color) {
	if len(p.iis) == 0 {
		return
	}
	if len(p.vs)+len(p.ivs) > maxVertices || len(p.is)+len(p.iis) > maxIndices {
		p.flush(dst)
	}
	r, g, b, a := premultiplied(c)
	base := uint16(len(p.vs))
	for _, v := range p.ivs {
		k := v.ColorA
		v.SrcX, v.SrcY = 1, 1
		v.ColorR, v.ColorG, v.ColorB, v.ColorA = r*k, g*k, b*k, a*k
		p.vs = append(p.vs, v)
	}
	for _, k := range p.iis {
		p.is = append(p.is, base+k)
	}
	p.ivs, p.iis = p.ivs[:0], p.iis[:0]
}

// premultiplied returns c's channels from 0 to 1, multiplied by its alpha,
// as vertices drawn with ColorScaleModePremultipliedAlpha carry them.
func premultiplied(c render.Color) (r, g, b, a float32) {
	a = float32(c.A) / 255
	return float32(c.R) / 255 * a, float32(c.G) / 255 * a, float32(c.B) / 255 * a, a
}

// flush draws the batch.
func (p *painter) flush(dst *ebiten.Image) { p.draw(dst, ebiten.FillRuleFillAll, false) }

func (p *painter) draw(dst *ebiten.Image, rule ebiten.FillRule, antialias bool) {
	if len(p.is) > 0 {
		op := ebiten.DrawTrianglesOptions{AntiAlias: antialias, FillRule: rule, ColorScaleMode: ebiten.ColorScaleModePremultipliedAlpha}
		dst.DrawTriangles(p.vs, p.is, p.white, &op)
	}
	p.vs, p.is = p.vs[:0], p.is[:0]
}

// points returns pts without the points that repeat, or lie on the way
// between their neighbours: they add vertices and nothing to see, and plots
// and trails have long straight runs. A closed shape also loses a last
// point that repeats the first. The result lives in p.run.
func (p *painter) points(pts []render.Pt, closed bool) []render.Pt {
	run := p.run[:0]
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
	p.run = run
	return run
}

// between reports whether b lies on the segment from a to c, within a
// twentieth of a pixel (so that dropping it moves the line by less than a
// few of those, even where many points are dropped in a row).
func between(a, b, c render.Pt) bool {
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
func convex(pts []render.Pt) bool {
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
