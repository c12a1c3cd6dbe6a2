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
type painter struct {
	white *ebiten.Image
	path  vector.Path
	vs    []ebiten.Vertex
	is    []uint16
	text  *textDrawer
}

func newPainter() *painter {
	img := ebiten.NewImage(3, 3)
	img.Fill(colorWhite)
	return &painter{white: img.SubImage(img.Bounds().Inset(1)).(*ebiten.Image), text: newTextDrawer()}
}

// paint draws the items of l onto dst: the shapes in order, then the text
// on top of them. Shapes are drawn antialiased, which Ebiten does in a
// double-size offscreen buffer that it must resolve onto dst before any
// other kind of drawing; text interleaved with shapes would resolve it once
// per label, so labels wait until the shapes are done.
func (p *painter) paint(dst *ebiten.Image, l *render.Layer) {
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
	for i := range l.Items {
		if it := &l.Items[i]; it.Kind == render.Text {
			p.text.draw(dst, it)
		}
	}
}

// thinStroke is the widest line, in pixels, drawn by strokeThin.
const thinStroke = 3

func (p *painter) stroke(dst *ebiten.Image, it *render.Item) {
	if len(it.Pts) < 2 || !(it.Width > 0) {
		return
	}
	if it.Width <= thinStroke {
		p.strokeThin(dst, it)
		return
	}
	p.path = vector.Path{}
	// Long polylines are cut into pieces so one batch stays within
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
		p.vs, p.is = p.path.AppendVerticesAndIndicesForStroke(p.vs[:0], p.is[:0], &op)
		p.flush(dst, it.Color, ebiten.FillRuleNonZero)
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
	p.vs, p.is = p.path.AppendVerticesAndIndicesForFilling(p.vs[:0], p.is[:0])
	p.flush(dst, it.Color, ebiten.FillRuleNonZero)
}

func (p *painter) circle(dst *ebiten.Image, it *render.Item, filled bool) {
	if it.R <= 0 || math.IsNaN(it.R) {
		return
	}
	p.path = vector.Path{}
	p.path.Arc(float32(it.C.X), float32(it.C.Y), float32(it.R), 0, 2*math.Pi, vector.Clockwise)
	p.path.Close()
	if filled {
		p.vs, p.is = p.path.AppendVerticesAndIndicesForFilling(p.vs[:0], p.is[:0])
	} else {
		op := vector.StrokeOptions{Width: float32(max(it.Width, 1))}
		p.vs, p.is = p.path.AppendVerticesAndIndicesForStroke(p.vs[:0], p.is[:0], &op)
	}
	p.flush(dst, it.Color, ebiten.FillRuleNonZero)
}

// strokeThin draws a thin polyline as one quad per segment and a bevel
// triangle at each join. For lines a few pixels wide that looks the same as
// vector.Path's round joins and caps at a fraction of the triangles and of
// the time, which matters for contours and for trails redrawn every frame.
// Every triangle is wound the same way, so that the non-zero fill rule
// draws their union: overlaps at joins are not painted twice. A NaN point
// breaks the line.
func (p *painter) strokeThin(dst *ebiten.Image, it *render.Item) {
	hw := float32(it.Width / 2)
	p.vs, p.is = p.vs[:0], p.is[:0]
	var prevN [2]float32 // the previous segment's offset, for the bevel
	havePrev := false
	pts := it.Pts
	n := len(pts)
	segs := n - 1
	if it.Closed && n > 2 {
		segs = n
	}
	for i := 0; i < segs; i++ {
		a, b := pts[i], pts[(i+1)%n]
		if !finite(a.X) || !finite(a.Y) || !finite(b.X) || !finite(b.Y) {
			havePrev = false
			continue
		}
		dx, dy := float32(b.X-a.X), float32(b.Y-a.Y)
		l := float32(math.Hypot(float64(dx), float64(dy)))
		if l == 0 {
			continue
		}
		nx, ny := -dy/l*hw, dx/l*hw
		ax, ay, bx, by := float32(a.X), float32(a.Y), float32(b.X), float32(b.Y)
		if len(p.vs)+7 > 65535 {
			p.flush(dst, it.Color, ebiten.FillRuleNonZero)
			p.vs, p.is = p.vs[:0], p.is[:0]
		}
		if havePrev {
			// Both sides of the join; the inner one is hidden under the quads.
			p.tri(ax, ay, ax+prevN[0], ay+prevN[1], ax+nx, ay+ny)
			p.tri(ax, ay, ax-prevN[0], ay-prevN[1], ax-nx, ay-ny)
		}
		k := uint16(len(p.vs))
		p.vs = append(p.vs,
			ebiten.Vertex{DstX: ax + nx, DstY: ay + ny}, ebiten.Vertex{DstX: bx + nx, DstY: by + ny},
			ebiten.Vertex{DstX: bx - nx, DstY: by - ny}, ebiten.Vertex{DstX: ax - nx, DstY: ay - ny})
		p.is = append(p.is, k, k+1, k+2, k, k+2, k+3)
		prevN, havePrev = [2]float32{nx, ny}, true
	}
	p.flush(dst, it.Color, ebiten.FillRuleNonZero)
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
	k := uint16(len(p.vs))
	p.vs = append(p.vs, ebiten.Vertex{DstX: x0, DstY: y0}, ebiten.Vertex{DstX: x1, DstY: y1}, ebiten.Vertex{DstX: x2, DstY: y2})
	p.is = append(p.is, k, k+1, k+2)
}

// flush draws the buffered triangles in one colour.
func (p *painter) flush(dst *ebiten.Image, c render.Color, rule ebiten.FillRule) {
	if len(p.is) == 0 {
		return
	}
	a := float32(c.A) / 255
	r, g, b := float32(c.R)/255*a, float32(c.G)/255*a, float32(c.B)/255*a
	for i := range p.vs {
		v := &p.vs[i]
		v.SrcX, v.SrcY = 1, 1
		v.ColorR, v.ColorG, v.ColorB, v.ColorA = r, g, b, a
	}
	op := ebiten.DrawTrianglesOptions{AntiAlias: true, FillRule: rule, ColorScaleMode: ebiten.ColorScaleModePremultipliedAlpha}
	dst.DrawTriangles(p.vs, p.is, p.white, &op)
}
