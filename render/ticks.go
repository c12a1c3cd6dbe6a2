package render

import (
	"math"
	"strconv"
	"strings"
)

// NiceTicks returns at most maxTicks (at least 2) evenly spaced values inside
// [lo, hi] whose step is 1, 2 or 5 times a power of ten, as a person would
// label an axis. Values are the nearest doubles to the decimal ticks, so
// they print cleanly. lo == hi gives that one value; non-finite input, nil.
func NiceTicks(lo, hi float64, maxTicks int) []float64 {
	return AppendNiceTicks(nil, lo, hi, maxTicks)
}

// AppendNiceTicks is NiceTicks appending to dst, to reuse a buffer.
func AppendNiceTicks(dst []float64, lo, hi float64, maxTicks int) []float64 {
	if !finite(lo) || !finite(hi) {
		return dst
	}
	if lo > hi {
		lo, hi = hi, lo
	}
	if lo == hi {
		return append(dst, lo)
	}
	maxTicks = max(maxTicks, 2)
	// Start from a step a little under range/(maxTicks−1) and go up the
	// 1-2-5 ladder until the ticks fit.
	raw := (hi - lo) / float64(maxTicks-1)
	e := int(math.Floor(math.Log10(raw))) - 1
	mant := [3]int64{1, 2, 5}
	for k := 0; k < 3*8; k++ {
		m, p := mant[k%3], e+k/3
		step := float64(m) * math.Pow(10, float64(p))
		// a little slack, so that rounding in lo/step loses no end tick
		first, last := math.Ceil(lo/step-1e-9), math.Floor(hi/step+1e-9)
		if last-first+1 > float64(maxTicks) || math.IsInf(step, 0) {
			continue
		}
		if last-first > 1e6 { // cannot happen for sane maxTicks; guards overflow
			continue
		}
		n := len(dst)
		for i := first; i <= last; i++ {
			v := decimal(int64(i)*m, p)
			if v >= lo && v <= hi {
				dst = append(dst, v)
			}
		}
		if len(dst) == n {
			// lo and hi fall inside one step: the bounds themselves will do
			return append(dst, lo, hi)
		}
		return dst
	}
	return append(dst, lo, hi)
}

// decimal returns the double nearest to n·10^p.
func decimal(n int64, p int) float64 {
	if p >= 0 {
		return float64(n) * math.Pow10(p)
	}
	if p < -300 {
		return float64(n) * math.Pow10(p)
	}
	return float64(n) / math.Pow10(-p)
}

// AppendLogTicks appends to dst the powers of ten in [lo, hi] for a log
// axis, thinned to every 2nd, 3rd… power so that there are at most 10. If
// the range holds fewer than two powers of ten it falls back to NiceTicks.
// lo ≤ 0 is raised to hi·1e-6 (a log axis cannot show it); hi ≤ 0 or
// non-finite appends nothing.
func AppendLogTicks(dst []float64, lo, hi float64) []float64 {
	if !finite(lo) || !finite(hi) {
		return dst
	}
	if lo > hi {
		lo, hi = hi, lo
	}
	if hi <= 0 {
		return dst
	}
	if lo <= 0 {
		lo = hi * 1e-6
	}
	a, b := int(math.Ceil(math.Log10(lo))), int(math.Floor(math.Log10(hi)))
	// Log10 of an exact power may round the wrong way: nudge.
	if math.Pow10(a-1) >= lo {
		a--
	}
	if math.Pow10(b+1) <= hi {
		b++
	}
	for math.Pow10(a) < lo {
		a++
	}
	for math.Pow10(b) > hi {
		b--
	}
	if b-a < 1 {
		return AppendNiceTicks(dst, lo, hi, 5)
	}
	every := (b-a)/10 + 1
	// keep 10^0 among the ticks when it is in range
	start := a
	if a <= 0 && 0 <= b {
		start = a + ((0-a)%every+every)%every
	}
	for k := start; k <= b; k += every {
		dst = append(dst, math.Pow10(k))
	}
	return dst
}

// FormatDecade writes a power of ten as 10ⁿ with the exponent in
// superscript ("10⁻⁶", "10⁰", "10¹²"): the one notation of a log axis,
// where plain and e-notation would mix ("1e-5", "0.01", "10000"). Any
// other value is written by FormatTick.
func FormatDecade(v float64) string {
	if !(v > 0) || math.IsInf(v, 0) {
		return FormatTick(v)
	}
	e := math.Round(math.Log10(v))
	if math.Abs(v/math.Pow(10, e)-1) > 1e-9 {
		return FormatTick(v)
	}
	const sup = "⁰¹²³⁴⁵⁶⁷⁸⁹"
	var b strings.Builder
	b.WriteString("10")
	digits := strconv.Itoa(int(math.Abs(e)))
	if e < 0 {
		b.WriteString("⁻")
	}
	for _, d := range digits {
		i := int(d - '0')
		b.WriteString(string([]rune(sup)[i]))
	}
	return b.String()
}

// FormatTick writes a tick value short: "0", "0.5", "250", "-3", "1e-4",
// "2.5e6". Up to four significant digits; plain notation between 0.001 and
// 10⁶, exponent notation outside. It never says NaN or Inf: NaN gives "–"
// and infinities "∞" or "-∞".
func FormatTick(v float64) string {
	switch {
	case math.IsNaN(v):
		return "–"
	case math.IsInf(v, 1):
		return "∞"
	case math.IsInf(v, -1):
		return "-∞"
	case v == 0:
		return "0"
	}
	// Round to 4 significant digits: "d.ddde±x".
	s := strconv.FormatFloat(v, 'e', 3, 64)
	mant, exp, _ := strings.Cut(s, "e")
	e, err := strconv.Atoi(exp)
	if err != nil {
		return "–" // cannot happen for a finite float
	}
	if e >= -3 && e < 6 {
		r, _ := strconv.ParseFloat(s, 64)
		return strconv.FormatFloat(r, 'f', -1, 64)
	}
	// The shortest digits of the rounded value ("5e-324", not "4.941e-324"),
	// unless rounding overflowed.
	if r, err := strconv.ParseFloat(s, 64); err == nil {
		mant, exp, _ = strings.Cut(strconv.FormatFloat(r, 'e', -1, 64), "e")
		if e2, err := strconv.Atoi(exp); err == nil {
			e = e2
		}
	}
	if strings.Contains(mant, ".") {
		mant = strings.TrimRight(mant, "0")
		mant = strings.TrimSuffix(mant, ".")
	}
	return mant + "e" + strconv.Itoa(e)
}
