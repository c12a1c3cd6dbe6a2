//go:build js

package main

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/adagrad-explained/adagrad/render"
	"github.com/adagrad-explained/adagrad/render/glyphs"
)

var colorWhite = color.White

// textDrawer draws Text items in the Go font. render/glyphs measures and
// rasterizes each glyph once per size; this puts the masks on a shared
// atlas image, white, and draws a layer's labels as tinted quads cut from
// it, in one draw call. It does what the lesson's labels need (one line,
// kerning, left/centre/right alignment, vertical centring) and no more:
// Ebiten's text/v2 package would pull a full shaping engine
// (go-text/typesetting) into the wasm, about 0.2 MB gzipped, for the same
// pictures.
type textDrawer struct {
	face    *glyphs.Face
	placed  map[*glyphs.Glyph]placement
	layouts map[layoutKey]*layout
	pages   []*ebiten.Image // the atlas; a new page when one is full
	x, y, h int             // where the next glyph goes on the last page, and its row's height
	page    int             // the page the quads in vs come from
	vs      []ebiten.Vertex
	is      []uint16
}

// placement is where a glyph's mask lies on the atlas.
type placement struct {
	page int
	src  image.Rectangle // empty for a glyph with no ink
}

// atlasSize is the side of an atlas page in pixels: room for the labels'
// few hundred glyphs at a handful of sizes.
const atlasSize = 1024

func newTextDrawer(face *glyphs.Face) *textDrawer {
	return &textDrawer{face: face, placed: map[*glyphs.Glyph]placement{}, layouts: map[layoutKey]*layout{}}
}

// onAtlas returns where g lies on the atlas, writing it there on first use.
func (t *textDrawer) onAtlas(g *glyphs.Glyph) placement {
	if p, ok := t.placed[g]; ok {
		return p
	}
	var p placement
	if g.W > 0 && g.H > 0 {
		p.page, p.src = t.place(g.W, g.H)
		// Ebiten may read the pixels after WritePixels returns: g.Pix is
		// the glyph's own slice and stays as it is.
		t.pages[p.page].SubImage(p.src).(*ebiten.Image).WritePixels(g.Pix)
	}
	t.placed[g] = p
	return p
}

// place finds room for a w×h glyph on the atlas, row by row, with a pixel
// of space around it so that neighbours never bleed into each other.
func (t *textDrawer) place(w, h int) (int, image.Rectangle) {
	if len(t.pages) > 0 && t.x+w+1 > atlasSize {
		t.x, t.y, t.h = 0, t.y+t.h+1, 0
	}
	if len(t.pages) == 0 || t.y+h+1 > atlasSize {
		t.pages = append(t.pages, newOwnTexture(atlasSize, atlasSize))
		t.x, t.y, t.h = 0, 0, 0
	}
	r := image.Rect(t.x+1, t.y+1, t.x+1+w, t.y+1+h)
	t.x += w + 1
	t.h = max(t.h, h+1)
	return len(t.pages) - 1, r
}

// layout is a label laid out at one size: its glyphs' pen positions from
// its start, kerning included, with their places on the atlas, and its
// width and line. Labels come back frame after frame (ticks, legends,
// titles); laying one out again costs a kerning-table search per pair of
// glyphs and several map lookups per glyph, drawing it from here none.
type layout struct {
	width, asc, desc float64
	glyphs           []laidGlyph
}

type laidGlyph struct {
	x float64 // the pen's position from the label's start
	g *glyphs.Glyph
	p placement
}

type layoutKey struct {
	s    string
	size int // glyphs.SizeKey
}

// maxLayouts bounds the layouts kept; past it they are all let go (labels
// with changing numbers would otherwise pile up).
const maxLayouts = 1024

// layoutOf returns s laid out at size, from the cache or made now.
func (t *textDrawer) layoutOf(s string, size float64) *layout {
	k := layoutKey{s, glyphs.SizeKey(size)}
	if l, ok := t.layouts[k]; ok {
		return l
	}
	l := &layout{}
	l.asc, l.desc = t.face.Line(size)
	x := 0.0
	var prev *glyphs.Glyph
	for _, r := range s {
		g := t.face.Glyph(r, size)
		if prev != nil {
			x += t.face.Kern(prev, g, size)
		}
		if p := t.onAtlas(g); !p.src.Empty() {
			l.glyphs = append(l.glyphs, laidGlyph{x: x, g: g, p: p})
		}
		x += g.Adv
		prev = g
	}
	l.width = x
	if len(t.layouts) >= maxLayouts {
		clear(t.layouts)
	}
	t.layouts[k] = l
	return l
}

// draw queues the quads of a Text item; flush draws them.
func (t *textDrawer) draw(dst *ebiten.Image, it *render.Item) {
	if it.Text == "" || !(it.Size > 0) || math.IsInf(it.Size, 0) {
		return
	}
	l := t.layoutOf(it.Text, it.Size)
	x := it.C.X
	switch it.Align {
	case render.AlignCenter:
		x -= l.width / 2
	case render.AlignRight:
		x -= l.width
	}
	// Vertically centred on C: the line box (ascent + descent) is split in two.
	base := math.Round(it.C.Y - (l.asc+l.desc)/2 + l.asc)
	if math.IsNaN(x) || math.IsNaN(base) || math.Abs(x) > 1e6 || math.Abs(base) > 1e6 {
		return
	}
	cr, cg, cb, a := it.Color.Premultiplied() // like the glyphs' pixels
	for _, lg := range l.glyphs {
		g, p := lg.g, lg.p
		if p.page != t.page || len(t.vs)+4 > render.MaxMeshVertices || len(t.is)+6 > render.MaxMeshIndices {
			t.flush(dst)
			t.page = p.page
		}
		x0, y0 := float32(math.Round(x+lg.x)+float64(g.DX)), float32(base+float64(g.DY))
		w, h := float32(p.src.Dx()), float32(p.src.Dy())
		sx, sy := float32(p.src.Min.X), float32(p.src.Min.Y)
		k := uint16(len(t.vs))
		v := ebiten.Vertex{ColorR: cr, ColorG: cg, ColorB: cb, ColorA: a}
		for _, c := range [4][2]float32{{0, 0}, {1, 0}, {1, 1}, {0, 1}} {
			v.DstX, v.DstY = x0+c[0]*w, y0+c[1]*h
			v.SrcX, v.SrcY = sx+c[0]*w, sy+c[1]*h
			t.vs = append(t.vs, v)
		}
		t.is = append(t.is, k, k+1, k+2, k, k+2, k+3)
	}
}

// flush draws the queued glyphs.
func (t *textDrawer) flush(dst *ebiten.Image) {
	if len(t.is) > 0 && t.page < len(t.pages) {
		op := ebiten.DrawTrianglesOptions{Filter: ebiten.FilterNearest, ColorScaleMode: ebiten.ColorScaleModePremultipliedAlpha}
		dst.DrawTriangles(t.vs, t.is, t.pages[t.page], &op)
	}
	t.vs, t.is = t.vs[:0], t.is[:0]
}
