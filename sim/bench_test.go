package sim

import "testing"

// One 2-D AdaGrad step on a bare optimizer (the lesson's step).
func BenchmarkAdaGradStep2D(b *testing.B) {
	o := New(DefaultConfig(AdaGrad), 2)
	x, g := []float64{-4.5, 2}, []float64{-0.9, 20}
	b.ReportAllocs()
	for b.Loop() {
		o.Step(x, g)
	}
}

// One full Run step on the 2-D valley: gradient, dropout, step, divergence
// and freeze checks, trail.
func BenchmarkRunStep2D(b *testing.B) {
	l := NewValley(0.2, 10, 0)
	r := NewRun(l, DefaultConfig(AdaGrad), l.Start(), &Dropout{P: 0.3, Coord: 1, Seed: 1})
	b.ReportAllocs()
	for b.Loop() {
		if !r.Step() {
			r.Reset(l.Start())
		}
	}
}

const (
	bigDim = 1_000_000
	bigNNZ = 100
)

func sparseGrad() (dense []float64, idx []int, val []float64) {
	dense = make([]float64, bigDim)
	for k := 0; k < bigNNZ; k++ {
		i := (k*7919 + 13) * 97 % bigDim
		idx = append(idx, i)
		val = append(val, float64(k%7)-3.5)
		dense[i] = val[k]
	}
	return dense, idx, val
}

// A dense AdaGrad step over a million coordinates, 100 of them non-zero.
func BenchmarkAdaGradDense1e6(b *testing.B) {
	o := New(PyTorchConfig(AdaGrad), bigDim)
	x := make([]float64, bigDim)
	g, _, _ := sparseGrad()
	b.ReportAllocs()
	for b.Loop() {
		o.Step(x, g)
	}
}

// For scale: a dense step whose gradient has no zeros at all.
func BenchmarkAdaGradDense1e6AllNonZero(b *testing.B) {
	o := New(PyTorchConfig(AdaGrad), bigDim)
	x := make([]float64, bigDim)
	g := make([]float64, bigDim)
	for i := range g {
		g[i] = float64(i%7) - 3.5
	}
	b.ReportAllocs()
	for b.Loop() {
		o.Step(x, g)
	}
}

// The same gradient through the sparse path: cost ∝ 100, not 10⁶.
func BenchmarkAdaGradSparse1e6(b *testing.B) {
	o := New(PyTorchConfig(AdaGrad), bigDim).(*AdaGradOpt)
	x := make([]float64, bigDim)
	_, idx, val := sparseGrad()
	b.ReportAllocs()
	for b.Loop() {
		o.StepSparse(x, idx, val)
	}
}

// A figure's recompute while its start point is dragged: the freeze
// figure's 3000 steps from a new start, through the 2-D kernel.
func BenchmarkRunReplay3000(b *testing.B) {
	for _, m := range []Method{AdaGrad, RMSProp} {
		b.Run(m.String(), func(b *testing.B) {
			l := NewValley(0.2, 10, 0)
			r := NewRun(l, DefaultConfig(m), []float64{-40, 5}, nil)
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				r.Reset([]float64{-40 + float64(i%7), 5})
				r.Steps(3000)
			}
		})
	}
}

// One 2-D full-matrix AdaGrad step on a bare optimizer: the closed-form
// inverse root of the 2×2 G.
func BenchmarkAdaGradFullStep2D(b *testing.B) {
	o := New(DefaultConfig(AdaGradFull), 2)
	x, g := []float64{-4.5, 2}, []float64{-0.9, 20}
	b.ReportAllocs()
	for b.Loop() {
		o.Step(x, g)
	}
}

// One full Run step of full-matrix AdaGrad on the valley turned by 45°.
func BenchmarkRunStep2DFull(b *testing.B) {
	l := NewValley(0.2, 10, 45)
	r := NewRun(l, DefaultConfig(AdaGradFull), l.Start(), nil)
	b.ReportAllocs()
	for b.Loop() {
		if !r.Step() {
			r.Reset(l.Start())
		}
	}
}

// One 10-D full-matrix step: a Jacobi eigendecomposition of the 10×10 G,
// the d³ that keeps the full form out of real models.
func BenchmarkAdaGradFullStep10D(b *testing.B) {
	o := New(DefaultConfig(AdaGradFull), 10)
	x, g := make([]float64, 10), make([]float64, 10)
	k := 0
	b.ReportAllocs()
	for b.Loop() {
		for i := range g {
			g[i] = float64((i*7+k)%11) - 5 // gradients that turn, so G stays full rank
		}
		k++
		o.Step(x, g)
	}
}
