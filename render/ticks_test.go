package render

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// isNiceStep reports whether d is 1, 2 or 5 times a power of ten.
func isNiceStep(d float64) bool {
	e := math.Floor(math.Log10(d))
	m := d / math.Pow(10, e)
	for _, want := range []float64{1, 2, 5, 10} {
		if near(m, want, 1e-6) {
			return true
		}
	}
	return false
}

func TestNiceTicks(t *testing.T) {
	cases := []struct {
		lo, hi float64
		max    int
	}{
		{0, 1, 6}, {0, 10, 5}, {-3, 3, 7}, {0, 1000, 6}, {0.013, 0.087, 5}, {-5, 5, 6},
		{1e-9, 3e-9, 4}, {99, 101, 5}, {0, 7, 2}, {123456, 123999, 8}, {-1e6, 1e6, 3},
		{1, 1.0000001, 5}, {0.1, 0.3, 10}, {5, -5, 6},
	}
	for _, c := range cases {
		ts := NiceTicks(c.lo, c.hi, c.max)
		lo, hi := math.Min(c.lo, c.hi), math.Max(c.lo, c.hi)
		if len(ts) < 2 || len(ts) > max(c.max, 2) {
			t.Errorf("NiceTicks(%g, %g, %d) = %v: bad count", c.lo, c.hi, c.max, ts)
			continue
		}
		for i, v := range ts {
			if v < lo || v > hi {
				t.Errorf("NiceTicks(%g, %g, %d): %g outside range", c.lo, c.hi, c.max, v)
			}
			if i > 0 {
				d := v - ts[i-1]
				d0 := ts[1] - ts[0]
				if !(d > 0) || !near(d, d0, 1e-9*d0+1e-15*math.Abs(v)) || !isNiceStep(d0) {
					t.Errorf("NiceTicks(%g, %g, %d) = %v: step %g not even or not 1-2-5", c.lo, c.hi, c.max, ts, d)
					break
				}
			}
			// ticks are clean decimals: they print short
			if s := strconv.FormatFloat(v, 'g', -1, 64); len(s) > 12 {
				t.Errorf("NiceTicks(%g, %g, %d): tick prints as %s", c.lo, c.hi, c.max, s)
			}
		}
	}
	// the usual case gives the obvious answer
	if got := NiceTicks(0, 1, 6); len(got) != 6 || got[1] != 0.2 || got[3] != 0.6 || got[5] != 1 {
		t.Errorf("NiceTicks(0, 1, 6) = %v", got)
	}
	if got := NiceTicks(0.1, 0.3, 3); len(got) != 3 || got[1] != 0.2 || got[2] != 0.3 {
		t.Errorf("NiceTicks(0.1, 0.3, 3) = %v", got)
	}
	// enough ticks to be useful when allowed
	if got := NiceTicks(0, 100, 6); len(got) < 3 {
		t.Errorf("NiceTicks(0, 100, 6) = %v: too few", got)
	}
}

func TestNiceTicksDegenerate(t *testing.T) {
	if got := NiceTicks(2, 2, 5); len(got) != 1 || got[0] != 2 {
		t.Errorf("lo==hi: %v", got)
	}
	for _, c := range [][2]float64{{math.NaN(), 1}, {0, math.Inf(1)}, {math.Inf(-1), math.Inf(1)}} {
		if got := NiceTicks(c[0], c[1], 5); got != nil {
			t.Errorf("NiceTicks(%v) = %v", c, got)
		}
	}
	if got := NiceTicks(0, 1, -4); len(got) != 2 || got[0] != 0 || got[1] != 1 {
		t.Errorf("maxTicks<2: %v", got)
	}
}

func TestLogTicks(t *testing.T) {
	got := AppendLogTicks(nil, 1e-6, 10)
	want := []float64{1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10}
	if len(got) != len(want) {
		t.Fatalf("AppendLogTicks(nil, 1e-6, 10) = %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("AppendLogTicks(nil, 1e-6, 10)[%d] = %g, want %g", i, got[i], want[i])
		}
	}
	if got := AppendLogTicks(nil, 0.5, 2000); len(got) != 4 || got[0] != 1 || got[3] != 1000 {
		t.Errorf("AppendLogTicks(nil, 0.5, 2000) = %v", got)
	}
	// Many decades are thinned to ≤ 10, keeping 1.
	got = AppendLogTicks(nil, 1e-30, 1e30)
	if len(got) > 10 || len(got) < 5 {
		t.Errorf("AppendLogTicks(nil, 1e-30, 1e30) has %d ticks", len(got))
	}
	has1 := false
	for _, v := range got {
		has1 = has1 || v == 1
		if v < 1e-30 || v > 1e30 {
			t.Errorf("tick %g out of range", v)
		}
	}
	if !has1 {
		t.Errorf("AppendLogTicks(nil, 1e-30, 1e30) = %v lacks 1", got)
	}
	// Less than a decade: linear nice ticks inside the range.
	got = AppendLogTicks(nil, 2, 8)
	if len(got) < 2 {
		t.Errorf("AppendLogTicks(nil, 2, 8) = %v", got)
	}
	for _, v := range got {
		if v < 2 || v > 8 {
			t.Errorf("AppendLogTicks(nil, 2, 8) = %v: out of range", got)
		}
	}
	// Zero/negative lower end is raised; all-negative or NaN gives nothing.
	got = AppendLogTicks(nil, 0, 100)
	if len(got) == 0 || got[0] <= 0 || got[len(got)-1] != 100 {
		t.Errorf("AppendLogTicks(nil, 0, 100) = %v", got)
	}
	if got := AppendLogTicks(nil, -5, -1); got != nil {
		t.Errorf("AppendLogTicks(nil, -5, -1) = %v", got)
	}
	if got := AppendLogTicks(nil, math.NaN(), 1); got != nil {
		t.Errorf("AppendLogTicks(nil, NaN, 1) = %v", got)
	}
}

func TestFormatTick(t *testing.T) {
	cases := map[float64]string{
		0: "0", 0.5: "0.5", 100: "100", 1e-3: "0.001", 1e-4: "1e-4", 1e-6: "1e-6", 2.5e-7: "2.5e-7",
		1e6: "1e6", 2.5e7: "2.5e7", -3: "-3", 0.1 + 0.2: "0.3", 123456: "123500", 1 / 3.0: "0.3333",
		-0.02: "-0.02", 1e100: "1e100", 5e-324: "5e-324", 999999.9: "1e6", math.MaxFloat64: "1.798e308", 0.00099999: "0.001", -1.5e-3: "-0.0015", math.Copysign(0, -1): "0",
	}
	for v, want := range cases {
		if got := FormatTick(v); got != want {
			t.Errorf("FormatTick(%g) = %q, want %q", v, got, want)
		}
	}
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.MaxFloat64, -math.SmallestNonzeroFloat64, 12345.678, -0.00123456, 1e-300} {
		s := FormatTick(v)
		low := strings.ToLower(s)
		if strings.Contains(low, "nan") || strings.Contains(low, "inf") || s == "" || len([]rune(s)) > 10 {
			t.Errorf("FormatTick(%g) = %q", v, s)
		}
	}
	// Every NiceTicks/LogTicks label is short and reads back as the tick.
	for _, r := range [][2]float64{{0, 1}, {-0.003, 0.004}, {0, 2500}, {1e-7, 1e-5}} {
		for _, v := range NiceTicks(r[0], r[1], 6) {
			s := FormatTick(v)
			back, err := strconv.ParseFloat(s, 64)
			if err != nil || !near(back, v, 1e-9*math.Max(1e-300, math.Abs(v))) || len(s) > 8 {
				t.Errorf("tick %g formats as %q", v, s)
			}
		}
	}
}

func TestFormatDecade(t *testing.T) {
	cases := map[float64]string{
		1: "10⁰", 10: "10¹", 100: "10²", 1e12: "10¹²", 0.01: "10⁻²", 1e-5: "10⁻⁵", 1e-300: "10⁻³⁰⁰",
		// Not a power of ten: written as FormatTick would.
		0: "0", -10: "-10", 2.5e-7: "2.5e-7", 50: "50", math.NaN(): "–", math.Inf(1): "∞",
	}
	for v, want := range cases {
		if got := FormatDecade(v); got != want {
			t.Errorf("FormatDecade(%v) = %q, want %q", v, got, want)
		}
	}
	// Every decade a log axis can show, and each reads back as itself.
	for e := -300; e <= 300; e++ {
		s := FormatDecade(math.Pow(10, float64(e)))
		if !strings.HasPrefix(s, "10") || strings.ContainsAny(s, "e.-") {
			t.Fatalf("FormatDecade(1e%d) = %q", e, s)
		}
	}
}
