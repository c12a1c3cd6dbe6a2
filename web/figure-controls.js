// figure-controls.js — part of the figure page (web/figure.js builds on it).
//
// The control bar: the sliders and boxes built from the Go parameter
// table, the buttons, the timeline, the readout and the notices, written
// from each summary Go pushes.
// Everything that came from outside is shown with textContent, never as HTML.
"use strict";

(window.adagradFigureParts = window.adagradFigureParts || {}).controls = (ctx) => {
  const $ = (id) => document.getElementById(id);
  const api = ctx.api;
  const ui = $("fig-ui");
  // ---- Controls built from the Go parameter table. ----
  const controls = new Map(); // name -> {input, output, spec}
  function buildUI(info) {
    const speed = $("sel-speed");
    speed.replaceChildren(...(info.speeds || []).map((p) => new Option(p.label, String(p.steps))));
    const box = $("fig-controls");
    box.replaceChildren();
    controls.clear();
    shownParams = null;
    for (const spec of info.controls) {
      const label = document.createElement("label");
      label.className = "fig-control fig-" + spec.kind;
      const name = document.createElement("span");
      name.className = "fig-label";
      name.textContent = spec.label;
      label.title = spec.help || "";
      let input;
      let output = null;
      if (spec.kind === "bool") {
        input = document.createElement("input");
        input.type = "checkbox";
        label.append(input, name);
      } else if (spec.kind === "int" && !spec.log) { // a log int (vocab) is a slider below
        input = document.createElement("input");
        input.type = "number";
        input.min = String(spec.min);
        input.max = String(spec.max);
        input.step = "1";
        input.inputMode = "numeric";
        label.append(name, input);
      } else {
        input = document.createElement("input");
        input.type = "range";
        if (spec.log) {
          input.min = String(Math.log10(spec.min));
          input.max = String(Math.log10(spec.max));
          input.step = "any";
        } else {
          input.min = String(spec.min);
          input.max = String(spec.max);
          input.step = spec.step > 0 ? String(spec.step) : "any";
        }
        output = document.createElement("output");
        output.setAttribute("aria-hidden", "true"); // the slider's aria-valuetext says it
        label.append(name, input, output);
      }
      input.name = spec.name;
      if (spec.help) input.setAttribute("aria-description", spec.help);
      const send = () => {
        let v;
        if (spec.kind === "bool") v = input.checked ? "1" : "0";
        else if (spec.log) v = String(Number(Math.pow(10, Number(input.value)).toPrecision(3)));
        else v = input.value;
        api.set({ [spec.name]: v });
      };
      input.addEventListener(spec.kind === "range" || input.type === "range" ? "input" : "change", send);
      box.append(label);
      controls.set(spec.name, { input, output, spec });
      if (spec.redraw) {
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = spec.redraw;
        b.title = spec.redrawHelp || "";
        b.addEventListener("click", () => {
          api.set({ [spec.name]: String(Math.floor(spec.min + Math.random() * (spec.max - spec.min))) });
        });
        box.append(b);
      }
    }
    ui.hidden = !info.showControls;
    for (const name of info.hidden || []) {
      const el = document.querySelector(`[data-part="${CSS.escape(name)}"]`);
      if (el) el.hidden = true;
    }
  }
  // What buildUI reads from an info object, as one string to compare.
  const uiShape = (info) => JSON.stringify([info.showControls, info.hidden || [], info.speeds,
    info.controls.map((c) => [c.name, c.label, c.help, c.kind, c.min, c.max, c.step, c.log, c.redraw, c.redrawHelp])]);

  // Writes only what changed: render runs at every update while playing,
  // and a DOM write, even of the same value, costs the page a style pass.
  function setText(el, text) { if (el.textContent !== text) el.textContent = text; }
  function setAttr(el, name, value) { if (el.getAttribute(name) !== value) el.setAttribute(name, value); }
  // A range input rounds what it is given to its step, so its value never
  // reads back as the text written, and writing it again costs the page a
  // layout: each input remembers what was written and what it then showed,
  // and is written again only when either has changed.
  const written = new WeakMap();
  function setValue(input, value) {
    const w = written.get(input);
    if (w && w.value === value && w.shown === input.value) return;
    if (input.value !== value) input.value = value;
    written.set(input, { value, shown: input.value });
  }

  // Go sends the same params object until a parameter changes, so the
  // controls are written only then (and when focus has moved, since a
  // focused control is left alone for the reader to use).
  let shownParams = null, shownFocus = null;
  function renderControls(s) {
    if (s.params === shownParams && document.activeElement === shownFocus) return;
    shownParams = s.params;
    shownFocus = document.activeElement;
    const speed = $("sel-speed");
    if (document.activeElement !== speed) setValue(speed, nearestSpeed(s.params.speed));
    for (const [name, c] of controls) {
      const v = s.params[name];
      if (v === undefined) continue;
      if (c.output) {
        const shown = s.display[name] || String(v);
        setText(c.output, shown);
        setAttr(c.input, "aria-valuetext", shown);
      }
      if (document.activeElement === c.input) continue;
      if (c.spec.kind === "bool") { if (c.input.checked !== !!v) c.input.checked = !!v; }
      else if (c.spec.log) setValue(c.input, String(Math.log10(v)));
      else setValue(c.input, String(v));
    }
  }

  // The timeline runs to the figure's horizon, and grows with a run played
  // past it.
  let horizon = 400;
  function setHorizon(info) {
    if (info && Number.isFinite(info.horizon) && info.horizon > 0) horizon = info.horizon;
  }
  function renderTimeline(step) {
    const range = $("rng-step");
    const top = String(Math.max(horizon, step));
    setAttr(range, "max", top);
    if (document.activeElement !== range || !timelineHeld) setValue(range, String(step));
    setText($("out-step"), String(step));
    setAttr(range, "aria-valuetext", "step " + step + " of " + top);
  }
  let timelineHeld = false; // the reader is moving the slider
  $("rng-step").addEventListener("input", (e) => {
    timelineHeld = true;
    api.seek(Number(e.target.value));
  });
  $("rng-step").addEventListener("change", () => { timelineHeld = false; });

  let predicting = false; // guess mode, before the reveal: a click on a map is a guess
  let lastSpoken = 0;
  // By keyboard the start moved: the first readout with the new parameters
  // says where it went. Go sends the same params object until a parameter
  // changes, so a summary pushed before the move (still carrying the old
  // object) does not use the note up.
  let movedFrom = null, lastParams = null;
  function render(s) {
    if (s.theme && document.documentElement.dataset.theme !== s.theme) document.documentElement.dataset.theme = s.theme;
    const play = $("btn-play");
    setText(play, s.playing ? "Pause" : "Play");
    setAttr(play, "aria-pressed", s.playing ? "true" : "false");
    // Guess mode's Reveal, beside Play (which reveals too until then).
    const reveal = $("btn-reveal");
    if (reveal.hidden !== !(s.predict > 0)) reveal.hidden = !(s.predict > 0);
    predicting = s.predict > 0 && !s.revealed;
    renderControls(s);
    renderTimeline(s.step);
    // The readout is a polite live region; while the figure plays it is
    // marked busy so a screen reader speaks it when the run pauses, not 8×/s.
    const readout = $("fig-readout");
    setAttr(readout, "aria-busy", s.playing ? "true" : "false");
    const now = performance.now();
    if (!s.playing || now - lastSpoken > 200) {
      let text = s.readout;
      if (movedFrom && s.display && s.params !== movedFrom) {
        text = "Start moved to x = " + s.display.x0 + ", y = " + s.display.y0 + ". " + text;
        movedFrom = null;
      }
      setText(readout, text);
      lastSpoken = now;
    }
    showNotices(s.notices || []);
    // A diverged or frozen run, in words, beside the readout (the canvas
    // says it too); the centred warning is kept for lost graphics.
    const runstate = $("fig-runstate");
    setText(runstate, s.warning || "");
    if (s.warning) runstate.classList.add("was-shown"); // keeps its line from now on
    lastParams = s.params;
  }
  function nearestSpeed(v) {
    let best = "";
    let d = Infinity;
    for (const o of $("sel-speed").options) {
      const e = Math.abs(Math.log(Number(o.value) / v));
      if (e < d) { d = e; best = o.value; }
    }
    return best;
  }

  let shownNotices = "";
  function showNotices(list) {
    const key = list.join("\n");
    if (key === shownNotices) return;
    shownNotices = key;
    const ul = $("fig-notices");
    ul.replaceChildren();
    for (const text of list) {
      const li = document.createElement("li");
      li.textContent = text;
      ul.append(li);
    }
    ul.hidden = list.length === 0;
  }

  // The readout and the run-state line each keep the tallest height they
  // have had at their current width. The readout's text changes length as
  // the numbers change and goes back to a short line when a run restarts;
  // the run-state line appears when a run freezes or diverges and empties
  // on a restart. Were either to give back a line, the control bar would
  // shrink, the maps above it would be laid out again and jump, and the
  // figure would redraw its whole background mid-play.
  function holdHeight(el) {
    let width = -1, tallest = 0;
    new ResizeObserver(() => {
      let r = el.getBoundingClientRect();
      if (r.width !== width) { // new line breaks: start from the text's own height
        width = r.width;
        el.style.minHeight = "";
        r = el.getBoundingClientRect();
        tallest = 0;
      }
      if (r.height > tallest) {
        tallest = r.height;
        el.style.minHeight = tallest + "px";
      }
    }).observe(el);
  }
  holdHeight($("fig-readout"));
  holdHeight($("fig-runstate"));

  // ---- Buttons. ----
  $("btn-play").addEventListener("click", () => (api.playing() ? api.pause() : api.play()));
  $("btn-step").addEventListener("click", () => api.step(1));
  $("btn-reset").addEventListener("click", () => api.reset());
  $("btn-reveal").addEventListener("click", () => api.reveal());
  $("sel-speed").addEventListener("change", (e) => api.set({ speed: e.target.value }));
  return {
    build: buildUI, shape: uiShape, render, setHorizon,
    setReadout(text) { setText($("fig-readout"), text); },
    noteStartMoved() { if (!movedFrom) movedFrom = lastParams || {}; },
    predicting() { return predicting; },
    setAttr,
  };
};
