package hooks

import (
	"slices"
	"sync"
	"time"
)

// guessLimit counts attempts per key in memory: failed tries with an invitation code (a code
// that does not exist) per client address, and invitations made per user. After max within
// window, the key is refused until the oldest leaves the window. Safe for concurrent use.
//
// An attempt counts as a failure from the moment it starts and is refunded when the code
// turns out to exist, so parallel guesses cannot slip past the limit together.
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

// attempt starts one try from addr: false when addr has used up its failures for now;
// otherwise the try counts as failed unless refund is called.
func (g *guessLimit) attempt(addr string) (refund func(), ok bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	times := g.recent(addr, now)
	if len(times) >= g.max {
		return nil, false
	}
	g.failures[addr] = append(times, now)
	if len(g.failures) > 10_000 {
		g.sweep(now)
	}
	return func() { g.refund(addr, now) }, true
}

func (g *guessLimit) refund(addr string, at time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()
	times := g.failures[addr]
	if i := slices.IndexFunc(times, at.Equal); i >= 0 {
		times = slices.Delete(times, i, i+1)
	}
	if len(times) == 0 {
		delete(g.failures, addr)
	} else {
		g.failures[addr] = times
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
