//go:build !js

package web_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The real cmd/serve binary, as the browser tests use it: headers, gzip,
// the sub-path, and a few escapes tried over the wire.

const wantCSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:"

func TestServedHeaders(t *testing.T) {
	h := site(t)
	var wasm string
	for name := range h.files {
		if hashedWasm.MatchString(name) {
			wasm = name
		}
	}
	if wasm == "" {
		t.Fatal("no hashed wasm in dist")
	}
	client := &http.Client{
		Timeout:       30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Transport:     &http.Transport{DisableCompression: true},
	}
	get := func(p, accept string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest("GET", h.origin+p, nil)
		if accept != "" {
			req.Header.Set("Accept-Encoding", accept)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, b
	}

	for _, c := range []struct{ path, file, ctype string }{
		{sitePrefix, "index.html", "text/html; charset=utf-8"},
		{sitePrefix + "web/figure.html?fig=valley", "web/figure.html", "text/html; charset=utf-8"},
		{sitePrefix + "web/figure.js", "web/figure.js", "text/javascript; charset=utf-8"},
		{sitePrefix + "web/figure.css", "web/figure.css", "text/css; charset=utf-8"},
		{sitePrefix + wasm, wasm, "application/wasm"},
	} {
		resp, body := get(c.path, "")
		if resp.StatusCode != 200 {
			t.Errorf("GET %s: %d", c.path, resp.StatusCode)
			continue
		}
		if got := resp.Header.Get("Content-Type"); got != c.ctype {
			t.Errorf("GET %s: Content-Type %q, want %q", c.path, got, c.ctype)
		}
		if got := resp.Header.Get("Content-Security-Policy"); got != wantCSP {
			t.Errorf("GET %s: CSP %q", c.path, got)
		}
		if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options %q", c.path, got)
		}
		if !bytes.Equal(body, h.files[c.file]) {
			t.Errorf("GET %s: body is not dist/%s", c.path, c.file)
		}
	}

	resp, body := get(sitePrefix+wasm, "gzip, deflate, br")
	if resp.Header.Get("Content-Encoding") != "gzip" || resp.Header.Get("Vary") != "Accept-Encoding" {
		t.Fatalf("wasm: Content-Encoding %q, Vary %q", resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary"))
	}
	if !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("hashed wasm: Cache-Control %q, want immutable", resp.Header.Get("Cache-Control"))
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(plain, h.files[wasm]) {
		t.Errorf("gzipped wasm does not decompress to dist/%s (%v)", wasm, err)
	}
	t.Logf("wasm: %d bytes, %d gzipped (%.0f%%)", len(plain), len(body), 100*float64(len(body))/float64(len(plain)))

	for p, loc := range map[string]string{"/": sitePrefix, "/?fig=sparse": sitePrefix + "?fig=sparse", strings.TrimSuffix(sitePrefix, "/"): sitePrefix} {
		resp, _ := get(p, "")
		if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != loc {
			t.Errorf("GET %s: %d to %q, want 302 to %q", p, resp.StatusCode, resp.Header.Get("Location"), loc)
		}
	}
}

// TestServedRefusesEscapes sends request lines exactly as written to the
// running server: the repository around dist/ must stay out of reach.
func TestServedRefusesEscapes(t *testing.T) {
	h := site(t)
	u, _ := url.Parse(h.origin)
	targets := []string{
		sitePrefix + "../go.mod",
		sitePrefix + "%2e%2e/go.mod",
		sitePrefix + "..%2fgo.mod",
		sitePrefix + "web/..%2f..%2fgo.mod",
		sitePrefix + "..\\go.mod",
		sitePrefix + "%5c..%5cgo.mod",
		sitePrefix + "/etc/passwd",
		sitePrefix + "%2fetc%2fpasswd",
		sitePrefix + "index.html%00.png",
		sitePrefix + "web/figure_test.go",
		"/go.mod",
		"/../go.mod",
	}
	for _, target := range targets {
		c, err := net.DialTimeout("tcp", u.Host, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		c.SetDeadline(time.Now().Add(10 * time.Second))
		io.WriteString(c, "GET "+target+" HTTP/1.1\r\nHost: "+u.Host+"\r\nConnection: close\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			c.Close()
			t.Fatalf("GET %s: %v", target, err)
		}
		body, _ := io.ReadAll(resp.Body)
		c.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", target, resp.StatusCode)
		}
		if bytes.Contains(body, []byte("module github.com/adagrad-explained")) || bytes.Contains(body, []byte("root:")) {
			t.Errorf("GET %s leaked a file from outside the site", target)
		}
	}
	t.Logf("%d hostile requests to the running server", len(targets))
}

// TestMetaCSPMatchesHeader checks that both pages carry the policy in a
// <meta> tag, the same text cmd/serve sends as a header, so the pages keep
// it on a host that sends none (GitHub Pages); and that each names an icon,
// so no browser asks the host's root for /favicon.ico.
func TestMetaCSPMatchesHeader(t *testing.T) {
	h := site(t)
	meta := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`)
	for _, c := range []struct{ file, path string }{
		{"index.html", sitePrefix},
		{"web/figure.html", sitePrefix + "web/figure.html"},
	} {
		page := string(h.files[c.file])
		m := meta.FindAllStringSubmatch(page, -1)
		if len(m) != 1 {
			t.Errorf("%s: %d CSP meta tags, want 1", c.file, len(m))
			continue
		}
		resp, err := http.Get(h.origin + c.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if header := resp.Header.Get("Content-Security-Policy"); m[0][1] != header || header != wantCSP {
			t.Errorf("%s: meta CSP %q, header %q, want both %q", c.file, m[0][1], header, wantCSP)
		}
		if i := strings.Index(page, m[0][0]); i > strings.Index(page, "<link") {
			t.Errorf("%s: the CSP meta tag comes after the first <link>; it must come before anything loads", c.file)
		}
		if !regexp.MustCompile(`<link rel="icon" href="[^"/:][^":]*"`).MatchString(page) {
			t.Errorf("%s: no <link rel=\"icon\"> with a relative URL", c.file)
		}
	}
}
