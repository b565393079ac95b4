package hooks

import (
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// Login throttling per account and client address, in PocketBase itself because its port can be
// reached directly. After loginFailureLimit wrong passwords for one identity from one address
// within loginWindow, every login for it from there (a correct password too) gets 429 until the
// window has passed. Not per account alone: a stranger who knows Sam's e-mail would lock Sam out.
// The address is the request's real IP (the browser's, when the Node server forwards it).
const (
	loginFailureLimit = 10
	loginWindow       = 15 * time.Minute
	// Above this many identities tracked, windows that have passed are dropped (at most once a minute).
	loginSweepAbove = 10_000
)

type loginThrottle struct {
	mu        sync.Mutex
	limit     int
	window    time.Duration
	now       func() time.Time
	byKey     map[string]*loginAttempts
	lastSweep time.Time
}

type loginAttempts struct {
	failures int
	since    time.Time
}

func newLoginThrottle(limit int, window time.Duration, now func() time.Time) *loginThrottle {
	return &loginThrottle{limit: limit, window: window, now: now, byKey: map[string]*loginAttempts{}}
}

// begin counts an attempt for key as failed until settle says otherwise; false when key is
// limited. Counting up front keeps parallel attempts from slipping past the limit.
func (t *loginThrottle) begin(key string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	t.sweep(now)
	a := t.byKey[key]
	if a != nil && now.Sub(a.since) >= t.window {
		a = nil
	}
	if a == nil {
		a = &loginAttempts{since: now}
		t.byKey[key] = a
	}
	if a.failures >= t.limit {
		return false
	}
	a.failures++
	return true
}

// settle: the attempt begun for key was not a wrong password, so it does not count.
func (t *loginThrottle) settle(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if a := t.byKey[key]; a != nil && a.failures > 0 {
		a.failures--
		if a.failures == 0 {
			delete(t.byKey, key)
		}
	}
}

func (t *loginThrottle) sweep(now time.Time) {
	if len(t.byKey) <= loginSweepAbove || now.Sub(t.lastSweep) < time.Minute {
		return
	}
	t.lastSweep = now
	for key, a := range t.byKey {
		if now.Sub(a.since) >= t.window {
			delete(t.byKey, key)
		}
	}
}

// throttleLogins wraps password logins with t.
func throttleLogins(t *loginThrottle) func(e *core.RecordAuthWithPasswordRequestEvent) error {
	return func(e *core.RecordAuthWithPasswordRequestEvent) error {
		key := strings.ToLower(strings.TrimSpace(e.Identity)) + " " + e.RealIP()
		if !t.begin(key) {
			return e.TooManyRequestsError("Too many failed logins for this account. Try again later.", nil)
		}
		err := e.Next()
		if !isWrongPassword(err) {
			t.settle(key)
		}
		return err
	}
}

// isWrongPassword: PocketBase answers an unknown identity or a wrong password with 400.
func isWrongPassword(err error) bool {
	var apiErr *router.ApiError
	return errors.As(err, &apiErr) && apiErr.Status == http.StatusBadRequest
}
