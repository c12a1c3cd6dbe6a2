//go:build js

package main

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"github.com/adagrad-explained/adagrad/render"
	"github.com/adagrad-explained/adagrad/render/glyphs"
)

// painter draws a render.Layer onto an Ebiten image: render.Mesh makes the
// triangles, and the painter hands each batch to DrawTriangles in one call.
// It keeps its buffers between frames, so drawing allocates nothing once warm.
type painter struct {
	white *ebiten.Image
	dash  *ebiten.Image // render's dash pattern, one period, sampled with repeat
	mesh  render.Mesh
	vs    []ebiten.Vertex
	is    []uint16 // a concave polygon's indices
	path  vector.Path
	text  *textDrawer
	dst   *ebiten.Image // where the batches of the current shapes call go
	// the mesh's callbacks, made once so that passing them allocates nothing
	flushFn   func(*render.Mesh)
	concaveFn func(*render.Item)
}

func newPainter() *painter {
	img := ebiten.NewImage(3, 3)
	img.Fill(colorWhite)
	p := &painter{white: img.SubImage(img.Bounds().Inset(1)).(*ebiten.Image), dash: newDashPattern(), text: newTextDrawer(glyphs.Go())}
	p.flushFn, p.concaveFn = p.flush, p.concave
	return p
}

// shapes draws the shapes of l onto dst, in order, in as few draw calls as
// the mesh's batches allow.
func (p *painter) shapes(dst *ebiten.Image, l *render.Layer) {
	p.dst = dst
	p.mesh.Reset()
	p.mesh.Shapes(l, p.flushFn, p.concaveFn)
	p.flush(&p.mesh)
	p.dst = nil
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

// dashTexels is the width of the dash pattern: at the figures' periods
// (8–10 CSS px) a texel, and so how far a dash's end may sit from its
// place, is half a pixel at ×1 and a pixel at ×2.
const dashTexels = 20

// newDashPattern is one period of render's dash pattern, a row of texels
// each opaque white where render.DashDrawn holds at its centre.
func newDashPattern() *ebiten.Image {
	img := ebiten.NewImage(dashTexels, 1)
	for i := range dashTexels {
		if render.DashDrawn((float64(i) + 0.5) / dashTexels) {
			img.Set(i, 0, colorWhite)
		}
	}
	return img
}

// flush draws the mesh's batch and empties it. A dashed batch samples the
// dash pattern at each vertex's U, repeating, so that one strip of
// triangles draws a whole dashed line.
func (p *painter) flush(m *render.Mesh) {
	if len(m.Indices) > 0 {
		p.vs = p.vs[:0]
		// The white pixel is at (1, 1); a solid batch's U is 0.
		src, op := p.white, ebiten.DrawTrianglesOptions{ColorScaleMode: ebiten.ColorScaleModePremultipliedAlpha}
		var texels, sx, sy float32 = 0, 1, 1
		if m.Dashed {
			src, op.Address = p.dash, ebiten.AddressRepeat
			texels, sx, sy = dashTexels, 0, 0.5
		}
		for _, v := range m.Vertices {
			p.vs = append(p.vs, ebiten.Vertex{DstX: v.X, DstY: v.Y, SrcX: sx + v.U*texels, SrcY: sy,
				ColorR: v.R, ColorG: v.G, ColorB: v.B, ColorA: v.A})
		}
		p.dst.DrawTriangles(p.vs, m.Indices, src, &op)
	}
	m.Reset()
}

// concave fills a polygon that fringes cannot antialias: alone, with the
// non-zero rule and Ebiten's antialiasing.
func (p *painter) concave(it *render.Item) {
	p.path = vector.Path{}
	p.path.MoveTo(float32(it.Pts[0].X), float32(it.Pts[0].Y))
	for _, q := range it.Pts[1:] {
		p.path.LineTo(float32(q.X), float32(q.Y))
	}
	p.path.Close()
	p.vs, p.is = p.path.AppendVerticesAndIndicesForFilling(p.vs[:0], p.is[:0])
	r, g, b, a := it.Color.Premultiplied()
	for i := range p.vs {
		p.vs[i].SrcX, p.vs[i].SrcY = 1, 1
		p.vs[i].ColorR, p.vs[i].ColorG, p.vs[i].ColorB, p.vs[i].ColorA = r, g, b, a
	}
	op := ebiten.DrawTrianglesOptions{AntiAlias: true, FillRule: ebiten.FillRuleNonZero, ColorScaleMode: ebiten.ColorScaleModePremultipliedAlpha}
	p.dst.DrawTriangles(p.vs, p.is, p.white, &op)
}
