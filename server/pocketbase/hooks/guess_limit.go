package hooks

import (
	"sync"
	"time"
)

// guessLimit counts failed attempts with an invitation code (a code that does not exist) per
// client address, in memory. After max failures within window, the address is refused until
// the oldest failure leaves the window. Safe for concurrent use.
type guessLimit struct {
	max    int
	window time.Duration
	now    func() time.Time

	mu       sync.Mutex
	failures map[string][]time.Time
}

func newGuessLimit(max int, window time.Duration) *guessLimit {
	return &guessLimit{max: max, window: window, now: time.Now, failures: map[string][]time.Time{}}
}

// blocked: the address has used up its failures for now.
func (g *guessLimit) blocked(addr string) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.recent(addr, g.now())) >= g.max
}

// fail records one failed attempt from addr.
func (g *guessLimit) fail(addr string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	g.failures[addr] = append(g.recent(addr, now), now)
	if len(g.failures) > 10_000 {
		g.sweep(now)
	}
}

// recent drops addr's failures that left the window and returns the rest. Caller holds mu.
func (g *guessLimit) recent(addr string, now time.Time) []time.Time {
	times := g.failures[addr]
	i := 0
	for i < len(times) && now.Sub(times[i]) >= g.window {
		i++
	}
	if i == len(times) {
		delete(g.failures, addr)
		return nil
	}
	times = times[i:]
	g.failures[addr] = times
	return times
}

// sweep forgets every address whose failures all left the window, so the map stays small.
func (g *guessLimit) sweep(now time.Time) {
	for addr := range g.failures {
		g.recent(addr, now)
	}
}
