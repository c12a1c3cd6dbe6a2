// Command palettecss writes web/palette.css from render.Light and
// render.Dark, so the page's colours are the canvas's colours. It is run by
// `go generate ./render`; render's tests fail when the file is stale.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/adagrad-explained/adagrad/render"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "palettecss:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("palettecss", flag.ContinueOnError)
	out := fs.String("o", "web/palette.css", "file to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q (only -o FILE)", fs.Args())
	}
	return os.WriteFile(*out, []byte(render.PaletteCSS()), 0o644)
}
