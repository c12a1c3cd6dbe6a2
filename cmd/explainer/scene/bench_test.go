package scene

import (
	"testing"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/render"
)

// The Go side of one playing frame: advance the runs by a frame's worth of
// steps, then fill the dynamic layers and turn them into triangles. The page's budget is about a
// millisecond for the whole frame.
func BenchmarkPlayingFrame(b *testing.B) {
	for _, fig := range params.Figs {
		b.Run(fig, func(b *testing.B) {
			f := benchFigure(fig)
			f.Step(1000)
			var fr Frame
			var m render.Mesh
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				f.Step(17) // 1000 steps/s at 60 frames/s
				fr.Reset()
				f.DrawDynamic(&fr)
				tessellate(&fr, &m)
			}
		})
	}
}

// tessellate turns every part of fr into triangles, as the painter does
// before it hands them to the GPU.
func tessellate(fr *Frame, m *render.Mesh) {
	for i := range fr.Used() {
		m.Reset()
		m.Shapes(&fr.Parts[i].Layer, (*render.Mesh).Reset, nil)
	}
}

// benchFigure is fig with every run it can show, on a large HiDPI canvas.
func benchFigure(fig string) *Figure {
	v, _ := params.ParseQuery("fig=" + fig + "&forget=1")
	f := New(v, nil, false)
	f.Resize(1800, 1000, 2)
	return f
}

// The cached background: contours, axes and titles, drawn once per
// landscape, size or theme.
func BenchmarkStaticLayer(b *testing.B) {
	for _, fig := range params.Figs {
		b.Run(fig, func(b *testing.B) {
			v, _ := params.ParseQuery("fig=" + fig)
			f := New(v, nil, false)
			f.Resize(1800, 1000, 2)
			var fr Frame
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				f.contourK = contourKey{} // force the contours to be computed again
				fr.Reset()
				f.DrawStatic(&fr)
			}
		})
	}
}

// The Go side of one frame while the start point is dragged at the
// horizon: every run recomputed from the new start, then the dynamic layers
// and their triangles.
func BenchmarkDragFrame(b *testing.B) {
	for _, fig := range params.Figs {
		b.Run(fig, func(b *testing.B) {
			f := benchFigure(fig)
			if !f.HasStart() {
				b.Skip("no start point to drag")
			}
			f.Seek(f.Horizon())
			h := f.lay.panels[0].t.ToScreen(render.Pt{X: f.v.X0, Y: f.v.Y0})
			f.Pointer("down", h.X/f.dpr, h.Y/f.dpr)
			var fr Frame
			var m render.Mesh
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				f.Pointer("move", h.X/f.dpr+float64(i%20), h.Y/f.dpr+float64(i%7))
				fr.Reset()
				f.DrawDynamic(&fr)
				tessellate(&fr, &m)
			}
		})
	}
}

// Seeking to the horizon and back: Reset, then every step again.
func BenchmarkSeek(b *testing.B) {
	v, _ := params.ParseQuery("fig=freeze&forget=1")
	f := New(v, nil, false)
	b.ReportAllocs()
	for b.Loop() {
		f.Seek(3000)
		f.Seek(0)
	}
}
