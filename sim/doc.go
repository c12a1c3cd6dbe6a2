// Package sim is the numerical core of the AdaGrad explainer: two landscapes,
// five optimizers (SGD, AdaGrad, RMSProp, Adam, and the full-matrix AdaGrad
// of the 2011 paper for small problems), a sparse AdaGrad update,
// simulated sparse gradients, and a Run that steps one optimizer on one
// landscape while keeping a bounded trail for drawing.
//
// The package uses only the standard library, so it is tested natively and as
// GOOS=js GOARCH=wasm under Node, and the figures run the very code the tests
// check.
//
// # Exactness
//
// Each optimizer performs the same float64 operations, in the same order, as
// the library whose convention it follows (PyTorch's single-tensor CPU path,
// or the ε-inside-the-root form of TF.js and Keras 3), so a trajectory from
// cmd/trace can be held against theirs. Go rounds every operation separately
// on amd64 (GOAMD64=v1, v2) and wasm; on platforms where the compiler may fuse
// a multiply and an add (arm64, GOAMD64=v3) the last bits can differ. The
// full-matrix AdaGrad has no library to follow: it is held to an
// eigendecomposition in NumPy, to 1e-9 relative.
//
// # Safety
//
// No NaN or ±Inf leaves a Run: a step that would produce a non-finite value,
// or move a coordinate beyond RunawayBound, is not taken; the run is marked
// Diverged and stays at its last finite point. The optimizers themselves are
// plain arithmetic and do not check their inputs.
//
// References: J. Duchi, E. Hazan, Y. Singer, "Adaptive Subgradient Methods for
// Online Learning and Stochastic Optimization", JMLR 12:2121–2159, 2011
// (AdaGrad, both forms); T. Tieleman, G. Hinton, Neural Networks for Machine Learning,
// lecture 6.5, 2012 (RMSProp); D. P. Kingma, J. Ba, "Adam: A Method for
// Stochastic Optimization", ICLR 2015 (Adam).
package sim
