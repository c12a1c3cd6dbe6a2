// figure-input.js — part of the figure page (web/figure.js builds on it).
//
// The canvas's pointer and keyboard: Ebiten never sees the page's input
// (so the page scrolls and Tab works), and a lost WebGL context asks the
// reader to redraw rather than letting Ebiten reload the page.
// Everything that came from outside is shown with textContent, never as HTML.
"use strict";

(window.adagradFigureParts = window.adagradFigureParts || {}).input = (ctx, view) => {
  const $ = (id) => document.getElementById(id);
  const core = ctx.core;
  const api = ctx.api;
  // ---- Ebiten stays a renderer: input never reaches its listeners. ----
  // Ebiten calls preventDefault on wheel, key and touch events on its canvas,
  // which would stop the lesson page from scrolling and trap Tab. Stopping
  // them in the capture phase at the window keeps the browser's defaults; the
  // figure reads the pointer itself below.
  const swallow = (e) => e.stopPropagation();
  for (const type of ["wheel", "mousedown", "mouseup", "mousemove", "contextmenu", "touchend", "touchcancel"]) {
    window.addEventListener(type, swallow, { capture: true, passive: true });
  }

  // A touch that starts on a drag handle must not scroll; any other touch scrolls.
  let dragging = null; // pointerId while dragging a start point
  window.addEventListener("touchstart", (e) => {
    e.stopPropagation();
    const t = e.touches[0];
    if (t && e.cancelable && e.touches.length === 1 && hit(t.clientX, t.clientY)) e.preventDefault();
  }, { capture: true, passive: false });
  // A touch that began while the page was still scrolling cannot be
  // cancelled; trying would only log an error.
  window.addEventListener("touchmove", (e) => {
    e.stopPropagation();
    if (dragging !== null && e.cancelable) e.preventDefault();
  }, { capture: true, passive: false });

  function canvasPoint(x, y) {
    const c = document.querySelector("canvas");
    if (!c) return null;
    const r = c.getBoundingClientRect();
    return [x - r.left, y - r.top];
  }
  function hit(x, y) {
    const p = canvasPoint(x, y);
    return !!(core() && p && core().hit(p[0], p[1]));
  }
  window.addEventListener("pointerdown", (e) => {
    if (!core() || e.target.tagName !== "CANVAS" || !e.isPrimary) return;
    const p = canvasPoint(e.clientX, e.clientY);
    if (!core().hit(p[0], p[1])) return;
    dragging = e.pointerId;
    e.target.setPointerCapture(e.pointerId);
    core().pointer("down", p[0], p[1]);
    e.preventDefault();
  }, { capture: true });
  window.addEventListener("pointermove", (e) => {
    if (!core()) return;
    const p = canvasPoint(e.clientX, e.clientY);
    if (!p) return;
    if (dragging === e.pointerId) {
      core().pointer("move", p[0], p[1]);
    } else if (e.pointerType === "mouse" && e.target.tagName === "CANVAS") {
      e.target.classList.toggle("fig-grab", core().hit(p[0], p[1]));
      e.target.classList.toggle("fig-aim", view.predicting());
    }
  }, { capture: true });
  const endDrag = (e) => {
    if (dragging !== e.pointerId) return;
    dragging = null;
    const p = canvasPoint(e.clientX, e.clientY);
    if (core() && p) core().pointer("up", p[0], p[1]);
  };
  window.addEventListener("pointerup", endDrag, { capture: true });
  // Guess mode: a click or tap on a map places that map's guess (the start
  // handle stays put, so no press is a drag).
  window.addEventListener("click", (e) => {
    if (!core() || e.target.tagName !== "CANVAS" || !core().predicting()) return;
    const p = canvasPoint(e.clientX, e.clientY);
    if (p) core().guess(p[0], p[1]);
  }, { capture: true });
  window.addEventListener("pointercancel", endDrag, { capture: true });

  // Keys: space plays or pauses, → or s steps, ← steps back, r resets — unless a control
  // has the focus and needs the key itself. Shift+arrows move the start point.
  // Tab is never touched.
  const nudges = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
  window.addEventListener("keydown", (e) => {
    e.stopPropagation();
    if (!core() || e.altKey || e.ctrlKey || e.metaKey) return;
    const tag = e.target && e.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || tag === "BUTTON" || tag === "A") return;
    if (e.shiftKey && nudges[e.key]) {
      const schema = ctx.schema();
      if (schema && schema.noStart) return; // no start point to move (the rare-words figure)
      core().nudge(nudges[e.key][0], nudges[e.key][1]);
      view.noteStartMoved(); // the readout says where the start went
      e.preventDefault();
      return;
    }
    // Guess mode, before the reveal: arrows move the current map's guess,
    // Enter places it and goes on to the next map.
    if (!e.shiftKey && (nudges[e.key] || e.key === "Enter") && core().predicting()) {
      if (e.key === "Enter") core().guessKey("enter");
      else core().guessKey(nudges[e.key][0], nudges[e.key][1]);
      e.preventDefault();
      return;
    }
    if (e.key === " ") { api.playing() ? api.pause() : api.play(); e.preventDefault(); }
    else if (e.key === "ArrowRight" || e.key === "s") { api.step(1); e.preventDefault(); }
    else if (e.key === "ArrowLeft") { const n = api.state().step; if (n > 0) api.seek(n - 1); e.preventDefault(); }
    else if (e.key === "r") { api.reset(); e.preventDefault(); }
  }, { capture: true });
  window.addEventListener("keyup", swallow, { capture: true });

  // Ebiten answers a lost WebGL context by reloading the page, which can loop
  // when a page holds more figures than the browser has contexts. Say so
  // instead, and let the reader reload this one figure by hand.
  window.addEventListener("webglcontextlost", (e) => {
    e.stopImmediatePropagation();
    e.preventDefault();
    lost();
  }, { capture: true });
  function lost() {
    const w = $("fig-warning");
    w.replaceChildren();
    const p = document.createElement("p");
    p.textContent = "The browser took this figure's graphics away (too many figures or other 3-D content open at once).";
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = "Redraw the figure";
    // Reload with the figure's current settings (the Share link's query),
    // so the reader gets back what they had set, not the first URL.
    b.addEventListener("click", () => {
      const q = core() ? core().query() : "";
      if (q) window.location.replace(window.location.pathname + "?" + q);
      else window.location.reload();
    });
    w.append(p, b);
    w.hidden = false;
    if (core()) core().visible(false);
  }

};
