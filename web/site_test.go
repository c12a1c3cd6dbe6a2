//go:build !js

package web_test

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	osexec "os/exec"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"
)

// The built site: what build.sh dist lays out, checked file by file.

var (
	hashedWasm = regexp.MustCompile(`^web/explainer\.([0-9a-f]{10})\.wasm$`)
	hashedExec = regexp.MustCompile(`^web/wasm_exec\.([0-9a-f]{10})\.js$`)
)

// siteExtensions are the only kinds of file dist/ may hold.
var siteExtensions = map[string]bool{".html": true, ".css": true, ".js": true, ".svg": true, ".png": true, ".wasm": true}

func TestDistLayout(t *testing.T) {
	h := site(t)
	var names []string
	for name := range h.files {
		names = append(names, name)
	}
	sort.Strings(names)
	t.Logf("dist has %d files", len(names))

	for _, need := range []string{"index.html", "web/figure.html", "web/figure.js", "web/figure.css"} {
		if _, ok := h.files[need]; !ok {
			t.Errorf("dist/%s is missing", need)
		}
	}
	var wasm, exec []string
	for _, name := range names {
		if !siteExtensions[path.Ext(name)] {
			t.Errorf("dist/%s: a %q file has no place in the site", name, path.Ext(name))
		}
		if strings.HasSuffix(name, "_test.go") || strings.Contains(name, "testdata/") || strings.HasPrefix(path.Base(name), ".") {
			t.Errorf("dist/%s should not be published", name)
		}
		if m := hashedWasm.FindStringSubmatch(name); m != nil {
			wasm = append(wasm, name)
			checkHash(t, name, m[1], h.files[name])
			if !strings.HasPrefix(string(h.files[name]), "\x00asm") {
				t.Errorf("dist/%s is not WebAssembly", name)
			}
		}
		if m := hashedExec.FindStringSubmatch(name); m != nil {
			exec = append(exec, name)
			checkHash(t, name, m[1], h.files[name])
		}
		switch name {
		case "web/explainer.wasm", "web/wasm_exec.js", "explainer.wasm", "wasm_exec.js":
			t.Errorf("dist/%s: unhashed name; a cached copy could outlive a deploy", name)
		}
	}
	if len(wasm) != 1 || len(exec) != 1 {
		t.Fatalf("want exactly one hashed wasm and one hashed wasm_exec.js in dist/web, got %q and %q", wasm, exec)
	}

	// The loader is the one shipped with the Go that built the binary.
	goroot := runtime.GOROOT()
	if out, err := goEnv("GOROOT"); err == nil {
		goroot = out
	}
	want, err := os.ReadFile(filepath.Join(goroot, "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		t.Fatalf("reading Go's wasm_exec.js: %v", err)
	}
	if string(want) != string(h.files[exec[0]]) {
		t.Errorf("dist/%s differs from %s/lib/wasm/wasm_exec.js", exec[0], goroot)
	}

	fig := string(h.files["web/figure.html"])
	for _, name := range []string{wasm[0], exec[0]} {
		if !strings.Contains(fig, `"`+path.Base(name)+`"`) {
			t.Errorf("dist/web/figure.html does not name %s", path.Base(name))
		}
	}
	for _, stale := range []string{`"explainer.wasm"`, `"wasm_exec.js"`} {
		if strings.Contains(fig, stale) {
			t.Errorf("dist/web/figure.html still names %s", stale)
		}
	}
}

func checkHash(t *testing.T, name, short string, data []byte) {
	t.Helper()
	sum := sha256.Sum256(data)
	if full := hex.EncodeToString(sum[:]); !strings.HasPrefix(full, short) {
		t.Errorf("dist/%s: name says %s, content hashes to %s", name, short, full[:10])
	}
}

func goEnv(key string) (string, error) {
	out, err := execOutput("go", "env", key)
	return strings.TrimSpace(out), err
}

// A reference in a page or style sheet, found by the scanners below.
type ref struct {
	file, tag, attr, value string
}

var (
	tagRE   = regexp.MustCompile(`(?is)<([a-z][a-z0-9-]*)\b([^>]*)>`)
	attrRE  = regexp.MustCompile(`(?is)([a-z][a-z0-9_:-]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)`)
	cssURL  = regexp.MustCompile(`(?i)url\(\s*("[^"]*"|'[^']*'|[^)]*)\s*\)`)
	cssImp  = regexp.MustCompile(`(?i)@import\s+("[^"]*"|'[^']*')`)
	schemeR = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)
)

// urlAttrs are the attributes whose value a browser fetches or follows.
var urlAttrs = map[string]bool{"src": true, "href": true, "data-wasm": true, "poster": true, "action": true, "formaction": true, "srcset": true, "data": true, "xlink:href": true}

func htmlRefs(file, text string) []ref {
	var refs []ref
	for _, m := range tagRE.FindAllStringSubmatch(text, -1) {
		tag := strings.ToLower(m[1])
		for _, a := range attrRE.FindAllStringSubmatch(m[2], -1) {
			name := strings.ToLower(a[1])
			if !urlAttrs[name] {
				continue
			}
			v := strings.Trim(a[2], `"'`)
			if name == "srcset" {
				for _, part := range strings.Split(v, ",") {
					if f := strings.Fields(part); len(f) > 0 {
						refs = append(refs, ref{file, tag, name, f[0]})
					}
				}
				continue
			}
			refs = append(refs, ref{file, tag, name, v})
		}
	}
	return refs
}

// TestDistURLsRelative: every URL the site loads is relative, so the site
// works from any sub-path, and nothing is fetched from another origin.
// Links a reader follows (<a href>) may point to other sites (the paper),
// but never to a root path, which breaks under /adagrad/.
func TestDistURLsRelative(t *testing.T) {
	h := site(t)
	checked := 0
	for name, data := range h.files {
		var refs []ref
		switch path.Ext(name) {
		case ".html":
			refs = htmlRefs(name, string(data))
		case ".css":
			for _, m := range cssURL.FindAllStringSubmatch(string(data), -1) {
				refs = append(refs, ref{name, "css", "url()", strings.Trim(strings.TrimSpace(m[1]), `"'`)})
			}
			for _, m := range cssImp.FindAllStringSubmatch(string(data), -1) {
				refs = append(refs, ref{name, "css", "@import", strings.Trim(m[1], `"'`)})
			}
		default:
			continue
		}
		for _, r := range refs {
			checked++
			v := strings.TrimSpace(r.value)
			switch {
			case v == "" || strings.HasPrefix(v, "#"):
			case strings.HasPrefix(v, "/"):
				t.Errorf("%s: <%s %s=%q> is root-relative: it breaks when the site lives under a sub-path", r.file, r.tag, r.attr, v)
			case strings.HasPrefix(strings.ToLower(v), "javascript:"):
				t.Errorf("%s: <%s %s=%q>: javascript: URLs are blocked by the CSP", r.file, r.tag, r.attr, v)
			case schemeR.MatchString(v):
				lower := strings.ToLower(v)
				follow := r.tag == "a" && r.attr == "href"
				if strings.HasPrefix(lower, "data:") && r.tag != "iframe" {
					continue
				}
				if follow && (strings.HasPrefix(lower, "https:") || strings.HasPrefix(lower, "http:") || strings.HasPrefix(lower, "mailto:")) {
					continue
				}
				t.Errorf("%s: <%s %s=%q> loads from another origin", r.file, r.tag, r.attr, v)
			default:
				// Relative: it must name a file that exists in dist.
				target := strings.SplitN(strings.SplitN(v, "#", 2)[0], "?", 2)[0]
				if target == "" {
					continue
				}
				p := path.Join(path.Dir(r.file), target)
				if strings.HasSuffix(target, "/") {
					p = path.Join(p, "index.html")
				}
				if _, ok := h.files[p]; !ok {
					t.Errorf("%s: <%s %s=%q> names dist/%s, which does not exist", r.file, r.tag, r.attr, v, p)
				}
			}
		}
	}
	if checked == 0 {
		t.Error("found no URLs at all in dist/: the scanner is broken")
	}
	t.Logf("%d URLs checked", checked)
}

var (
	scriptRE  = regexp.MustCompile(`(?is)<script\b([^>]*)>(.*?)</script>`)
	styleTag  = regexp.MustCompile(`(?is)<style\b`)
	styleAttr = regexp.MustCompile(`(?is)<[a-z][a-z0-9-]*\b[^>]*\sstyle\s*=`)
	onAttr    = regexp.MustCompile(`(?is)<[a-z][a-z0-9-]*\b[^>]*\son[a-z]+\s*=`)
)

// TestDistNoInlineCode: under the CSP the site is served with, inline
// scripts, <style> elements, style attributes and on* handlers are blocked,
// so none may be relied on.
func TestDistNoInlineCode(t *testing.T) {
	h := site(t)
	for name, data := range h.files {
		if path.Ext(name) != ".html" {
			continue
		}
		text := string(data)
		for _, m := range scriptRE.FindAllStringSubmatch(text, -1) {
			if strings.TrimSpace(m[2]) != "" || !regexp.MustCompile(`(?i)\ssrc\s*=`).MatchString(m[1]) {
				t.Errorf("%s: inline <script>%.60s</script>", name, strings.TrimSpace(m[2]))
			}
		}
		if styleTag.MatchString(text) {
			t.Errorf("%s: <style> element (blocked by style-src 'self')", name)
		}
		if m := styleAttr.FindString(text); m != "" {
			t.Errorf("%s: style attribute in %.80s", name, m)
		}
		if m := onAttr.FindString(text); m != "" {
			t.Errorf("%s: inline event handler in %.80s", name, m)
		}
	}
}

func TestHTMLRefScanner(t *testing.T) {
	got := htmlRefs("x.html", `<link rel=stylesheet href=a.css><img SRC='b.png' srcset="c.png 1x, d.png 2x">
<script src="e.js" data-wasm="f.wasm"></script><a href="#top">top</a><p title="src=no">`)
	var vals []string
	for _, r := range got {
		vals = append(vals, r.attr+"="+r.value)
	}
	want := "href=a.css src=b.png srcset=c.png srcset=d.png src=e.js data-wasm=f.wasm href=#top"
	if strings.Join(vals, " ") != want {
		t.Errorf("htmlRefs = %q, want %q", strings.Join(vals, " "), want)
	}
}

// settle waits until the page has made no new request for quiet, or max
// has passed, so lazily loaded figures get the chance to fail.
func settle(w *watch, quiet, max time.Duration) {
	end := time.Now().Add(max)
	n, since := len(w.Requests()), time.Now()
	for time.Now().Before(end) {
		time.Sleep(100 * time.Millisecond)
		if m := len(w.Requests()); m != n {
			n, since = m, time.Now()
		} else if time.Since(since) >= quiet {
			return
		}
	}
}

// TestLessonLoadsClean opens the lesson from /adagrad/ as a visitor would,
// scrolls through it so its figures load, and fails on any console error,
// HTTP error or request to another origin. (The lesson's own browser tests
// take the light, dark and phone screenshots.)
func TestLessonLoadsClean(t *testing.T) {
	ctx, w := openPage(t, "")
	var title string
	if err := evalJSON(ctx, `document.title`, &title); err != nil {
		t.Fatal(err)
	}
	if title == "" {
		t.Error("the lesson has no title")
	}
	// Scroll to the end in steps so every lazy figure starts.
	if err := evalJSON(ctx, `(async () => {
		for (let y = 0; y <= document.documentElement.scrollHeight; y += innerHeight / 2) {
			scrollTo(0, y);
			await new Promise(r => setTimeout(r, 150));
		}
		scrollTo(0, 0);
		return true;
	})()`, nil); err != nil {
		t.Fatal(err)
	}
	settle(w, 1500*time.Millisecond, 30*time.Second)
	screenshot(t, ctx, "lesson-top")
	w.AssertClean(t)
	reqs := w.Requests()
	if len(reqs) < 3 {
		t.Errorf("only %d requests: the page did not load its own files", len(reqs))
	}
	for _, r := range reqs {
		if !strings.HasPrefix(r, h.base) && !strings.HasPrefix(r, "data:") && !strings.HasPrefix(r, "blob:") {
			t.Errorf("request outside %s: %s", h.base, r)
		}
	}
	t.Logf("%d requests, all under %s", len(reqs), h.base)
}

func execOutput(name string, args ...string) (string, error) {
	out, err := osexec.Command(name, args...).Output()
	return string(out), err
}

// TestBuildScriptUsage: an unknown command prints the usage on stderr and
// exits 2; so does bench given a flag it does not know (before it builds
// or measures anything).
func TestBuildScriptUsage(t *testing.T) {
	root := base(t).root
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"nope"}, 2, "usage: ./build.sh"},
		{[]string{}, 2, "usage: ./build.sh"},
		{[]string{"--bogus", "x"}, 2, "unknown command"},
		{[]string{"bench", "-nope"}, 2, "flag provided but not defined: -nope"},
	} {
		cmd := osexec.Command("bash", append([]string{"build.sh"}, c.args...)...)
		cmd.Dir = root
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		code := 0
		if ee, ok := err.(*osexec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != c.code || !strings.Contains(stderr.String(), c.want) || len(out) != 0 {
			t.Errorf("build.sh %q: exit %d, stdout %q, stderr %q; want exit %d and %q on stderr only",
				c.args, code, out, stderr.String(), c.code, c.want)
		}
	}
}
