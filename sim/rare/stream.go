package rare

import "math/bits"

// uniforms hands out the numbers in [0, 1) that rand.New(rand.NewPCG(…))
// would give from its Float64, number for number, made a block at a time.
// The generator is math/rand/v2's PCG written out here: a 128-bit linear
// congruential state with the "DXSM" output permutation (M. E. O'Neill,
// pcg-random.org; the constants are the library's). In Go's WebAssembly
// each number from rand.PCG cost two calls that the compiler does not
// inline, with the state in memory; fill keeps it in locals for a whole
// block, and get is small enough to inline. TestUniformsMatchLibrary holds
// the numbers to the library's.
type uniforms struct {
	hi, lo uint64 // the state after the last number made
	buf    [64]float64
	next   int // buf[next:] are made but not handed out yet
}

// The multiplier and increment of the 128-bit state, and the 64-bit
// multiplier of the output permutation.
const (
	pcgMulHi, pcgMulLo = 0x2360ed051fc65da4, 0x4385df649fccf645
	pcgIncHi, pcgIncLo = 0x5851f42d4c957f2d, 0x14057b7ef767814f
	pcgOutMul          = 0xda942042e4dd58b5
)

// seed starts the numbers where rand.NewPCG(seed1, seed2) starts its.
func (u *uniforms) seed(seed1, seed2 uint64) {
	u.hi, u.lo = seed1, seed2
	u.next = len(u.buf)
}

// get is the next number.
func (u *uniforms) get() float64 {
	if u.next == len(u.buf) {
		u.fill()
	}
	v := u.buf[u.next]
	u.next++
	return v
}

// fill makes the next block of numbers.
func (u *uniforms) fill() {
	hi, lo := u.hi, u.lo
	for i := range u.buf {
		// state·mul + inc, modulo 2¹²⁸
		h, l := bits.Mul64(lo, pcgMulLo)
		h += hi*pcgMulLo + lo*pcgMulHi
		l, carry := bits.Add64(l, pcgIncLo, 0)
		hi, lo = h+pcgIncHi+carry, l
		// the output: two xorshifts and two products of the high half
		x := hi ^ hi>>32
		x *= pcgOutMul
		x ^= x >> 48
		x *= lo | 1
		u.buf[i] = float64(x<<11>>11) / (1 << 53)
	}
	u.hi, u.lo = hi, lo
	u.next = 0
}
