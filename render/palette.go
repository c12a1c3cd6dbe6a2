package render

import (
	"fmt"
	"strings"
)

// Palette is the one set of colours used by the canvas and, through the
// generated web/palette.css, by the page. Hues follow Okabe & Ito's
// colour-blind-safe set, darkened where needed in Light so that every colour
// used for text (Text, Muted, Minimum, the method colours, Grad, Step, Accum,
// Warn) keeps a contrast of at least 4.5:1 on both Bg and Panel (a test
// checks it).
type Palette struct {
	Bg, Panel, Text, Muted, Grid, Contour, Minimum Color
	SGD, AdaGrad, RMSProp                          Color
	Grad, Step, Accum, Warn                        Color
}

// Hex parses "#rrggbb" or "#rrggbbaa". It panics on anything else, so it is
// for constants only. It runs at start-up, for every colour of both
// palettes, so it parses by hand rather than through fmt's scanner.
func Hex(s string) Color {
	if (len(s) != 7 && len(s) != 9) || s[0] != '#' {
		panic("render.Hex(" + s + "): want #rrggbb or #rrggbbaa")
	}
	var b [4]uint8
	b[3] = 255
	for i := 1; i < len(s); i += 2 {
		hi, ok1 := hexDigit(s[i])
		lo, ok2 := hexDigit(s[i+1])
		if !ok1 || !ok2 {
			panic("render.Hex(" + s + "): not a hex digit")
		}
		b[i/2] = hi<<4 | lo
	}
	return Color{R: b[0], G: b[1], B: b[2], A: b[3]}
}

// hexDigit returns the value of one hexadecimal digit, either case.
func hexDigit(c byte) (uint8, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// String returns "#rrggbb", or "#rrggbbaa" when not opaque.
func (c Color) String() string {
	if c.A == 255 {
		return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
	}
	return fmt.Sprintf("#%02x%02x%02x%02x", c.R, c.G, c.B, c.A)
}

var (
	// Light is the palette on a white page.
	Light = Palette{
		Bg: Hex("#ffffff"), Panel: Hex("#f6f7f9"), Text: Hex("#1b1f24"), Muted: Hex("#5b6470"),
		Grid: Hex("#d9dde3"), Contour: Hex("#9aa3ad"), Minimum: Hex("#1b1f24"),
		SGD: Hex("#b85000"), AdaGrad: Hex("#0072b2"), RMSProp: Hex("#008060"),
		Grad: Hex("#c4377f"), Step: Hex("#8a6d00"), Accum: Hex("#6a3d9a"), Warn: Hex("#b00020"),
	}
	// Dark is the palette on a near-black page.
	Dark = Palette{
		Bg: Hex("#111418"), Panel: Hex("#1a1f26"), Text: Hex("#e8ecf1"), Muted: Hex("#a3adb8"),
		Grid: Hex("#2c333c"), Contour: Hex("#5d6874"), Minimum: Hex("#e8ecf1"),
		SGD: Hex("#ff8c4a"), AdaGrad: Hex("#56b4e9"), RMSProp: Hex("#3fd0a4"),
		Grad: Hex("#f07cbc"), Step: Hex("#f0c341"), Accum: Hex("#b79ae0"), Warn: Hex("#ff6b7a"),
	}
)

// Vars returns the palette's CSS custom properties in a fixed order, as
// (name, colour) pairs: --c-bg, --c-panel, … --c-warn.
func (p Palette) Vars() [][2]string {
	return [][2]string{
		{"--c-bg", p.Bg.String()},
		{"--c-panel", p.Panel.String()},
		{"--c-text", p.Text.String()},
		{"--c-muted", p.Muted.String()},
		{"--c-grid", p.Grid.String()},
		{"--c-contour", p.Contour.String()},
		{"--c-min", p.Minimum.String()},
		{"--c-sgd", p.SGD.String()},
		{"--c-adagrad", p.AdaGrad.String()},
		{"--c-rmsprop", p.RMSProp.String()},
		{"--c-grad", p.Grad.String()},
		{"--c-step", p.Step.String()},
		{"--c-accum", p.Accum.String()},
		{"--c-warn", p.Warn.String()},
	}
}

// CSS returns the palette as one ":root{--c-bg:#ffffff;…}" rule.
func (p Palette) CSS() string { return p.rule(":root") }

func (p Palette) rule(selector string) string {
	var b strings.Builder
	b.WriteString(selector)
	b.WriteString("{")
	for _, v := range p.Vars() {
		b.WriteString(v[0])
		b.WriteString(":")
		b.WriteString(v[1])
		b.WriteString(";")
	}
	b.WriteString("}")
	return b.String()
}

// PaletteCSS returns the whole of web/palette.css: Light by default, Dark
// when the reader prefers a dark scheme, and either one forced by
// data-theme="light" or data-theme="dark" on the root element (the figure's
// theme=… parameter).
func PaletteCSS() string {
	var b strings.Builder
	b.WriteString("/* Generated from render.Light and render.Dark by `go generate ./render`. Do not edit. */\n")
	b.WriteString(Light.rule(":root") + "\n")
	b.WriteString("@media (prefers-color-scheme: dark) {\n" + Dark.rule(`:root:not([data-theme="light"])`) + "\n}\n")
	b.WriteString(Dark.rule(`:root[data-theme="dark"]`) + "\n")
	b.WriteString(Light.rule(`:root[data-theme="light"]`) + "\n")
	return b.String()
}
