package glyphs

import (
	"math"
	"sync"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// Width is the sum of the font's own advances and kerning, read here
// straight from sfnt at the same size.
func TestWidthIsTheFontsAdvancesAndKerning(t *testing.T) {
	f := New()
	ref, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	for _, c := range []struct {
		s    string
		size float64
	}{{"start: drag me", 12}, {"AV", 40}, {"−4.5", 11}, {"loss f(x, y), log scale", 13.5}, {"G = (0.0689, 1094)", 24}} {
		ppem := ppem(SizeKey(c.size))
		want := 0.0
		var prev sfnt.GlyphIndex
		for i, r := range c.s {
			idx, _ := ref.GlyphIndex(&buf, r)
			if i > 0 {
				k, _ := ref.Kern(&buf, prev, idx, ppem, font.HintingNone)
				want += float64(k) / 64
			}
			adv, _ := ref.GlyphAdvance(&buf, idx, ppem, font.HintingNone)
			want += float64(adv) / 64
			prev = idx
		}
		if got := f.Width(c.s, c.size); math.Abs(got-want) > 1e-9 || got <= 0 {
			t.Errorf("Width(%q, %g) = %g, want %g", c.s, c.size, got, want)
		}
	}
}

func TestWidthBehaves(t *testing.T) {
	f := New()
	if w := f.Width("", 12); w != 0 {
		t.Errorf("Width of nothing = %g", w)
	}
	if a, b := f.Width("iiii", 12), f.Width("WWWW", 12); !(a < b/2) {
		t.Errorf("iiii is %g px and WWWW %g: a proportional font's i is far narrower", a, b)
	}
	// Twice the size, twice the width, to the 26.6 rounding of each advance.
	if a, b := f.Width("minimum", 10), f.Width("minimum", 20); math.Abs(b-2*a) > 0.2 {
		t.Errorf("minimum: %g px at 10, %g at 20", a, b)
	}
	// Nonsense sizes measure at the smallest size, never NaN.
	for _, size := range []float64{0, -3, math.NaN(), math.Inf(1)} {
		if w := f.Width("x", size); math.IsNaN(w) || w <= 0 || w > f.Width("x", 1e4) {
			t.Errorf("Width(x, %g) = %g", size, w)
		}
	}
}

func TestGlyphMasks(t *testing.T) {
	f := New()
	a := f.Glyph('A', 16)
	if a.W <= 0 || a.H <= 0 || len(a.Pix) != 4*a.W*a.H || a.Adv <= 0 {
		t.Fatalf("A at 16 px: %d×%d mask, %d bytes, advance %g", a.W, a.H, len(a.Pix), a.Adv)
	}
	// The A stands on the baseline: its top is above it (DY < 0), its
	// bottom at it, to the pixel.
	if a.DY >= 0 || a.DY+a.H < 0 || a.DY+a.H > 1 {
		t.Errorf("A's mask spans y %d to %d around the baseline", a.DY, a.DY+a.H)
	}
	ink := 0
	for i := 0; i < len(a.Pix); i += 4 {
		if a.Pix[i] != a.Pix[i+3] || a.Pix[i+1] != a.Pix[i+3] || a.Pix[i+2] != a.Pix[i+3] {
			t.Fatalf("pixel %d is %v: not premultiplied white", i/4, a.Pix[i:i+4])
		}
		if a.Pix[i+3] > 128 {
			ink++
		}
	}
	if ink < a.W*a.H/8 || ink == a.W*a.H {
		t.Errorf("A has %d of %d pixels inked", ink, a.W*a.H)
	}
	if sp := f.Glyph(' ', 16); sp.W != 0 || sp.Pix != nil || sp.Adv <= 0 {
		t.Errorf("space: %d×%d mask, advance %g; want no ink and an advance", sp.W, sp.H, sp.Adv)
	}
	if f.Glyph('A', 16) != a || f.Glyph('A', 16.2) != a {
		t.Error("the same rune at the same half-pixel size is not the cached glyph")
	}
	asc, desc := f.Line(16)
	if !(asc > 10 && asc < 16 && desc > 2 && desc < 6) {
		t.Errorf("line at 16 px: ascent %g, descent %g", asc, desc)
	}
}

// The layout and the canvas share one Face from different goroutines in
// tests; the race detector watches this.
func TestConcurrentUse(t *testing.T) {
	f := Go()
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 50 {
				f.Width("step 120", float64(8+i+k%7))
				f.Glyph(rune('a'+k%26), 12)
			}
		}()
	}
	wg.Wait()
}

// A label's width, warm: what the layout pays per label per frame.
func BenchmarkWidth(b *testing.B) {
	f := New()
	f.Width("effective rate per coordinate, log scale", 13)
	b.ReportAllocs()
	for b.Loop() {
		f.Width("effective rate per coordinate, log scale", 13)
	}
}

// A label measured before and one never seen: the cache's hit and miss.
func BenchmarkWidthUncached(b *testing.B) {
	f := New()
	labels := make([]string, 5000)
	for i := range labels {
		labels[i] = "step " + string(rune('a'+i%26)) + string(rune('A'+i/26%26)) + string(rune('0'+i/676))
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		f.Width(labels[i%len(labels)], 13)
		i++
	}
}

// The width cache answers as the measurement does, and stays bounded.
func TestWidthCache(t *testing.T) {
	f := New()
	first := f.Width("Step 120. SGD: x = −2.92", 13)
	for i := range 3 * maxWidths {
		f.Width("label "+string(rune(0x400+i)), 13)
	}
	if n := len(f.widths); n > maxWidths {
		t.Errorf("%d widths cached, over the bound %d", n, maxWidths)
	}
	if again := f.Width("Step 120. SGD: x = −2.92", 13); again != first {
		t.Errorf("measured again after the cache was cleared: %g, first %g", again, first)
	}
}
