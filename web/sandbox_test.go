//go:build !js

package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// pagesLikeServer serves the built site the way GitHub Pages does, as far
// as the figures can tell: under /adagrad/, Access-Control-Allow-Origin: *
// on every file, and no Content-Security-Policy header (the pages' meta
// tag is all the policy there is).
func pagesLikeServer(t *testing.T) string {
	t.Helper()
	h := site(t)
	files := http.StripPrefix(strings.TrimSuffix(sitePrefix, "/"), http.FileServer(http.Dir(h.dist)))
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		files.ServeHTTP(w, r)
	}))
	h.others = append(h.others, s)
	return s.URL + sitePrefix
}

// sandboxParentHTML embeds one figure, in a frame with the given sandbox
// attribute ("" for none), and records the messages it posts.
func sandboxParentHTML(figURL, sandbox string) string {
	attr := ""
	if sandbox != "" {
		attr = ` sandbox="` + sandbox + `"`
	}
	return `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>A course page</title></head><body>
<script>
window.got = [];
addEventListener("message", (e) => {
	if (e.source !== document.getElementById("fig").contentWindow) return;
	got.push(JSON.parse(JSON.stringify(e.data)));
	if (e.data && e.data.type === "adagrad:ready") e.source.postMessage({ type: "adagrad:get" }, "*");
});
</script>
<iframe id="fig"` + attr + ` src="` + figURL + `" width="720" height="540" title="AdaGrad figure"></iframe>
</body></html>`
}

// TestEmbedSandboxedAndCrossOrigin embeds a figure from a second origin,
// plainly and in <iframe sandbox="allow-scripts"> (origin null), served by
// cmd/serve and by a server that mimics GitHub Pages: every time it must
// post adagrad:ready and answer adagrad:get with ready: true, and no
// request may fail.
func TestEmbedSandboxedAndCrossOrigin(t *testing.T) {
	site(t)
	browser(t)
	hosts := map[string]string{"serve": h.base, "pages": pagesLikeServer(t)}
	for _, host := range []string{"serve", "pages"} {
		for _, sandbox := range []string{"", "allow-scripts"} {
			name := host + "/" + map[string]string{"": "plain", "allow-scripts": "sandboxed"}[sandbox]
			t.Run(name, func(t *testing.T) {
				fig := hosts[host] + "web/figure.html?fig=valley&play=0"
				parent := otherOriginPage(t, sandboxParentHTML(fig, sandbox))
				ctx, w := openPage(t, parent)
				waitJS(t, ctx, `got.some((m) => m && m.type === "adagrad:state")`, 90*time.Second)
				var got []map[string]any
				if err := evalJSON(ctx, `got`, &got); err != nil {
					t.Fatal(err)
				}
				ready, answered := false, false
				for _, m := range got {
					switch m["type"] {
					case "adagrad:ready":
						ready = m["fig"] == "valley"
					case "adagrad:state":
						st, _ := m["state"].(map[string]any)
						answered = st != nil && st["ready"] == true && st["fig"] == "valley"
					}
				}
				if !ready || !answered {
					t.Errorf("adagrad:ready %v, adagrad:state with ready: true %v; messages: %s", ready, answered, fmt.Sprint(got))
				}
				for _, p := range w.Problems() {
					t.Errorf("page problem: %s", p)
				}
				for _, u := range w.Foreign() { // the figure's own host is a third origin here
					if !strings.HasPrefix(u, hosts[host]) {
						t.Errorf("request to another origin: %s", u)
					}
				}
			})
		}
	}
}
