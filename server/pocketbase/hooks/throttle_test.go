package hooks

import (
	"sync"
	"testing"
	"time"
)

func TestLoginThrottleHoldsUnderParallelGuesses(t *testing.T) {
	th := newLoginThrottle(10, 15*time.Minute, time.Now)
	var wg sync.WaitGroup
	var mu sync.Mutex
	through := 0
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if th.begin("sam@demo.local") {
				mu.Lock()
				through++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if through != 10 {
		t.Fatalf("%d parallel guesses got through, want 10", through)
	}
}

func TestLoginThrottleWindowAndSuccesses(t *testing.T) {
	now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	th := newLoginThrottle(3, 15*time.Minute, func() time.Time { return now })

	// Correct passwords do not count.
	for i := 0; i < 5; i++ {
		if !th.begin("a") {
			t.Fatal("refused after successful logins")
		}
		th.settle("a")
	}
	for i := 0; i < 3; i++ {
		if !th.begin("a") {
			t.Fatalf("refused at failure %d", i+1)
		}
	}
	if th.begin("a") {
		t.Fatal("a 4th attempt got through")
	}
	if !th.begin("b") {
		t.Fatal("another account was refused")
	}
	now = now.Add(14 * time.Minute)
	if th.begin("a") {
		t.Fatal("through through before the window passed")
	}
	now = now.Add(time.Minute)
	if !th.begin("a") {
		t.Fatal("still refused after the window passed")
	}
}
