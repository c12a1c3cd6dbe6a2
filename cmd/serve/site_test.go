package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// secretMarker is written into every file outside the site (and into hidden
// files inside it). No response may ever contain it.
const secretMarker = "OUTSIDE-SECRET-7f3a"

// fixture lays out a site folder with a sibling folder of secrets and the
// symlinks a careless server would follow out of the site.
func fixture(t testing.TB) (siteDir string, files map[string][]byte) {
	t.Helper()
	top := t.TempDir()
	siteDir = filepath.Join(top, "site")
	write := func(rel string, data []byte) {
		t.Helper()
		p := filepath.Join(top, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, rel string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(top, rel)); err != nil {
			t.Fatal(err)
		}
	}
	big := []byte(strings.Repeat("console.log('adagrad');\n", 400)) // ~9.6 KB, compresses well
	wasm := append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte{1, 2, 3, 4, 0, 0, 0, 0}, 1000)...)
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte("IDAT"), 600)...)
	files = map[string][]byte{
		"index.html":                []byte("<!doctype html><title>lesson</title>"),
		"web/figure.html":           []byte("<!doctype html><title>figure</title>"),
		"web/big.js":                big,
		"web/tiny.js":               []byte("let x = 1;\n"),
		"web/style.css":             []byte(strings.Repeat("body { margin: 0 }\n", 100)),
		"web/pic.png":               png,
		"web/icon.svg":              []byte("<svg xmlns='http://www.w3.org/2000/svg'/>"),
		"explainer.0123456789.wasm": wasm,
		"wasm_exec.abcdef0123.js":   big,
		"web/sub/index.html":        []byte("<!doctype html><title>sub</title>"),
		"web/data.bin":              []byte("binary"),
		"web/plain.txt":             []byte("hello"),
		"web/name with space.txt":   []byte("spaced"),
		"web/ünï.txt":               []byte("unicode"),
		"web/page.HTML":             []byte("<p>upper</p>"),
	}
	for rel, data := range files {
		write(filepath.Join("site", rel), data)
	}
	write("secret.txt", []byte(secretMarker))
	write("outdir/secret2.txt", []byte(secretMarker))
	write("outdir/index.html", []byte(secretMarker))
	write("site/.hidden", []byte(secretMarker))
	write("site/.git/config", []byte(secretMarker))
	write("site/web/.env", []byte(secretMarker))
	if err := os.MkdirAll(filepath.Join(siteDir, "emptydir"), 0o755); err != nil {
		t.Fatal(err)
	}
	link("../secret.txt", "site/link-out.txt")
	link(filepath.Join(top, "secret.txt"), "site/link-abs.txt")
	link(filepath.Join(siteDir, "index.html"), "site/link-abs-in.html")
	link("../outdir", "site/linkdir")
	link("../..", "site/web/link-upup")
	link("/", "site/rootlink")
	link("/etc", "site/etclink")
	link("web/style.css", "site/link-in.css") // inside the site: allowed
	link("..", "site/web/link-up")            // the site root itself: allowed
	link("missing-target", "site/dangling")
	return siteDir, files
}

func newTestSite(t testing.TB, prefix string) (*site, map[string][]byte) {
	t.Helper()
	dir, files := fixture(t)
	s, err := newSite(dir, prefix)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.root.Close() })
	return s, files
}

// rawGet sends one request line exactly as written, bypassing Go's URL
// parsing on the client side, and returns the response and its body.
func rawGet(t *testing.T, addr, target string, header string) (*http.Response, []byte) {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	req := "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + header + "\r\n"
	if _, err := io.WriteString(c, req); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("GET %q: %v", target, err)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp, body
}

// hostileTargets are request targets that try to reach outside the site
// (or into its hidden files). Every one must get a 404 from our handler, or
// a 400 from net/http itself where it refuses to parse the request line.
var hostileTargets = []struct {
	target string
	status int
}{
	// Plain and encoded parent references.
	{"/adagrad/../secret.txt", 404},
	{"/adagrad/../../secret.txt", 404},
	{"/adagrad/web/../../secret.txt", 404},
	{"/adagrad/web/../index.html", 404}, // stays inside, but ".." is refused outright
	{"/adagrad/./index.html", 404},
	{"/adagrad/..", 404},
	{"/adagrad/../", 404},
	{"/adagrad/%2e%2e/secret.txt", 404},
	{"/adagrad/%2E%2E/secret.txt", 404},
	{"/adagrad/%2e%2E/secret.txt", 404},
	{"/adagrad/.%2e/secret.txt", 404},
	{"/adagrad/%2e./secret.txt", 404},
	{"/adagrad/..%2fsecret.txt", 404},
	{"/adagrad/..%2Fsecret.txt", 404},
	{"/adagrad/%2e%2e%2fsecret.txt", 404},
	{"/adagrad/web%2f..%2f..%2fsecret.txt", 404},
	{"/adagrad/%2e%2e%2f%2e%2e%2fsecret.txt", 404},
	{"/adagrad/web/%2e%2e/%2e%2e/secret.txt", 404},
	{"/adagrad/%252e%252e/secret.txt", 404}, // double-encoded: a literal name that does not exist
	{"/adagrad/%252e%252e%252fsecret.txt", 404},
	{"/adagrad/%c0%ae%c0%ae/secret.txt", 404}, // overlong UTF-8 dots
	{"/adagrad/%c0%ae%c0%ae%c0%afsecret.txt", 404},
	{"/adagrad/%e0%80%ae%e0%80%ae/secret.txt", 404},
	{"/adagrad/....//secret.txt", 404},
	{"/adagrad/...//secret.txt", 404},
	{"/adagrad/..;/secret.txt", 404},
	{"/adagrad/web/..;/..;/secret.txt", 404},
	{"/adagrad/%u002e%u002e/secret.txt", 400}, // not valid percent-encoding: net/http refuses
	// Absolute paths and empty segments.
	{"/adagrad//etc/passwd", 404},
	{"/adagrad///etc/passwd", 404},
	{"/adagrad/%2fetc%2fpasswd", 404},
	{"/adagrad/%2Fetc/passwd", 404},
	{"//etc/passwd", 404},
	{"/etc/passwd", 404},
	{"/adagrad/etc/passwd", 404},
	{"/adagrad/web//../secret.txt", 404},
	{"/adagrad/C:/Windows/win.ini", 404},
	{"/adagrad/C:%5cWindows%5cwin.ini", 404},
	{"/adagrad/file:///etc/passwd", 404},
	// Backslashes.
	{"/adagrad/..\\secret.txt", 404},
	{"/adagrad/web\\..\\..\\secret.txt", 404},
	{"/adagrad/%5c..%5csecret.txt", 404},
	{"/adagrad/..%5csecret.txt", 404},
	{"/adagrad/..%5Csecret.txt", 404},
	{"/adagrad/%5cetc%5cpasswd", 404},
	// NUL and control bytes.
	{"/adagrad/index.html%00", 404},
	{"/adagrad/index.html%00.png", 404},
	{"/adagrad/%00", 404},
	{"/adagrad/..%00/secret.txt", 404},
	{"/adagrad/web/figure.html%0a", 404},
	{"/adagrad/web/figure.html%0d%0aSet-Cookie:%20x=1", 404},
	{"/adagrad/%7f", 404},
	// Symlinks leading out, absolute symlinks, dangling links.
	{"/adagrad/link-out.txt", 404},
	{"/adagrad/link-abs.txt", 404},
	{"/adagrad/link-abs-in.html", 404}, // absolute, even though it points inside
	{"/adagrad/linkdir/secret2.txt", 404},
	{"/adagrad/linkdir/", 404},
	{"/adagrad/linkdir", 404},
	{"/adagrad/web/link-upup/secret.txt", 404},
	{"/adagrad/web/link-up/../secret.txt", 404},
	{"/adagrad/web/link-up/link-out.txt", 404},
	{"/adagrad/rootlink/etc/passwd", 404},
	{"/adagrad/etclink/passwd", 404},
	{"/adagrad/dangling", 404},
	// Hidden files.
	{"/adagrad/.hidden", 404},
	{"/adagrad/.git/config", 404},
	{"/adagrad/%2egit/config", 404},
	{"/adagrad/web/.env", 404},
	// Outside the prefix, or pretending to be it.
	{"/secret.txt", 404},
	{"/index.html", 404},
	{"/adagradx/index.html", 404},
	{"/ADAGRAD/index.html", 404},
	{"/adagrad%2findex.html", 404},
	{"/adagrad%2f..%2fsecret.txt", 404},
	{"/%2e%2e/secret.txt", 404},
	// Missing files, directories without an index, paths through files.
	{"/adagrad/nope.html", 404},
	{"/adagrad/emptydir/", 404},
	{"/adagrad/index.html/", 404},
	{"/adagrad/index.html/x", 404},
	// Absolute-form request target naming the same host.
	{"http://localhost/adagrad/../secret.txt", 404},
	{"http://localhost/adagrad/%2e%2e/secret.txt", 404},
}

func TestHostileRequests(t *testing.T) {
	s, _ := newTestSite(t, "/adagrad/")
	srv := httptest.NewServer(s)
	defer srv.Close()
	addr := srv.Listener.Addr().String()
	for _, h := range hostileTargets {
		resp, body := rawGet(t, addr, h.target, "Accept-Encoding: gzip\r\n")
		if resp.StatusCode != h.status {
			t.Errorf("GET %q: status %d, want %d (body %.80q)", h.target, resp.StatusCode, h.status, body)
		}
		if bytes.Contains(body, []byte(secretMarker)) {
			t.Errorf("GET %q leaked a file from outside the site", h.target)
		}
		if h.status == 404 {
			if got := resp.Header.Get("Content-Security-Policy"); got != CSP {
				t.Errorf("GET %q: 404 without CSP header (got %q)", h.target, got)
			}
		}
	}
	t.Logf("%d hostile request targets tried", len(hostileTargets))
}

// TestHostileHandlerDirect checks the handler alone, for requests net/http
// would not deliver over the wire: a URL path that is absolute-from-root
// after prefix stripping, or relative without a leading slash.
func TestHostileHandlerDirect(t *testing.T) {
	s, _ := newTestSite(t, "/adagrad/")
	for _, p := range []string{"adagrad/index.html", "", "*", "/adagrad/\x00", "/adagrad/\\..\\secret.txt", "/adagrad/\xff\xfe"} {
		r := httptest.NewRequest("GET", "/", nil)
		r.URL.Path = p
		r.URL.RawPath = ""
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != 404 {
			t.Errorf("path %q: status %d, want 404", p, w.Code)
		}
	}
}

func TestServesFiles(t *testing.T) {
	s, files := newTestSite(t, "/adagrad/")
	srv := httptest.NewServer(s)
	defer srv.Close()
	cases := []struct {
		target, file, ctype, cache string
	}{
		{"/adagrad/", "index.html", "text/html; charset=utf-8", "no-cache"},
		{"/adagrad/index.html", "index.html", "text/html; charset=utf-8", "no-cache"},
		{"/adagrad/web/figure.html", "web/figure.html", "text/html; charset=utf-8", "no-cache"},
		{"/adagrad/web/figure.html?fig=valley&lr=0.4", "web/figure.html", "text/html; charset=utf-8", "no-cache"},
		{"/adagrad/web/sub/", "web/sub/index.html", "text/html; charset=utf-8", "no-cache"},
		{"/adagrad/web/tiny.js", "web/tiny.js", "text/javascript; charset=utf-8", "no-cache"},
		{"/adagrad/web/style.css", "web/style.css", "text/css; charset=utf-8", "no-cache"},
		{"/adagrad/web/pic.png", "web/pic.png", "image/png", "no-cache"},
		{"/adagrad/web/icon.svg", "web/icon.svg", "image/svg+xml", "no-cache"},
		{"/adagrad/web/data.bin", "web/data.bin", "application/octet-stream", "no-cache"},
		{"/adagrad/web/plain.txt", "web/plain.txt", "text/plain; charset=utf-8", "no-cache"},
		{"/adagrad/web/page.HTML", "web/page.HTML", "text/html; charset=utf-8", "no-cache"},
		{"/adagrad/web/name%20with%20space.txt", "web/name with space.txt", "text/plain; charset=utf-8", "no-cache"},
		{"/adagrad/web/%C3%BCn%C3%AF.txt", "web/ünï.txt", "text/plain; charset=utf-8", "no-cache"},
		{"/adagrad/explainer.0123456789.wasm", "explainer.0123456789.wasm", "application/wasm", "public, max-age=31536000, immutable"},
		{"/adagrad/wasm_exec.abcdef0123.js", "wasm_exec.abcdef0123.js", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable"},
		{"/adagrad/link-in.css", "web/style.css", "text/css; charset=utf-8", "no-cache"},
		{"/adagrad/web/link-up/index.html", "index.html", "text/html; charset=utf-8", "no-cache"},
	}
	for _, c := range cases {
		resp, body := rawGet(t, srv.Listener.Addr().String(), c.target, "")
		if resp.StatusCode != 200 {
			t.Errorf("GET %s: status %d", c.target, resp.StatusCode)
			continue
		}
		if !bytes.Equal(body, files[c.file]) {
			t.Errorf("GET %s: body differs from %s", c.target, c.file)
		}
		if got := resp.Header.Get("Content-Type"); got != c.ctype {
			t.Errorf("GET %s: Content-Type %q, want %q", c.target, got, c.ctype)
		}
		if got := resp.Header.Get("Cache-Control"); got != c.cache {
			t.Errorf("GET %s: Cache-Control %q, want %q", c.target, got, c.cache)
		}
		if got := resp.Header.Get("Content-Security-Policy"); got != CSP {
			t.Errorf("GET %s: CSP %q", c.target, got)
		}
		if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options %q", c.target, got)
		}
		if resp.Header.Get("Content-Encoding") != "" {
			t.Errorf("GET %s: compressed without Accept-Encoding", c.target)
		}
		if resp.Header.Get("X-Frame-Options") != "" {
			t.Errorf("GET %s: X-Frame-Options would forbid embedding the figures", c.target)
		}
		// A sandboxed frame (origin null) fetches even its own wasm cross-origin.
		if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "*" {
			t.Errorf("GET %s: Access-Control-Allow-Origin %q, want *", c.target, got)
		}
	}
}

func TestCSPHeaderExact(t *testing.T) {
	want := "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:"
	if CSP != want {
		t.Fatalf("CSP = %q, want %q", CSP, want)
	}
}

func TestGzip(t *testing.T) {
	s, files := newTestSite(t, "/adagrad/")
	cases := []struct {
		name, target, accept string
		gzipped, vary        bool
	}{
		{"js accepted", "/adagrad/web/big.js", "gzip, deflate, br", true, true},
		{"wasm accepted", "/adagrad/explainer.0123456789.wasm", "gzip", true, true},
		{"css q=0.5", "/adagrad/web/style.css", "br;q=1, gzip;q=0.5", true, true},
		{"star", "/adagrad/web/big.js", "*", true, true},
		{"x-gzip", "/adagrad/web/big.js", "x-gzip", true, true},
		{"not asked", "/adagrad/web/big.js", "", false, true},
		{"only br", "/adagrad/web/big.js", "br", false, true},
		{"refused q=0", "/adagrad/web/big.js", "gzip;q=0", false, true},
		{"refused q=0.000", "/adagrad/web/big.js", "gzip; q=0.000", false, true},
		{"star but gzip refused", "/adagrad/web/big.js", "*, gzip;q=0", false, true},
		{"bad q", "/adagrad/web/big.js", "gzip;q=nope", false, true},
		{"tiny file", "/adagrad/web/tiny.js", "gzip", false, false},
		{"png already compressed", "/adagrad/web/pic.png", "gzip", false, false},
		{"unknown binary", "/adagrad/web/data.bin", "gzip", false, false},
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", c.target, nil)
		if c.accept != "" {
			r.Header.Set("Accept-Encoding", c.accept)
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != 200 {
			t.Errorf("%s: status %d", c.name, w.Code)
			continue
		}
		file := strings.TrimPrefix(r.URL.Path, "/adagrad/")
		body := w.Body.Bytes()
		gotGzip := w.Header().Get("Content-Encoding") == "gzip"
		if gotGzip != c.gzipped {
			t.Errorf("%s: gzipped=%v, want %v", c.name, gotGzip, c.gzipped)
		}
		if gotVary := w.Header().Get("Vary") == "Accept-Encoding"; gotVary != c.vary {
			t.Errorf("%s: Vary=%q, want Accept-Encoding=%v", c.name, w.Header().Get("Vary"), c.vary)
		}
		if gotGzip {
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			plain, err := io.ReadAll(zr)
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			if len(body) >= len(plain) {
				t.Errorf("%s: gzip did not shrink %d bytes (got %d)", c.name, len(plain), len(body))
			}
			body = plain
			if cl := w.Header().Get("Content-Length"); cl != "" && cl != strconv.Itoa(w.Body.Len()) {
				t.Errorf("%s: Content-Length %s for %d compressed bytes", c.name, cl, w.Body.Len())
			}
		}
		if !bytes.Equal(body, files[file]) {
			t.Errorf("%s: body differs from %s", c.name, file)
		}
	}
}
