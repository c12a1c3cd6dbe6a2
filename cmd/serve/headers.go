package main

import (
	"mime"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// contentTypes fixes the types of the files a site like this holds, so the
// answer does not depend on the machine's mime tables. Text types carry
// charset=utf-8.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".mjs":   "text/javascript; charset=utf-8",
	".json":  "application/json",
	".wasm":  "application/wasm",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".webp":  "image/webp",
	".ico":   "image/x-icon",
	".txt":   "text/plain; charset=utf-8",
	".csv":   "text/csv; charset=utf-8",
	".woff2": "font/woff2",
	".map":   "application/json",
}

// contentType names the type of a file from its extension. Unknown
// extensions are octet-stream: with nosniff, the browser will not guess.
func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// compressible reports whether gzip is worth trying for a content type;
// images and fonts are compressed already.
func compressible(ctype string) bool {
	t, _, _ := strings.Cut(ctype, ";")
	t = strings.TrimSpace(t)
	switch {
	case strings.HasPrefix(t, "text/"):
		return true
	case t == "application/wasm", t == "application/json", t == "image/svg+xml",
		t == "text/javascript", t == "application/javascript":
		return true
	}
	return false
}

// hashedName matches the content-hashed names build.sh gives the wasm and
// its loader, e.g. explainer.3f9a0c12de.wasm: those never change, so they
// may be cached for a year.
var hashedName = regexp.MustCompile(`\.[0-9a-f]{10,64}\.[a-z0-9]+$`)

func cacheControl(name string) string {
	if hashedName.MatchString(path.Base(name)) {
		return "public, max-age=31536000, immutable"
	}
	return "no-cache"
}

// acceptsGzip reads an Accept-Encoding header: gzip (or *) with a q-value
// above zero. "gzip;q=0" is a refusal.
func acceptsGzip(header string) bool {
	star := false
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding != "gzip" && coding != "x-gzip" && coding != "*" {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil || f != f {
					f = 0
				}
				q = f
			}
		}
		if coding == "*" {
			star = q > 0
			continue
		}
		return q > 0
	}
	return star
}
