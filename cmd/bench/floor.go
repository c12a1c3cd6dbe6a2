//go:build !js

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// floorSource is the bare Ebiten program every ratio is taken against: a
// Game that fills the screen with one colour once, then skips unchanged
// frames the way the explainer does (the screen is not cleared, Draw returns
// early, and after the first frame Update runs only on demand). In the
// Update after its first Draw — when that frame is on screen, the same
// moment the explainer reports adagrad:ready — it sets window.benchReady to
// performance.now() and posts {type: "bench:ready"} to a parent page.
const floorSource = `//go:build js

package main

import (
	"image/color"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"
)

type game struct{ drawn, told bool }

func (g *game) Update() error {
	if g.drawn && !g.told {
		g.told = true
		ebiten.SetFPSMode(ebiten.FPSModeVsyncOffMinimum)
		w := js.Global()
		w.Set("benchReady", w.Get("performance").Call("now"))
		if p := w.Get("parent"); !p.Equal(w) {
			p.Call("postMessage", map[string]any{"type": "bench:ready"}, "*")
		}
	}
	return nil
}

func (g *game) Draw(screen *ebiten.Image) {
	if g.drawn {
		return
	}
	screen.Fill(color.RGBA{0x30, 0x70, 0xb0, 0xff})
	g.drawn = true
}

func (g *game) Layout(w, h int) (int, int) { return w, h }

func main() {
	ebiten.SetScreenClearedEveryFrame(false)
	if err := ebiten.RunGame(&game{}); err != nil {
		panic(err)
	}
}
`

// The floor's page: the loader is the same instantiateStreaming call as
// figure.js, and no code is inline (the server's CSP forbids it).
const floorHTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>bench floor</title>
<script src="wasm_exec.js" defer></script>
<script src="floor.js" defer></script>
</head>
<body></body>
</html>
`

const floorJS = `"use strict";
(() => {
  const go = new Go();
  WebAssembly.instantiateStreaming(fetch("floor.wasm"), go.importObject)
    .then((r) => go.run(r.instance), (e) => console.error("floor: " + e));
})();
`

// The host page times one page in an iframe, from setting its src to the
// page's ready message (adagrad:ready from a figure, bench:ready from the
// floor), and leaves the milliseconds in window.benchReadyMs.
const hostHTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>bench host</title>
<link rel="stylesheet" href="host.css">
<script src="host.js" defer></script>
</head>
<body></body>
</html>
`

const hostCSS = `html, body { margin: 0; }
iframe { border: 0; width: 100%; height: 600px; display: block; }
`

const hostJS = `"use strict";
(() => {
  window.benchReadyMs = null;
  const src = new URLSearchParams(location.search).get("src") || "";
  const f = document.createElement("iframe");
  let t0 = 0;
  addEventListener("message", (e) => {
    const d = e.data;
    if (e.source !== f.contentWindow || !d || window.benchReadyMs !== null) return;
    if (d.type === "adagrad:ready" || d.type === "bench:ready") window.benchReadyMs = performance.now() - t0;
  });
  document.body.append(f);
  t0 = performance.now();
  f.src = src;
})();
`

// buildFloor writes the floor's source into tmp (outside the repository),
// builds it from the repository root so that it resolves Ebiten through the
// project's own go.mod and module cache (offline), with the explainer's Go,
// flags and wasm_exec.js, and lays out its page in site/floor/ and the host
// page in site/bench/. ldflags are the explainer's, "-s -w", except for a
// profile, which needs the symbols.
func buildFloor(root, tmp, site, wasmExec, ldflags string) error {
	src := filepath.Join(tmp, "floor-src")
	if err := os.MkdirAll(src, 0o755); err != nil {
		return err
	}
	mainGo := filepath.Join(src, "main.go")
	if err := os.WriteFile(mainGo, []byte(floorSource), 0o644); err != nil {
		return err
	}
	out := filepath.Join(site, "floor")
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags="+ldflags, "-o", filepath.Join(out, "floor.wasm"), mainGo)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building the floor program: %v\n%s", err, b)
	}
	exec, err := os.ReadFile(wasmExec)
	if err != nil {
		return err
	}
	files := map[string]string{
		"floor/index.html":   floorHTML,
		"floor/floor.js":     floorJS,
		"floor/wasm_exec.js": string(exec),
		"bench/host.html":    hostHTML,
		"bench/host.css":     hostCSS,
		"bench/host.js":      hostJS,
	}
	for name, body := range files {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			return err
		}
	}
	return nil
}
