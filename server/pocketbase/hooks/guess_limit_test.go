package hooks

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestGuessLimitBlocksAfterMaxFailuresUntilTheyLeaveTheWindow(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	g := newGuessLimit(10, 15*time.Minute)
	g.now = func() time.Time { return now }

	for i := range 10 {
		if _, ok := g.attempt("a"); !ok {
			t.Fatalf("blocked after %d failures", i)
		}
		now = now.Add(time.Minute)
	}
	if _, ok := g.attempt("a"); ok {
		t.Fatal("not blocked after 10 failures")
	}
	if _, ok := g.attempt("b"); !ok {
		t.Fatal("another address is blocked")
	}
	// The first failure was at 12:00; at 12:15 it leaves the window and one try is free again.
	now = time.Date(2026, 1, 1, 12, 15, 0, 0, time.UTC)
	if _, ok := g.attempt("a"); !ok {
		t.Fatal("still blocked once the oldest failure left the window")
	}
	if _, ok := g.attempt("a"); ok {
		t.Fatal("that failure should block again")
	}
	now = now.Add(time.Hour)
	g.sweep(now)
	if len(g.failures) != 0 {
		t.Fatalf("old failures kept: %v", g.failures)
	}
}

func TestGuessLimitRefundsRightCodes(t *testing.T) {
	g := newGuessLimit(2, time.Minute)
	for range 5 {
		refund, ok := g.attempt("a")
		if !ok {
			t.Fatal("right codes count as failures")
		}
		refund()
	}
	if len(g.failures) != 0 {
		t.Fatalf("refunded tries kept: %v", g.failures)
	}
}

func TestGuessLimitHoldsUnderConcurrentGuesses(t *testing.T) {
	g := newGuessLimit(10, time.Minute)
	var passed atomic.Int32
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			if _, ok := g.attempt("x"); ok {
				passed.Add(1)
			}
		})
	}
	wg.Wait()
	if got := passed.Load(); got != 10 {
		t.Fatalf("%d guesses passed the limit of 10", got)
	}
}
