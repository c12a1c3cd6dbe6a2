//go:build js

package main

import (
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"
)

// shoot hands the picture on screen to the capture callbacks that wait for
// it, as opaque RGBA bytes (a Uint8ClampedArray, ready for ImageData) over
// the theme's background, with the width and height in device pixels.
//
// The canvas is transparent and its WebGL context keeps no drawing buffer
// once a frame is shown, so the page cannot read it back reliably; the
// screen image can be read here, in Draw, where it holds the frame just
// painted (the screen is not cleared between frames).
func (g *game) shoot(screen *ebiten.Image) {
	shots := g.shots
	g.shots = nil
	b := screen.Bounds()
	w, h := b.Dx(), b.Dy()
	px := make([]byte, 4*w*h)
	screen.ReadPixels(px)
	// Ebiten's pixels carry premultiplied alpha: over an opaque background
	// each channel is c + bg·(1 − α).
	bg := g.fig.Background()
	for i := 0; i < len(px); i += 4 {
		rest := 255 - uint32(px[i+3])
		px[i+0] = over(px[i+0], bg.R, rest)
		px[i+1] = over(px[i+1], bg.G, rest)
		px[i+2] = over(px[i+2], bg.B, rest)
		px[i+3] = 255
	}
	arr := js.Global().Get("Uint8ClampedArray").New(len(px))
	js.CopyBytesToJS(arr, px)
	for _, cb := range shots {
		cb.Invoke(arr, w, h)
	}
}

func over(c, bg uint8, rest uint32) uint8 {
	return uint8(min(255, uint32(c)+(uint32(bg)*rest+127)/255))
}
