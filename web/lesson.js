// lesson.js runs the figures of the lesson page (index.html).
//
// Each <figure class="fig" data-fig="ID"> holds a text description. When it
// comes within about a screen of the viewport, an <iframe> of
// web/figure.html?fig=ID is put in its slot; when it leaves the viewport the
// figure is paused, and when it is far away the iframe is removed again,
// because every figure holds a WebGL context and browsers allow only a few.
// "Try this" links (<a class="try" data-fig data-set>) set a figure's state
// through its postMessage API instead of navigating. Without this script the
// descriptions stay and the links open the figure page in the same state.
(function () {
  "use strict";

  var FIGURE_PAGE = "web/figure.html";
  var NEAR_MARGIN = "100% 0px"; // start a figure one screen before it shows
  var FAR_SCREENS = 3;
  var FAR_MARGIN = FAR_SCREENS * 100 + "% 0px"; // release it beyond three screens
  var READY_TIMEOUT_MS = 30000;
  var MIN_HEIGHT = 160;
  var MAX_HEIGHT = 2400;
  // Parameters worth carrying over when a released figure is rebuilt: all
  // but those of how the page shows it (web/figure-info.js, from the table).
  var KEEP = window.adagradPage ? window.adagradPage.kept : [];

  var reduceMotion = window.matchMedia ?
    window.matchMedia("(prefers-reduced-motion: reduce)") : { matches: false };
  var ownOrigin = window.location.origin;
  var targetOrigin = ownOrigin && ownOrigin !== "null" ? ownOrigin : "*";
  var entries = [];
  var byFig = Object.create(null);
  var status = null;
  var holdAll = false; // startAll(): keep every figure, release none

  function Entry(el) {
    this.el = el;
    this.fig = el.getAttribute("data-fig");
    this.title = el.getAttribute("data-title") || ("Figure " + this.fig);
    this.slot = el.querySelector(".fig-slot") || el;
    this.poster = el.querySelector(".fig-poster");
    this.frame = null;
    this.ready = false;
    this.visible = false;
    this.queue = []; // actions waiting for adagrad:ready
    this.stash = {}; // parameters to rebuild the figure with
    this.resume = false; // we paused it while it was playing
    this.wantPause = false; // a pause is waiting for an adagrad:state
    this.timer = 0;
    this.startPlay = null; // play=0/1 for the next build, or null
    this.log = []; // see note()
  }

  // note keeps the last few things that happened to a figure, for the
  // read-only view below: when a figure does not appear, it says why.
  function note(e, what) {
    e.log.push(Math.round(performance.now()) + " " + what);
    if (e.log.length > 12) e.log.shift();
  }

  // ---- Building and releasing the iframe. ----

  function figureURL(e) {
    var q = new URLSearchParams();
    q.set("fig", e.fig);
    KEEP.forEach(function (k) {
      if (Object.prototype.hasOwnProperty.call(e.stash, k)) q.set(k, String(e.stash[k]));
    });
    if (reduceMotion.matches) q.set("play", "0");
    else if (e.startPlay !== null) q.set("play", e.startPlay ? "1" : "0");
    return FIGURE_PAGE + "?" + q.toString();
  }

  function start(e) {
    if (e.frame || !canRun()) return;
    note(e, "start");
    var f = document.createElement("iframe");
    f.title = "Interactive figure: " + e.title;
    f.className = "fig-frame";
    f.setAttribute("allow", "clipboard-write");
    e.frame = f;
    e.ready = false;
    e.el.classList.add("is-loading");
    e.el.classList.remove("is-live", "is-failed");
    f.src = figureURL(e);
    e.startPlay = null;
    e.slot.appendChild(f);
    clearTimeout(e.timer);
    e.timer = setTimeout(function () {
      if (e.frame === f && !e.ready) failed(e, "The interactive figure has not started yet. It needs JavaScript and WebAssembly; you can also open it on its own page.");
    }, READY_TIMEOUT_MS);
  }

  function release(e) {
    if (!e.frame || holdAll) return;
    note(e, "release");
    var api = figureApi(e);
    if (api && e.ready) {
      try { stashParams(e, api.state()); } catch (err) { /* keep the old stash */ }
    }
    clearTimeout(e.timer);
    e.frame.src = "about:blank";
    e.frame.remove();
    e.frame = null;
    e.ready = false;
    e.queue = [];
    e.wantPause = false;
    e.el.classList.remove("is-live", "is-loading");
  }

  function failed(e, text) {
    e.el.classList.add("is-failed");
    if (!e.poster) return;
    var note = e.poster.querySelector(".fig-note");
    if (!note) {
      note = document.createElement("p");
      note.className = "fig-note";
      e.poster.appendChild(note);
    }
    note.textContent = text;
  }

  function canRun() {
    return typeof WebAssembly === "object";
  }

  // The figure's script API, reachable directly because it is same-origin.
  function figureApi(e) {
    try {
      var w = e.frame && e.frame.contentWindow;
      var api = w && w.adagradFigure;
      return api && typeof api.set === "function" ? api : null;
    } catch (err) {
      return null;
    }
  }

  function stashParams(e, state) {
    var p = state && state.params;
    if (!p || typeof p !== "object") return;
    KEEP.forEach(function (k) {
      var v = p[k];
      if (typeof v === "boolean") e.stash[k] = v ? 1 : 0;
      else if (typeof v === "number" && isFinite(v)) e.stash[k] = v;
      else if (typeof v === "string" && v !== "" && v.length < 40) e.stash[k] = v;
    });
  }

  // ---- Talking to a figure. ----

  function post(e, msg) {
    if (e.frame && e.frame.contentWindow) e.frame.contentWindow.postMessage(msg, targetOrigin);
  }

  // whenReady runs fn now if the figure is ready, or once it is.
  function whenReady(e, fn) {
    if (e.ready) fn();
    else e.queue.push(fn);
  }

  // pause stops a ready figure that is playing and remembers to resume it.
  // A figure that is not ready yet is paused by the adagrad:ready handler.
  function pause(e) {
    if (!e.frame || !e.ready) return;
    var api = figureApi(e);
    var st = null;
    if (api && typeof api.state === "function") {
      try { st = api.state(); } catch (err) { st = null; }
    }
    if (!st) {
      e.wantPause = true; // decided when the adagrad:state answer arrives
      post(e, { type: "adagrad:get" });
      return;
    }
    stashParams(e, st);
    if (st.playing) {
      post(e, { type: "adagrad:set", params: { play: 0 } });
      e.resume = true;
    }
  }

  function resume(e) {
    if (!e.resume || !e.frame || reduceMotion.matches) return;
    e.resume = false;
    whenReady(e, function () {
      post(e, { type: "adagrad:set", params: { play: 1 } });
    });
  }

  function onMessage(ev) {
    var e = null;
    for (var i = 0; i < entries.length; i++) {
      if (entries[i].frame && ev.source === entries[i].frame.contentWindow) { e = entries[i]; break; }
    }
    if (!e || ev.origin !== ownOrigin) return;
    var d = ev.data;
    if (!d || typeof d !== "object" || typeof d.type !== "string") return;
    switch (d.type) {
      case "adagrad:ready":
        if (e.ready) return;
        e.ready = true;
        note(e, "ready");
        clearTimeout(e.timer);
        e.el.classList.remove("is-loading", "is-failed");
        e.el.classList.add("is-live");
        var q = e.queue;
        e.queue = [];
        q.forEach(function (fn) { fn(); });
        if (!e.visible) pause(e);
        break;
      case "adagrad:height":
        var px = Number(d.px);
        if (isFinite(px) && px > 0) {
          e.frame.style.height = Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, px))) + "px";
        }
        break;
      case "adagrad:state":
        stashParams(e, d.state);
        if (e.wantPause) {
          e.wantPause = false;
          if (d.state && d.state.playing && !e.visible) {
            post(e, { type: "adagrad:set", params: { play: 0 } });
            e.resume = true;
          }
        }
        break;
    }
  }

  // ---- "Try this" links. ----

  // parseSet turns "sgdlr=0.105&play=1" into {sgdlr: 0.105, play: 1}.
  function parseSet(s) {
    var out = {};
    new URLSearchParams(s || "").forEach(function (v, k) {
      var n = Number(v);
      out[k] = v.trim() !== "" && isFinite(n) ? n : v;
    });
    return out;
  }

  function applyLink(e, a) {
    var params = parseSet(a.getAttribute("data-set"));
    var play = params.play === 1 && !reduceMotion.matches;
    delete params.play;
    Object.keys(params).forEach(function (k) {
      if (KEEP.indexOf(k) >= 0) e.stash[k] = params[k];
    });
    e.resume = false;

    if (!e.frame) {
      e.startPlay = play;
      start(e);
    } else {
      whenReady(e, function () {
        var api = figureApi(e);
        if (api && typeof api.reset === "function") {
          try {
            api.set(params);
            api.reset();
            if (play && typeof api.play === "function") api.play();
            return;
          } catch (err) { /* fall back to messages */ }
        }
        var msg = Object.assign({}, params);
        if (play) msg.play = 1;
        post(e, { type: "adagrad:set", params: msg });
      });
    }

    var links = document.querySelectorAll('a.try[data-fig="' + e.fig + '"]');
    for (var i = 0; i < links.length; i++) links[i].classList.remove("is-applied");
    a.classList.add("is-applied");
    if (status) status.textContent = e.title + ": " + a.textContent.trim() + ".";
    var r = e.el.getBoundingClientRect();
    if (r.bottom < 0 || r.top > window.innerHeight) {
      e.el.scrollIntoView({ block: "nearest", behavior: reduceMotion.matches ? "auto" : "smooth" });
    }
  }

  function onClick(ev) {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    var a = ev.target && ev.target.closest ? ev.target.closest("a.try[data-fig]") : null;
    if (!a) return;
    var e = byFig[a.getAttribute("data-fig")];
    if (!e || !canRun()) return; // the link opens the figure page instead
    ev.preventDefault();
    applyLink(e, a);
  }

  // ---- Watching the scroll position. ----

  // isFar says whether el lies beyond FAR_MARGIN (three screens) from the
  // viewport, measured now.
  function isFar(el) {
    var r = el.getBoundingClientRect();
    var h = window.innerHeight || document.documentElement.clientHeight;
    return r.bottom < -FAR_SCREENS * h || r.top > (1 + FAR_SCREENS) * h;
  }

  function observe() {
    if (!("IntersectionObserver" in window)) {
      entries.forEach(function (e) { e.visible = true; start(e); });
      return;
    }
    var near = new IntersectionObserver(function (list) {
      list.forEach(function (it) {
        note(it.target._lesson, it.isIntersecting ? "near" : "not near");
        if (it.isIntersecting) start(it.target._lesson);
      });
    }, { rootMargin: NEAR_MARGIN });
    // Observers report changes some time after they happen, and each on
    // its own schedule: a "far" from the page's first layout can arrive
    // after a jump down the page has already brought the figure near and
    // started it. The figure is released only if it is far now.
    var far = new IntersectionObserver(function (list) {
      list.forEach(function (it) {
        var e = it.target._lesson;
        if (it.isIntersecting) {
          note(e, "not far");
        } else if (isFar(it.target)) {
          note(e, "far");
          release(e);
        } else {
          note(e, "far, but not any more");
        }
      });
    }, { rootMargin: FAR_MARGIN });
    var view = new IntersectionObserver(function (list) {
      list.forEach(function (it) {
        var e = it.target._lesson;
        e.visible = it.isIntersecting;
        note(e, it.isIntersecting ? "in view" : "out of view");
        if (e.visible) resume(e);
        else if (e.frame) pause(e);
      });
    });
    entries.forEach(function (e) {
      near.observe(e.el);
      far.observe(e.el);
      view.observe(e.el);
    });
  }

  function init() {
    status = document.getElementById("lesson-status");
    var els = document.querySelectorAll("figure.fig[data-fig]");
    for (var i = 0; i < els.length; i++) {
      var e = new Entry(els[i]);
      els[i]._lesson = e;
      entries.push(e);
      if (!byFig[e.fig]) byFig[e.fig] = e;
    }
    if (!canRun()) {
      entries.forEach(function (e) {
        failed(e, "Your browser does not run WebAssembly, so this description stands in for the interactive figure.");
      });
      return;
    }
    window.addEventListener("message", onMessage);
    document.addEventListener("click", onClick);
    observe();
  }

  // A small read-only view for tests and curious readers.
  window.adagradLesson = {
    figures: function () {
      return entries.map(function (e) {
        return { fig: e.fig, started: !!e.frame, ready: e.ready, visible: e.visible, height: e.frame ? e.frame.offsetHeight : 0, log: e.log.slice() };
      });
    },
    frame: function (fig) {
      var e = byFig[fig];
      return e ? e.frame : null;
    },
    // startAll starts every figure and keeps them all, for a full-page
    // screenshot or a reader who wants everything loaded at once.
    startAll: function () {
      holdAll = true;
      entries.forEach(start);
    }
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
