package scene

import "testing"

// The value beside a control carries its unit's symbol where it has one:
// the rotation in degrees, the rest as bare numbers.
func TestDisplayShowsTheUnitSymbol(t *testing.T) {
	f := figure(t, "fig=valley&angle=45&b=10")
	d := f.Display()
	for name, want := range map[string]string{"angle": "45°", "b": "10", "sgdlr": "0.18"} {
		if d[name] != want {
			t.Errorf("Display()[%q] = %q, want %q", name, d[name], want)
		}
	}
	f.Set(map[string]string{"angle": "-30"})
	if got := f.Display()["angle"]; got != "−30°" {
		t.Errorf("after set(angle=-30), Display()[angle] = %q, want −30°", got)
	}
}
