package scene

import "github.com/adagrad-explained/adagrad/render"

// Frame is what one drawing pass produces: layers, each clipped to its own
// rectangle (a map's trail never spills over its neighbour). Its parts and
// their layers are reused from frame to frame.
type Frame struct {
	Parts []Part
	n     int
}

// Part is one clipped layer.
type Part struct {
	Clip  render.Rect
	Layer render.Layer
}

// Reset empties the frame, keeping its storage.
func (fr *Frame) Reset() { fr.n = 0 }

// Used returns the parts filled since the last Reset.
func (fr *Frame) Used() []Part { return fr.Parts[:fr.n] }

// Next starts a new part clipped to clip and returns its empty layer.
func (fr *Frame) Next(clip render.Rect) *render.Layer {
	if fr.n == len(fr.Parts) {
		fr.Parts = append(fr.Parts, Part{})
	}
	p := &fr.Parts[fr.n]
	fr.n++
	p.Clip = clip
	p.Layer.Reset()
	return &p.Layer
}
