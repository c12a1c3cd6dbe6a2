package render

import (
	"math"
	"os"
	"strings"
	"testing"
)

// The committed web/palette.css must be exactly what the Go palette generates.
func TestPaletteCSSFileUpToDate(t *testing.T) {
	got, err := os.ReadFile("../web/palette.css")
	if err != nil {
		t.Fatalf("read web/palette.css: %v (run `go generate ./render`)", err)
	}
	if string(got) != PaletteCSS() {
		t.Fatalf("web/palette.css is stale: run `go generate ./render`\nwant:\n%s\ngot:\n%s", PaletteCSS(), got)
	}
}

func TestPaletteCSSNames(t *testing.T) {
	css := Light.CSS()
	for _, name := range []string{"--c-bg", "--c-panel", "--c-text", "--c-muted", "--c-grid", "--c-contour", "--c-min",
		"--c-sgd", "--c-adagrad", "--c-rmsprop", "--c-grad", "--c-step", "--c-accum", "--c-warn"} {
		if !strings.Contains(css, name+":#") {
			t.Errorf("Light.CSS() lacks %s: %s", name, css)
		}
	}
	if !strings.HasPrefix(css, ":root{--c-bg:#ffffff;") || !strings.HasSuffix(css, "}") {
		t.Errorf("Light.CSS() = %q", css)
	}
	if strings.Contains(Dark.CSS(), "#ffffff") {
		t.Errorf("Dark palette has a white colour: %s", Dark.CSS())
	}
}

func TestHexRoundTrip(t *testing.T) {
	for _, s := range []string{"#000000", "#ffffff", "#0072b2", "#12345678", "#a0b1c2d3"} {
		if got := Hex(s).String(); got != s {
			t.Errorf("Hex(%q).String() = %q", s, got)
		}
	}
	if got, want := Hex("#0A0b0C"), (Color{R: 10, G: 11, B: 12, A: 255}); got != want {
		t.Errorf("Hex(\"#0A0b0C\") = %+v, want %+v", got, want)
	}
}

func TestHexPanicsOnBadInput(t *testing.T) {
	for _, s := range []string{"", "#12", "#1234567", "123456", "1234567", "#12345g", "#12 456", "#-12345", "#1234567890"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Hex(%q) did not panic", s)
				}
			}()
			Hex(s)
		}()
	}
}

// WCAG 2 relative luminance and contrast ratio.
func luminance(c Color) float64 {
	lin := func(u uint8) float64 {
		v := float64(u) / 255
		if v <= 0.03928 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

func contrast(a, b Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func TestPaletteContrast(t *testing.T) {
	for name, p := range map[string]Palette{"Light": Light, "Dark": Dark} {
		text := map[string]Color{"Text": p.Text, "Muted": p.Muted, "Minimum": p.Minimum, "SGD": p.SGD,
			"AdaGrad": p.AdaGrad, "RMSProp": p.RMSProp, "Grad": p.Grad, "Step": p.Step, "Accum": p.Accum, "Warn": p.Warn}
		for k, c := range text {
			for bgName, bg := range map[string]Color{"Bg": p.Bg, "Panel": p.Panel} {
				if r := contrast(c, bg); r < 4.5 {
					t.Errorf("%s.%s %v on %s %v: contrast %.2f < 4.5", name, k, c, bgName, bg, r)
				}
			}
		}
		// Contours and grid must be visible but quieter than text.
		if r := contrast(p.Contour, p.Bg); r < 1.8 || r > contrast(p.Muted, p.Bg) {
			t.Errorf("%s.Contour contrast %.2f out of [1.8, Muted]", name, r)
		}
		if r := contrast(p.Grid, p.Bg); r < 1.2 {
			t.Errorf("%s.Grid contrast %.2f < 1.2", name, r)
		}
	}
}
