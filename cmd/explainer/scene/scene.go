// Package scene holds the lesson's four figures as plain Go: which runs each
// figure shows, how they advance, where things go on the canvas, and what is
// drawn. It knows nothing of Ebiten or the browser, so every figure can be
// built, stepped and drawn to a display list in an ordinary `go test`.
//
// Data flows one way: params.Values -> sim runs -> render geometry. The
// Ebiten layer in cmd/explainer only paints the layers this package fills.
package scene

//go:generate go run ./cmd/figureinfo -o ../../../web/figure-info.js

import (
	"slices"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/render"
	"github.com/adagrad-explained/adagrad/sim"
)

// Figure is one interactive figure.
type Figure struct {
	v          params.Values
	urlNotices []string // what was wrong with the URL, as the parser listed it
	setNotices []string // what was wrong with the page's latest set()

	land   sim.Landscape
	tracks []*track
	step   int
	clock  float64 // fraction of a step owed to the next frame

	playing bool
	visible bool
	dark    bool
	reduced bool

	lay     layout
	w, h    float64 // canvas, device pixels
	dpr     float64
	insetPx float64 // CSS pixels of HTML controls over the canvas' bottom edge

	pal      render.Palette
	staticV  uint64
	contours [][]render.Pt // world coordinates, for the current landscape and view
	contourK contourKey

	dragging  bool
	dragPanel int
	playInURL bool        // the URL said play=…, which beats reduced motion
	history   gyHistory   // sparse figure: the true and the received y-gradient
	pts       []render.Pt // scratch for polylines
	scratch   []render.Pt
}

// track is one optimizer's run, drawn in one panel.
type track struct {
	name  string
	cfg   sim.Config
	run   *sim.Run
	panel int
	// changes lists the configurations replaced mid-run, for the CSV
	// export to replay (export.go); a restart empties it.
	changes []cfgChange
}

// maxStepsPerFrame bounds the work of one frame at the top speed, so that a
// playing figure never stalls the page.
const maxStepsPerFrame = 400

// New builds the figure that v describes. notices are shown on the figure
// (from parsing the URL); playInURL says the URL named play explicitly.
func New(v params.Values, notices []string, playInURL bool) *Figure {
	f := &Figure{visible: true, dpr: 1, w: 800, h: 500, playInURL: playInURL}
	f.urlNotices = notices
	f.v = v
	f.playing = v.Play
	f.rebuild()
	return f
}

// Params returns the figure's current parameters.
func (f *Figure) Params() params.Values { return f.v }

// Set applies assignments from the page (already checked by the bridge, whose
// notices arrive in notices) and decides what has to restart.
func (f *Figure) Set(in map[string]string, notices []string) {
	old := f.v
	f.v.SetMany(in)
	if len(notices) > 0 {
		f.setNotices = notices
	}
	if _, ok := in["play"]; ok {
		f.playing = f.v.Play && !f.allStopped()
	}
	f.applyChange(old)
}

// applyChange compares the parameters before and after a change: a new
// figure or landscape rebuilds, a new start or draw restarts the runs, and a
// new rate carries on from where the runs are.
func (f *Figure) applyChange(old params.Values) {
	v := f.v
	switch {
	case v.Fig != old.Fig:
		f.rebuild()
	case v.A != old.A || v.B != old.B || v.Angle != old.Angle:
		f.rebuild()
	case v.X0 != old.X0 || v.Y0 != old.Y0 || v.G0 != old.G0 || v.P != old.P || v.Seed != old.Seed || v.Forget != old.Forget:
		f.restart()
	case v.LR != old.LR || v.SGDLR != old.SGDLR || v.Eps != old.Eps || v.EpsIn != old.EpsIn || v.Rho != old.Rho:
		for _, t := range f.tracks {
			t.changes = append(t.changes, cfgChange{until: t.run.State().Step, cfg: t.cfg})
			t.cfg = f.config(t.cfg.Method)
			t.run.SetConfig(t.cfg)
		}
	}
	if v.Theme != old.Theme || !slices.Equal(v.Hide, old.Hide) {
		f.restyle()
	}
}

// rebuild makes the landscape, the runs and the layout anew.
func (f *Figure) rebuild() {
	f.land = landscapeFor(f.v)
	f.contourK = contourKey{}
	f.tracks = f.tracks[:0] // runs on the old landscape cannot be reset onto the new one
	f.restart()
	f.relayout()
	f.restyle()
}

// restart sends every run back to the start. Runs of the same methods on
// the same landscape are reset in place rather than made anew: a figure
// playing at top speed restarts several times a second, and a fresh run's
// trail is a large allocation.
func (f *Figure) restart() {
	specs := runsFor(f.v)
	same := len(f.tracks) == len(specs)
	for i := 0; same && i < len(specs); i++ {
		same = f.tracks[i].name == specs[i].name && f.tracks[i].panel == specs[i].panel
	}
	if !same {
		f.tracks = f.tracks[:0]
	}
	start := []float64{f.v.X0, f.v.Y0}
	for i, spec := range specs {
		cfg := f.config(spec.method)
		var drop *sim.Dropout
		if f.v.Fig == "sparse" {
			drop = &sim.Dropout{P: f.v.P, Coord: 1, Seed: f.v.Seed}
		}
		if same {
			t := f.tracks[i]
			t.changes = t.changes[:0]
			t.cfg = cfg
			t.run.SetConfig(cfg)
			t.run.SetDropout(drop)
			t.run.Reset(start)
			continue
		}
		run := sim.NewRun(f.land, cfg, start, drop)
		f.tracks = append(f.tracks, &track{name: spec.name, cfg: cfg, run: run, panel: spec.panel})
	}
	f.step = 0
	f.clock = 0
	f.history.reset()
	f.recordHistory()
}

// config is the optimizer configuration the parameters ask for.
func (f *Figure) config(m sim.Method) sim.Config {
	c := sim.DefaultConfig(m)
	switch m {
	case sim.SGD:
		c.LR = f.v.SGDLR
	case sim.AdaGrad:
		c.LR, c.Eps, c.EpsInSqrt, c.G0 = f.v.LR, f.v.Eps, f.v.EpsIn, f.v.G0
	case sim.RMSProp:
		c.LR, c.Eps, c.EpsInSqrt, c.Rho = f.v.LR, f.v.Eps, f.v.EpsIn, f.v.Rho
	}
	return c
}

// Play starts the clock, Pause stops it.
func (f *Figure) Play() {
	f.playing = true
	f.v.Play = true
	if f.allStopped() {
		f.restart()
	}
}

func (f *Figure) Pause() {
	f.playing = false
	f.v.Play = false
}

// Reset sends the runs back to the start and keeps playing or paused as it was.
func (f *Figure) Reset() { f.restart() }

// Step advances every run by n steps at once (runs that diverged stay put).
func (f *Figure) Step(n int) {
	if n < 1 {
		return
	}
	f.advance(n)
}

// Tick advances the clock by dt seconds; it reports whether anything moved.
func (f *Figure) Tick(dt float64) bool {
	if !f.Animating() || f.dragging {
		return false
	}
	f.clock += f.v.Speed * dt
	n := int(f.clock)
	if n < 1 {
		return false
	}
	f.clock -= float64(n)
	f.advance(min(n, maxStepsPerFrame))
	if f.allStopped() || f.step >= horizon(f.v.Fig) {
		f.Pause()
	}
	return true
}

func (f *Figure) advance(n int) {
	for i := 0; i < n; i++ {
		for _, t := range f.tracks {
			t.run.Step()
		}
		f.step++
		f.recordHistory()
	}
}

// Animating reports whether the figure wants frames: playing and on screen.
func (f *Figure) Animating() bool { return (f.playing && f.visible) || f.dragging }

// allStopped reports whether no run can move any more.
func (f *Figure) allStopped() bool {
	for _, t := range f.tracks {
		if !t.run.State().Diverged {
			return false
		}
	}
	return len(f.tracks) > 0
}

// SetVisible pauses the clock while nobody can see the figure.
func (f *Figure) SetVisible(on bool) { f.visible = on }

// SetEnv passes on the reader's preferences: a dark colour scheme, and less
// motion (no autoplay unless the URL asked for it by name).
func (f *Figure) SetEnv(dark, reducedMotion bool) {
	if f.dark != dark {
		f.dark = dark
		f.restyle()
	}
	if reducedMotion && !f.reduced && f.step == 0 && !f.playInURL {
		f.Pause()
	}
	f.reduced = reducedMotion
}

// SetInset tells the figure how many CSS pixels of HTML controls cover the
// bottom of the canvas.
func (f *Figure) SetInset(cssPx float64) {
	if !(cssPx >= 0) || cssPx > 4000 {
		cssPx = 0
	}
	if cssPx != f.insetPx {
		f.insetPx = cssPx
		f.relayout()
	}
}

// Resize sets the canvas size in device pixels and the device pixel ratio.
func (f *Figure) Resize(w, h, dpr float64) {
	if !(dpr > 0) {
		dpr = 1
	}
	f.w, f.h, f.dpr = max(w, 1), max(h, 1), dpr
	f.relayout()
}

// restyle picks the palette and marks the cached background stale.
func (f *Figure) restyle() {
	f.pal = render.Light
	if f.Theme() == "dark" {
		f.pal = render.Dark
	}
	f.staticV++
}

// Theme is the theme in force: the URL's choice, or the reader's preference.
func (f *Figure) Theme() string {
	switch f.v.Theme {
	case "light", "dark":
		return f.v.Theme
	}
	if f.dark {
		return "dark"
	}
	return "light"
}

// StaticVersion changes whenever the cached background must be redrawn.
func (f *Figure) StaticVersion() uint64 { return f.staticV }

// Notices is what the figure shows as wrong: the URL's problems, which stay,
// and those of the page's latest set() that had any. The parser already
// bounds each list (at most eight and a count of the rest).
func (f *Figure) Notices() []string {
	if len(f.setNotices) == 0 {
		return f.urlNotices
	}
	return append(append([]string(nil), f.urlNotices...), f.setNotices...)
}
