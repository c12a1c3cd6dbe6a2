package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/adagrad-explained/adagrad/render"
)

// The command writes exactly render.PaletteCSS() to the file it is given.
func TestWritesPalette(t *testing.T) {
	out := filepath.Join(t.TempDir(), "palette.css")
	if err := run([]string{"-o", out}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != render.PaletteCSS() {
		t.Errorf("wrote %q", got)
	}
	if run([]string{"-o", out, "extra"}) == nil {
		t.Error("stray argument accepted")
	}
	if run([]string{"-o", filepath.Join(out, "no", "such", "dir")}) == nil {
		t.Error("unwritable path accepted")
	}
}
