//go:build !js

package web_test

import (
	"embed"
	"strings"
)

// The pages and scripts the browser tests serve or inject are files under
// testdata/, so they read (and lint) as HTML and JavaScript.
//
//go:embed testdata
var testdata embed.FS

// fixture returns testdata/name without its final newline. A missing file
// is a broken checkout, so it panics with the name.
func fixture(name string) string {
	b, err := testdata.ReadFile("testdata/" + name)
	if err != nil {
		panic("web tests: missing fixture: " + err.Error())
	}
	return strings.TrimSuffix(string(b), "\n")
}

// fill replaces each {{key}} in page by its value; pairs alternate key and
// value. A key the page lacks panics, so a renamed placeholder is caught.
func fill(page string, pairs ...string) string {
	for i := 0; i+1 < len(pairs); i += 2 {
		k := "{{" + pairs[i] + "}}"
		if !strings.Contains(page, k) {
			panic("web tests: fixture has no " + k)
		}
		page = strings.ReplaceAll(page, k, pairs[i+1])
	}
	return page
}
