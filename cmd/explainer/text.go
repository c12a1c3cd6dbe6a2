//go:build js

package main

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"

	"github.com/adagrad-explained/adagrad/render"
)

var colorWhite = color.White

// textDrawer draws Text items with the Go font through text.NewGoXFace, the
// lighter of Ebiten's two font paths in a wasm build. Faces are cached by
// pixel size, rounded to the half pixel.
type textDrawer struct {
	font  *opentype.Font
	faces map[int]*text.GoXFace
	op    text.DrawOptions
}

func newTextDrawer() *textDrawer {
	f, err := opentype.Parse(goregular.TTF)
	if err != nil {
		panic("the embedded Go font does not parse: " + err.Error())
	}
	return &textDrawer{font: f, faces: map[int]*text.GoXFace{}}
}

func (t *textDrawer) face(size float64) *text.GoXFace {
	key := int(math.Round(size * 2))
	if key < 8 {
		key = 8
	}
	if f, ok := t.faces[key]; ok {
		return f
	}
	ff, err := opentype.NewFace(t.font, &opentype.FaceOptions{Size: float64(key) / 2, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil
	}
	f := text.NewGoXFace(ff)
	t.faces[key] = f
	return f
}

func (t *textDrawer) draw(dst *ebiten.Image, it *render.Item) {
	if it.Text == "" || it.Size <= 0 {
		return
	}
	f := t.face(it.Size)
	if f == nil {
		return
	}
	op := &t.op
	op.GeoM.Reset()
	op.GeoM.Translate(it.C.X, it.C.Y)
	op.ColorScale.Reset()
	op.ColorScale.ScaleWithColor(color.NRGBA{it.Color.R, it.Color.G, it.Color.B, it.Color.A})
	op.SecondaryAlign = text.AlignCenter
	switch it.Align {
	case render.AlignCenter:
		op.PrimaryAlign = text.AlignCenter
	case render.AlignRight:
		op.PrimaryAlign = text.AlignEnd
	default:
		op.PrimaryAlign = text.AlignStart
	}
	text.Draw(dst, it.Text, f, op)
}
