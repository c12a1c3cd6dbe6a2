//go:build js

package main

// Go in WebAssembly runs each call from JavaScript — every frame Ebiten
// asks for — on a fresh goroutine whose stack starts at a few kilobytes.
// A frame needs tens of kilobytes (Ebiten's drawing calls, the scene's
// geometry, a figure's stepping), so every frame grew that stack again,
// copying it each time it doubled. The frame's work runs instead on one
// long-lived goroutine, whose stack, once grown, stays grown; the caller
// waits for it, so nothing runs concurrently.

// deepStack runs functions, one at a time, on its own goroutine.
type deepStack struct {
	calls chan func()
	done  chan struct{}
}

func newDeepStack() *deepStack {
	d := &deepStack{calls: make(chan func()), done: make(chan struct{})}
	go func() {
		for fn := range d.calls {
			fn()
			d.done <- struct{}{}
		}
	}()
	return d
}

// run calls fn on d's goroutine and returns when it has returned.
func (d *deepStack) run(fn func()) {
	d.calls <- fn
	<-d.done
}
