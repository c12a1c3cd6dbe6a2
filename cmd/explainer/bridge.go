//go:build js

package main

import (
	"math"
	"runtime"
	"syscall/js"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/adagrad-explained/adagrad/cmd/explainer/jsontext"
	"github.com/adagrad-explained/adagrad/cmd/explainer/params"
	"github.com/adagrad-explained/adagrad/cmd/explainer/scene"
)

// The bridge to the page. figure.js defines window.adagradHooks (which we
// call) and window.adagradFigureBoot (which receives our core object); the
// public window.adagradFigure is figure.js's thin facade over that core.
//
// Calls from the page never change the figure directly: they are validated
// here with the one parameter parser, then queued (scene.Queue) and applied in
// Update — or just before the page reads the figure, so a read sees every
// call made before it.

var pageHooks js.Value

func exposeCore(g *game) {
	pageHooks = js.Global().Get("adagradHooks")
	core := map[string]any{
		"state": fn(func(args []js.Value) any {
			g.settle()
			return stateObject(g)
		}),
		"set": fn(func(args []js.Value) any {
			if len(args) < 1 || args[0].Type() != js.TypeObject {
				return js.ValueOf([]any{})
			}
			in := map[string]string{}
			keys := js.Global().Get("Object").Call("keys", args[0])
			for i := 0; i < keys.Length() && i < params.MaxKeys; i++ {
				k := keys.Index(i).String()
				v := args[0].Get(k)
				if v.Type() == js.TypeString {
					in[k] = v.String()
				}
			}
			// Applied now, after every call queued before it, so that the
			// answer is this call's notices and a read that follows sees it.
			g.settle()
			ns := g.fig.Set(in)
			g.applied = true
			ebiten.ScheduleFrame()
			return jsStrings(noticeTexts(ns))
		}),
		"play":  fn(func([]js.Value) any { g.do(func(f *scene.Figure) { f.Play() }); return nil }),
		"pause": fn(func([]js.Value) any { g.do(func(f *scene.Figure) { f.Pause() }); return nil }),
		"reset": fn(func([]js.Value) any { g.do(func(f *scene.Figure) { f.Reset() }); return nil }),
		"step": fn(func(args []js.Value) any {
			n := 1
			if len(args) > 0 && args[0].Type() == js.TypeNumber {
				if x := args[0].Float(); x >= 1 && x <= params.MaxStepsPerCall {
					n = int(x)
				}
			}
			g.pageCalls.Step(n)
			ebiten.ScheduleFrame()
			return nil
		}),
		"seek": fn(func(args []js.Value) any {
			// Anything but a finite number changes nothing; the figure
			// clamps the rest to 0 … params.MaxStep.
			if len(args) > 0 && args[0].Type() == js.TypeNumber {
				if x := args[0].Float(); finite(x) {
					n := int(math.Max(-1, math.Min(x, params.MaxStep)))
					g.do(func(f *scene.Figure) { f.Seek(n) })
				}
			}
			return nil
		}),
		"hit": fn(func(args []js.Value) any {
			x, y, ok := point(args)
			g.settle()
			return ok && g.fig.Hit(x, y)
		}),
		"handle": fn(func([]js.Value) any {
			g.settle()
			if !g.fig.HasStart() {
				return nil // figure.js's handle() says null
			}
			x, y := g.fig.Handle()
			return []any{x, y}
		}),
		"pointer": fn(func(args []js.Value) any {
			if len(args) < 3 || args[0].Type() != js.TypeString {
				return nil
			}
			kind := args[0].String()
			x, y, ok := point(args[1:])
			if ok {
				g.pageCalls.Pointer(kind, x, y)
				ebiten.ScheduleFrame()
			}
			return nil
		}),
		"nudge": fn(func(args []js.Value) any {
			x, y, ok := point(args)
			if ok && math.Abs(x) <= 100 && math.Abs(y) <= 100 {
				g.do(func(f *scene.Figure) { f.Nudge(int(x), int(y)) })
			}
			return nil
		}),
		// Guess mode: a click on a map, the arrow keys and Enter, the reveal
		// (applied at once, like set, so its answer is the measured guesses).
		"guess": fn(func(args []js.Value) any {
			if x, y, ok := point(args); ok {
				g.do(func(f *scene.Figure) { f.Guess(x, y) })
			}
			return nil
		}),
		"guessKey": fn(func(args []js.Value) any {
			if x, y, ok := point(args); ok && math.Abs(x) <= 100 && math.Abs(y) <= 100 {
				g.do(func(f *scene.Figure) { f.MoveGuess(int(x), int(y)) })
			} else if len(args) > 0 && args[0].String() == "enter" {
				g.do(func(f *scene.Figure) { f.PlaceGuess() })
			}
			return nil
		}),
		"predicting": fn(func([]js.Value) any { g.settle(); return g.fig.Predicting() }),
		"reveal": fn(func([]js.Value) any {
			g.settle()
			g.fig.Reveal()
			g.applied = true
			ebiten.ScheduleFrame()
			return predictionObject(g.fig)
		}),
		"insets": fn(func(args []js.Value) any {
			if len(args) > 0 && args[0].Type() == js.TypeNumber {
				px := args[0].Float()
				g.do(func(f *scene.Figure) { f.SetInset(px) })
			}
			return nil
		}),
		"visible": fn(func(args []js.Value) any {
			on := len(args) > 0 && args[0].Truthy()
			g.do(func(f *scene.Figure) { f.SetVisible(on) })
			return nil
		}),
		"env": fn(func(args []js.Value) any {
			dark := len(args) > 0 && args[0].Truthy()
			reduced := len(args) > 1 && args[1].Truthy()
			g.do(func(f *scene.Figure) { f.SetEnv(dark, reduced) })
			return nil
		}),
		"info": fn(func([]js.Value) any { return g.fig.Info().Object() }),
		"summary": fn(func([]js.Value) any {
			g.settle()
			s := g.fig.Summary()
			return []any{summaryText(s), paramsText(g.fig, s.Params)}
		}),
		"query": fn(func([]js.Value) any { g.settle(); return g.fig.Params().Query() }),
		// The Download control: the runs so far as CSV text (and whether
		// every step is in it), and the figure's pixels for a PNG.
		"csv": fn(func([]js.Value) any {
			g.settle()
			b, complete := g.fig.CSV()
			return map[string]any{"text": string(b), "complete": complete, "maxSteps": scene.MaxCSVSteps}
		}),
		"capture": fn(func(args []js.Value) any {
			if len(args) < 1 || args[0].Type() != js.TypeFunction {
				return nil
			}
			cb := args[0]
			g.do(func(*scene.Figure) { g.shots = append(g.shots, cb) })
			return nil
		}),
		"sceneHeight": fn(func(args []js.Value) any {
			w := 600.0
			if len(args) > 0 && args[0].Type() == js.TypeNumber {
				w = args[0].Float()
			}
			return scene.PreferredHeight(g.fig.Params().Fig, w)
		}),
	}
	boot := js.Global().Get("adagradFigureBoot")
	if boot.Type() == js.TypeFunction {
		boot.Invoke(js.ValueOf(core))
	}
}

func fn(f func([]js.Value) any) js.Func {
	return js.FuncOf(func(this js.Value, args []js.Value) any { return f(args) })
}

func point(args []js.Value) (x, y float64, ok bool) {
	if len(args) < 2 || args[0].Type() != js.TypeNumber || args[1].Type() != js.TypeNumber {
		return 0, 0, false
	}
	x, y = args[0].Float(), args[1].Float()
	return x, y, finite(x) && finite(y)
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func jsStrings(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// hookReady tells figure.js the first frame is on screen.
func hookReady(f *scene.Figure) {
	if pageHooks.Type() == js.TypeObject {
		pageHooks.Call("ready", f.Params().Fig)
	}
}

// pushSummary hands figure.js what its HTML shows: buttons, control values,
// the readout and any notices, as two JSON texts (see summaryText and
// paramsText) that the page parses.
func pushSummary(f *scene.Figure) {
	if pageHooks.Type() == js.TypeObject {
		s := f.Summary()
		pageHooks.Call("update", summaryText(s), paramsText(f, s.Params))
	}
}

// summaryText is the summary's JSON text without the parameters; figure.js
// also asks for it (with paramsText) once at boot, to lay out the controls
// and readout before the first frame.
func summaryText(s scene.Summary) string {
	summaryBuf = jsontext.Append(summaryBuf[:0], map[string]any{
		"playing": s.Playing, "step": s.Step, "readout": s.Readout, "notices": s.Notices,
		"warning": s.Warning, "theme": s.Theme, "predict": s.Predict, "revealed": s.Revealed, "prompt": s.Prompt,
	})
	return string(summaryBuf)
}

var summaryBuf []byte // summaryText's, kept from one push to the next

// lastParams is the JSON text of the parameters and their display last
// handed over, kept as a JavaScript string: they change far less often
// than the run they describe, and the page knows the same string again
// without parsing it.
var lastParams struct {
	v    params.Values
	text js.Value
}

// paramsText is {"params": …, "display": …}: the parameters' values v
// (those of f's summary) and each as the controls show it.
func paramsText(f *scene.Figure, v params.Values) js.Value {
	if lastParams.text.IsUndefined() || !v.Equal(lastParams.v) {
		display := f.Display()
		lastParams.v = v
		lastParams.text = js.ValueOf(string(jsontext.Append(nil, map[string]any{"params": v.Object(), "display": display})))
	}
	return lastParams.text
}

func stateObject(g *game) any {
	s := g.fig.Summary()
	runs := make([]any, 0, len(s.Runs))
	for _, r := range s.Runs {
		runs = append(runs, map[string]any{
			"name": r.Name, "x": r.X, "y": r.Y, "loss": r.Loss,
			"G": []any{r.G[0], r.G[1]}, "lrEff": []any{r.Rate[0], r.Rate[1]},
			"step": r.Step, "diverged": r.Diverged, "frozen": r.Frozen,
		})
	}
	med, p99, frames := g.perf.Stats(time.Now(), 10*time.Second)
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)
	out := map[string]any{
		"fig": s.Params.Fig, "step": s.Step, "playing": s.Playing, "ready": g.ready,
		"params": s.Params.Object(), "runs": runs, "notices": jsStrings(s.Notices),
		"perf": map[string]any{"medianMs": med, "p99Ms": p99, "frames": frames, "gcCycles": int(mem.NumGC)},
	}
	if s.Params.Fig == "rare" {
		out["floor"] = s.Floor // the true weights' held-out loss: the best a run can reach
	}
	if p, ok := g.fig.Prediction(); ok { // absent outside guess mode
		out["prediction"] = p.Object()
	}
	return out
}

// predictionObject is what reveal() answers: null outside guess mode.
func predictionObject(f *scene.Figure) any {
	if p, ok := f.Prediction(); ok {
		return p.Object()
	}
	return nil
}
