package hooks

import (
	"sync"
	"testing"
	"time"
)

func TestGuessLimitBlocksAfterMaxFailuresUntilTheyLeaveTheWindow(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	g := newGuessLimit(10, 15*time.Minute)
	g.now = func() time.Time { return now }

	for i := range 10 {
		if g.blocked("a") {
			t.Fatalf("blocked after %d failures", i)
		}
		g.fail("a")
		now = now.Add(time.Minute)
	}
	if !g.blocked("a") {
		t.Fatal("not blocked after 10 failures")
	}
	if g.blocked("b") {
		t.Fatal("another address is blocked")
	}
	// The first failure was at 12:00; at 12:15 it leaves the window and one try is free again.
	now = time.Date(2026, 1, 1, 12, 15, 0, 0, time.UTC)
	if g.blocked("a") {
		t.Fatal("still blocked once the oldest failure left the window")
	}
	g.fail("a")
	if !g.blocked("a") {
		t.Fatal("a new failure within the window should block again")
	}
	now = now.Add(time.Hour)
	g.sweep(now)
	if len(g.failures) != 0 {
		t.Fatalf("old failures kept: %v", g.failures)
	}
}

func TestGuessLimitIsSafeForConcurrentUse(t *testing.T) {
	g := newGuessLimit(1000, time.Minute)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				g.fail("x")
				g.blocked("x")
			}
		})
	}
	wg.Wait()
	if got := len(g.failures["x"]); got != 800 {
		t.Fatalf("counted %d failures, want 800", got)
	}
}
