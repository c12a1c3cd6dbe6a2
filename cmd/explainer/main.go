//go:build js

// Command explainer is the WebAssembly program behind every figure of the
// AdaGrad lesson. One build serves all four figures; the page's query string
// says which one to show. It is deliberately thin: the parameter table lives
// in params, the figures in scene, the geometry in render, the numbers in sim.
// This package only connects them to Ebiten and to the page.
package main

import (
	"math"
	"runtime/debug"
	"strings"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/cmd/explainer/scene"
)

func main() {
	holdGC()
	query := js.Global().Get("location").Get("search").String()
	v, notices := params.ParseQuery(query)
	g := newGame(scene.New(v, noticeTexts(notices), namesPlay(query)))
	exposeCore(g)

	ebiten.SetScreenClearedEveryFrame(false)
	// Frames run at the display's rate until the first one is drawn; from
	// then on Update drops to drawing on demand whenever nothing moves.
	ebiten.SetFPSMode(ebiten.FPSModeVsyncOn)
	ebiten.SetRunnableOnUnfocused(true)
	op := &ebiten.RunGameOptions{ScreenTransparent: true}
	if err := ebiten.RunGameWithOptions(g, op); err != nil {
		js.Global().Get("console").Call("warn", "figure stopped: "+err.Error())
	}
}

// Start-up allocates about 5 MB (the scene's runs and contours, Ebiten's
// vertex buffers and shader compiler), just past the 4 MB at which Go's
// first collection starts, so that collection fell in the middle of the
// first frame: about 30 ms of GC assists in a CPU profile of the valley
// page, plus compiling the collector's code. The collector waits instead
// until the first frame is on screen; a memory limit still bounds the heap
// if that frame never comes (a tab hidden from the start draws nothing).
func holdGC() {
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(64 << 20)
}

// releaseGC restores Go's defaults; game.Update calls it in the frame after
// the one that reported ready, so that the host page hears ready first.
func releaseGC() {
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)
}

func noticeTexts(ns []params.Notice) []string {
	out := make([]string, 0, len(ns))
	for _, n := range ns {
		out = append(out, n.String())
	}
	return out
}

// namesPlay reports whether the query string names the play parameter: a
// figure opened at step=N plays only when it does.
func namesPlay(query string) bool {
	for _, pair := range strings.Split(strings.TrimPrefix(query, "?"), "&") {
		if name, _, _ := strings.Cut(pair, "="); name == "play" {
			return true
		}
	}
	return false
}
