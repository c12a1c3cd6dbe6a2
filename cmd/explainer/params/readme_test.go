package params

import (
	"os"
	"strings"
	"testing"
)

// The README's list of URL parameters is generated from Table; this test
// fails when the two drift apart. To refresh it, paste Markdown() between
// the params:begin and params:end markers.
func TestREADMEListsTheTable(t *testing.T) {
	raw, err := os.ReadFile("../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(raw)
	const begin, end = "<!-- params:begin -->\n", "<!-- params:end -->"
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the %q … %q markers", begin, end)
	}
	if got := s[i+len(begin) : j]; got != Markdown() {
		t.Errorf("README.md's parameter table differs from params.Markdown(); regenerate it.\ngot:\n%s\nwant:\n%s", got, Markdown())
	}
}
