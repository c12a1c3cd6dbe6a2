//go:build !js

package web_test

// The figure page against hostile input, in the browser. This file holds
// what those tests share: the recorder of dialogs, navigations and frames
// (hostileRec), the probe that sees injected elements, and the check of one
// loaded page. The tests are by surface: hostile_urls_test.go (URLs),
// hostile_api_test.go (the script API, extreme settings),
// hostile_messages_test.go (postMessage), hostile_faults_test.go (resizes,
// a hidden tab, lost WebGL contexts) and hostile_embed_test.go (an embedding
// page keeps its scrolling and its Tab key). Their pages and scripts are in
// testdata/hostile/. Every test fails on any console error, uncaught
// exception or request to another origin (watch), and on any dialog the
// page opens (hostileRec).

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// hostileRec records what a tab did that an injection or a reload loop
// would show: JavaScript dialogs (alert, confirm, prompt), main-frame
// navigations and the execution contexts of every frame, so a test can
// evaluate inside a cross-origin iframe as the browser's devtools would.
type hostileRec struct {
	mu       sync.Mutex
	ctx      context.Context
	dialogs  []string
	navs     map[string]int // frame URL without query -> navigations
	mainNavs int
	contexts map[string]frameContext // by unique id; default contexts only
}

type frameContext struct {
	id     runtime.ExecutionContextID
	origin string
}

// recordHostile returns a hook for openPage that starts the recorder in the
// fresh tab, before the navigation, and injects the probe script.
func recordHostile(r *hostileRec) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		r.mu.Lock()
		r.ctx = ctx
		r.navs = map[string]int{}
		r.contexts = map[string]frameContext{}
		r.mu.Unlock()
		if err := chromedp.Listen(ctx, r.handle); err != nil {
			return err
		}
		return scriptFirst(probeJS)(ctx)
	}
}

func (r *hostileRec) handle(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch e := ev.(type) {
	case *page.EventJavascriptDialogOpening:
		r.dialogs = append(r.dialogs, string(e.Type)+": "+e.Message)
		// An open dialog blocks the page; dismiss it so the test can go on
		// and report it. Commands cannot run inside a listener.
		ctx := r.ctx
		go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
	case *page.EventFrameNavigated:
		if e.Frame == nil {
			return
		}
		u := e.Frame.URL
		if i := strings.IndexByte(u, '?'); i >= 0 {
			u = u[:i]
		}
		r.navs[u]++
		if e.Frame.ParentID == "" {
			r.mainNavs++
		}
	case *runtime.EventExecutionContextCreated:
		if c := e.Context; c != nil {
			var aux struct {
				IsDefault bool `json:"isDefault"`
			}
			json.Unmarshal(c.AuxData, &aux)
			if aux.IsDefault {
				r.contexts[c.UniqueID] = frameContext{c.ID, c.Origin}
			}
		}
	case *runtime.EventExecutionContextDestroyed:
		delete(r.contexts, e.ExecutionContextUniqueID)
	case *runtime.EventExecutionContextsCleared:
		clear(r.contexts)
	}
}

func (r *hostileRec) Dialogs() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.dialogs...)
}

// Navigations counts the navigations of frames whose URL (without query)
// ends in suffix.
func (r *hostileRec) Navigations(suffix string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for u, k := range r.navs {
		if strings.HasSuffix(u, suffix) {
			n += k
		}
	}
	return n
}

// contextsOf lists the live frames' default contexts of origin.
func (r *hostileRec) contextsOf(origin string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var ids []string
	for uid, c := range r.contexts {
		if c.origin == origin {
			ids = append(ids, uid)
		}
	}
	return ids
}

// evalContext evaluates expr in the execution context id, awaiting a
// promise, and returns its value (nil when it returned nothing).
func evalContext(ctx context.Context, id, expr string) (*runtime.RemoteObject, error) {
	yes := true
	res, err := chromedp.Call(ctx, runtime.Evaluate, runtime.EvaluateParams{
		Expression: expr, UniqueContextID: id, ReturnByValue: &yes, AwaitPromise: &yes,
	})
	if err != nil {
		return nil, fmt.Errorf("evaluating %s: %w", expr, err)
	}
	if res.ExceptionDetails != nil {
		return nil, fmt.Errorf("evaluating %s: %s", expr, exceptionText(res.ExceptionDetails))
	}
	return res.Result, nil
}

// evalIn evaluates expr in the default context of the one frame whose origin
// is origin (awaiting a promise) and decodes its JSON value into out.
func (r *hostileRec) evalIn(ctx context.Context, origin, expr string, out any) error {
	ids := r.contextsOf(origin)
	if len(ids) != 1 {
		return fmt.Errorf("%d live frames of origin %s", len(ids), origin)
	}
	v, err := evalContext(ctx, ids[0], expr)
	if err != nil {
		return fmt.Errorf("in %s: %w", origin, err)
	}
	if out == nil {
		return nil
	}
	if v == nil || len(v.Value) == 0 {
		return fmt.Errorf("evaluating %s in %s: undefined", expr, origin)
	}
	return json.Unmarshal(v.Value, out)
}

// assertNoDialogs fails the test for every dialog the page opened.
func (r *hostileRec) assertNoDialogs(t testing.TB) {
	t.Helper()
	for _, d := range r.Dialogs() {
		t.Errorf("the page opened a dialog: %s", d)
	}
}

// probeJS runs in every frame before the page's own scripts (devtools
// injects it, so the page's CSP does not apply). It lists, once each, every
// element of a kind that can run or load something that is ever added to
// the document, and every on* attribute or script URL ever set, so an
// injection that removes itself again is still seen. A clean load's list is
// the baseline: the page's own head and scripts.
var probeJS = fixture("hostile/probe.js")

// probe is what probeJS saw.
type probe struct {
	Elements []string `json:"elements"`
	Attrs    []string `json:"attrs"`
}

// pageCheck is what one hostile load is judged on.
type pageCheck struct {
	State    json.RawMessage `json:"state"`
	Bad      []string        `json:"bad"`
	Notices  []string        `json:"notices"`
	Shown    []string        `json:"shown"`
	Visible  bool            `json:"visible"`
	Scripts  int             `json:"scripts"`
	Risky    int             `json:"risky"`
	OnAttrs  []string        `json:"onAttrs"`
	Probe    probe           `json:"probe"`
	Readout  string          `json:"readout"`
	Warning  string          `json:"warning"`
	RunState string          `json:"runState"`
	Title    string          `json:"title"`
	Theme    string          `json:"theme"`
	ParamSet []string        `json:"paramSet"`
}

// pageCheckJS reads the state and scans the page; its badNumbers lists the
// paths of every number in a value that is not finite and of every null or
// undefined, since JSON turns NaN into null. The notice box counts as
// visible when it is rendered, has a size and lies in the viewport.
var pageCheckJS = fixture("hostile/page-check.js")

func readPageCheck(t *testing.T, ctx context.Context) pageCheck {
	t.Helper()
	var c pageCheck
	if err := evalJSON(ctx, pageCheckJS, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// checkPage holds a hostile page to a clean load of the same page: the
// same scripts and head, no risky element or attribute ever added, finite
// state(), the table's params only, no NaN or Infinity in the page's text,
// and a theme that is one of the two the figure draws.
func checkPage(t *testing.T, what string, got, clean pageCheck) {
	t.Helper()
	if len(got.Bad) > 0 {
		t.Errorf("%s: state() has non-finite or missing values: %v", what, got.Bad)
	}
	if !slices.Equal(got.ParamSet, clean.ParamSet) {
		t.Errorf("%s: params has keys %v, want the table's %v", what, got.ParamSet, clean.ParamSet)
	}
	if !slices.Equal(got.Shown, got.Notices) {
		t.Errorf("%s: the page shows notices %q, state() has %q", what, got.Shown, got.Notices)
	}
	for _, n := range got.Shown {
		if len([]rune(n)) > 200 || strings.ContainsAny(n, "<>\u202e\u200f\x00\r\n") {
			t.Errorf("%s: notice %q is too long or carries markup or control characters", what, n)
		}
	}
	if got.Scripts != clean.Scripts || !slices.Equal(got.Probe.Elements, clean.Probe.Elements) {
		t.Errorf("%s: %d scripts, elements %q; a clean load has %d, %q", what, got.Scripts, got.Probe.Elements, clean.Scripts, clean.Probe.Elements)
	}
	if got.Risky != 0 || len(got.Probe.Attrs) != 0 || len(got.OnAttrs) != 0 {
		t.Errorf("%s: injected markup: %d risky elements, attributes %q %q", what, got.Risky, got.Probe.Attrs, got.OnAttrs)
	}
	for _, text := range []string{got.Readout, got.Warning, got.RunState, got.Title} {
		if bad := badText(text); bad != "" {
			t.Errorf("%s: page text has %q: %q", what, bad, text)
		}
	}
	if got.Theme != "light" && got.Theme != "dark" {
		t.Errorf("%s: page theme %q", what, got.Theme)
	}
}

// sameJSON reports whether two JSON texts hold the same value, whatever
// the order of their keys.
func sameJSON(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

// elementPixelsOK checks that an element (an iframe) shows a picture.
func elementPixelsOK(ctx context.Context, sel string) error {
	st, err := elementPixels(ctx, sel)
	if err != nil {
		return err
	}
	if st.Painted < 0.02 || st.Distinct < 8 {
		return fmt.Errorf("%s looks blank: %.2f%% painted, %d colours", sel, 100*st.Painted, st.Distinct)
	}
	return nil
}

// badText returns what in a text shown to the reader betrays a number gone
// wrong, or "".
func badText(s string) string {
	for _, bad := range []string{"NaN", "Infinity", "Inf", "∞", "undefined", "null", "[object"} {
		if strings.Contains(s, bad) {
			return bad
		}
	}
	return ""
}

// frameJS waits two animation frames, so the figure has drawn and pushed.
const frameJS = `new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))`

// evalAll evaluates expr in every live frame of origin and decodes each
// value into a JSON text.
func (r *hostileRec) evalAll(ctx context.Context, origin, expr string) ([]json.RawMessage, error) {
	var out []json.RawMessage
	for _, id := range r.contextsOf(origin) {
		v, err := evalContext(ctx, id, expr)
		if err != nil {
			return nil, err
		}
		if v != nil {
			out = append(out, json.RawMessage(v.Value))
		}
	}
	return out, nil
}
