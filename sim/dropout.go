package sim

// Dropout simulates sparse gradients: at each step, coordinate Coord's
// gradient is zeroed with probability P (the lesson drops the y gradient,
// Coord = 1). The draw for step t is a pure function of (Seed, t), so the same
// seed gives the same run on every machine and in every browser, and a
// preview of step t sees the same mask as step t itself.
type Dropout struct {
	P     float64 // probability of zeroing; ≤ 0 or NaN keeps all, ≥ 1 drops all
	Coord int     // the coordinate affected; out of range means none
	Seed  uint64
}

// Keep reports whether the gradient of coordinate Coord is kept at the given
// step (steps count from 1: step t moves x_{t−1} to x_t).
func (d Dropout) Keep(step int) bool {
	if !(d.P > 0) {
		return true
	}
	if d.P >= 1 {
		return false
	}
	h := splitmix64(d.Seed ^ splitmix64(uint64(step)))
	u := float64(h>>11) * 0x1p-53 // uniform in [0, 1)
	return u >= d.P
}

// Apply zeroes g[Coord] unless Keep(step).
func (d Dropout) Apply(step int, g []float64) {
	if d.Coord >= 0 && d.Coord < len(g) && !d.Keep(step) {
		g[d.Coord] = 0
	}
}

// splitmix64 is the finaliser of Steele, Lea and Flood's SplitMix64 applied to
// x + γ: a cheap, well-mixed hash from uint64 to uint64.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
