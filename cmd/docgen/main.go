// Command docgen rewrites the generated regions of index.html and README.md
// (the Go listing, the parameter tables and the stills; see
// internal/docgen). `go generate ./...` runs it from this folder.
//
//	go run ./cmd/docgen [-root DIR] [-check]
//
// With -check it writes nothing and fails if a page is stale.
package main

//go:generate go run . -root ../..

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/adagrad-explained/adagrad/internal/docgen"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "docgen:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("docgen", flag.ContinueOnError)
	root := fs.String("root", ".", "the module's root folder (where index.html, README.md and sim/ are)")
	check := fs.Bool("check", false, "write nothing; fail if a page differs from what the generators give")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	stale, err := docgen.Stale(*root)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(stale))
	for name := range stale {
		names = append(names, name)
	}
	sort.Strings(names)
	if *check {
		if len(names) > 0 {
			return fmt.Errorf("stale: %v (run go generate ./...)", names)
		}
		return nil
	}
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(*root, filepath.FromSlash(name)), stale[name], 0o644); err != nil {
			return err
		}
		fmt.Fprintln(os.Stderr, "docgen: wrote", name)
	}
	return nil
}
