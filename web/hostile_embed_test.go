//go:build !js

package web_test

// Embedding without hijacking: a figure inside a course page leaves the
// page's scrolling, focus and Tab order to the page.

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// tallPageHTML is a long course page with a figure in the middle and a
// button before and after it.
func tallPageHTML(figURL string) string {
	return fill(fixture("hostile/tall.html"), "fig", figURL)
}

// TestHostileEmbedNoHijack: an embedded figure keeps the course page's
// scrolling and its Tab key. The wheel and a touch swipe over the figure
// (away from its handle) scroll the page; Tab walks into the figure's
// controls and out to the page's next element, and Shift+Tab walks back.
func TestHostileEmbedNoHijack(t *testing.T) {
	site(t)
	figOrigin := h.origin
	parent := otherOriginPage(t, tallPageHTML(siteURL(t, "web/figure.html?fig=valley&play=0")))
	var rec hostileRec
	ctx, w := openPage(t, parent, viewport(1000, 700, 1), recordHostile(&rec))
	waitJS(t, ctx, `document.getElementById("fig").contentWindow && document.getElementById("fig").getBoundingClientRect().height > 0`, 10*time.Second)
	// Ready as seen from inside the frame.
	deadline := time.Now().Add(60 * time.Second)
	for {
		var ready bool
		if err := rec.evalIn(ctx, figOrigin, `!!(window.adagradFigure && window.adagradFigure.state().ready)`, &ready); err == nil && ready {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the embedded figure never became ready")
		}
		time.Sleep(100 * time.Millisecond)
	}
	scrollY := func() float64 {
		t.Helper()
		var y float64
		if err := evalJSON(ctx, `window.scrollY`, &y); err != nil {
			t.Fatal(err)
		}
		return y
	}
	// The middle of the canvas, away from the start handle (top left), in
	// the page's viewport.
	point := func() (x, y float64) {
		t.Helper()
		var r struct{ X, Y, W, H float64 }
		if err := evalJSON(ctx, `(() => { const r = document.getElementById("fig").getBoundingClientRect(); return { X: r.left, Y: r.top, W: r.width, H: r.height }; })()`, &r); err != nil {
			t.Fatal(err)
		}
		return r.X + r.W*0.6, r.Y + r.H*0.35
	}

	// The mouse wheel over the figure scrolls the page.
	x, y := point()
	if y < 0 || y > 700 {
		t.Fatalf("the figure is not in view: %v", y)
	}
	before := scrollY()
	// cdproto leaves out a zero deltaX, which the protocol requires for a
	// wheel event, so this one is sent by hand.
	wheel := func(x, y, dy float64) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			return tg.Call(ctx, "Input.dispatchMouseEvent", map[string]any{
				"type": "mouseWheel", "x": x, "y": y, "deltaX": 0, "deltaY": dy}, nil)
		})
	}
	if err := chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseMoved, x, y), wheel(x, y, 240)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, fmt.Sprintf(`window.scrollY > %g`, before+50), 5*time.Second)
	// And back up.
	mid := scrollY()
	x, y = point()
	if err := chromedp.Do(ctx, chromedp.MouseEvent(chromedp.MouseMoved, x, y), wheel(x, y, -120)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, fmt.Sprintf(`window.scrollY < %g`, mid-30), 5*time.Second)

	// Touch: headless Chromium does not scroll on synthesized swipes, so
	// this checks what decides it. Inside the frame, a listener placed after
	// figure.js's records whether each touch event had its default (the
	// scroll) prevented: a touch away from the handle must keep it, a touch
	// on the handle must not (it drags the start instead).
	if _, err := chromedp.Call(ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true, MaxTouchPoints: 1}); err != nil {
		t.Fatal(err)
	}
	if err := rec.evalIn(ctx, figOrigin, `(() => { window.__touch = [];
		for (const type of ["touchstart", "touchmove"])
			addEventListener(type, (e) => __touch.push(type + ":" + e.defaultPrevented + (e.cancelable ? "" : " (not cancelable)")), { capture: true, passive: false });
		return true; })()`, nil); err != nil {
		t.Fatal(err)
	}
	var touchAction string
	if err := rec.evalIn(ctx, figOrigin, `getComputedStyle(document.querySelector("canvas")).touchAction`, &touchAction); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(touchAction, "pan-y") && touchAction != "auto" {
		t.Errorf("the canvas has touch-action %q, which stops vertical touch scrolling", touchAction)
	}
	swipe := func(x, y float64) []string {
		t.Helper()
		tp := func(typ input.DispatchTouchEventType, y float64) chromedp.Action[chromedp.Void] {
			return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				pts := []map[string]float64{{"x": x, "y": y}}
				if typ == input.DispatchTouchEventTypeTouchEnd {
					pts = nil
				}
				return tg.Call(ctx, "Input.dispatchTouchEvent", map[string]any{"type": typ, "touchPoints": pts}, nil)
			})
		}
		if err := chromedp.Do(ctx, tp(input.DispatchTouchEventTypeTouchStart, y), tp(input.DispatchTouchEventTypeTouchMove, y-30),
			tp(input.DispatchTouchEventTypeTouchMove, y-60), tp(input.DispatchTouchEventTypeTouchEnd, y-60)); err != nil {
			t.Fatal(err)
		}
		var got []string
		if err := rec.evalIn(ctx, figOrigin, `__touch.splice(0)`, &got); err != nil {
			t.Fatal(err)
		}
		return got
	}
	x, y = point()
	away := swipe(x, y)
	if len(away) == 0 {
		t.Fatal("no touch event reached the figure")
	}
	for _, e := range away {
		if strings.HasSuffix(e, ":true") {
			t.Errorf("a swipe away from the handle had its scrolling prevented: %q", away)
			break
		}
	}
	// The handle's place on the page: read until the frame and the handle
	// have stood still for a moment (the parent may still be resizing the
	// iframe from its height message, or the first swipe's scroll settling).
	// The wheel checks above may have left the handle above the viewport
	// (the frame's top was at −86 px in one run, the handle 72 px below it),
	// where a touch reaches nothing: the page is scrolled to bring it to the
	// middle first.
	handleOnPage := func() (x, y float64) {
		for tries := 0; ; tries++ {
			var hd, hd2 []float64
			var fr, fr2 struct{ X, Y, VH float64 }
			read := func(h *[]float64, f *struct{ X, Y, VH float64 }) {
				if err := rec.evalIn(ctx, figOrigin, `window.adagradFigure.handle()`, h); err != nil || len(*h) != 2 {
					t.Fatalf("handle: %v %v", *h, err)
				}
				if err := evalJSON(ctx, `(() => { const r = document.getElementById("fig").getBoundingClientRect(); return { X: r.left, Y: r.top, VH: innerHeight }; })()`, f); err != nil {
					t.Fatal(err)
				}
			}
			read(&hd, &fr)
			time.Sleep(300 * time.Millisecond)
			read(&hd2, &fr2)
			x, y = fr.X+hd[0], fr.Y+hd[1]
			if tries == 20 {
				return x, y
			}
			if hd[0] != hd2[0] || hd[1] != hd2[1] || fr != fr2 {
				continue
			}
			if y < 40 || y > fr.VH-40 {
				if err := evalJSON(ctx, fmt.Sprintf(`window.scrollBy(0, %g), true`, y-fr.VH/2), nil); err != nil {
					t.Fatal(err)
				}
				continue
			}
			return x, y
		}
	}
	on := swipe(handleOnPage())
	if len(on) == 0 || on[0] != "touchstart:true" {
		t.Errorf("a touch on the handle did not stop the scroll: %q", on)
	}
	var st figureState
	if err := rec.evalIn(ctx, figOrigin, `window.adagradFigure.state()`, &st); err != nil {
		t.Fatal(err)
	}
	if y0, _ := st.Params["y0"].(float64); !(y0 > 2) {
		t.Errorf("dragging the handle up by touch left y0 at %v", st.Params["y0"])
	}
	if _, err := chromedp.Call(ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: false}); err != nil {
		t.Fatal(err)
	}

	// Tab from the button before the figure walks through the figure's
	// controls and out to the button after it.
	if err := evalJSON(ctx, `window.scrollTo(0, 0), document.getElementById("before").focus(), true`, nil); err != nil {
		t.Fatal(err)
	}
	walk := func(dir string, from, to string, mods ...chromedp.KeyOption) []string {
		t.Helper()
		var inside []string
		for i := 0; i < 60; i++ {
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab, mods...)); err != nil {
				t.Fatal(err)
			}
			var outer string
			if err := evalJSON(ctx, `document.activeElement ? document.activeElement.id : ""`, &outer); err != nil {
				t.Fatal(err)
			}
			switch outer {
			case to:
				return inside
			case "fig":
				var el string
				if err := rec.evalIn(ctx, figOrigin, `(() => { const a = document.activeElement; return a ? a.tagName.toLowerCase() + (a.id ? "#" + a.id : "") + (a.name ? "[" + a.name + "]" : "") : ""; })()`, &el); err != nil {
					t.Fatal(err)
				}
				inside = append(inside, el)
			default:
				t.Fatalf("%s from #%s: focus went to %q", dir, from, outer)
			}
		}
		t.Fatalf("%s: 60 presses never reached #%s; inside the figure: %q", dir, to, inside)
		return nil
	}
	forward := walk("Tab", "before", "after")
	has := func(list []string, prefix string) bool {
		return slices.ContainsFunc(list, func(s string) bool { return strings.HasPrefix(s, prefix) })
	}
	if !has(forward, "canvas") || !has(forward, "button#btn-play") || !has(forward, "input[lr]") {
		t.Errorf("Tab through the figure visited %q; want the canvas, the play button and the lr slider", forward)
	}
	back := walk("Shift+Tab", "after", "before", chromedp.KeyModifiers(chromedp.ModifierShift))
	if len(back) != len(forward) {
		t.Errorf("Tab visited %d elements in the figure, Shift+Tab %d: %q vs %q", len(forward), len(back), forward, back)
	}
	rec.assertNoDialogs(t)
	w.AssertClean(t)
	t.Logf("Tab through the figure: %q", forward)
}
