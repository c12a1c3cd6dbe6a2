package params

import (
	"math"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// checkValid fails t unless every field of v is a value Set could produce.
func checkValid(t testing.TB, v Values) {
	t.Helper()
	for _, s := range Table {
		switch p := s.field(&v).(type) {
		case *float64:
			x := *p
			if math.IsNaN(x) || math.IsInf(x, 0) || x < s.Min || x > s.Max || (s.MinOpen && x == s.Min) {
				t.Errorf("%s = %v, outside %s", s.Name, x, s.rangeText())
			}
			if x == 0 && math.Signbit(x) {
				t.Errorf("%s is -0", s.Name)
			}
		case *uint64:
			if float64(*p) < s.Min || float64(*p) > s.Max {
				t.Errorf("%s = %d, outside %s", s.Name, *p, s.rangeText())
			}
		case *string:
			if !slices.Contains(s.Choices, *p) {
				t.Errorf("%s = %q, not one of %v", s.Name, *p, s.Choices)
			}
		case *[]string:
			last := -1
			for _, h := range *p {
				i := slices.Index(s.Choices, h)
				if i <= last {
					t.Errorf("%s = %q: unknown, repeated or out of order", s.Name, *p)
				}
				last = i
			}
		}
	}
}

// checkNotices fails t unless ns are few, short and harmless plain text.
func checkNotices(t testing.TB, ns []Notice) {
	t.Helper()
	if len(ns) > MaxNotices+1 {
		t.Errorf("%d notices, want at most %d", len(ns), MaxNotices+1)
	}
	for _, n := range ns {
		s := n.String()
		if !utf8.ValidString(s) {
			t.Errorf("notice is not valid UTF-8: %q", s)
		}
		if strings.ContainsAny(s, "<>") {
			t.Errorf("notice contains < or >: %q", s)
		}
		for _, r := range s {
			if unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029' {
				t.Errorf("notice contains control or format character %U: %q", r, s)
			}
		}
		if c := utf8.RuneCountInString(s); c > 200 {
			t.Errorf("notice is %d runes long: %q", c, s)
		}
		if utf8.RuneCountInString(n.Param) > maxShown+1 {
			t.Errorf("notice param is too long: %q", n.Param)
		}
	}
}

// checkRoundTrip fails t unless v's Query reads back to v with no notices.
func checkRoundTrip(t testing.TB, v Values) {
	t.Helper()
	q := v.Query()
	w, ns := ParseQuery(q)
	if len(ns) != 0 {
		t.Errorf("Query %q re-parses with notices %v", q, ns)
	}
	if !w.Equal(v) {
		t.Errorf("Query %q re-parses to %+v, want %+v", q, w, v)
	}
	if q2 := w.Query(); q2 != q {
		t.Errorf("Query not stable: %q then %q", q, q2)
	}
}
