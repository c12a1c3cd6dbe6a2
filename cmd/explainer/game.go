//go:build js

package main

import (
	"image"
	"math"
	"syscall/js"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/adagrad-explained/adagrad/cmd/explainer/framemeter"
	"github.com/adagrad-explained/adagrad/cmd/explainer/scene"
)

// game adapts a scene.Figure to Ebiten's Update/Draw/Layout. It redraws only
// when something changed: a paused, untouched figure costs nothing per frame.
type game struct {
	fig               *scene.Figure
	paint             *painter
	pageCalls         scene.Queue // the page's calls, applied in Update
	applied           bool        // the figure changed outside Update (settle, set()) since the last one
	static            *ebiten.Image
	staticV           uint64
	frame             scene.Frame
	w, h              int
	dirty             bool
	last              time.Time
	drawn             bool // the first frame is on screen
	ready             bool // the page has been told
	settled           bool // a frame has passed since ready: collector on, runs moving (see Update)
	draws, readyDraws int  // Draw calls so far, and when ready was reported
	pushed            time.Time
	perf              framemeter.Meter
	subs              map[subKey]*ebiten.Image
	shots             []js.Value // capture callbacks waiting for the next Draw (shot.go)
	deep              *deepStack // where update and draw run (stack.go)
	update, draw      func()     // the two, made once rather than a closure per frame
	screen            *ebiten.Image
}

func newGame(f *scene.Figure) *game {
	g := &game{fig: f, paint: newPainter(), dirty: true, deep: newDeepStack()}
	g.update, g.draw = g.updateFrame, g.drawFrame
	return g
}

// do queues a call from the page for the next Update.
func (g *game) do(fn func(*scene.Figure)) {
	g.pageCalls.Do(fn)
	ebiten.ScheduleFrame()
}

// settle applies the queued calls at once, before the page reads the
// figure; the next Update shows what they changed.
func (g *game) settle() {
	if g.pageCalls.Apply(g.fig) {
		g.applied = true
		ebiten.ScheduleFrame()
	}
}

func (g *game) Update() error {
	t0 := time.Now()
	g.deep.run(g.update)
	g.perf.Add(time.Since(t0))
	return nil
}

// updateFrame is Update's work, on the deep stack.
func (g *game) updateFrame() {
	changed := g.pageCalls.Apply(g.fig) || g.applied
	g.applied = false
	now := time.Now()
	dt := 0.0
	if !g.last.IsZero() {
		dt = math.Min(now.Sub(g.last).Seconds(), 0.25)
	}
	g.last = now
	// The runs start moving in the frame after ready: a step sooner would
	// redraw in the very frame whose end the host page waits for.
	if g.settled && g.fig.Tick(dt) {
		changed = true
	}
	if changed {
		g.dirty = true
	}
	// The page laid out the first summary at boot; ready says only that the
	// first frame is on screen, so the host page hears it at once.
	if g.drawn && !g.ready {
		g.ready = true
		g.readyDraws = g.draws
		g.pushed = now
		hookReady(g.fig)
	} else if g.ready && !g.settled && g.draws > g.readyDraws {
		// A frame has passed since ready (Ebiten may run several Updates in
		// one frame), so the host page has heard it: what was kept off the
		// first frame runs now.
		g.settled = true
		releaseGC()
		g.dirty = true // the same picture again, from the cached background (see Draw)
	}
	if g.ready && (changed || g.fig.Animating()) {
		// While playing, the page hears from us five times a second at
		// most, as often as figure.js rewrites the readout.
		if !g.fig.Animating() || now.Sub(g.pushed) >= 200*time.Millisecond {
			g.pushed = now
			pushSummary(g.fig)
		}
	}
	// Frames keep coming while anything moves or waits: calls the page
	// makes from inside the hooks above sit in the queue for the next one. Otherwise Ebiten draws only on
	// demand, and a still figure costs nothing.
	if g.fig.Animating() || !g.settled || g.dirty || g.pageCalls.Len() > 0 {
		ebiten.SetFPSMode(ebiten.FPSModeVsyncOn)
	} else {
		ebiten.SetFPSMode(ebiten.FPSModeVsyncOffMinimum)
		g.last = time.Time{} // no catching up after a pause
	}
}

func (g *game) Draw(screen *ebiten.Image) {
	t0 := time.Now()
	g.screen = screen
	g.deep.run(g.draw)
	g.screen = nil
	// A frame is what one Draw puts on screen: it closes with the time of
	// the Updates before it (Ebiten may run several when frames are slow).
	g.perf.Add(time.Since(t0))
	g.perf.Frame(t0)
}

// drawFrame is Draw's work, on the deep stack, onto g.screen.
func (g *game) drawFrame() {
	screen := g.screen
	g.draws++
	if len(g.shots) > 0 {
		defer g.shoot(screen) // after this frame's painting, if any
	}
	if !g.dirty {
		return
	}
	g.dirty = false
	if !g.drawn {
		// The first frame paints the background straight onto the screen.
		// The cache is an offscreen texture the size of the canvas, and
		// software WebGL spends tens of milliseconds allocating, filling and
		// compositing it, all on the way to the first frame; Update asks for
		// another frame once ready has been heard, and that one builds it.
		g.paintStatic(screen)
	} else {
		if g.static == nil || g.staticV != g.fig.StaticVersion() {
			if g.static == nil {
				g.static = newOwnTexture(g.w, g.h)
			}
			g.static.Clear()
			g.paintStatic(g.static)
			g.staticV = g.fig.StaticVersion()
		}
		screen.DrawImage(g.static, nil)
	}
	g.frame.Reset()
	g.fig.DrawDynamic(&g.frame)
	g.paintFrame(screen)
	g.drawn = true
}

// paintStatic paints the figure's background layer onto dst.
func (g *game) paintStatic(dst *ebiten.Image) {
	g.frame.Reset()
	g.fig.DrawStatic(&g.frame)
	g.paintFrame(dst)
}

// paintFrame paints each part of the frame clipped to its rectangle: the
// shapes of all parts, then their labels (see painter.shapes). The scene's
// moving parts do not overlap; in the background, the one part that spans
// the canvas holds the titles, which sit above the panels' frames.
func (g *game) paintFrame(dst *ebiten.Image) {
	for pass := range 2 {
		for i := range g.frame.Used() {
			p := &g.frame.Parts[i]
			r := image.Rect(int(math.Floor(p.Clip.X)), int(math.Floor(p.Clip.Y)),
				int(math.Ceil(p.Clip.X+p.Clip.W)), int(math.Ceil(p.Clip.Y+p.Clip.H)))
			sub := g.sub(dst, r)
			switch {
			case sub == nil:
			case pass == 0:
				g.paint.shapes(sub, &p.Layer)
			default:
				g.paint.labels(sub, &p.Layer)
			}
		}
	}
}

// subKey names a clipped view of an image.
type subKey struct {
	img *ebiten.Image
	r   image.Rectangle
}

// sub returns dst clipped to r, or nil for an empty r. The views are kept:
// Ebiten gives each view its own vertex buffer, which a fresh view every
// frame would allocate again.
func (g *game) sub(dst *ebiten.Image, r image.Rectangle) *ebiten.Image {
	if r.Empty() {
		return nil
	}
	k := subKey{dst, r}
	if s, ok := g.subs[k]; ok {
		return s
	}
	s, ok := dst.SubImage(r).(*ebiten.Image)
	if !ok {
		return nil
	}
	if g.subs == nil || len(g.subs) > 64 { // layouts come and go with resizes
		g.subs = map[subKey]*ebiten.Image{}
	}
	g.subs[k] = s
	return s
}

func (g *game) Layout(outsideWidth, outsideHeight int) (int, int) {
	s := ebiten.Monitor().DeviceScaleFactor()
	if !(s > 0) || s > 8 {
		s = 1
	}
	w := max(1, int(math.Ceil(float64(outsideWidth)*s)))
	h := max(1, int(math.Ceil(float64(outsideHeight)*s)))
	if w != g.w || h != g.h {
		g.w, g.h = w, h
		if g.static != nil {
			g.static.Deallocate()
			g.static = nil
		}
		g.subs = nil
		g.fig.Resize(float64(w), float64(h), s)
		g.dirty = true
	}
	return w, h
}

// newOwnTexture makes an image with a texture of its own, outside Ebiten's
// shared atlas. A screen-sized background or a glyph page placed on the
// atlas makes it grow, and software WebGL pays for that on the first frame:
// in headless Chromium the main thread stayed busy about 60 ms longer after
// the first frame (median of 12 loads of the valley figure each way).
func newOwnTexture(w, h int) *ebiten.Image {
	return ebiten.NewImageWithOptions(image.Rect(0, 0, w, h), &ebiten.NewImageOptions{Unmanaged: true})
}
