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

func (p *painter) stroke(dst *ebiten.Image, it *render.Item) {
	if len(it.Pts) < 2 || it.Width <= 0 {
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
