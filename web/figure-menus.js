// figure-menus.js — part of the figure page (web/figure.js builds on it).
//
// Share, Embed, Download (PNG and CSV) and the Keys help, and the PNG
// export the script API offers too.
// Everything that came from outside is shown with textContent, never as HTML.
"use strict";

(window.adagradFigureParts = window.adagradFigureParts || {}).menus = (ctx) => {
  const $ = (id) => document.getElementById(id);
  const core = ctx.core;
  const api = ctx.api;
  function shareURL() {
    const q = core() ? core().query() : "";
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
    const title = (ctx.schema() && ctx.schema().title) || "AdaGrad figure";
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
      if (!core()) { reject(new Error("The figure has not started yet.")); return; }
      core().capture((px, w, h) => {
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
    if (!core()) return;
    const out = core().csv();
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
  return {
    capturePNG,
    closeAll() { openKeys(false); openDownload(false); },
  };
};
