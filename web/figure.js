// figure.js — the page around one Ebiten figure.
//
// It loads the WebAssembly build, keeps Ebiten from swallowing the page's
// scrolling and keyboard, builds the HTML controls from the Go parameter
// table, and speaks the public API: window.adagradFigure and postMessage.
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

  function say(text) {
    statusEl.textContent = text;
    statusEl.hidden = false;
  }
  // figure.html hides the loading line, so that without JavaScript only
  // its <noscript> text shows; with JavaScript it shows until Go boots.
  statusEl.hidden = false;

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
    return !!(core && p && core.hit(p[0], p[1]));
  }
  window.addEventListener("pointerdown", (e) => {
    if (!core || e.target.tagName !== "CANVAS" || !e.isPrimary) return;
    const p = canvasPoint(e.clientX, e.clientY);
    if (!core.hit(p[0], p[1])) return;
    dragging = e.pointerId;
    e.target.setPointerCapture(e.pointerId);
    core.pointer("down", p[0], p[1]);
    e.preventDefault();
  }, { capture: true });
  window.addEventListener("pointermove", (e) => {
    if (!core) return;
    const p = canvasPoint(e.clientX, e.clientY);
    if (!p) return;
    if (dragging === e.pointerId) {
      core.pointer("move", p[0], p[1]);
    } else if (e.pointerType === "mouse" && e.target.tagName === "CANVAS") {
      e.target.classList.toggle("fig-grab", core.hit(p[0], p[1]));
    }
  }, { capture: true });
  const endDrag = (e) => {
    if (dragging !== e.pointerId) return;
    dragging = null;
    const p = canvasPoint(e.clientX, e.clientY);
    if (core && p) core.pointer("up", p[0], p[1]);
  };
  window.addEventListener("pointerup", endDrag, { capture: true });
  window.addEventListener("pointercancel", endDrag, { capture: true });

  // Keys: space plays or pauses, → or s steps, ← steps back, r resets — unless a control
  // has the focus and needs the key itself. Shift+arrows move the start point.
  // Tab is never touched.
  const nudges = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
  let startMoved = false; // the readout says where the start went
  window.addEventListener("keydown", (e) => {
    e.stopPropagation();
    if (!core || e.altKey || e.ctrlKey || e.metaKey) return;
    const tag = e.target && e.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || tag === "BUTTON" || tag === "A") return;
    if (e.shiftKey && nudges[e.key]) {
      if (schema && schema.noStart) return; // no start point to move (the rare-words figure)
      core.nudge(nudges[e.key][0], nudges[e.key][1]);
      startMoved = true;
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
      const q = core ? core.query() : "";
      if (q) window.location.replace(window.location.pathname + "?" + q);
      else window.location.reload();
    });
    w.append(p, b);
    w.hidden = false;
    if (core) core.visible(false);
  }

  // ---- The public script API (also used by the tests). ----
  function plain(params) {
    // Only a flat object of primitives crosses into Go, as strings.
    const out = {};
    let n = 0;
    if (!params || typeof params !== "object" || Array.isArray(params)) return out;
    for (const key of Object.keys(params)) {
      if (++n > 64) break;
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
    play() { if (core) core.play(); },
    pause() { if (core) core.pause(); },
    step(n) {
      if (!core) return;
      let k = Number(n === undefined ? 1 : n);
      if (!Number.isFinite(k) || k < 1) k = 1;
      core.step(Math.min(Math.floor(k), 1e7));
    },
    reset() { if (core) core.reset(); },
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
    exportPNG() { return capturePNG(); },
  };
  Object.freeze(api);
  Object.defineProperty(window, "adagradFigure", { value: api, enumerable: true });

  function figFromURL() {
    return new URLSearchParams(window.location.search).get("fig") || "valley";
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
    update(summary) { last = summary; render(summary); },
  };
  Object.defineProperty(window, "adagradHooks", { value: hooks });

  // ---- Controls built from the Go parameter table. ----
  const controls = new Map(); // name -> {input, output, spec}
  function buildUI(info) {
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
      if (spec.name === "seed") {
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = "New draw";
        b.title = "Draw a new random pattern of zeroed gradients";
        b.addEventListener("click", () => {
          api.set({ seed: String(Math.floor(Math.random() * 1e9)) });
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
  const uiShape = (info) => JSON.stringify([info.showControls, info.hidden || [],
    info.controls.map((c) => [c.name, c.label, c.help, c.kind, c.min, c.max, c.step, c.log])]);

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

  // Writes only what changed: render runs at every update while playing,
  // and a DOM write, even of the same value, costs the page a style pass.
  function setText(el, text) { if (el.textContent !== text) el.textContent = text; }
  function setAttr(el, name, value) { if (el.getAttribute(name) !== value) el.setAttribute(name, value); }
  function setValue(input, value) { if (input.value !== value) input.value = value; }

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

  let lastSpoken = 0;
  function render(s) {
    if (s.theme && document.documentElement.dataset.theme !== s.theme) document.documentElement.dataset.theme = s.theme;
    const play = $("btn-play");
    setText(play, s.playing ? "Pause" : "Play");
    setAttr(play, "aria-pressed", s.playing ? "true" : "false");
    renderControls(s);
    renderTimeline(s.step);
    // The readout is a polite live region; while the figure plays it is
    // marked busy so a screen reader speaks it when the run pauses, not 8×/s.
    const readout = $("fig-readout");
    setAttr(readout, "aria-busy", s.playing ? "true" : "false");
    const now = performance.now();
    if (!s.playing || now - lastSpoken > 200) {
      let text = s.readout;
      if (startMoved && s.display) text = "Start moved to x = " + s.display.x0 + ", y = " + s.display.y0 + ". " + text;
      startMoved = false;
      setText(readout, text);
      lastSpoken = now;
    }
    showNotices(s.notices || []);
    // A diverged or frozen run, in words, beside the readout (the canvas
    // says it too); the centred warning is kept for lost graphics.
    const runstate = $("fig-runstate");
    setText(runstate, s.warning || "");
    if (s.warning) runstate.classList.add("was-shown"); // keeps its line from now on
  }
  function nearestSpeed(v) {
    let best = "8";
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
  $("sel-speed").addEventListener("change", (e) => api.set({ speed: e.target.value }));
  function shareURL() {
    const q = core ? core.query() : "";
    return window.location.origin + window.location.pathname + (q ? "?" + q : "");
  }
  function copy(text, what) {
    const done = $("fig-copied");
    const fallback = () => { done.textContent = what + ": " + text; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        () => { done.textContent = what + " copied to the clipboard."; },
        fallback);
    } else {
      fallback();
    }
  }
  $("btn-share").addEventListener("click", () => copy(shareURL(), "Link"));
  $("btn-embed").addEventListener("click", () => {
    const title = (schema && schema.title) || "AdaGrad figure";
    const h = Math.max(360, Math.round(document.documentElement.clientHeight));
    const esc = (s) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
    copy(`<iframe src="${esc(shareURL())}" title="${esc(title)}" width="100%" height="${h}" loading="lazy" style="border:0"></iframe>`, "Embed snippet");
  });

  // ---- Download: the figure as a PNG, the runs as CSV. ----
  // The canvas is transparent and WebGL keeps no copy of a shown frame, so
  // Go reads the frame it has just painted and hands over opaque RGBA
  // pixels, already laid over the theme's background.
  function capturePNG() {
    return new Promise((resolve, reject) => {
      if (!core) { reject(new Error("The figure has not started yet.")); return; }
      core.capture((px, w, h) => {
        try {
          const c = document.createElement("canvas");
          c.width = w;
          c.height = h;
          c.getContext("2d").putImageData(new ImageData(px, w, h), 0, 0);
          c.toBlob((b) => (b ? resolve(b) : reject(new Error("The browser could not make the PNG."))), "image/png");
        } catch (err) {
          reject(err);
        }
      });
    });
  }
  // Whether the browser lets this frame download: "blocked" when the
  // frame's own sandbox attribute (readable only from a same-origin parent)
  // lacks allow-downloads; "maybe" in a frame of opaque origin, which is
  // sandboxed (or a data: document) with flags a script cannot read, where
  // Chromium drops a download without a word; "" otherwise.
  function downloadsBlocked() {
    try {
      const fe = window.frameElement;
      if (fe && fe.hasAttribute("sandbox")) return fe.sandbox.contains("allow-downloads") ? "" : "blocked";
    } catch (err) { /* a cross-origin parent: fall through */ }
    return window.origin === "null" ? "maybe" : "";
  }
  const dlButton = $("btn-download");
  const dlMenu = $("fig-download-menu");
  const dlNote = $("fig-download-note");
  // The note under the two buttons; with link, it goes on to offer the
  // figure's own page in the state shown here (the Share link).
  function downloadNote(text, link, after) {
    dlNote.replaceChildren();
    if (!text) return;
    dlNote.append(text);
    if (link) {
      const a = document.createElement("a");
      a.href = shareURL();
      a.target = "_blank";
      a.rel = "noopener";
      a.textContent = link;
      dlNote.append(a, after);
    }
  }
  function sandboxNote() {
    const why = downloadsBlocked();
    if (why === "blocked") {
      downloadNote("The page around this figure does not allow downloads: it puts the figure in a sandboxed frame without allow-downloads. ",
        "Open the figure on its own page", " (same settings) to download it there.");
    } else if (why === "maybe") {
      downloadNote("This figure is in a sandboxed frame, where the browser may block downloads without saying so. If nothing downloads, ",
        "open the figure on its own page", " (same settings) and download it there.");
    } else {
      downloadNote("");
    }
    $("btn-png").disabled = why === "blocked";
    $("btn-csv").disabled = why === "blocked";
    return why;
  }
  function openDownload(open) {
    dlMenu.hidden = !open;
    dlButton.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) sandboxNote();
  }
  function fileName(ext) {
    const s = api.state();
    return "adagrad-" + s.fig + "-step-" + (Number(s.step) || 0) + "." + ext;
  }
  function save(blob, name, extra) {
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    if (!sandboxNote()) downloadNote("Downloading " + name + "." + (extra ? " " + extra : ""));
  }
  const keysButton = $("btn-keys");
  const keysHelp = $("fig-keys-help");
  function openKeys(open) {
    keysHelp.hidden = !open;
    keysButton.setAttribute("aria-expanded", open ? "true" : "false");
  }
  keysButton.addEventListener("click", () => { openDownload(false); openKeys(keysHelp.hidden); });
  dlButton.addEventListener("click", () => { openKeys(false); openDownload(dlMenu.hidden); });
  $("btn-png").addEventListener("click", () => {
    const name = fileName("png");
    api.exportPNG().then((b) => save(b, name), (err) => {
      downloadNote("The image could not be made: " + String(err && err.message ? err.message : err).slice(0, 200));
    });
  });
  $("btn-csv").addEventListener("click", () => {
    if (!core) return;
    const out = core.csv();
    save(new Blob([out.text], { type: "text/csv" }), fileName("csv"),
      out.complete ? "" : "It holds the first " + out.maxSteps + " steps of each run; cmd/trace writes longer runs.");
  });
  document.addEventListener("click", (e) => {
    if (!dlMenu.hidden && !(e.target instanceof Element && e.target.closest(".fig-download"))) openDownload(false);
    if (!keysHelp.hidden && !(e.target instanceof Element && e.target.closest(".fig-keys"))) openKeys(false);
  });
  window.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !dlMenu.hidden) {
      openDownload(false);
      dlButton.focus();
    }
    if (e.key === "Escape" && !keysHelp.hidden) {
      openKeys(false);
      keysButton.focus();
    }
  }, { capture: true });

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
    setAttr(moreButton, "aria-expanded", folded ? "false" : "true");
    if (folded) { openKeys(false); openDownload(false); }
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
    buildUI(info);
    setHorizon(info);
    if (typeof info.readout === "string") setText($("fig-readout"), info.readout);
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
    if (!prebuilt || uiShape(prebuilt) !== uiShape(schema)) buildUI(schema);
    setHorizon(schema);
    ui.inert = false;
    new ResizeObserver(() => { tellInsets(); sendHeight(); }).observe(ui);
    last = core.summary();
    render(last);
    const canvas = document.querySelector("canvas"); // Ebiten's, made at its init
    if (canvas) {
      // Into the landmark, ahead of the controls, so Tab meets it first;
      // Ebiten's inline outline: none would hide figure.css's focus ring.
      document.querySelector("main").prepend(canvas);
      canvas.style.outline = "";
      canvas.setAttribute("tabindex", "0");
      canvas.setAttribute("aria-describedby", "fig-readout");
      canvas.setAttribute("aria-keyshortcuts", "Space ArrowRight ArrowLeft R" + (schema.noStart ? "" : " Shift+ArrowLeft Shift+ArrowRight Shift+ArrowUp Shift+ArrowDown"));
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
