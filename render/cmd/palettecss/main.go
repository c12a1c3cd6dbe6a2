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
	out := flag.String("o", "web/palette.css", "file to write")
	flag.Parse()
	if err := os.WriteFile(*out, []byte(render.PaletteCSS()), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "palettecss:", err)
		os.Exit(1)
	}
}
