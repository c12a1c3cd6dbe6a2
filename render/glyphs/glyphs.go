// Package glyphs measures and rasterizes the Go Regular font, the canvas's
// one typeface, in plain Go: the widths that lay labels out, the line
// metrics that centre them, and each glyph's coverage mask for the atlas the
// WebAssembly program draws from. Keeping this here rather than in the
// browser-only program lets the layout measure real glyphs and lets the
// metrics be tested natively.
//
// Sizes are in pixels, rounded to the half pixel (SizeKey): a label at 11.3
// px is measured and drawn at 11.5. A Face is safe for concurrent use.
package glyphs

import (
	"image"
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// Glyph is one rune at one size.
type Glyph struct {
	Index sfnt.GlyphIndex // 0, the font's missing-glyph box, when the font lacks the rune
	Adv   float64         // advance in pixels
	// The coverage mask, W×H pixels of premultiplied white RGBA (every
	// channel is the coverage), whose top-left lies at (DX, DY) from the pen
	// on the baseline, y growing downwards. W = H = 0 for a glyph with no
	// ink, a space.
	W, H, DX, DY int
	Pix          []byte
}

// Face is the Go Regular font with its glyphs cached by rune and size.
type Face struct {
	mu      sync.Mutex
	font    *sfnt.Font
	buf     sfnt.Buffer
	ras     vector.Rasterizer
	glyphs  map[glyphKey]*Glyph
	metrics map[int]font.Metrics
	widths  map[widthKey]float64 // the layout measures the same labels every frame
}

type glyphKey struct {
	r    rune
	size int
}

type widthKey struct {
	s    string
	size int
}

// maxWidths bounds the width cache; readouts whose numbers change every
// step would otherwise grow it without end.
const maxWidths = 4096

// Go returns the shared Face that the layout measures with and the canvas
// draws from, so each glyph is measured and rasterized once.
func Go() *Face {
	shared.Do(func() { shared.face = New() })
	return shared.face
}

var shared struct {
	sync.Once
	face *Face
}

// New parses the embedded Go Regular font into a Face of its own.
func New() *Face {
	f, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		panic("the embedded Go font does not parse: " + err.Error())
	}
	return &Face{font: f, glyphs: map[glyphKey]*Glyph{}, metrics: map[int]font.Metrics{}, widths: map[widthKey]float64{}}
}

// SizeKey is a pixel size in half pixels, at least 4 px (8).
func SizeKey(size float64) int {
	if !(size > 0) || math.IsInf(size, 0) {
		return 8
	}
	return max(8, int(math.Round(min(size, 4096)*2)))
}

func ppem(key int) fixed.Int26_6 { return fixed.Int26_6(key * 32) }

// Line returns the ascent and descent of a line at a size, in pixels.
func (f *Face) Line(size float64) (ascent, descent float64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	key := SizeKey(size)
	m, ok := f.metrics[key]
	if !ok {
		var err error
		if m, err = f.font.Metrics(&f.buf, ppem(key), font.HintingNone); err != nil {
			m = font.Metrics{Ascent: ppem(key) * 9 / 10, Descent: ppem(key) / 4}
		}
		f.metrics[key] = m
	}
	return float64(m.Ascent) / 64, float64(m.Descent) / 64
}

// Glyph returns r at a size, rasterizing it on first use. The Glyph is
// shared: read it, do not change it.
func (f *Face) Glyph(r rune, size float64) *Glyph {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.glyph(r, SizeKey(size))
}

// Kern is the kerning between two glyphs of the same size, 0 where the font
// has none.
func (f *Face) Kern(a, b *Glyph, size float64) float64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.kern(a.Index, b.Index, SizeKey(size))
}

// Width is the advance of s at a size, kerning included.
func (f *Face) Width(s string, size float64) float64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	key := SizeKey(size)
	if w, ok := f.widths[widthKey{s, key}]; ok {
		return w
	}
	w := 0.0
	var prev *Glyph
	for _, r := range s {
		g := f.glyph(r, key)
		if prev != nil {
			w += f.kern(prev.Index, g.Index, key)
		}
		w += g.Adv
		prev = g
	}
	if len(f.widths) >= maxWidths {
		clear(f.widths)
	}
	f.widths[widthKey{s, key}] = w
	return w
}

func (f *Face) kern(a, b sfnt.GlyphIndex, key int) float64 {
	k, err := f.font.Kern(&f.buf, a, b, ppem(key), font.HintingNone)
	if err != nil {
		return 0
	}
	return float64(k) / 64
}

func (f *Face) glyph(r rune, key int) *Glyph {
	k := glyphKey{r, key}
	if g, ok := f.glyphs[k]; ok {
		return g
	}
	g := &Glyph{}
	f.glyphs[k] = g
	idx, err := f.font.GlyphIndex(&f.buf, r)
	if err != nil {
		return g
	}
	g.Index = idx
	if adv, err := f.font.GlyphAdvance(&f.buf, idx, ppem(key), font.HintingNone); err == nil {
		g.Adv = float64(adv) / 64
	}
	segs, err := f.font.LoadGlyph(&f.buf, idx, ppem(key), nil)
	if err != nil || len(segs) == 0 {
		return g
	}
	f.rasterize(g, segs)
	return g
}

// rasterize fills in g's mask from its outline.
func (f *Face) rasterize(g *Glyph, segs []sfnt.Segment) {
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
		return
	}
	ox, oy := float32(x0), float32(y0)
	pt := func(p fixed.Point26_6) (float32, float32) {
		return float32(p.X)/64 - ox, float32(p.Y)/64 - oy
	}
	f.ras.Reset(w, h)
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			f.ras.MoveTo(pt(s.Args[0]))
		case sfnt.SegmentOpLineTo:
			f.ras.LineTo(pt(s.Args[0]))
		case sfnt.SegmentOpQuadTo:
			ax, ay := pt(s.Args[0])
			bx, by := pt(s.Args[1])
			f.ras.QuadTo(ax, ay, bx, by)
		case sfnt.SegmentOpCubeTo:
			ax, ay := pt(s.Args[0])
			bx, by := pt(s.Args[1])
			cx, cy := pt(s.Args[2])
			f.ras.CubeTo(ax, ay, bx, by, cx, cy)
		}
	}
	f.ras.ClosePath()
	// The rasterizer's fast path wants a mask exactly w×h.
	m := image.NewAlpha(image.Rect(0, 0, w, h))
	f.ras.Draw(m, m.Rect, image.Opaque, image.Point{})
	pix := make([]byte, 0, 4*w*h)
	for y := 0; y < h; y++ {
		for _, a := range m.Pix[y*m.Stride : y*m.Stride+w] {
			pix = append(pix, a, a, a, a)
		}
	}
	g.W, g.H, g.DX, g.DY, g.Pix = w, h, x0, y0, pix
}
