//go:build !js

// Package headless sets up what the browser tests (web/) and the benchmark
// (cmd/bench) both drive: the built site, the project's own server,
// cmd/serve, on a free port, and Debian's Chromium with the flags that render WebGL here
// (through SwiftShader, without a GPU). One copy keeps the two measuring
// the same thing in the same way.
package headless

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"time"

	"github.com/chromedp/chromedp"
)

// BuildSite lays out the site in dir with ./build.sh dist, run from the
// repository at root.
func BuildSite(root, dir string) error {
	cmd := exec.Command("bash", filepath.Join(root, "build.sh"), "dist")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "DIST="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("./build.sh dist: %v\n%s", err, out)
	}
	return nil
}

// FindChromium names the browser to drive: $ADAGRAD_CHROME, Debian's
// /usr/bin/chromium, or a chromium/chrome on PATH; "" when there is none.
// Keep in step with find_chromium in build.sh.
func FindChromium() string {
	if c := os.Getenv("ADAGRAD_CHROME"); c != "" {
		p, _ := exec.LookPath(c)
		return p // "" when it names nothing runnable: then no browser
	}
	for _, c := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	return ""
}

// Options are the allocator options for headless Chromium at chrome, with
// a fresh profile in profileDir and a 1280×900 window.
func Options(chrome, profileDir string) []chromedp.ExecAllocatorOption {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		chromedp.UserDataDir(profileDir),
		chromedp.DisableGPU, // WebGL through SwiftShader
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	return opts
}

// Serve builds cmd/serve from the repository at root into tmp, starts it
// on dir under prefix on a free localhost port, with its stderr going to
// stderr, and returns the running server and the URL it printed. The
// server stops with the calling process where the system allows it.
// flags go to cmd/serve after those.
func Serve(root, tmp, dir, prefix string, stderr io.Writer, flags ...string) (*exec.Cmd, string, error) {
	bin := filepath.Join(tmp, "serve")
	build := exec.Command("go", "build", "-o", bin, "./cmd/serve")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		return nil, "", fmt.Errorf("go build ./cmd/serve: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, append([]string{"-dir", dir, "-addr", "127.0.0.1:0", "-prefix", prefix}, flags...)...)
	cmd.Stderr = stderr
	dieWithParent(cmd)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", err
	}
	if err := cmd.Start(); err != nil {
		return nil, "", err
	}
	line := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			line <- sc.Text()
		}
		close(line)
		for sc.Scan() { // keep the pipe drained
		}
	}()
	stop := func(err error) (*exec.Cmd, string, error) {
		cmd.Process.Kill()
		cmd.Wait()
		return nil, "", err
	}
	select {
	case l := <-line:
		if u := regexp.MustCompile(`http://\S+`).FindString(l); u != "" {
			return cmd, u, nil
		}
		return stop(fmt.Errorf("cmd/serve printed %q, not a URL", l))
	case <-time.After(30 * time.Second):
		return stop(fmt.Errorf("cmd/serve printed no URL in 30 s"))
	}
}
