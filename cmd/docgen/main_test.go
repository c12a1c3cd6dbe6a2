package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyPages copies what docgen reads (the two pages and sim's step) from the
// module's root into a temporary root.
func copyPages(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, name := range []string{"index.html", "README.md", "sim/optim.go"} {
		b, err := os.ReadFile(filepath.Join("..", "..", name))
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// A stale page fails -check, is rewritten without it, and then passes.
func TestCheckThenWrite(t *testing.T) {
	root := copyPages(t)
	if err := run([]string{"-root", root, "-check"}); err != nil {
		t.Fatalf("fresh copy: %v", err)
	}
	page := filepath.Join(root, "index.html")
	b, _ := os.ReadFile(page)
	stale := strings.Replace(string(b), `<ellipse class="st-contour"`, `<ellipse class="old"`, 1)
	if err := os.WriteFile(page, []byte(stale), 0o644); err != nil {
		t.Fatal(err)
	}
	err := run([]string{"-root", root, "-check"})
	if err == nil || !strings.Contains(err.Error(), "index.html") || !strings.Contains(err.Error(), "go generate ./...") {
		t.Fatalf("-check on a stale page: %v", err)
	}
	if err := run([]string{"-root", root}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(page); string(got) != string(b) {
		t.Error("docgen did not restore the committed page")
	}
}

func TestBadUse(t *testing.T) {
	if run([]string{"extra"}) == nil {
		t.Error("accepted an argument")
	}
	if run([]string{"-root", t.TempDir()}) == nil {
		t.Error("accepted a root without the pages")
	}
	root := copyPages(t)
	os.WriteFile(filepath.Join(root, "README.md"), []byte("no markers\n"), 0o644)
	if err := run([]string{"-root", root}); err == nil || !strings.Contains(err.Error(), "README.md") {
		t.Errorf("a README without markers: %v", err)
	}
}
