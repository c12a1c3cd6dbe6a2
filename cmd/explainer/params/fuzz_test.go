package params

import (
	"strings"
	"testing"
)

// FuzzParseQuery: ParseQuery never panics, gives valid Values and harmless
// notices, and its Query re-parses to the same Values with no notices.
func FuzzParseQuery(f *testing.F) {
	for _, c := range hostile {
		if len(c.query) < 2000 {
			f.Add(c.query)
		}
	}
	f.Add("fig=sparse&lr=0.5&sgdlr=0.05&p=0.9&seed=42&hide=legend,plot&play=0&theme=dark")
	f.Add("?fig=freeze&forget=1&rho=0.99&eps=0&epsin=0&g0=0.1")
	f.Fuzz(func(t *testing.T, raw string) {
		v, ns := ParseQuery(raw)
		checkValid(t, v)
		checkNotices(t, ns)
		checkRoundTrip(t, v)
	})
}

// FuzzSet: any name and value leave a valid Values, and a rejected value
// changes nothing.
func FuzzSet(f *testing.F) {
	f.Add("lr", "NaN")
	f.Add("hide", "legend,<x>")
	f.Add("seed", "9007199254740992")
	f.Fuzz(func(t *testing.T, name, value string) {
		v := Defaults("accumulator")
		before := v
		n := v.Set(name, value)
		checkValid(t, v)
		if n != nil {
			checkNotices(t, []Notice{*n})
			if name != "hide" && !v.Equal(before) {
				t.Errorf("rejected %s=%q changed Values", name, value)
			}
		}
		if n == nil && name != "fig" && name != "hide" && v.Get(name) != strings.ToLower(value) {
			// Accepted values read back in canonical form; check that
			// form parses to the same value.
			var w Values = before
			if w.Set(name, v.Get(name)) != nil || !w.Equal(v) {
				t.Errorf("canonical %q of %s=%q does not parse back", v.Get(name), name, value)
			}
		}
		checkRoundTrip(t, v)
	})
}
