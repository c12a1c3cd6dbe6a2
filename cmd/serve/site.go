package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// CSP is the Content-Security-Policy sent with every response. The pages must
// work under it: no inline scripts, no inline styles, no other origins; Go's
// WebAssembly needs 'wasm-unsafe-eval' and nothing more.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:"

// minGzipSize is the smallest body worth compressing: below it the gzip
// framing costs about as much as it saves.
const minGzipSize = 1024

// maxCachedGzip bounds the bytes kept in the compressed-body cache; the site
// is a few megabytes, so this only matters if -dir points somewhere large.
const maxCachedGzip = 256 << 20

// site serves the files beneath one directory, and nothing else, under a
// URL prefix such as "/adagrad/".
type site struct {
	root   *os.Root
	prefix string // always starts and ends with "/"

	mu      sync.Mutex
	gz      map[string]*gzEntry // compressed bodies by file name
	gzTotal int64               // bytes held in gz
	gzLevel int                 // level 6: on a Go wasm, level 9 took 4x as long for 0.7% less
}

// gzEntry is one file's compressed body, valid while the file keeps the
// same size and modification time.
type gzEntry struct {
	once    sync.Once
	size    int64
	modTime time.Time
	body    []byte
	err     error
}

// newSite opens dir as the root of the site. prefix is normalised to
// "/name/" form; "" or "/" serves the site at the top.
func newSite(dir, prefix string) (*site, error) {
	p, err := normalizePrefix(prefix)
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, errors.New(dir + " is not a directory")
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &site{root: root, prefix: p, gz: map[string]*gzEntry{}, gzLevel: gzip.DefaultCompression}, nil
}

var prefixSegment = regexp.MustCompile(`^[A-Za-z0-9._~-]+$`)

// normalizePrefix turns "adagrad", "/adagrad" or "/adagrad/" into
// "/adagrad/". Only plain URL-safe segments are accepted.
func normalizePrefix(p string) (string, error) {
	p = strings.Trim(p, "/")
	if p == "" {
		return "/", nil
	}
	for _, seg := range strings.Split(p, "/") {
		if !prefixSegment.MatchString(seg) || seg == "." || seg == ".." {
			return "", errors.New("prefix " + strconv.Quote(p) + ": use plain path segments like /adagrad/")
		}
	}
	return "/" + p + "/", nil
}

// setCommonHeaders adds the security headers every response carries,
// errors and redirects included.
func setCommonHeaders(h http.Header) {
	h.Set("Content-Security-Policy", CSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
}

// isolated serves h's responses with the two headers that make a page
// cross-origin isolated. Such a page may load nothing from other origins
// (these pages load nothing from them anyway), and its clock —
// performance.now, and so Go's time.Now — is coarsened to 5 µs instead of
// 100 µs: fine enough to time a frame of well under a millisecond.
func isolated(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cross-Origin-Opener-Policy", "same-origin")
		w.Header().Set("Cross-Origin-Embedder-Policy", "require-corp")
		h.ServeHTTP(w, r)
	})
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setCommonHeaders(w.Header())
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if raw := strings.ToLower(r.URL.RawPath); strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") {
		// An encoded slash or backslash is never part of a real file name here.
		http.NotFound(w, r)
		return
	}
	if s.prefix != "/" {
		switch {
		case p == "/" || p == strings.TrimSuffix(s.prefix, "/"):
			redirect(w, r, s.prefix)
			return
		case !strings.HasPrefix(p, s.prefix):
			http.NotFound(w, r)
			return
		}
	}
	name, ok := cleanName(strings.TrimPrefix(p, s.prefix[:len(s.prefix)-1]))
	if !ok {
		http.NotFound(w, r)
		return
	}
	s.serveFile(w, r, name, strings.HasSuffix(p, "/"))
}

// redirect sends a 302 to target, keeping the query string (a figure's
// parameters live there).
func redirect(w http.ResponseWriter, r *http.Request, target string) {
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	w.Header().Set("Location", target)
	w.WriteHeader(http.StatusFound)
}

// cleanName turns the decoded URL path below the prefix (starting with "/")
// into a name relative to the site root. It refuses anything that is not a
// plain downward path: "..", ".", empty segments, hidden files, backslashes,
// NUL and other control bytes, and invalid UTF-8. Refused paths get a 404;
// os.Root is the second wall, against symlinks leading out.
func cleanName(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") {
		return "", false
	}
	p = p[1:]
	if p == "" {
		return ".", true
	}
	trimmed := strings.TrimSuffix(p, "/")
	for _, seg := range strings.Split(trimmed, "/") {
		if seg == "" || strings.HasPrefix(seg, ".") {
			return "", false
		}
		for i := 0; i < len(seg); i++ {
			if c := seg[i]; c < 0x20 || c == 0x7f || c == '\\' || c == ':' {
				return "", false
			}
		}
	}
	if !isValidUTF8(trimmed) {
		return "", false
	}
	return trimmed, true
}

func isValidUTF8(s string) bool {
	return strings.ToValidUTF8(s, "\uFFFD") == s && !strings.ContainsRune(s, '\uFFFD')
}

func (s *site) serveFile(w http.ResponseWriter, r *http.Request, name string, slash bool) {
	f, err := s.root.Open(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		http.NotFound(w, r)
		return
	}
	if info.IsDir() {
		if !slash {
			// Relative URLs inside an index page need the trailing slash.
			redirect(w, r, url.PathEscape(path.Base(name))+"/")
			return
		}
		f.Close()
		name = path.Join(name, "index.html")
		if f, err = s.root.Open(name); err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		if info, err = f.Stat(); err != nil || !info.Mode().IsRegular() {
			http.NotFound(w, r)
			return
		}
	} else if slash || !info.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}

	h := w.Header()
	// Any origin may read the site's files, as on GitHub Pages: a figure in
	// <iframe sandbox="allow-scripts"> has origin null, so even its own
	// wasm is a cross-origin fetch there.
	h.Set("Access-Control-Allow-Origin", "*")
	ctype := contentType(name)
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", cacheControl(name))
	if !compressible(ctype) || info.Size() < minGzipSize {
		http.ServeContent(w, r, name, info.ModTime(), f)
		return
	}
	h.Add("Vary", "Accept-Encoding")
	if !acceptsGzip(r.Header.Get("Accept-Encoding")) {
		http.ServeContent(w, r, name, info.ModTime(), f)
		return
	}
	body, err := s.gzipped(name, f, info)
	if err != nil {
		http.Error(w, "read error", http.StatusInternalServerError)
		return
	}
	h.Set("Content-Encoding", "gzip")
	// ServeContent leaves the length out once an encoding is set; the
	// compressed size is known, so say it rather than chunk.
	h.Set("Content-Length", strconv.Itoa(len(body)))
	// Ranges would address the compressed bytes; serve the whole body.
	r.Header.Del("Range")
	http.ServeContent(w, r, name, info.ModTime(), bytes.NewReader(body))
}

// gzipped returns the compressed body of the open file f, compressing it
// at most once per (size, modTime) version: the wasm is about 10 MB and
// should not be recompressed on every request.
func (s *site) gzipped(name string, f io.Reader, info os.FileInfo) ([]byte, error) {
	s.mu.Lock()
	e := s.gz[name]
	if e == nil || e.size != info.Size() || !e.modTime.Equal(info.ModTime()) {
		if e != nil {
			s.gzTotal -= int64(len(e.body))
		}
		e = &gzEntry{size: info.Size(), modTime: info.ModTime()}
		s.gz[name] = e
	}
	s.mu.Unlock()

	e.once.Do(func() {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, s.gzLevel)
		if _, e.err = io.Copy(zw, f); e.err == nil {
			e.err = zw.Close()
		}
		if e.err != nil {
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		e.body = buf.Bytes()
		if s.gzTotal+int64(len(e.body)) > maxCachedGzip {
			// Too much cached already: serve this body, keep nothing.
			if s.gz[name] == e {
				delete(s.gz, name)
			}
			return
		}
		if s.gz[name] == e {
			s.gzTotal += int64(len(e.body))
		}
	})
	if e.err != nil {
		s.mu.Lock()
		if s.gz[name] == e {
			delete(s.gz, name)
		}
		s.mu.Unlock()
		return nil, e.err
	}
	return e.body, nil
}
