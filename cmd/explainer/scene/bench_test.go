package scene

import (
	"testing"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
)

// The Go side of one playing frame: advance the runs by a frame's worth of
// steps, then fill the dynamic layers. The page's budget is about a
// millisecond for the whole frame.
func BenchmarkPlayingFrame(b *testing.B) {
	for _, fig := range params.Figs {
		b.Run(fig, func(b *testing.B) {
			v, _ := params.ParseQuery("fig=" + fig + "&forget=1")
			f := New(v, nil, false)
			f.Resize(1800, 1000, 2)
			f.Step(1000)
			var fr Frame
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				f.Step(17) // 1000 steps/s at 60 frames/s
				fr.Reset()
				f.DrawDynamic(&fr)
			}
		})
	}
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
