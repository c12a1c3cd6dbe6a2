// figure.js — the page around one Ebiten figure.
//
// It loads the WebAssembly build, speaks the public API (window.adagradFigure
// and postMessage) and hands Go's summaries to the control bar. Its parts,
// loaded before it by figure.html, do the rest: figure-controls.js builds
// and writes the controls from the Go parameter table, figure-menus.js runs
// Share, Embed, Download and Keys, and figure-input.js keeps Ebiten from
// swallowing the page's scrolling and keyboard.
// Everything that came from outside is shown with textContent, never as HTML.
"use strict";

(() => {
  const me = document.currentScript;
  const wasmURL = (me && me.dataset.wasm) || "explainer.wasm";
  const $ = (id) => document.getElementById(id);
  const statusEl = $("fig-status");
  const ui = $("fig-ui");
  const inFrame = window.parent !== window;
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  const darkScheme = window.matchMedia("(prefers-color-scheme: dark)");

  let core = null;    // window.adagradFigureCore, defined by Go
  let wasmMemory = null; // the running instance's memory
  let schema = null;  // what Go told us about the figure at boot
  let last = null;    // the latest summary Go pushed
  let visible = true;
  const parts = window.adagradFigureParts || {};
  delete window.adagradFigureParts;

  function say(text) {
    statusEl.textContent = text;
    statusEl.hidden = false;
  }
  // figure.html hides the loading line, so that without JavaScript only
  // its <noscript> text shows; with JavaScript it shows until Go boots.
  statusEl.hidden = false;

  // ---- The public script API (also used by the tests). ----
  function plain(params) {
    // Only a flat object of primitives crosses into Go, as strings.
    const out = {};
    let n = 0;
    if (!params || typeof params !== "object" || Array.isArray(params)) return out;
    for (const key of Object.keys(params)) {
      if (++n > schema.maxKeys) break;
      const v = params[key];
      if (typeof v === "number" || typeof v === "string") out[key] = String(v).slice(0, 200000);
      else if (typeof v === "boolean") out[key] = v ? "1" : "0";
      else out[key] = "[" + typeof v + "]";
    }
    return out;
  }
  const api = {
    state() { return core ? core.state() : { fig: figFromURL(), ready: false }; },
    set(params) {
      if (!core) return [];
      const notices = core.set(plain(params));
      return notices;
    },
    // In guess mode (predict=N), before the reveal, Play reveals.
    play() {
      if (!core) return;
      if (core.predicting()) api.reveal(); else core.play();
    },
    pause() { if (core) core.pause(); },
    step(n) {
      if (!core) return;
      let k = Number(n === undefined ? 1 : n);
      if (!Number.isFinite(k) || k < 1) k = 1;
      core.step(Math.min(Math.floor(k), schema.maxStepsPerCall));
    },
    reset() { if (core) core.reset(); },
    // Guess mode: runs to the guessed step and measures the guesses (see
    // state().prediction), and tells an embedding page in one
    // adagrad:prediction message. Outside guess mode it does nothing.
    reveal() {
      if (!core) return;
      const p = core.reveal();
      if (p) tellParent({ type: "adagrad:prediction", fig: core.state().fig, step: p.step, guesses: p.guesses });
    },
    // Moves to step n, forward or back: the state reset() then step(n)
    // gives. Anything but a finite number is ignored.
    seek(n) {
      if (core && typeof n === "number" && Number.isFinite(n)) core.seek(Math.floor(n));
    },
    // Where the draggable start handle is, in page pixels (null before the
    // figure is ready): for scripted tours and tests.
    handle() {
      const c = document.querySelector("canvas");
      const p = core && c ? core.handle() : null;
      if (!p) return null;
      const r = c.getBoundingClientRect();
      return [p[0] + r.left, p[1] + r.top];
    },
    playing() { return !!(last && last.playing); },
    // Bytes of WebAssembly memory the figure holds (0 before it starts):
    // read-only, for the benchmark's check that long runs do not grow it.
    memoryBytes() { return wasmMemory ? wasmMemory.buffer.byteLength : 0; },
    // The Download control's exports: every step of every run so far as
    // CSV text ("" before the figure starts), and the figure as it is now
    // as a PNG Blob, at the device's pixel ratio over the theme's background.
    exportCSV() { return core ? core.csv().text : ""; },
    exportPNG() { return menus.capturePNG(); },
  };
  Object.freeze(api);
  Object.defineProperty(window, "adagradFigure", { value: api, enumerable: true });

  if (!parts.controls || !parts.menus || !parts.input) {
    say("The figure could not start: some of its scripts did not load. Reloading the page may help.");
    return;
  }
  const ctx = { api, core: () => core, schema: () => schema };
  const view = parts.controls(ctx);
  const menus = parts.menus(ctx);
  parts.input(ctx, view);

  function figFromURL() {
    const page = window.adagradPage; // web/figure-info.js
    return new URLSearchParams(window.location.search).get("fig") || (page ? page.firstFig : "");
  }

  // ---- postMessage: documented shapes only, answers only the sender. ----
  // A documented message is a plain object (a typed array, Map, Date and
  // the like are not, though they are objects).
  const isPlain = (v) => {
    if (!v || typeof v !== "object") return false;
    const proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null;
  };
  window.addEventListener("message", (e) => {
    if (!inFrame || e.source !== window.parent) return;
    const d = e.data;
    if (!isPlain(d) || typeof d.type !== "string") return;
    if (d.type === "adagrad:set") {
      if (isPlain(d.params)) api.set(d.params);
    } else if (d.type === "adagrad:get") {
      const target = e.origin && e.origin !== "null" ? e.origin : "*";
      e.source.postMessage({ type: "adagrad:state", state: api.state() }, target);
    }
  });
  function tellParent(msg) {
    if (inFrame) window.parent.postMessage(msg, "*");
  }

  // ---- Hooks Go calls. ----
  const hooks = {
    // The first frame is on screen. Everything around it was laid out at
    // boot, so the host page hears this before any other work.
    ready(fig) {
      tellParent({ type: "adagrad:ready", fig });
      sendHeight();
    },
    update(text, paramsText) { last = readSummary(text, paramsText); view.render(last); },
  };
  // Go hands the summary over as JSON text, with the parameters and their
  // display in a second text that changes only when a parameter does: the
  // same text keeps the same object, which tells the controls that nothing
  // in them moved.
  let shownParamsText = null, paramsPart = null;
  function readSummary(text, paramsText) {
    const s = JSON.parse(text);
    if (paramsText !== shownParamsText) {
      paramsPart = JSON.parse(paramsText);
      shownParamsText = paramsText;
    }
    s.params = paramsPart.params;
    s.display = paramsPart.display;
    return s;
  }
  Object.defineProperty(window, "adagradHooks", { value: hooks });

  function tellInsets() {
    if (!core) return;
    core.insets(ui.hidden ? 0 : ui.getBoundingClientRect().height);
  }
  function sendHeight() {
    if (!core) return;
    const bar = ui.hidden ? 0 : ui.getBoundingClientRect().height;
    const px = Math.ceil(bar + core.sceneHeight(document.documentElement.clientWidth));
    tellParent({ type: "adagrad:height", px });
  }
  window.addEventListener("resize", () => { tellInsets(); });

  // ---- On a phone the settings fold away. ----
  // At most 480 px wide (figure.css's breakpoint), the speed, Share, Embed,
  // Keys, Download and every slider wait behind the Controls button, so
  // the figure, Play, Reset and the timeline fit one screen; the reader
  // unfolds them with one press. The bar's new height reaches the scene
  // and an embedding page through the ResizeObserver on it.
  const phone = window.matchMedia("(max-width: 480px)");
  const moreButton = $("btn-more");
  let unfolded = false;
  function fold() {
    const folded = phone.matches && !unfolded;
    ui.classList.toggle("fig-folded", folded);
    view.setAttr(moreButton, "aria-expanded", folded ? "false" : "true");
    if (folded) menus.closeAll();
  }
  moreButton.addEventListener("click", () => { unfolded = !unfolded; fold(); });
  phone.addEventListener("change", fold);
  fold();

  // ---- Pause when nobody can see it. ----
  function watchVisibility(canvas) {
    const push = () => { if (core) core.visible(visible && !document.hidden); };
    if ("IntersectionObserver" in window) {
      new IntersectionObserver((entries) => {
        visible = entries[entries.length - 1].isIntersecting;
        push();
      }).observe(canvas);
    }
    document.addEventListener("visibilitychange", push);
  }

  // ---- Theme and motion preferences. ----
  function env() {
    if (!core) return;
    core.env(darkScheme.matches, reducedMotion.matches);
  }
  darkScheme.addEventListener("change", env);
  reducedMotion.addEventListener("change", env);

  // ---- The canvas's WebGL context: no multisampling. ----
  // Ebiten leaves the canvas at the browser's default, antialias: true. It
  // paints each frame into a texture of its own and copies that onto the
  // canvas with one quad the size of the canvas, so multisampling there
  // changes no pixel (our shapes bring their own smooth edges), yet the
  // browser keeps a buffer of four samples per pixel and resolves it every
  // frame. Without a GPU, where WebGL runs on the CPU, that cost most of a
  // frame's drawing: 26 frames a second playing, against 40 without it.
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, attrs) {
    if (type === "webgl2" || type === "webgl") attrs = Object.assign({}, attrs, { antialias: false });
    return getContext.call(this, type, attrs);
  };

  // ---- Boot. ----
  // The page's first layout of text and form controls loads fonts and
  // widget styles, which takes tens of milliseconds: a hidden sample of the
  // controls, laid out while the wasm downloads and compiles, keeps that off
  // the path to the first frame when the real ones cannot be built yet.
  function warmLayout() {
    const box = document.createElement("section");
    box.className = "fig-ui fig-warm";
    box.setAttribute("aria-hidden", "true");
    const row = document.createElement("div");
    row.className = "fig-row fig-buttons";
    const button = document.createElement("button");
    const bold = document.createElement("b"); // the Play button's weight
    bold.textContent = "Play";
    button.append(bold);
    const select = document.createElement("select");
    select.append(new Option("normal"));
    const range = document.createElement("input");
    range.type = "range";
    const check = document.createElement("input");
    check.type = "checkbox";
    const out = document.createElement("output");
    out.textContent = "0.5 1e-8";
    const read = document.createElement("p");
    read.className = "fig-readout";
    read.textContent = "Step 0. x = \u22120.5, G = (1, 2) \u2014 \u03b7 \u03c1 \u221a \u2248";
    row.append(button, select, range, check, out);
    box.append(row, read);
    document.body.append(box);
    box.getBoundingClientRect();
    box.remove();
  }

  // The controls are built and laid out as soon as this script runs, from
  // web/figure-info.js (generated from the Go table), while the wasm
  // downloads; they stay inert until Go starts. Without that file, or for a
  // figure it does not know, a hidden sample warms the layout instead.
  let prebuilt = null;
  function prebuild() {
    const all = window.adagradFigureInfo;
    const fig = figFromURL();
    const info = all && Object.prototype.hasOwnProperty.call(all, fig) ? all[fig] : null;
    if (!info || !Array.isArray(info.controls)) return false;
    view.build(info);
    view.setHorizon(info);
    if (typeof info.readout === "string") view.setReadout(info.readout);
    ui.inert = true;
    ui.getBoundingClientRect();
    prebuilt = info;
    return true;
  }

  // Go calls this before its first frame, so that the first frame is
  // already laid out above the controls.
  window.adagradFigureBoot = (c) => {
    core = c;
    env();
    schema = core.info();
    // Go is the authority: a URL that hides controls, or a stale
    // figure-info.js, gets the controls built again.
    if (!prebuilt || view.shape(prebuilt) !== view.shape(schema)) view.build(schema);
    view.setHorizon(schema);
    ui.inert = false;
    new ResizeObserver(() => { tellInsets(); sendHeight(); }).observe(ui);
    last = readSummary(...core.summary());
    view.render(last);
    const canvas = document.querySelector("canvas"); // Ebiten's, made at its init
    if (canvas) {
      // Into the landmark, ahead of the controls, so Tab meets it first;
      // Ebiten's inline outline: none would hide figure.css's focus ring.
      document.querySelector("main").prepend(canvas);
      canvas.style.outline = "";
      canvas.setAttribute("tabindex", "0");
      canvas.setAttribute("aria-describedby", "fig-readout");
      canvas.setAttribute("aria-keyshortcuts", "Space ArrowRight ArrowLeft ArrowUp ArrowDown Enter R" + (schema.noStart ? "" : " Shift+ArrowLeft Shift+ArrowRight Shift+ArrowUp Shift+ArrowDown"));
      $("fig-keys-start").hidden = !!schema.noStart;
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", schema.description || schema.title || "Interactive figure");
      watchVisibility(canvas);
    }
    document.title = (schema.title || "Figure") + " — AdaGrad, explained";
    $("fig-title").textContent = schema.title || "AdaGrad figure";
    statusEl.hidden = true;
    $("fig-progress").hidden = true;
    tellInsets(); // one layout, with the controls, readout and notices in place
  };
  if (typeof WebAssembly !== "object" || typeof Go !== "function") {
    say("This figure needs WebAssembly, which this browser does not offer. The lesson's text describes what it shows.");
    return;
  }
  const go = new Go();
  const start = (result) => {
    wasmMemory = result.instance.exports.mem || null;
    return go.run(result.instance);
  };
  const fail = (err) => {
    $("fig-progress").hidden = true;
    ui.hidden = true; // controls built ahead would do nothing
    if (window.origin === "null" && err instanceof TypeError) {
      sayBlocked();
      return;
    }
    say("The figure could not start: " + String(err && err.message ? err.message : err).slice(0, 200));
  };
  // The download's progress, from the bytes received: the response is read
  // through a stream that counts them, and handed on as a new Response, so
  // compilation still streams. build.sh writes the wasm's size into
  // data-wasm-bytes (the stream yields decoded bytes, so a gzip
  // Content-Length would not do).
  function counted(r) {
    if (!r.ok) throw new Error("HTTP " + r.status + " for " + wasmURL);
    const bar = $("fig-progress");
    if (!bar || !r.body || typeof ReadableStream !== "function") return r;
    const total = Number(me && me.dataset.wasmBytes) || 0;
    if (total > 0) bar.max = total; else bar.removeAttribute("value");
    bar.hidden = false;
    let got = 0;
    const reader = r.body.getReader();
    const stream = new ReadableStream({
      async pull(ctl) {
        const { done, value } = await reader.read();
        if (done) { bar.hidden = true; ctl.close(); return; }
        got += value.byteLength;
        if (total > 0) bar.value = Math.min(got, total);
        bar.setAttribute("aria-valuetext", (got / 1e6).toFixed(1) + " MB received" + (total > 0 ? " of " + (total / 1e6).toFixed(1) + " MB" : ""));
        ctl.enqueue(value);
      },
      cancel(why) { reader.cancel(why); },
    });
    return new Response(stream, { status: r.status, headers: { "Content-Type": "application/wasm" } });
  }
  // In a sandboxed frame (origin null) the wasm is fetched cross-origin,
  // which fails where the host sends no Access-Control-Allow-Origin: say
  // that in words, and link to the figure's own page.
  function sayBlocked() {
    statusEl.replaceChildren();
    const p = document.createElement("span");
    p.textContent = "The figure could not load its program (" + wasmURL + "): the page around it puts it in a sandboxed frame, and the server it comes from does not allow that (it sends no Access-Control-Allow-Origin header). ";
    const a = document.createElement("a");
    a.href = window.location.href;
    a.target = "_blank";
    a.rel = "noopener";
    a.textContent = "Open the figure on its own page.";
    statusEl.append(p, a);
    statusEl.hidden = false;
  }
  // The download and compilation start first; the controls' layout (or
  // the warm-up) then runs while they go on.
  const response = fetch(wasmURL).then(counted);
  if (WebAssembly.instantiateStreaming) {
    WebAssembly.instantiateStreaming(response, go.importObject).then(start, fail);
  } else {
    response.then((r) => r.arrayBuffer())
      .then((b) => WebAssembly.instantiate(b, go.importObject))
      .then(start, fail);
  }
  if (!prebuild()) warmLayout();
})();
