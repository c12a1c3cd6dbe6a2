//go:build !js

package main

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
)

// dragResult is the Go-side cost of frames while the start point is dragged.
type dragResult struct {
	perf  perfStats
	step  int // the step every frame recomputed the runs to
	runs  int
	moves int
	gc    int // Go's collections during the drag
}

// drag measures the figure behind api while a pointer drags its start
// handle round a small circle for 10 s, one move per frame. Each move
// recomputes every run from the new start to the current step, so it runs
// at the figure's horizon (where playing stops by itself), with every run
// the figure can show (the freeze figure with RMSProp beside AdaGrad).
func drag(ctx context.Context, api, fig string) (*dragResult, error) {
	if fig == "freeze" {
		if err := eval(ctx, api+`.set({forget: 1})`, nil); err != nil {
			return nil, err
		}
	}
	if err := eval(ctx, fmt.Sprintf("%s.set({speed: %g}); %s.reset(); %s.play()", api, topSpeed(fig), api, api), nil); err != nil {
		return nil, err
	}
	if err := waitFor(ctx, `!`+api+`.state().playing`, time.Minute); err != nil {
		return nil, fmt.Errorf("the figure did not pause at its horizon: %v", err)
	}
	var st struct {
		Step int   `json:"step"`
		Runs []any `json:"runs"`
	}
	if err := eval(ctx, api+`.state()`, &st); err != nil {
		return nil, err
	}
	var h []float64
	if err := eval(ctx, api+`.handle()`, &h); err != nil {
		return nil, err
	}
	if h == nil { // no start point (the rare-words figure): nothing to drag
		return nil, nil
	}
	if len(h) != 2 {
		return nil, fmt.Errorf("the start handle is at %v", h)
	}
	mouse := func(typ input.DispatchMouseEventType, x, y float64) error {
		_, err := chromedp.Call(ctx, input.DispatchMouseEvent, input.DispatchMouseEventParams{
			Type: typ, X: x, Y: y, Button: input.MouseButtonLeft, ClickCount: 1})
		return err
	}
	var before perfStats
	if err := eval(ctx, api+`.state().perf`, &before); err != nil {
		return nil, err
	}
	if err := mouse(input.DispatchMouseEventTypeMousePressed, h[0], h[1]); err != nil {
		return nil, err
	}
	r := &dragResult{step: st.Step, runs: len(st.Runs)}
	end := time.Now().Add(10*time.Second + 300*time.Millisecond)
	for t0 := time.Now(); time.Now().Before(end); r.moves++ {
		a := time.Since(t0).Seconds() * 2 // radians: a turn every π seconds
		if err := mouse(input.DispatchMouseEventTypeMouseMoved, h[0]+25*math.Cos(a)-25, h[1]+25*math.Sin(a)); err != nil {
			return nil, err
		}
		time.Sleep(16 * time.Millisecond)
	}
	if err := eval(ctx, api+`.state().perf`, &r.perf); err != nil {
		return nil, err
	}
	r.gc = r.perf.GCCycles - before.GCCycles
	if err := mouse(input.DispatchMouseEventTypeMouseReleased, h[0], h[1]); err != nil {
		return nil, err
	}
	return r, nil
}

// topSpeed is the speed a figure is measured at "at top speed": 1000 steps
// a second, as the bench always used, or the fastest of the figure's own
// speed menu where that is faster (the rare-words figure, which plays
// thousands of examples a second).
func topSpeed(fig string) float64 {
	menu := params.SpeedsFor(fig)
	return max(1000, menu[len(menu)-1].Steps)
}
