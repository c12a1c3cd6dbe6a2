package framemeter

import (
	"testing"
	"time"
)

func TestStats(t *testing.T) {
	var m Meter
	if med, p99, n := m.Stats(time.Now(), time.Second); med != 0 || p99 != 0 || n != 0 {
		t.Fatalf("empty: %g %g %d", med, p99, n)
	}
	t0 := time.Unix(1000, 0)
	// 100 frames of 1..100 ms, one every 10 ms; Update and Draw add up.
	for i := 1; i <= 100; i++ {
		m.Add(time.Duration(i) * time.Millisecond / 2)
		m.Add(time.Duration(i) * time.Millisecond / 2)
		m.Frame(t0.Add(time.Duration(i) * 10 * time.Millisecond))
	}
	m.Frame(t0.Add(2 * time.Second)) // nothing added: not a frame
	now := t0.Add(time.Second)
	med, p99, n := m.Stats(now, time.Second)
	if n != 100 || med != 51 || p99 != 99 {
		t.Errorf("all 100: median %g, p99 %g over %d frames; want 51, 99 over 100", med, p99, n)
	}
	// Only the frames of the last half second: 51..100.
	if med, _, n := m.Stats(now, 495*time.Millisecond); n != 50 || med != 76 {
		t.Errorf("last half second: median %g over %d frames; want 76 over 50", med, n)
	}
}

// The ring keeps the last 1024 frames only.
func TestRingForgetsTheOldest(t *testing.T) {
	var m Meter
	t0 := time.Unix(0, 0)
	for i := range 3000 {
		m.Add(time.Duration(i) * time.Microsecond)
		m.Frame(t0)
	}
	med, _, n := m.Stats(t0, time.Hour)
	if n != 1024 || med < 1.9 {
		t.Errorf("after 3000 frames: %d kept, median %g ms; want the last 1024 (about 2.5 ms)", n, med)
	}
}
