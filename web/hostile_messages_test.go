//go:build !js

package web_test

// postMessage from an embedding page of another origin: undocumented
// shapes are ignored, documented ones validated, and only the parent is
// answered.

import (
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// siblingJS is the script of a frame beside the figure: on its parent's
// word it posts messages to the figure (frames[0]) as if it were the
// embedding page, then reports to the parent whatever it heard.
var siblingJS = fixture("hostile/sibling.js")

// openEmbedded opens parentPageHTML with the figure of query in its iframe
// and waits until the figure has told the page it is ready.
func openEmbedded(t *testing.T, query string) (context.Context, *watch, *hostileRec) {
	t.Helper()
	parent := otherOriginPage(t, parentPageHTML(siteURL(t, "web/figure.html?"+query)))
	rec := &hostileRec{}
	ctx, w := openPage(t, parent, viewport(1000, 800, 1), recordHostile(rec))
	waitJS(t, ctx, `got.some((m) => m.from === "fig" && m.data && m.data.type === "adagrad:ready")`, 60*time.Second)
	return ctx, w, rec
}

// parentPageHTML is a course page on another origin: the figure in an
// iframe, a sibling frame of an opaque origin (data:) and one of the
// page's own origin (srcdoc), and helpers that record every message.
func parentPageHTML(figURL string) string {
	data := "data:text/html," + strings.ReplaceAll(url.PathEscape("<!doctype html><p>opaque sibling</p><script>"+siblingJS+"</script>"), "'", "%27")
	srcdoc := strings.NewReplacer(`&`, "&amp;", `"`, "&quot;", "<", "&lt;", ">", "&gt;").Replace("<p>same-origin sibling</p><script>" + siblingJS + "</script>")
	return fill(fixture("hostile/parent.html"), "fig", figURL, "opaque", data, "same", srcdoc)
}

// badShapesJS builds the messages that are not of a documented shape; the
// figure must ignore every one. Each is posted on its own (try/catch: a
// few cannot be cloned, which is the sender's problem).
var badShapesJS = fixture("hostile/bad-shapes.js")

// validatedJS builds messages of the documented set shape whose values are
// bad: the figure must validate each with the parser, apply nothing and
// show notices.
var validatedJS = fixture("hostile/validated.js")

// TestHostileMessages embeds a figure in a page of another origin and
// talks to it with postMessage: messages of any undocumented shape are
// ignored, documented ones are validated and applied, adagrad:get is
// answered to the sender only with a state that reflects a set made just
// before it, and frames that are not the parent are not heard at all.
func TestHostileMessages(t *testing.T) {
	site(t)
	figOrigin := h.origin
	ctx, w, rec := openEmbedded(t, "fig=valley&play=0")
	waitJS(t, ctx, `got.some((m) => m.from === "fig" && m.data && m.data.type === "adagrad:height")`, 10*time.Second)

	type msg struct {
		From   string          `json:"from"`
		Origin string          `json:"origin"`
		Data   json.RawMessage `json:"data"`
	}
	received := func() []msg {
		t.Helper()
		var got []msg
		if err := evalJSON(ctx, `got`, &got); err != nil {
			t.Fatal(err)
		}
		return got
	}
	// What the figure says unasked: ready and height, of exactly the
	// documented shapes, from its own origin.
	for _, m := range received() {
		if m.From != "fig" {
			continue
		}
		if m.Origin != figOrigin {
			t.Errorf("a message from the figure has origin %s, want %s", m.Origin, figOrigin)
		}
		var d map[string]any
		json.Unmarshal(m.Data, &d)
		switch d["type"] {
		case "adagrad:ready":
			if len(d) != 2 || d["fig"] != "valley" {
				t.Errorf("ready message %v, want {type, fig: valley}", d)
			}
		case "adagrad:height":
			px, ok := d["px"].(float64)
			if len(d) != 2 || !ok || px < 100 || px > 4000 || px != float64(int(px)) {
				t.Errorf("height message %v, want {type, px} with a whole px in [100, 4000]", d)
			}
		default:
			t.Errorf("unasked message from the figure: %s", m.Data)
		}
	}

	type answer struct {
		From, Origin string
		Data         struct {
			Type  string          `json:"type"`
			State json.RawMessage `json:"state"`
		}
	}
	ask := func() (figureState, json.RawMessage) {
		t.Helper()
		var a answer
		if err := evalJSON(ctx, `ask()`, &a); err != nil {
			t.Fatal(err)
		}
		if a.Origin != figOrigin || a.Data.Type != "adagrad:state" {
			t.Fatalf("answer from %s of type %q", a.Origin, a.Data.Type)
		}
		var s figureState
		if err := json.Unmarshal(a.Data.State, &s); err != nil {
			t.Fatal(err)
		}
		var raw struct {
			Params json.RawMessage `json:"params"`
		}
		json.Unmarshal(a.Data.State, &raw)
		checkFinite(t, s)
		return s, raw.Params
	}
	s0, params0 := ask()
	if s0.Fig != "valley" || s0.Step != 0 || len(s0.Notices) != 0 {
		t.Fatalf("first state %+v", s0)
	}
	tried := 0

	// 1. Undocumented shapes: ignored, nothing changes, no answer.
	var bad struct{ Tried, Sent int }
	if err := evalJSON(ctx, badShapesJS, &bad); err != nil {
		t.Fatal(err)
	}
	tried += bad.Tried
	time.Sleep(1500 * time.Millisecond)
	s1, params1 := ask()
	if !sameJSON(params1, params0) || s1.Step != 0 || s1.Playing || len(s1.Notices) != 0 {
		t.Errorf("undocumented messages changed the figure: params %s (was %s), step %d, playing %v, notices %q",
			params1, params0, s1.Step, s1.Playing, s1.Notices)
	}

	// 2. The documented set shape with bad values: validated, nothing
	// applied, notices shown as text inside the figure.
	var n int
	if err := evalJSON(ctx, validatedJS, &n); err != nil {
		t.Fatal(err)
	}
	tried += n
	s2, params2 := ask()
	if !sameJSON(params2, params0) {
		t.Errorf("bad values were applied: params %s, was %s", params2, params0)
	}
	if len(s2.Notices) == 0 {
		t.Errorf("bad values gave no notices")
	}
	var inside pageCheck
	if err := rec.evalIn(ctx, figOrigin, pageCheckJS, &inside); err != nil {
		t.Fatal(err)
	}
	if !inside.Visible || !slices.Equal(inside.Shown, inside.Notices) || len(inside.Bad) > 0 {
		t.Errorf("inside the figure: notices %q visible %v, shown %q, bad numbers %v", inside.Notices, inside.Visible, inside.Shown, inside.Bad)
	}
	if inside.Risky != 0 || len(inside.Probe.Attrs) != 0 || len(inside.OnAttrs) != 0 || inside.Scripts != 6 { // wasm_exec.js, figure-info.js, figure-controls.js, figure-menus.js, figure-input.js, figure.js
		t.Errorf("inside the figure: %d risky elements, %d scripts, attributes %q %q", inside.Risky, inside.Scripts, inside.Probe.Attrs, inside.OnAttrs)
	}
	var polluted bool
	if err := rec.evalIn(ctx, figOrigin, `({}).lr !== undefined || ({}).polluted !== undefined || Object.keys(Object.prototype).length > 0`, &polluted); err != nil {
		t.Fatal(err)
	}
	if polluted {
		t.Errorf("a message polluted Object.prototype inside the figure")
	}

	// 3. A good set, answered by a get sent right behind it.
	if err := evalJSON(ctx, `send({ type: "adagrad:set", params: { lr: "2", sgdlr: 0.05, x0: -3, y0: "1.5", evil: "1" } }), true`, nil); err != nil {
		t.Fatal(err)
	}
	tried++
	s3, _ := ask()
	want := map[string]float64{"lr": 2, "sgdlr": 0.05, "x0": -3, "y0": 1.5}
	for k, v := range want {
		if s3.Params[k] != v {
			t.Errorf("after set, params.%s = %v, want %v", k, s3.Params[k], v)
		}
	}
	if _, ok := s3.Params["evil"]; ok || !strings.Contains(strings.Join(s3.Notices, "\n"), "evil") {
		t.Errorf("an unknown name: params %v, notices %q", s3.Params, s3.Notices)
	}
	if s3.Runs[0].X != -3 || s3.Runs[0].Y != 1.5 {
		t.Errorf("runs do not start at the new start: %+v", s3.Runs[0])
	}

	// 4. Frames that are not the parent: an opaque-origin sibling and a
	// same-origin sibling post gets and sets; the figure hears neither.
	attack := `[{ type: "adagrad:get" }, { type: "adagrad:set", params: { lr: "7", fig: "sparse", theme: "dark", play: "1" } }, { type: "adagrad:get" }]`
	for _, sib := range []string{"opaque", "same"} {
		if err := evalJSON(ctx, `document.getElementById("`+sib+`").contentWindow.postMessage({ cmd: "attack", msgs: `+attack+` }, "*"), true`, nil); err != nil {
			t.Fatal(err)
		}
		tried += 3
		waitJS(t, ctx, `got.some((m) => m.from === "`+sib+`" && m.data && m.data.report)`, 10*time.Second)
		var report []any
		if err := evalJSON(ctx, `got.find((m) => m.from === "`+sib+`" && m.data && m.data.report).data.report`, &report); err != nil {
			t.Fatal(err)
		}
		if len(report) != 0 {
			t.Errorf("the %s sibling heard from the figure: %v", sib, report)
		}
	}
	s4, _ := ask()
	if s4.Fig != "valley" || s4.Params["lr"] != 2.0 || s4.Params["theme"] != "auto" || s4.Playing {
		t.Errorf("a sibling changed the figure: fig %s, lr %v, theme %v, playing %v", s4.Fig, s4.Params["lr"], s4.Params["theme"], s4.Playing)
	}

	// Every answer went to the parent, one per get it sent.
	answers := 0
	for _, m := range received() {
		var d struct{ Type string }
		json.Unmarshal(m.Data, &d)
		if d.Type == "adagrad:state" {
			answers++
			if m.From != "fig" || m.Origin != figOrigin {
				t.Errorf("a state answer from %s (%s)", m.From, m.Origin)
			}
		}
	}
	if answers != 5 {
		t.Errorf("%d state answers reached the parent, want 5 (one per get it sent)", answers)
	}
	if err := elementPixelsOK(ctx, "#fig"); err != nil {
		t.Error(err)
	}
	screenshot(t, ctx, "hostile-messages")
	rec.assertNoDialogs(t)
	w.AssertClean(t)
	t.Logf("%d hostile or checked messages", tried)
}
