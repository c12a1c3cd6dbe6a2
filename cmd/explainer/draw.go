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
// Every draw call costs Ebiten bookkeeping and the browser a pass of
// WebGL, so the painter batches: the triangles of consecutive items, each
// vertex carrying its item's colour, go to the GPU in one call. That is
// exact wherever an item's own triangles do not overlap, or it is opaque,
// because then painting an overlap twice changes nothing. A translucent item
// whose triangles do overlap (a thick line's round joins, a sharp turn in a
// thin one, a concave polygon) is drawn on its own with the non-zero fill
// rule, which paints the union of its triangles once.
type painter struct {
	white *ebiten.Image
	path  vector.Path
	vs    []ebiten.Vertex // the batch: coloured triangles waiting to be drawn
	is    []uint16
	ivs   []ebiten.Vertex // one item's triangles, not yet coloured
	iis   []uint16
	run   []render.Pt // strokeThin's points without repeats
	ring  []render.Pt // a circle's points
	text  *textDrawer
}

func newPainter() *painter {
	img := ebiten.NewImage(3, 3)
	img.Fill(colorWhite)
	return &painter{white: img.SubImage(img.Bounds().Inset(1)).(*ebiten.Image), text: newTextDrawer()}
}

// shapes draws the shapes of l onto dst, in order. They are drawn
// antialiased, which Ebiten does in a double-size offscreen buffer that it
// must resolve onto dst before any other kind of drawing; text interleaved
// with shapes would resolve it once per label. So the caller draws the
// shapes of every clipped part first and then, with labels, their text.
func (p *painter) shapes(dst *ebiten.Image, l *render.Layer) {
	for i := range l.Items {
		it := &l.Items[i]
		switch it.Kind {
		case render.Stroke:
			p.stroke(dst, it)
		case render.Fill:
			p.fill(dst, it)
		case render.Circle:
			p.circle(dst, it, false)
		case render.Disc:
			p.circle(dst, it, true)
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

// thinStroke is the widest line, in pixels, drawn by strokeThin.
const thinStroke = 3

// maxIndices keeps a batch within DrawTriangles' uint16 indices.
const maxIndices = ebiten.MaxIndicesCount

func (p *painter) stroke(dst *ebiten.Image, it *render.Item) {
	if len(it.Pts) < 2 || !(it.Width > 0) {
		return
	}
	if it.Width <= thinStroke {
		p.strokeThin(dst, it)
		return
	}
	// Long polylines are cut into pieces so one piece stays within
	// DrawTriangles' uint16 indices.
	const piece = 2000
	for start := 0; start < len(it.Pts)-1; start += piece {
		end := min(start+piece, len(it.Pts)-1)
		p.path = vector.Path{}
		p.path.MoveTo(float32(it.Pts[start].X), float32(it.Pts[start].Y))
		for _, q := range it.Pts[start+1 : end+1] {
			p.path.LineTo(float32(q.X), float32(q.Y))
		}
		if it.Closed && start == 0 && end == len(it.Pts)-1 {
			p.path.Close()
		}
		op := vector.StrokeOptions{Width: float32(it.Width), LineJoin: vector.LineJoinRound, LineCap: vector.LineCapRound}
		p.ivs, p.iis = p.path.AppendVerticesAndIndicesForStroke(p.ivs[:0], p.iis[:0], &op)
		p.emit(dst, it.Color, it.Color.A < 255)
	}
}

func (p *painter) fill(dst *ebiten.Image, it *render.Item) {
	if len(it.Pts) < 3 {
		return
	}
	p.path = vector.Path{}
	p.path.MoveTo(float32(it.Pts[0].X), float32(it.Pts[0].Y))
	for _, q := range it.Pts[1:] {
		p.path.LineTo(float32(q.X), float32(q.Y))
	}
	p.path.Close()
	p.ivs, p.iis = p.path.AppendVerticesAndIndicesForFilling(p.ivs[:0], p.iis[:0])
	// vector fills a polygon as a fan from its first point: the fan covers
	// a convex polygon once, and anything else needs the fill rule.
	p.emit(dst, it.Color, !convex(it.Pts))
}

// circle draws a circle's outline as a closed strip, or a disc as a fan
// of triangles from its centre: both convex and without overlaps.
func (p *painter) circle(dst *ebiten.Image, it *render.Item, filled bool) {
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
	p.ivs, p.iis = p.ivs[:0], p.iis[:0]
	if !filled {
		outline := *it
		outline.Width = max(it.Width, 1)
		p.strip(dst, &outline, p.ring, true, false)
		p.emit(dst, it.Color, false)
		return
	}
	p.ivs = append(p.ivs, ebiten.Vertex{DstX: float32(it.C.X), DstY: float32(it.C.Y)})
	for i, q := range p.ring {
		p.ivs = append(p.ivs, ebiten.Vertex{DstX: float32(q.X), DstY: float32(q.Y)})
		p.iis = append(p.iis, 0, uint16(1+i), uint16(1+(i+1)%n))
	}
	p.emit(dst, it.Color, false)
}

// strokeThin draws a thin polyline as a strip of quads that share their
// corners: two vertices per point, offset along the mitre where the line
// turns gently, so that neighbouring quads meet edge to edge and nothing is
// painted twice. Where it turns sharply (more than 60°) the strip breaks:
// each side ends square and a bevel triangle fills the outer corner (and
// one the inner, under the quads). For lines a few pixels wide that looks
// the same as vector.Path's round joins at a fraction of the triangles and
// of the time, which matters for contours and for trails redrawn every
// frame. Every triangle is wound the same way, so that the non-zero fill
// rule, when it is needed, draws their union. A NaN point breaks the line.
func (p *painter) strokeThin(dst *ebiten.Image, it *render.Item) {
	// A translucent line would show the overlap of a sharp join as a dark
	// spot, so such a line is drawn alone with the fill rule.
	alone := it.Color.A < 255 && sharpTurn(it.Pts, it.Closed)
	p.ivs, p.iis = p.ivs[:0], p.iis[:0]
	start := 0
	for i := 0; i <= len(it.Pts); i++ {
		if i == len(it.Pts) || !finite(it.Pts[i].X) || !finite(it.Pts[i].Y) {
			closed := it.Closed && start == 0 && i == len(it.Pts)
			p.strip(dst, it, it.Pts[start:i], closed, alone)
			start = i + 1
		}
	}
	p.emit(dst, it.Color, alone)
}

// strip adds the triangles of one unbroken run of finite points.
func (p *painter) strip(dst *ebiten.Image, it *render.Item, pts []render.Pt, closed, alone bool) {
	// Points without a length between them say nothing about direction.
	run := p.run[:0]
	for _, q := range pts {
		if len(run) == 0 || q != run[len(run)-1] {
			run = append(run, q)
		}
	}
	if closed && len(run) > 1 && run[0] == run[len(run)-1] {
		run = run[:len(run)-1]
	}
	p.run = run
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
	hw := it.Width / 2
	// dir is segment k's unit direction; its left normal, hw long, is (-y, x)·hw.
	dir := func(k int) render.Pt {
		a, b := run[k], run[(k+1)%n]
		dx, dy := b.X-a.X, b.Y-a.Y
		l := math.Hypot(dx, dy)
		return render.Pt{X: dx / l, Y: dy / l}
	}
	var out [2]uint16 // the pair of vertices the next quad starts from
	for j := 0; j <= segs; j++ {
		at := run[j%n]
		var in, next render.Pt // directions of the segments ending and starting here
		hasIn, hasNext := j > 0 || closed, j < segs || closed
		if hasIn {
			in = dir((j - 1 + segs) % segs)
		}
		if hasNext {
			next = dir(j % segs)
		}
		mitre := hasIn && hasNext && in.X*next.X+in.Y*next.Y >= 0.5
		nIn := render.Pt{X: -in.Y * hw, Y: in.X * hw}
		nNext := render.Pt{X: -next.Y * hw, Y: next.X * hw}
		if mitre {
			// The mitre is the normals' bisector, long enough to keep both edges hw away.
			sx, sy := nIn.X+nNext.X, nIn.Y+nNext.Y
			k := 2 * hw * hw / (sx*sx + sy*sy)
			nIn = render.Pt{X: sx * k, Y: sy * k}
			nNext = nIn
		}
		if j == 0 {
			out = p.pair(at, nNext)
			continue
		}
		if len(p.ivs)+8 > 65535 || len(p.iis)+12 > maxIndices {
			// The batch is full: hand it on and carry the open pair over.
			a, b := p.ivs[out[0]], p.ivs[out[1]]
			p.emit(dst, it.Color, alone)
			p.ivs, p.iis = p.ivs[:0], p.iis[:0]
			p.ivs = append(p.ivs, a, b)
			out = [2]uint16{0, 1}
		}
		end := p.pair(at, nIn)
		k0, k1, k2, k3 := out[0], end[0], end[1], out[1]
		p.iis = append(p.iis, k0, k1, k2, k0, k2, k3)
		if !mitre && hasIn && hasNext {
			ax, ay := float32(at.X), float32(at.Y)
			p.tri(ax, ay, ax+float32(nIn.X), ay+float32(nIn.Y), ax+float32(nNext.X), ay+float32(nNext.Y))
			p.tri(ax, ay, ax-float32(nIn.X), ay-float32(nIn.Y), ax-float32(nNext.X), ay-float32(nNext.Y))
		}
		switch {
		case j == segs:
		case mitre:
			out = end
		default:
			out = p.pair(at, nNext)
		}
	}
}

// pair adds the two vertices at at±off and returns their indices.
func (p *painter) pair(at, off render.Pt) [2]uint16 {
	k := uint16(len(p.ivs))
	p.ivs = append(p.ivs,
		ebiten.Vertex{DstX: float32(at.X + off.X), DstY: float32(at.Y + off.Y)},
		ebiten.Vertex{DstX: float32(at.X - off.X), DstY: float32(at.Y - off.Y)})
	return [2]uint16{k, k + 1}
}

// tri appends one triangle wound like strokeThin's quads (negative signed
// area in screen coordinates); degenerate ones are dropped.
func (p *painter) tri(x0, y0, x1, y1, x2, y2 float32) {
	area := (x1-x0)*(y2-y0) - (y1-y0)*(x2-x0)
	if area == 0 {
		return
	}
	if area > 0 {
		x1, y1, x2, y2 = x2, y2, x1, y1
	}
	k := uint16(len(p.ivs))
	p.ivs = append(p.ivs, ebiten.Vertex{DstX: x0, DstY: y0}, ebiten.Vertex{DstX: x1, DstY: y1}, ebiten.Vertex{DstX: x2, DstY: y2})
	p.iis = append(p.iis, k, k+1, k+2)
}

// emit hands on the item's triangles in colour c: into the batch, or, when
// alone, drawn at once by themselves with the non-zero rule (after the
// batch, to keep the order of the items).
func (p *painter) emit(dst *ebiten.Image, c render.Color, alone bool) {
	if len(p.iis) == 0 {
		return
	}
	if alone {
		p.flush(dst)
	} else if len(p.vs)+len(p.ivs) > 65535 || len(p.is)+len(p.iis) > maxIndices {
		p.flush(dst)
	}
	a := float32(c.A) / 255
	r, g, b := float32(c.R)/255*a, float32(c.G)/255*a, float32(c.B)/255*a
	base := uint16(len(p.vs))
	for _, v := range p.ivs {
		v.SrcX, v.SrcY = 1, 1
		v.ColorR, v.ColorG, v.ColorB, v.ColorA = r, g, b, a
		p.vs = append(p.vs, v)
	}
	for _, k := range p.iis {
		p.is = append(p.is, base+k)
	}
	if alone {
		p.draw(dst, ebiten.FillRuleNonZero)
	}
}

// flush draws the batch.
func (p *painter) flush(dst *ebiten.Image) { p.draw(dst, ebiten.FillRuleFillAll) }

func (p *painter) draw(dst *ebiten.Image, rule ebiten.FillRule) {
	if len(p.is) > 0 {
		op := ebiten.DrawTrianglesOptions{AntiAlias: true, FillRule: rule, ColorScaleMode: ebiten.ColorScaleModePremultipliedAlpha}
		dst.DrawTriangles(p.vs, p.is, p.white, &op)
	}
	p.vs, p.is = p.vs[:0], p.is[:0]
}

// sharpTurn reports whether a polyline turns by more than 60° anywhere. At
// gentler turns the quads of a thin line overlap by a small fraction of a
// pixel, which nobody can see.
func sharpTurn(pts []render.Pt, closed bool) bool {
	const cos60 = 0.5
	n := len(pts)
	var px, py float64
	have := false
	segs := n - 1
	if closed && n > 2 {
		segs = n
	}
	for i := 0; i < segs; i++ {
		a, b := pts[i], pts[(i+1)%n]
		dx, dy := b.X-a.X, b.Y-a.Y
		l := math.Hypot(dx, dy)
		if !(l > 0) || math.IsInf(l, 0) {
			have = false
			continue
		}
		dx, dy = dx/l, dy/l
		if have && dx*px+dy*py < cos60 {
			return true
		}
		px, py, have = dx, dy, true
	}
	return false
}

// convex reports whether a polygon is convex (all turns one way).
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
