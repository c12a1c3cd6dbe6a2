package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
)

// The committed web/figure-info.js must be exactly what script generates.
func TestCommittedFileIsFresh(t *testing.T) {
	want, err := script()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../../../../web/figure-info.js")
	if err != nil {
		t.Fatalf("read web/figure-info.js: %v (run `go generate ./cmd/explainer/scene`)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("web/figure-info.js is stale: run `go generate ./cmd/explainer/scene`")
	}
}

// Every figure is there with its controls, in the shape figure.js reads.
func TestScriptHoldsEveryFigure(t *testing.T) {
	js, err := script()
	if err != nil {
		t.Fatal(err)
	}
	const prefix = "window.adagradFigureInfo = "
	i := bytes.Index(js, []byte(prefix))
	if i < 0 || !bytes.HasSuffix(js, []byte(";\n")) {
		t.Fatalf("not one assignment to window.adagradFigureInfo:\n%s", js)
	}
	var all map[string]info
	if err := json.Unmarshal(js[i+len(prefix):len(js)-2], &all); err != nil {
		t.Fatal(err)
	}
	if len(all) != len(params.Figs) {
		t.Errorf("%d figures, want %d", len(all), len(params.Figs))
	}
	for _, fig := range params.Figs {
		in, ok := all[fig]
		if !ok {
			t.Errorf("%s: missing", fig)
			continue
		}
		if in.Fig != fig || in.Title == "" || !in.ShowControls || len(in.Hidden) != 0 || !strings.HasPrefix(in.Readout, "Step 0.") {
			t.Errorf("%s: %+v", fig, in)
		}
		want := params.ControlsFor(fig)
		if len(in.Controls) != len(want) {
			t.Errorf("%s: %d controls, want %d", fig, len(in.Controls), len(want))
			continue
		}
		for k, c := range in.Controls {
			if c.Name != want[k].Name || c.Label == "" || c.Kind == "" {
				t.Errorf("%s: control %d is %+v, want %s", fig, k, c, want[k].Name)
			}
		}
	}
}
