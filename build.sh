#!/usr/bin/env bash
# build.sh — build, serve and test the AdaGrad explainer.
#
#   ./build.sh build   compile cmd/explainer to WebAssembly and lay out the site in dist/
#   ./build.sh dist    the same: a self-contained static site in dist/ (what GitHub Pages publishes)
#   ./build.sh serve   build, then serve dist/ on http://localhost:8080 (PORT=9000 to change)
#   ./build.sh test    go mod tidy -diff and gofmt -l, vet, unit tests, the sim tests in Node, and the browser tests in Chromium
#   ./build.sh bench   measure load, frames, idle and memory against a bare Ebiten program (--json)
#
# DIST=<folder> writes the site somewhere other than dist/ (the browser tests use this).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

usage() {
	echo "usage: ./build.sh build|dist|serve|test|bench"
	sed -n '4,8s/^# \{0,1\}//p' "$0"
}

# hash10 prints the first 10 hex digits of a file's SHA-256.
hash10() {
	if command -v sha256sum >/dev/null 2>&1; then
		sha256sum "$1" | cut -c1-10
	else
		shasum -a 256 "$1" | cut -c1-10
	fi
}

# find_chromium prints the browser the tests will drive, if there is one.
# Keep in step with FindChromium in internal/headless.
find_chromium() {
	if [[ -n "${ADAGRAD_CHROME:-}" ]]; then
		command -v "$ADAGRAD_CHROME" || true
		return
	fi
	local c
	for c in /usr/bin/chromium chromium chromium-browser google-chrome; do
		if command -v "$c" >/dev/null 2>&1; then
			command -v "$c"
			return
		fi
	done
}

# build lays out the site in $DIST (default dist/): index.html, web/ with its
# HTML, CSS, JS and images, and — next to figure.html — the wasm and Go's own
# wasm_exec.js under content-hashed names, so a browser never pairs a cached
# loader with a new binary. All URLs stay relative, so the site works under
# any sub-path.
build() {
	local dist="${DIST:-dist}"
	local tmp="${dist%/}.tmp.$$"
	rm -rf "$tmp"
	mkdir -p "$tmp/web"
	trap 'rm -rf "$tmp"' EXIT

	echo "build: compiling cmd/explainer for js/wasm" >&2
	GOOS=js GOARCH=wasm go build -trimpath -ldflags="-s -w" -o "$tmp/web/explainer.wasm" ./cmd/explainer
	cp "$(go env GOROOT)/lib/wasm/wasm_exec.js" "$tmp/web/wasm_exec.js"

	if [[ -f index.html ]]; then
		cp index.html "$tmp/index.html"
	else
		echo "build: warning: no index.html yet; dist/ has the figure page only" >&2
	fi
	# Only what a browser fetches: no Go, no tests, no testdata.
	local f
	while IFS= read -r -d '' f; do
		mkdir -p "$tmp/$(dirname "$f")"
		cp "$f" "$tmp/$f"
	done < <(find web -path web/testdata -prune -o -type f \
		\( -name '*.html' -o -name '*.css' -o -name '*.js' -o -name '*.svg' -o -name '*.png' \) -print0)

	local wasm_hash exec_hash
	wasm_hash=$(hash10 "$tmp/web/explainer.wasm")
	exec_hash=$(hash10 "$tmp/web/wasm_exec.js")
	mv "$tmp/web/explainer.wasm" "$tmp/web/explainer.$wasm_hash.wasm"
	mv "$tmp/web/wasm_exec.js" "$tmp/web/wasm_exec.$exec_hash.js"
	while IFS= read -r -d '' f; do
		sed -i.bak \
			-e "s/\"explainer\\.wasm\"/\"explainer.$wasm_hash.wasm\"/g" \
			-e "s/\"wasm_exec\\.js\"/\"wasm_exec.$exec_hash.js\"/g" "$f"
		rm -f "$f.bak"
	done < <(find "$tmp/web" -name '*.html' -print0)
	if [[ -f "$tmp/web/figure.html" ]] && ! grep -q "explainer.$wasm_hash.wasm" "$tmp/web/figure.html"; then
		echo "build: web/figure.html no longer names \"explainer.wasm\"; update build.sh" >&2
		exit 1
	fi
	if [[ -f "$tmp/web/figure.html" ]] && ! grep -q "wasm_exec.$exec_hash.js" "$tmp/web/figure.html"; then
		echo "build: web/figure.html no longer names \"wasm_exec.js\"; update build.sh" >&2
		exit 1
	fi

	# figure.js shows the download's progress against the wasm's size.
	local wasm_bytes
	wasm_bytes=$(wc -c <"$tmp/web/explainer.$wasm_hash.wasm" | tr -d ' ')
	if [[ -f "$tmp/web/figure.html" ]]; then
		sed -i.bak -e "s/data-wasm-bytes=\"0\"/data-wasm-bytes=\"$wasm_bytes\"/" "$tmp/web/figure.html"
		rm -f "$tmp/web/figure.html.bak"
	fi

	rm -rf "$dist"
	mv "$tmp" "$dist"
	trap - EXIT
	echo "build: wrote $dist/ (explainer.$wasm_hash.wasm, $((wasm_bytes / 1024)) KiB)" >&2
}

serve() {
	build
	exec go run ./cmd/serve -dir "${DIST:-dist}" "$@"
}

# AXE_VERSION is the axe-core the browser tests inject (web/a11y_test.go
# checks it); install_axe puts it in .cache/ from npm, never in the tree.
AXE_VERSION=4.14.1

install_axe() {
	local dir=".cache/axe-$AXE_VERSION"
	if [[ ! -f "$dir/node_modules/axe-core/axe.min.js" ]]; then
		if ! command -v npm >/dev/null 2>&1; then
			echo "test: !!! NO npm FOUND: the axe-core checks will skip (or fail in CI) !!!" >&2
			return 0
		fi
		echo "test: installing axe-core $AXE_VERSION into $dir" >&2
		mkdir -p "$dir"
		npm install --prefix "$dir" --save-exact --no-audit --no-fund --loglevel=error "axe-core@$AXE_VERSION" >&2
	fi
	export ADAGRAD_AXE="$PWD/$dir/node_modules/axe-core/axe.min.js"
}

run_tests() {
	local start=$SECONDS
	echo "test: go mod tidy -diff, gofmt -l" >&2
	go mod tidy -diff || { echo "test: go.mod or go.sum is not tidy: run go mod tidy" >&2; return 1; }
	local unformatted
	unformatted=$(gofmt -l .)
	if [ -n "$unformatted" ]; then
		echo "test: not gofmt-formatted (run gofmt -w):" >&2
		echo "$unformatted" >&2
		return 1
	fi
	echo "test: go vet (native)" >&2
	go vet ./...
	echo "test: go vet (js/wasm)" >&2
	GOOS=js GOARCH=wasm go vet ./...

	# The browser tests (in web/) serve this build instead of making their own.
	DIST="${DIST:-dist}" build
	local dist
	dist="$(cd "${DIST:-dist}" && pwd)"
	if [[ -z "$(find_chromium)" ]]; then
		if [[ -n "${CI:-}" ]]; then
			echo "test: !!! NO CHROMIUM FOUND and CI is set: the browser tests will fail (apt-get install chromium) !!!" >&2
		else
			echo "test: !!! NO CHROMIUM FOUND: SKIPPING THE BROWSER TESTS (apt-get install chromium, or set ADAGRAD_CHROME) !!!" >&2
		fi
	fi
	install_axe
	echo "test: go test ./... (native, browser tests included)" >&2
	# The browser tests drive WebGL through SwiftShader on the CPU: they take
	# minutes, more than go test's default 10-minute limit allows for.
	ADAGRAD_DIST="$dist" go test -timeout 40m ./...

	echo "test: go test ./sim/... (js/wasm in Node)" >&2
	if command -v node >/dev/null 2>&1; then
		PATH="$(go env GOROOT)/lib/wasm:$PATH" GOOS=js GOARCH=wasm go test ./sim/...
	elif [[ -n "${CI:-}" ]]; then
		echo "test: node is missing and CI is set" >&2
		exit 1
	else
		echo "test: !!! NO NODE FOUND: SKIPPING THE js/wasm RUN OF THE sim TESTS !!!" >&2
	fi
	echo "test: all passed in $((SECONDS - start)) s" >&2
}

# bench measures size, load, frame times, idle cost and memory against a bare Ebiten program built
# and served the same way (cmd/bench; --json for a machine-readable report).
# A tool, not a test: it never runs in CI and a missed target does not fail.
bench() {
	local tmp
	tmp=$(mktemp -d)
	# shellcheck disable=SC2064 # expand now: tmp is local
	trap "rm -rf '$tmp'" EXIT
	go build -o "$tmp/bench" ./cmd/bench
	"$tmp/bench" "$@"
}

cmd="${1:-}"
[[ $# -gt 0 ]] && shift
case "$cmd" in
build | dist) build ;;
serve) serve "$@" ;;
test) run_tests ;;
bench) bench "$@" ;;
-h | --help | help) usage ;;
*)
	[[ -n "$cmd" ]] && echo "build.sh: unknown command \"$cmd\"" >&2
	usage >&2
	exit 2
	;;
esac
