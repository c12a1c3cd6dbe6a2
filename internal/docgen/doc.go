// Package docgen writes the generated parts of the hand-written pages: in
// index.html the Go listing quoted from sim, the URL parameter table and
// the four stills; in README.md the parameter table. Each part sits
// between two markers (see Begin and End), and cmd/docgen, run by
// `go generate ./...`, rewrites what lies between them. The same functions
// back the tests that fail when a committed page is stale.
package docgen
