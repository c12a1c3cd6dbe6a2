//go:build js

package main

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/adagrad-explained/adagrad/render"
)

var colorWhite = color.White

// textDrawer draws Text items in the Go font. It reads glyph outlines with
// golang.org/x/image/font/sfnt, rasterizes each glyph once per size with
// golang.org/x/image/vector into a shared atlas image, white, and draws a
// layer's labels as tinted quads cut from the atlas, in one draw call. It
// does what the lesson's labels need (one line, kerning, left/centre/right
// alignment, vertical centring) and no more: Ebiten's text/v2 package would
// pull a full shaping engine (go-text/typesetting) into the wasm, about
// 0.2 MB gzipped, for the same pictures.
type textDrawer struct {
	font    *sfnt.Font
	buf     sfnt.Buffer
	ras     vector.Rasterizer
	glyphs  map[glyphKey]*glyph
	metrics map[int]font.Metrics
	pages   []*ebiten.Image // the atlas; a new page when one is full
	x, y, h int             // where the next glyph goes on the last page, and its row's height
	page    int             // the page the quads in vs come from
	vs      []ebiten.Vertex
	is      []uint16
}

// atlasSize is the side of an atlas page in pixels: room for the labels'
// few hundred glyphs at a handful of sizes.
const atlasSize = 1024

// glyphKey names a glyph at a size, in half pixels.
type glyphKey struct {
	r    rune
	size int
}

type glyph struct {
	idx    sfnt.GlyphIndex
	page   int             // atlas page
	src    image.Rectangle // where on it; empty for a glyph with no ink (a space)
	dx, dy int             // its top-left, relative to the pen on the baseline
	adv    float64
}

func newTextDrawer() *textDrawer {
	f, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		panic("the embedded Go font does not parse: " + err.Error())
	}
	return &textDrawer{font: f, glyphs: map[glyphKey]*glyph{}, metrics: map[int]font.Metrics{}}
}

// sizeKey rounds a pixel size to the half pixel, at least 4 px.
func sizeKey(size float64) int {
	return max(8, int(math.Round(size*2)))
}

func ppem(key int) fixed.Int26_6 { return fixed.Int26_6(key * 32) }

func (t *textDrawer) lineMetrics(key int) font.Metrics {
	if m, ok := t.metrics[key]; ok {
		return m
	}
	m, err := t.font.Metrics(&t.buf, ppem(key), font.HintingNone)
	if err != nil {
		m = font.Metrics{Ascent: ppem(key) * 9 / 10, Descent: ppem(key) / 4}
	}
	t.metrics[key] = m
	return m
}

// glyph returns r at a size, rasterizing it on first use.
func (t *textDrawer) glyph(r rune, key int) *glyph {
	k := glyphKey{r, key}
	if g, ok := t.glyphs[k]; ok {
		return g
	}
	g := &glyph{}
	t.glyphs[k] = g
	idx, err := t.font.GlyphIndex(&t.buf, r)
	if err != nil {
		return g
	}
	g.idx = idx // 0, the font's missing-glyph box, when the font lacks r
	if adv, err := t.font.GlyphAdvance(&t.buf, idx, ppem(key), font.HintingNone); err == nil {
		g.adv = float64(adv) / 64
	}
	segs, err := t.font.LoadGlyph(&t.buf, idx, ppem(key), nil)
	if err != nil || len(segs) == 0 {
		return g
	}
	// The outline's pixel bounds (y grows downwards from the baseline).
	minX, minY := fixed.Int26_6(math.MaxInt32), fixed.Int26_6(math.MaxInt32)
	maxX, maxY := -minX, -minY
	for _, s := range segs {
		n := 1
		switch s.Op {
		case sfnt.SegmentOpQuadTo:
			n = 2
		case sfnt.SegmentOpCubeTo:
			n = 3
		}
		for _, p := range s.Args[:n] {
			minX, maxX = min(minX, p.X), max(maxX, p.X)
			minY, maxY = min(minY, p.Y), max(maxY, p.Y)
		}
	}
	x0, y0 := minX.Floor(), minY.Floor()
	w, h := maxX.Ceil()-x0, maxY.Ceil()-y0
	if w <= 0 || h <= 0 || w > 1024 || h > 1024 {
		return g
	}
	ox, oy := float32(x0), float32(y0)
	pt := func(p fixed.Point26_6) (float32, float32) {
		return float32(p.X)/64 - ox, float32(p.Y)/64 - oy
	}
	t.ras.Reset(w, h)
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			t.ras.MoveTo(pt(s.Args[0]))
		case sfnt.SegmentOpLineTo:
			t.ras.LineTo(pt(s.Args[0]))
		case sfnt.SegmentOpQuadTo:
			ax, ay := pt(s.Args[0])
			bx, by := pt(s.Args[1])
			t.ras.QuadTo(ax, ay, bx, by)
		case sfnt.SegmentOpCubeTo:
			ax, ay := pt(s.Args[0])
			bx, by := pt(s.Args[1])
			cx, cy := pt(s.Args[2])
			t.ras.CubeTo(ax, ay, bx, by, cx, cy)
		}
	}
	t.ras.ClosePath()
	// The rasterizer's fast path wants a mask exactly w×h.
	m := image.NewAlpha(image.Rect(0, 0, w, h))
	t.ras.Draw(m, m.Rect, image.Opaque, image.Point{})
	// White, premultiplied: every channel is the coverage. A fresh slice
	// per glyph, since Ebiten may read it after WritePixels returns.
	pix := make([]byte, 0, 4*w*h)
	for y := 0; y < h; y++ {
		for _, a := range m.Pix[y*m.Stride : y*m.Stride+w] {
			pix = append(pix, a, a, a, a)
		}
	}
	g.page, g.src = t.place(w, h)
	t.pages[g.page].SubImage(g.src).(*ebiten.Image).WritePixels(pix)
	g.dx, g.dy = x0, y0
	return g
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

// kern is the kerning between two glyphs, 0 where the font has none.
func (t *textDrawer) kern(a, b sfnt.GlyphIndex, key int) float64 {
	k, err := t.font.Kern(&t.buf, a, b, ppem(key), font.HintingNone)
	if err != nil {
		return 0
	}
	return float64(k) / 64
}

// width is the advance of s at a size, kerning included.
func (t *textDrawer) width(s string, key int) float64 {
	w := 0.0
	var prev *glyph
	for _, r := range s {
		g := t.glyph(r, key)
		if prev != nil {
			w += t.kern(prev.idx, g.idx, key)
		}
		w += g.adv
		prev = g
	}
	return w
}

// draw queues the quads of a Text item; flush draws them.
func (t *textDrawer) draw(dst *ebiten.Image, it *render.Item) {
	if it.Text == "" || !(it.Size > 0) || math.IsInf(it.Size, 0) {
		return
	}
	key := sizeKey(it.Size)
	x := it.C.X
	switch it.Align {
	case render.AlignCenter:
		x -= t.width(it.Text, key) / 2
	case render.AlignRight:
		x -= t.width(it.Text, key)
	}
	// Vertically centred on C: the line box (ascent + descent) is split in two.
	m := t.lineMetrics(key)
	asc, desc := float64(m.Ascent)/64, float64(m.Descent)/64
	base := math.Round(it.C.Y - (asc+desc)/2 + asc)
	if math.IsNaN(x) || math.IsNaN(base) || math.Abs(x) > 1e6 || math.Abs(base) > 1e6 {
		return
	}
	cr, cg, cb, a := it.Color.Premultiplied() // like the glyphs' pixels
	var prev *glyph
	for _, r := range it.Text {
		g := t.glyph(r, key)
		if prev != nil {
			x += t.kern(prev.idx, g.idx, key)
		}
		if !g.src.Empty() {
			if g.page != t.page || len(t.vs)+4 > render.MaxMeshVertices || len(t.is)+6 > render.MaxMeshIndices {
				t.flush(dst)
				t.page = g.page
			}
			x0, y0 := float32(math.Round(x)+float64(g.dx)), float32(base+float64(g.dy))
			w, h := float32(g.src.Dx()), float32(g.src.Dy())
			sx, sy := float32(g.src.Min.X), float32(g.src.Min.Y)
			k := uint16(len(t.vs))
			v := ebiten.Vertex{ColorR: cr, ColorG: cg, ColorB: cb, ColorA: a}
			for _, c := range [4][2]float32{{0, 0}, {1, 0}, {1, 1}, {0, 1}} {
				v.DstX, v.DstY = x0+c[0]*w, y0+c[1]*h
				v.SrcX, v.SrcY = sx+c[0]*w, sy+c[1]*h
				t.vs = append(t.vs, v)
			}
			t.is = append(t.is, k, k+1, k+2, k, k+2, k+3)
		}
		x += g.adv
		prev = g
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
