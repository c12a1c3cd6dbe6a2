package scene

import (
	"strconv"
	"strings"
	"testing"

	"github.com/adagrad-explained/adagrad/sim"
)

// csvRuns splits CSV output into each run's rows (without the run column),
// checking the header on the way.
func csvRuns(t *testing.T, csv []byte) map[string][]string {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(string(csv), "\n"), "\n")
	if want := "run," + strings.Join(sim.CSVColumns, ","); lines[0] != want {
		t.Fatalf("header %q, want %q", lines[0], want)
	}
	out := map[string][]string{}
	for _, l := range lines[1:] {
		name, row, ok := strings.Cut(l, ",")
		if !ok {
			t.Fatalf("row without a run: %q", l)
		}
		out[name] = append(out[name], row)
	}
	return out
}

// checkCSV holds f's CSV against its live runs: one row per step from 0,
// and the last row is the run's current state, field for field.
func checkCSV(t *testing.T, what string, f *Figure) map[string][]string {
	t.Helper()
	csv, complete := f.CSV()
	if !complete {
		t.Fatalf("%s: CSV incomplete", what)
	}
	runs := csvRuns(t, csv)
	if len(runs) != len(f.tracks) {
		t.Fatalf("%s: %d runs in the CSV, the figure has %d", what, len(runs), len(f.tracks))
	}
	for _, tr := range f.tracks {
		rows := runs[tr.name]
		st := tr.run.State()
		if len(rows) != st.Step+1 {
			t.Fatalf("%s %s: %d rows, want %d", what, tr.name, len(rows), st.Step+1)
		}
		for i, r := range rows {
			if step, _, _ := strings.Cut(r, ","); step != itoa(i) {
				t.Fatalf("%s %s: row %d is step %s", what, tr.name, i, step)
			}
		}
		if got, want := rows[len(rows)-1]+"\n", string(sim.AppendCSV(nil, st)); got != want {
			t.Errorf("%s %s: last row\n%s does not match the live run\n%s", what, tr.name, got, want)
		}
	}
	return runs
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestCSVIsEveryStepOfEveryRun(t *testing.T) {
	for _, q := range []string{"fig=valley", "fig=accumulator", "fig=freeze&forget=1", "fig=sparse&p=0.7&seed=5"} {
		f := figure(t, q)
		checkCSV(t, q+" at step 0", f)
		f.Step(137)
		checkCSV(t, q+" at step 137", f)
	}
}

// The trail keeps a thinned sample past sim.TrailCap steps; the CSV still
// has every step.
func TestCSVOutlivesTheTrail(t *testing.T) {
	f := figure(t, "fig=freeze&forget=1")
	f.Step(3 * sim.TrailCap)
	runs := checkCSV(t, "freeze", f)
	if n := len(runs["AdaGrad"]); n != 3*sim.TrailCap+1 {
		t.Errorf("%d AdaGrad rows", n)
	}
}

// A rate changed mid-run recomputes the run from its start at the new
// rate; the CSV is then exactly that of a figure opened with the new rates.
func TestCSVAfterARateChangeIsTheNewRatesFromTheStart(t *testing.T) {
	f := figure(t, "fig=valley")
	f.Step(40)
	f.Set(map[string]string{"lr": "0.3", "sgdlr": "0.1"})
	f.Step(25)
	f.Set(map[string]string{"lr": "0.9"})
	f.Set(map[string]string{"lr": "0.7"})
	f.Step(10)
	runs := checkCSV(t, "two changes", f)
	g := figure(t, "fig=valley&lr=0.7&sgdlr=0.1")
	g.Step(75)
	want := checkCSV(t, "opened with the new rates", g)
	for name, rows := range want {
		if len(runs[name]) != len(rows) {
			t.Fatalf("%s: %d rows, want %d", name, len(runs[name]), len(rows))
		}
		for i, r := range rows {
			if runs[name][i] != r {
				t.Fatalf("%s row %d: %q, want %q", name, i, runs[name][i], r)
			}
		}
	}
	f.Reset()
	f.Step(30)
	checkCSV(t, "after reset", f)
	f.Set(map[string]string{"x0": "-3"})
	f.Step(5)
	checkCSV(t, "after a new start", f)
}

func TestCSVStopsAtMaxCSVSteps(t *testing.T) {
	f := figure(t, "fig=accumulator")
	f.Step(MaxCSVSteps + 7)
	csv, complete := f.CSV()
	if complete {
		t.Error("complete past MaxCSVSteps")
	}
	if n := len(csvRuns(t, csv)["AdaGrad"]); n != MaxCSVSteps+1 {
		t.Errorf("%d rows, want %d", n, MaxCSVSteps+1)
	}
}

func TestBackgroundFollowsTheTheme(t *testing.T) {
	light, dark := figure(t, "theme=light"), figure(t, "theme=dark")
	if light.Background() == dark.Background() || light.Background() != light.pal.Bg {
		t.Errorf("light %v, dark %v", light.Background(), dark.Background())
	}
}
