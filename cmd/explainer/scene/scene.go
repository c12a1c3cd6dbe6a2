// Package scene holds the lesson's figures as plain Go: which runs each
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
	landK  landKey
	tracks []*track
	rare   *rareFig // the rare-words figure's model; nil in the others
	step   int      // the figure's clock: every run has taken this many steps, or diverged sooner
	clock  float64  // fraction of a step owed to the next frame

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

	pred      *prediction // guess mode (predict=N); nil when off
	dragging  bool
	dragPanel int
	playInURL bool        // the URL said play=…: a figure opened at a later step plays only then
	pts       []render.Pt // scratch for polylines
	scratch   []render.Pt
	vals      []render.Pt // a series plot's samples as (step, value)
}

// track is one optimizer's run, drawn in one panel, with the settings it
// was computed from.
type track struct {
	name  string
	panel int
	run   *sim.Run
	cfg   sim.Config
	setup setup
}

// setup is everything besides the configuration that a run's path depends
// on. Two tracks with equal cfg and setup have taken the same steps.
type setup struct {
	land  landKey
	start [2]float64
	drop  sim.Dropout
	drops bool // drop applies (the sparse figure)
}

// landKey identifies a landscape.
type landKey struct{ a, b, angle float64 }

// maxStepsPerFrame bounds the work of one frame at the top speed, so that a
// playing figure never stalls the page.
const maxStepsPerFrame = 400

// New builds the figure that v describes, at step v.Step. notices are shown
// on the figure (from parsing the URL); playInURL says the URL named play
// explicitly. A figure opened at a later step waits there, paused, unless
// the URL asked for play.
func New(v params.Values, notices []string, playInURL bool) *Figure {
	f := &Figure{visible: true, dpr: 1, w: 800, h: 500, playInURL: playInURL}
	f.urlNotices = notices
	f.v = v
	f.playing = v.Play && (v.Step == 0 || playInURL)
	f.v.Play = f.playing
	f.rebuild()
	f.Seek(int(v.Step))
	f.resetPrediction() // guess mode opens at step 0, paused
	return f
}

// Params returns the figure's current parameters; Step is the current step.
func (f *Figure) Params() params.Values {
	v := f.v
	v.Step = uint64(f.step)
	return v
}

// Set applies assignments from the page and returns the notices for those
// that were not valid (each kept its value or took the default, as the
// notice says); the figure shows them until a later Set has notices of its
// own. Every run whose settings changed is computed again from its start to
// the current step, so the figure shows at once where the new settings
// would have taken it; the others stay as they are.
func (f *Figure) Set(in map[string]string) []params.Notice {
	old := f.v
	ns := f.v.SetMany(in)
	if len(ns) > 0 {
		f.setNotices = make([]string, len(ns))
		for i, n := range ns {
			f.setNotices[i] = n.String()
		}
	}
	if f.v.Fig != old.Fig {
		f.rebuild()
	} else {
		f.sync()
	}
	if f.v.Theme != old.Theme || !slices.Equal(f.v.Hide, old.Hide) {
		f.restyle()
	}
	if _, ok := in["step"]; ok {
		f.Seek(int(f.v.Step))
	}
	if _, ok := in["play"]; ok {
		f.playing = f.v.Play && !f.allStopped()
	}
	if f.v.Predict != old.Predict || f.v.Fig != old.Fig {
		f.resetPrediction()
	} else if f.pred != nil && f.pred.revealed && runsDiffer(old, f.v) {
		f.pred.revealed = false // the runs changed: the guesses wait for another reveal
	}
	return ns
}

// rebuild makes the runs and the layout anew, at step 0.
func (f *Figure) rebuild() {
	f.tracks = f.tracks[:0]
	f.rare = nil
	f.step, f.clock = 0, 0
	f.sync()
	f.relayout()
	f.restyle()
}

// sync brings the runs in line with the parameters at the current step: a
// run whose settings differ from those it was computed with is recomputed
// from its start. Runs are reused in place rather than made anew: dragging
// the start point recomputes every frame, and a fresh run's trail is a large
// allocation.
func (f *Figure) sync() {
	if k := (landKey{f.v.A, f.v.B, f.v.Angle}); f.land == nil || k != f.landK {
		f.land, f.landK = landscapeFor(f.v), k
		f.contourK = contourKey{}
	}
	if f.v.Fig == "rare" {
		f.tracks = f.tracks[:0]
		f.syncRare()
		return
	}
	f.rare = nil
	specs := runsFor(f.v)
	same := len(f.tracks) == len(specs)
	for i := 0; same && i < len(specs); i++ {
		same = f.tracks[i].name == specs[i].name && f.tracks[i].panel == specs[i].panel
	}
	if !same {
		f.tracks = f.tracks[:0]
	}
	want := setup{land: f.landK, start: [2]float64{f.v.X0, f.v.Y0}}
	if f.v.Fig == "sparse" {
		want.drop, want.drops = sim.Dropout{P: f.v.P, Coord: 1, Seed: f.v.Seed}, true
	}
	// A figure stepped beyond params.MaxStep (step(n) goes further than
	// seek) comes back to it on a change, every run with it: recomputing
	// millions of steps would stall the page.
	if same && f.step > params.MaxStep && f.changes(specs, want) {
		f.step = params.MaxStep
		for _, t := range f.tracks {
			t.setup = setup{} // stale: computed again below
		}
	}
	for i, spec := range specs {
		cfg := f.config(spec.method)
		if !same {
			t := &track{name: spec.name, panel: spec.panel, cfg: cfg, setup: want}
			t.run = sim.NewRun(f.land, cfg, want.start[:], want.dropout())
			t.run.Steps(f.step)
			f.tracks = append(f.tracks, t)
			continue
		}
		t := f.tracks[i]
		if t.computedWith(cfg, want) {
			continue
		}
		t.run.SetConfig(cfg)
		t.run.SetDropout(want.dropout())
		if t.setup.land != want.land {
			t.run.SetLandscape(f.land, want.start[:])
		} else {
			t.run.Reset(want.start[:])
		}
		t.cfg, t.setup = cfg, want
		t.run.Steps(f.step)
	}
}

// changes reports whether some run's settings differ from want and the
// configuration its spec asks for.
func (f *Figure) changes(specs []runSpec, want setup) bool {
	for i, spec := range specs {
		if !f.tracks[i].computedWith(f.config(spec.method), want) {
			return true
		}
	}
	return false
}

// computedWith reports whether the track's run was computed with cfg and s.
func (t *track) computedWith(cfg sim.Config, s setup) bool { return t.cfg == cfg && t.setup == s }

// dropout is the run's gradient dropout, nil for dense gradients.
func (s *setup) dropout() *sim.Dropout {
	if !s.drops {
		return nil
	}
	d := s.drop
	return &d
}

// config is the optimizer configuration the parameters ask for.
func (f *Figure) config(m sim.Method) sim.Config {
	c := sim.DefaultConfig(m)
	switch m {
	case sim.SGD:
		c.LR = f.v.SGDLR
	case sim.AdaGrad, sim.AdaGradFull:
		c.LR, c.Eps, c.EpsInSqrt, c.G0 = f.v.LR, f.v.Eps, f.v.EpsIn, f.v.G0
	case sim.RMSProp:
		c.LR, c.Eps, c.EpsInSqrt, c.Rho = f.v.LR, f.v.Eps, f.v.EpsIn, f.v.Rho
	}
	return c
}

// Play starts the clock, Pause stops it. Play on runs that can no longer
// move starts them again from step 0. In guess mode, before the reveal,
// Play reveals instead.
func (f *Figure) Play() {
	if f.Predicting() {
		f.Reveal()
		return
	}
	f.playing = true
	f.v.Play = true
	if f.allStopped() {
		f.Seek(0)
	}
}

func (f *Figure) Pause() {
	f.playing = false
	f.v.Play = false
}

// Reset sends the runs back to the start and keeps playing or paused as it
// was; in guess mode it starts a new round of guesses.
func (f *Figure) Reset() {
	if f.pred != nil {
		f.resetPrediction()
		return
	}
	f.Seek(0)
}

// Step advances every run by n steps at once (runs that diverged stay put).
// In the rare-words figure, whose steps cost microseconds each, one call
// goes at most params.MaxStep examples on.
func (f *Figure) Step(n int) {
	if n < 1 {
		return
	}
	if f.rare != nil {
		n = min(n, params.MaxStep)
	}
	f.advance(n)
}

// Seek moves the figure to step n (clamped to 0 … params.MaxStep), forward
// or backward, leaving it exactly as Reset followed by Step(n) would.
func (f *Figure) Seek(n int) {
	n = max(0, min(n, params.MaxStep))
	if n < f.step {
		for _, t := range f.tracks {
			t.run.Reset(t.setup.start[:])
		}
		if f.rare != nil {
			f.rare.m.Reset()
		}
		f.step = 0
	}
	f.clock = 0
	f.advance(n - f.step)
}

// Horizon is the step at which a playing figure pauses by itself.
func (f *Figure) Horizon() int { return horizon(f.v.Fig) }

// Tick advances the clock by dt seconds; it reports whether anything moved.
// Playing stops by itself on reaching the horizon; Play carries on past it.
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
	n = min(n, maxStepsPerFrame)
	h := horizon(f.v.Fig)
	if f.step < h {
		n = min(n, h-f.step)
	}
	f.advance(n)
	if f.allStopped() || f.step == h {
		f.Pause()
	}
	return true
}

func (f *Figure) advance(n int) {
	if n < 1 {
		return
	}
	for _, t := range f.tracks {
		t.run.Steps(n)
	}
	if f.rare != nil {
		f.rare.m.Step(n)
	}
	f.step += n
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
// motion, which always wins over autoplay, play=1 in the URL included; the
// reader's own Play still plays.
func (f *Figure) SetEnv(dark, reducedMotion bool) {
	if f.dark != dark {
		f.dark = dark
		f.restyle()
	}
	if reducedMotion && !f.reduced {
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

// StaticVersion changes whenever the cached background must be redrawn:
// for the rare-words figure, that includes its plots' scales moving.
func (f *Figure) StaticVersion() uint64 {
	f.syncRareScales()
	return f.staticV
}

// Notices is what the figure shows as wrong: the URL's problems, which stay,
// and those of the page's latest set() that had any. The parser already
// bounds each list (at most eight and a count of the rest).
func (f *Figure) Notices() []string {
	if len(f.setNotices) == 0 {
		return f.urlNotices
	}
	return append(append([]string(nil), f.urlNotices...), f.setNotices...)
}
