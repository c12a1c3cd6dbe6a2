//go:build js

// Command explainer is the WebAssembly program behind every figure of the
// AdaGrad lesson. One build serves all four figures; the page's query string
// says which one to show. It is deliberately thin: the parameter table lives
// in params, the figures in scene, the geometry in render, the numbers in sim.
// This package only connects them to Ebiten and to the page.
package main

import (
	"strings"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/cmd/explainer/scene"
)

func main() {
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

func noticeTexts(ns []params.Notice) []string {
	out := make([]string, 0, len(ns))
	for _, n := range ns {
		out = append(out, n.String())
	}
	return out
}

// namesPlay reports whether the query string names the play parameter, which
// then wins over a preference for reduced motion.
func namesPlay(query string) bool {
	for _, pair := range strings.Split(strings.TrimPrefix(query, "?"), "&") {
		if name, _, _ := strings.Cut(pair, "="); name == "play" {
			return true
		}
	}
	return false
}
