// Package params is the single table of the figures' parameters and the one
// parser that validates them.
//
// Every way a value can reach a figure — the page's query string, the HTML
// controls, window.adagradFigure.set and postMessage {type:"adagrad:set"} —
// goes through Set, so all of them accept and reject exactly the same input.
// The same Table also drives the HTML controls (ControlsFor), the Share link
// (Values.Query) and the README's parameter list (Markdown, written by
// cmd/docgen, which also writes the lesson's table from Table).
//
// Input is treated as hostile: it comes from URLs anyone can write and from
// whatever page embeds a figure. Bad values never crash anything and never
// reach a figure: the current (or default) value is kept and a short Notice
// says so. Numbers are decimal only (no hex, no NaN, no Inf, no "_"
// separators), finite and inside their range; -0 becomes 0. Notices are plain
// text with the offending value quoted, stripped of control and bidi
// characters, with < and > replaced by ‹ and ›, and cut to 40 runes.
//
// The package is pure Go with no reflection-heavy imports (no fmt, net/url or
// encoding/json), so it stays small in the WebAssembly build.
package params
