package main

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
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

// info is the part of a figure's entry that figure.js reads first.
type info struct {
	Fig          string `json:"fig"`
	Title        string `json:"title"`
	ShowControls bool   `json:"showControls"`
	Hidden       []string
	Readout      string `json:"readout"`
	MaxKeys      int    `json:"maxKeys"`
	Speeds       []struct {
		Label string  `json:"label"`
		Steps float64 `json:"steps"`
	} `json:"speeds"`
	Controls []struct {
		Name, Label, Kind, Redraw string
	} `json:"controls"`
}

// Every figure is there with its controls, in the shape figure.js reads,
// and the page-wide object the lesson reads follows.
func TestScriptHoldsEveryFigure(t *testing.T) {
	js, err := script()
	if err != nil {
		t.Fatal(err)
	}
	const prefix, mid = "window.adagradFigureInfo = ", ";\nwindow.adagradPage = "
	i, j := bytes.Index(js, []byte(prefix)), bytes.Index(js, []byte(mid))
	if i < 0 || j < i || !bytes.HasSuffix(js, []byte(";\n")) {
		t.Fatalf("not two assignments, to window.adagradFigureInfo and window.adagradPage:\n%s", js)
	}
	var all map[string]info
	if err := json.Unmarshal(js[i+len(prefix):j], &all); err != nil {
		t.Fatal(err)
	}
	var page struct {
		FirstFig string   `json:"firstFig"`
		Kept     []string `json:"kept"`
	}
	if err := json.Unmarshal(js[j+len(mid):len(js)-2], &page); err != nil {
		t.Fatal(err)
	}
	if page.FirstFig != params.Figs[0] || !slices.Contains(page.Kept, "lr") || !slices.Contains(page.Kept, "step") ||
		slices.Contains(page.Kept, "fig") || slices.Contains(page.Kept, "theme") {
		t.Errorf("window.adagradPage = %+v: want the first figure %s, and lr and step kept but not fig or theme", page, params.Figs[0])
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
		if in.Fig != fig || in.Title == "" || !in.ShowControls || len(in.Hidden) != 0 || !strings.HasPrefix(in.Readout, "Step 0.") ||
			in.MaxKeys != params.MaxKeys || len(in.Speeds) != len(params.SpeedsFor(fig)) {
			t.Errorf("%s: %+v", fig, in)
		}
		want := params.ControlsFor(fig)
		if len(in.Controls) != len(want) {
			t.Errorf("%s: %d controls, want %d", fig, len(in.Controls), len(want))
			continue
		}
		for k, c := range in.Controls {
			if c.Name != want[k].Name || c.Label == "" || c.Kind == "" || c.Redraw != want[k].Redraw {
				t.Errorf("%s: control %d is %+v, want %s", fig, k, c, want[k].Name)
			}
		}
	}
}
