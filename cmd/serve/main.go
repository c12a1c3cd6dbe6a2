// Command serve is the small static server for the AdaGrad explainer's
// built site: it serves one folder (normally dist/) on localhost, the way
// GitHub Pages would, under an optional sub-path.
//
// It exists so that `./build.sh serve` works with nothing but Go installed,
// and so that the browser tests run against the same headers a careful host
// sends: application/wasm for the WebAssembly, gzip when the browser asks
// for it, a strict Content-Security-Policy and nosniff. It answers only with
// files beneath the folder: "..", encoded traversal, absolute paths,
// backslashes, control bytes, hidden files and symlinks leading out of the
// folder all get 404.
//
// Usage:
//
//	serve [-dir dist] [-addr localhost:8080] [-prefix /adagrad/]
//
// Without -addr, PORT from the environment picks the port. It prints the
// site's URL on one line, then serves until interrupted.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "serve:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	dir := fs.String("dir", "dist", "folder to serve")
	addr := fs.String("addr", "", "address to listen on (default localhost:$PORT, or localhost:8080)")
	prefix := fs.String("prefix", "/", "URL sub-path the site lives under, e.g. /adagrad/ (/ redirects there)")
	isolate := fs.Bool("isolate", false, "make the pages cross-origin isolated, so that their clock ticks in microseconds (the bench times frames with it); GitHub Pages cannot")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	listenAddr, err := chooseAddr(*addr, os.Getenv("PORT"))
	if err != nil {
		return err
	}
	s, err := newSite(*dir, *prefix)
	if err != nil {
		return fmt.Errorf("%w (run ./build.sh dist first?)", err)
	}
	ln, err := net.Listen("tcp", listenAddr)
	if err != nil {
		return err
	}
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	if h, _, _ := net.SplitHostPort(listenAddr); h == "" || h == "0.0.0.0" || h == "::" {
		fmt.Fprintln(os.Stderr, "serve: warning: listening on all interfaces, not just this machine")
		host = "localhost"
	} else if h == "localhost" {
		host = "localhost"
	}
	fmt.Printf("Serving %s at http://%s%s\n", *dir, net.JoinHostPort(host, port), s.prefix)

	var handler http.Handler = s
	if *isolate {
		handler = isolated(s)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}

// chooseAddr picks the listen address: -addr when given, otherwise
// localhost on PORT, otherwise localhost:8080. A bare port (":9000" or
// "9000") stays on localhost; listening on every interface needs an
// explicit host such as 0.0.0.0:9000.
func chooseAddr(flagAddr, envPort string) (string, error) {
	a := strings.TrimSpace(flagAddr)
	if a == "" {
		p := strings.TrimSpace(envPort)
		if p == "" {
			p = "8080"
		}
		a = p
	}
	if !strings.Contains(a, ":") {
		a = ":" + a
	}
	host, port, err := net.SplitHostPort(a)
	if err != nil {
		return "", fmt.Errorf("bad address %q: %v", a, err)
	}
	if _, err := net.LookupPort("tcp", port); err != nil || port == "" {
		return "", fmt.Errorf("bad port %q in %q", port, a)
	}
	if host == "" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port), nil
}
