//go:build !js

package web_test

// The lesson's questions in the browser: a choice is marked and opens its
// answer, the keyboard moves through the options, the predict link puts
// the figure into guess mode, and in print every answer shows.

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Choosing an option marks it, says right or not, and opens the answer;
// in print every answer shows, chosen or not.
func TestLessonQuestionsAnswerInTheBrowser(t *testing.T) {
	site(t)
	for _, c := range []struct {
		w      int
		scheme string
	}{{1280, "light"}, {375, "dark"}} {
		ctx, w := openPage(t, "", viewport(c.w, 800, 1), func(ctx context.Context) error { return emulateColorScheme(ctx, c.scheme) })
		scrollTo(t, ctx, "#q-sparse")
		var got struct {
			Open    bool
			Verdict string
			Class   string
		}
		pick := func(value string) {
			t.Helper()
			js := `(() => { const f = document.getElementById("q-sparse");
				const i = f.querySelector('input[value="` + value + `"]'); i.click();
				return {open: f.querySelector("details").open, verdict: f.querySelector(".quiz-verdict").textContent,
					class: i.closest("label").className}; })()`
			if err := evalJSON(ctx, js, &got); err != nil {
				t.Fatal(err)
			}
		}
		pick("zeros")
		if !got.Open || !strings.HasPrefix(got.Verdict, "Not this one") || !strings.Contains(got.Class, "is-wrong") {
			t.Errorf("%d px: a wrong choice gives %+v", c.w, got)
		}
		screenshot(t, ctx, fmt.Sprintf("lesson-quiz-%d-%s", c.w, c.scheme))
		pick("few")
		if !got.Open || !strings.HasPrefix(got.Verdict, "Right") || !strings.Contains(got.Class, "is-right") {
			t.Errorf("%d px: the right choice gives %+v", c.w, got)
		}
		// By keyboard: arrow keys move through a radio group.
		eval(t, ctx, `document.querySelector('#q-valley input[value="sgd"]').focus()`)
		press(t, ctx, kb.ArrowDown)
		waitJS(t, ctx, `document.querySelector('#q-valley input[value="ada"]').checked && document.querySelector("#q-valley details").open`, 5*time.Second)
		w.AssertClean(t)
	}

	ctx, w := openPage(t, "", viewport(1280, 800, 1))
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	var shown []bool
	if err := evalJSON(ctx, `[...document.querySelectorAll("form.quiz .quiz-answer p")].map((p) => p.checkVisibility())`, &shown); err != nil {
		t.Fatal(err)
	}
	if len(shown) < 6 {
		t.Fatalf("%d answers found", len(shown))
	}
	for i, ok := range shown {
		if !ok {
			t.Errorf("in print, answer %d is hidden", i+1)
		}
	}
	w.AssertClean(t)
}

// The first question's predict link puts figure 1 into guess mode.
func TestLessonPredictLink(t *testing.T) {
	ctx, w := openPage(t, "", viewport(1280, 900, 1))
	scrollTo(t, ctx, "#fig-valley")
	waitFigureReady(t, ctx, w, "valley", 60*time.Second)
	clickLink(t, ctx, `#q-valley .quiz-predict a.try`)
	waitJS(t, ctx, `(() => { const f = window.adagradLesson.frame("valley");
		const s = f && f.contentWindow.adagradFigure.state();
		return !!s && s.params.predict === 20 && !!s.prediction && s.prediction.step === 20 && s.step === 0; })()`, 15*time.Second)
	w.AssertClean(t)
}
