package docgen

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
)

// The generated regions of the pages.
const (
	ListingRegion = "sim:adagrad-step" // index.html: the Go listing
	ParamsRegion  = "params"           // index.html and README.md: the parameter table
)

// StillRegion is the region of index.html that holds figure fig's still.
func StillRegion(fig string) string { return "still:" + fig }

// Lesson returns index.html (page) with every generated region rewritten;
// root is the module's root, where sim/ is.
func Lesson(page, root string) (string, error) {
	page, err := putListing(page, root)
	if err != nil {
		return "", err
	}
	stills := Stills()
	for _, fig := range params.Figs {
		svg, ok := stills[fig]
		if !ok {
			return "", fmt.Errorf("no still for figure %q", fig)
		}
		if page, err = Replace(page, StillRegion(fig), svg); err != nil {
			return "", err
		}
	}
	return Replace(page, ParamsRegion, ParamRows())
}

// README returns README.md (text) with its parameter table rewritten.
func README(text string) (string, error) {
	return Replace(text, ParamsRegion, "\n"+params.Markdown())
}

// Pages are the hand-written files with generated regions, by slash path
// from the module's root, and the function that regenerates each.
var Pages = map[string]func(text, root string) (string, error){
	"index.html": Lesson,
	"README.md":  func(text, _ string) (string, error) { return README(text) },
}

// Stale returns, for each page under root whose committed text differs from
// what the generators give now, the fresh text.
func Stale(root string) (map[string][]byte, error) {
	out := map[string][]byte{}
	for name, gen := range Pages {
		path := filepath.Join(root, filepath.FromSlash(name))
		old, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		fresh, err := gen(string(old), root)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		if !bytes.Equal(old, []byte(fresh)) {
			out[name] = []byte(fresh)
		}
	}
	return out, nil
}
