package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func get(s http.Handler, method, target string, hdr map[string]string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	for k, v := range hdr {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w
}

func TestGzipCache(t *testing.T) {
	s, _ := newTestSite(t, "/")
	accept := map[string]string{"Accept-Encoding": "gzip"}
	first := get(s, "GET", "/explainer.0123456789.wasm", accept)
	s.mu.Lock()
	e1 := s.gz["explainer.0123456789.wasm"]
	total1 := s.gzTotal
	s.mu.Unlock()
	if e1 == nil || len(e1.body) == 0 {
		t.Fatal("the wasm's compressed body was not cached")
	}
	if total1 != int64(len(e1.body)) {
		t.Errorf("cache holds %d bytes, accounted %d", len(e1.body), total1)
	}
	second := get(s, "GET", "/explainer.0123456789.wasm", accept)
	s.mu.Lock()
	e2 := s.gz["explainer.0123456789.wasm"]
	total2 := s.gzTotal
	s.mu.Unlock()
	if e1 != e2 || total2 != total1 {
		t.Error("second request recompressed the wasm instead of using the cache")
	}
	if !bytes.Equal(first.Body.Bytes(), second.Body.Bytes()) {
		t.Error("cached body differs from the first one")
	}

	// A rebuilt file (new size and time) must not be answered from the cache.
	p := filepath.Join(s.root.Name(), "web", "big.js")
	get(s, "GET", "/web/big.js", accept)
	fresh := []byte(strings.Repeat("// rebuilt\n", 300))
	if err := os.WriteFile(p, fresh, 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Minute)
	os.Chtimes(p, later, later)
	w := get(s, "GET", "/web/big.js", accept)
	zr, err := gzip.NewReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(zr)
	if !bytes.Equal(got, fresh) {
		t.Error("served a stale compressed body after the file changed")
	}
	s.mu.Lock()
	var sum int64
	for _, e := range s.gz {
		sum += int64(len(e.body))
	}
	if sum != s.gzTotal {
		t.Errorf("cache accounting: entries hold %d bytes, total says %d", sum, s.gzTotal)
	}
	s.mu.Unlock()
}

func TestGzipConcurrent(t *testing.T) {
	s, files := newTestSite(t, "/")
	done := make(chan []byte)
	for i := 0; i < 8; i++ {
		go func() {
			w := get(s, "GET", "/web/big.js", map[string]string{"Accept-Encoding": "gzip"})
			zr, err := gzip.NewReader(w.Body)
			if err != nil {
				done <- nil
				return
			}
			b, _ := io.ReadAll(zr)
			done <- b
		}()
	}
	for i := 0; i < 8; i++ {
		if b := <-done; !bytes.Equal(b, files["web/big.js"]) {
			t.Error("a concurrent gzip response was wrong")
		}
	}
}

func TestPrefixAndRedirects(t *testing.T) {
	s, _ := newTestSite(t, "adagrad") // normalised to /adagrad/
	cases := []struct {
		target   string
		status   int
		location string
	}{
		{"/", 302, "/adagrad/"},
		{"/?fig=valley&lr=0.3", 302, "/adagrad/?fig=valley&lr=0.3"},
		{"/adagrad", 302, "/adagrad/"},
		{"/adagrad?fig=sparse", 302, "/adagrad/?fig=sparse"},
		{"/adagrad/", 200, ""},
		{"/adagrad/web", 302, "web/"},
		{"/adagrad/web/sub", 302, "sub/"},
		{"/adagrad/web/sub?x=1", 302, "sub/?x=1"},
		{"/adagrad/web/", 404, ""}, // no index.html there, and no listings
		{"/adagrad/emptydir", 302, "emptydir/"},
		{"/adagrad/emptydir/", 404, ""},
		{"/other/", 404, ""},
		{"/favicon.ico", 404, ""},
	}
	for _, c := range cases {
		w := get(s, "GET", c.target, nil)
		if w.Code != c.status {
			t.Errorf("GET %s: status %d, want %d", c.target, w.Code, c.status)
		}
		if got := w.Header().Get("Location"); got != c.location {
			t.Errorf("GET %s: Location %q, want %q", c.target, got, c.location)
		}
		if got := w.Header().Get("Content-Security-Policy"); got != CSP {
			t.Errorf("GET %s: CSP missing on a %d", c.target, w.Code)
		}
	}

	top, _ := newTestSite(t, "/")
	for target, status := range map[string]int{"/": 200, "/index.html": 200, "/adagrad/index.html": 404, "/web/figure.html": 200} {
		if w := get(top, "GET", target, nil); w.Code != status {
			t.Errorf("prefix /: GET %s: status %d, want %d", target, w.Code, status)
		}
	}
}

func TestMethodsHeadRange(t *testing.T) {
	s, files := newTestSite(t, "/")
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"} {
		w := get(s, m, "/index.html", nil)
		if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != "GET, HEAD" {
			t.Errorf("%s: status %d, Allow %q", m, w.Code, w.Header().Get("Allow"))
		}
	}
	w := get(s, "GET", "/web/big.js", map[string]string{"Accept-Encoding": "gzip"})
	if cl := w.Header().Get("Content-Length"); cl != strconv.Itoa(w.Body.Len()) {
		t.Errorf("gzip: Content-Length %q for %d bytes", cl, w.Body.Len())
	}
	w = get(s, "HEAD", "/web/big.js", map[string]string{"Accept-Encoding": "gzip"})
	if w.Code != 200 || w.Body.Len() != 0 || w.Header().Get("Content-Encoding") != "gzip" {
		t.Errorf("HEAD: status %d, %d body bytes, encoding %q", w.Code, w.Body.Len(), w.Header().Get("Content-Encoding"))
	}
	w = get(s, "GET", "/web/big.js", map[string]string{"Range": "bytes=0-9"})
	if w.Code != http.StatusPartialContent || w.Body.String() != string(files["web/big.js"][:10]) {
		t.Errorf("Range: status %d body %q", w.Code, w.Body.String())
	}
	w = get(s, "GET", "/web/big.js", map[string]string{"Range": "bytes=0-9", "Accept-Encoding": "gzip"})
	if w.Code != 200 || w.Header().Get("Content-Encoding") != "gzip" {
		t.Errorf("Range with gzip: status %d (want the whole compressed body)", w.Code)
	}
	first := get(s, "GET", "/web/tiny.js", nil)
	lm := first.Header().Get("Last-Modified")
	if w := get(s, "GET", "/web/tiny.js", map[string]string{"If-Modified-Since": lm}); lm == "" || w.Code != http.StatusNotModified {
		t.Errorf("If-Modified-Since: status %d (Last-Modified %q)", w.Code, lm)
	}
}

func TestNewSiteErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	os.WriteFile(file, []byte("x"), 0o644)
	for _, c := range []struct{ dir, prefix string }{
		{filepath.Join(dir, "missing"), "/"},
		{file, "/"},
		{dir, "/../x/"},
		{dir, "/a b/"},
		{dir, "/a/./b/"},
		{dir, "/<script>/"},
	} {
		if _, err := newSite(c.dir, c.prefix); err == nil {
			t.Errorf("newSite(%q, %q): no error", c.dir, c.prefix)
		}
	}
}

func TestNormalizePrefix(t *testing.T) {
	for in, want := range map[string]string{
		"": "/", "/": "/", "//": "/", "adagrad": "/adagrad/", "/adagrad": "/adagrad/",
		"/adagrad/": "/adagrad/", "a/b": "/a/b/", "/repo-name_1.x/": "/repo-name_1.x/",
	} {
		if got, err := normalizePrefix(in); err != nil || got != want {
			t.Errorf("normalizePrefix(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

// FuzzRequestPath throws arbitrary request paths at the handler: it must
// never answer with a file from outside the site, and a 200 must carry the
// bytes of a file that is inside it.
func FuzzRequestPath(f *testing.F) {
	for _, h := range hostileTargets {
		f.Add(h.target)
	}
	f.Add("/adagrad/index.html")
	f.Add("/adagrad/web/link-up/web/figure.html")
	s, files := newTestSite(f, "/adagrad/")
	inside := map[string]bool{}
	for _, b := range files {
		inside[string(b)] = true
	}
	f.Fuzz(func(t *testing.T, p string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.URL.Path = p
		r.URL.RawPath = ""
		r.Header.Set("Accept-Encoding", "identity")
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		body := w.Body.Bytes()
		if bytes.Contains(body, []byte(secretMarker)) {
			t.Fatalf("path %q leaked an outside file", p)
		}
		switch w.Code {
		case 200:
			if !inside[string(body)] {
				t.Fatalf("path %q: 200 with a body that is no file of the site", p)
			}
		case 302, 404:
		default:
			t.Fatalf("path %q: unexpected status %d", p, w.Code)
		}
	})
}

// -isolate adds the cross-origin isolation headers to every response,
// redirects and errors included, and keeps the others; without it they
// are absent.
func TestIsolated(t *testing.T) {
	s, _ := newTestSite(t, "/adagrad/")
	for _, target := range []string{"/adagrad/", "/", "/nothing-here"} {
		w := get(isolated(s), "GET", target, nil)
		if w.Header().Get("Cross-Origin-Opener-Policy") != "same-origin" || w.Header().Get("Cross-Origin-Embedder-Policy") != "require-corp" {
			t.Errorf("%s (%d): isolation headers %v", target, w.Code, w.Header())
		}
		if w.Header().Get("Content-Security-Policy") != CSP {
			t.Errorf("%s: the CSP is lost under isolation", target)
		}
		if plain := get(s, "GET", target, nil); plain.Header().Get("Cross-Origin-Embedder-Policy") != "" {
			t.Errorf("%s: isolation headers without -isolate", target)
		}
	}
}
