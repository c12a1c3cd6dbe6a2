// Package render turns a figure's state into plain geometry: a display list
// of strokes, fills, circles and text in screen (device) pixels, plus the
// helpers that build it — world↔screen transforms, contour lines, arrows,
// ellipses, bars, plot axes and ticks. Mesh turns a layer's shapes into
// antialiased, coloured triangles, and the package holds the one colour
// palette shared by the canvas and the page's CSS.
//
// It imports nothing but the standard library and knows nothing of Ebiten or
// the browser, so it compiles natively and under GOOS=js GOARCH=wasm and is
// tested with a plain `go test`. The Ebiten layer only hands a Mesh's
// triangles (and a layer's text) to the GPU; it never computes geometry itself.
//
// Conventions: screen y grows downwards, world y grows upwards. Nothing meant
// for display leaves this package as NaN or ±Inf: helpers skip or clamp bad
// input instead.
package render

//go:generate go run ./cmd/palettecss -o ../web/palette.css
