package sim_test

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/adagrad-explained/adagrad/sim"
)

// Every row has one field per column, and its numbers read back to the very
// float64s of the state; SGD's accumulator fields are empty.
func TestAppendCSVRoundTrips(t *testing.T) {
	for _, m := range []sim.Method{sim.SGD, sim.AdaGrad, sim.RMSProp, sim.Adam, sim.AdaGradFull} {
		r := sim.NewRun(nil, sim.DefaultConfig(m), []float64{-4.5, 2}, &sim.Dropout{P: 0.5, Coord: 1, Seed: 7})
		for step := 0; step <= 30; step++ {
			if step > 0 {
				r.Step()
			}
			s := r.State()
			row := string(sim.AppendCSV(nil, s))
			if !strings.HasSuffix(row, "\n") || strings.Count(row, "\n") != 1 {
				t.Fatalf("%v step %d: row %q is not one line", m, step, row)
			}
			f := strings.Split(strings.TrimSuffix(row, "\n"), ",")
			if len(f) != len(sim.CSVColumns) {
				t.Fatalf("%v: %d fields, %d columns: %q", m, len(f), len(sim.CSVColumns), row)
			}
			num := func(i int) float64 {
				v, err := strconv.ParseFloat(f[i], 64)
				if err != nil {
					t.Fatalf("%v column %s: %v", m, sim.CSVColumns[i], err)
				}
				return v
			}
			if f[0] != strconv.Itoa(s.Step) {
				t.Errorf("step %q, want %d", f[0], s.Step)
			}
			want := []float64{s.X[0], s.X[1], s.Loss, s.Grad[0], s.Grad[1], s.Used[0], s.Used[1]}
			for i, w := range want {
				if got := num(1 + i); got != w && !(math.IsNaN(got) && math.IsNaN(w)) {
					t.Errorf("%v step %d %s = %v, want %v", m, step, sim.CSVColumns[1+i], got, w)
				}
			}
			if m == sim.SGD {
				if f[8] != "" || f[9] != "" {
					t.Errorf("SGD acc fields %q %q, want empty", f[8], f[9])
				}
			} else if num(8) != s.G[0] || num(9) != s.G[1] {
				t.Errorf("%v acc %s,%s, want %v", m, f[8], f[9], s.G)
			}
			if num(10) != s.Rate[0] || num(11) != s.Rate[1] || num(12) != s.Delta[0] || num(13) != s.Delta[1] {
				t.Errorf("%v rate/delta %q", m, f[10:14])
			}
			if f[14] != map[bool]string{false: "0", true: "1"}[s.Frozen] {
				t.Errorf("frozen %q, want %v", f[14], s.Frozen)
			}
		}
	}
}

func ExampleAppendCSV() {
	r := sim.NewRun(sim.NewValley(1, 4, 0), sim.DefaultConfig(sim.SGD), []float64{1, 1}, nil)
	b := []byte(strings.Join(sim.CSVColumns, ",") + "\n")
	b = sim.AppendCSV(b, r.State())
	r.Step()
	b = sim.AppendCSV(b, r.State())
	fmt.Print(string(b))
	// Output:
	// step,x,y,loss,grad_x,grad_y,used_x,used_y,acc_x,acc_y,rate_x,rate_y,delta_x,delta_y,frozen
	// 0,1,1,2.5,1,4,1,4,,,0.15,0.15,0,0,0
	// 1,0.85,0.4,0.68125,0.85,1.6,1,4,,,0.15,0.15,-0.15000000000000002,-0.6,0
}
