package hooks

import (
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Sessions that can end. Every users token carries the id of a row in `sessions` as its `sid`
// claim. A request whose token has no such session, or one that was revoked (logout) or passed its
// absolute end, is treated as anonymous, so every API rule refuses it and auth-refresh gives 401.
// The sync server reads the same rows to close sockets of ended sessions.

const (
	usersCollection    = "users"
	sessionsCollection = "sessions"
	claimSessionId     = "sid"

	// The absolute lifetime of a session, however often its token is refreshed.
	defaultSessionLifetime = 12 * time.Hour
	sessionLifetimeEnv     = "KRING_SESSION_MAX_SECONDS"

	// Request store keys: the request's active session (set by requireSession), and the session
	// being refreshed (set by refreshSession, read when the new token is issued).
	activeSessionKey     = "kringSession"
	refreshingSessionKey = "kringRefreshingSession"
)

func sessionLifetime() time.Duration {
	if s, err := strconv.ParseInt(os.Getenv(sessionLifetimeEnv), 10, 64); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	return defaultSessionLifetime
}

// requireSession runs right after PocketBase loaded the auth record from the token: a users
// token counts only while its session is active.
func requireSession(e *core.RequestEvent) error {
	if e.Auth == nil || e.Auth.Collection().Name != usersCollection {
		return e.Next()
	}
	if session := activeSession(e.App, sessionIdOf(tokenOf(e)), e.Auth.Id); session != nil {
		e.Set(activeSessionKey, session)
	} else {
		e.Auth = nil
	}
	return e.Next()
}

// activeSession: the session sid of user userId, or nil when it is missing, someone else's,
// revoked or past its end.
func activeSession(app core.App, sid, userId string) *core.Record {
	if sid == "" {
		return nil
	}
	session, err := app.FindRecordById(sessionsCollection, sid)
	if err != nil || session.GetString("user") != userId || !session.GetDateTime("revoked_at").IsZero() {
		return nil
	}
	if end := session.GetDateTime("expires_at"); end.IsZero() || !end.Time().After(time.Now()) {
		return nil
	}
	return session
}

// refreshSession: auth-refresh only for a token with an active session; the new token keeps it.
func refreshSession(e *core.RecordAuthRefreshRequestEvent) error {
	session, _ := e.Get(activeSessionKey).(*core.Record)
	if session == nil || session.GetString("user") != e.Record.Id {
		return e.UnauthorizedError("The session has ended.", nil)
	}
	e.Set(refreshingSessionKey, session)
	return e.Next()
}

// issueSessionToken replaces the token of a users auth response: a login starts a session, a
// refresh keeps the one it refreshes. Other responses (a superuser impersonating) keep
// PocketBase's token, which has no session and is therefore refused.
func issueSessionToken(e *core.RecordAuthRequestEvent) error {
	if session, ok := e.Get(refreshingSessionKey).(*core.Record); ok {
		token, err := sessionToken(e.Record, session)
		if err != nil {
			return e.InternalServerError("Failed to refresh auth token.", err)
		}
		e.Token = token
		return e.Next()
	}
	if e.AuthMethod == "" {
		return e.Next()
	}

	sessions, err := e.App.FindCollectionByNameOrId(sessionsCollection)
	if err != nil {
		return e.InternalServerError("Failed to start a session.", err)
	}
	session := core.NewRecord(sessions)
	session.Set("user", e.Record.Id)
	session.Set("expires_at", types.NowDateTime().Add(sessionLifetime()))
	if err := e.App.Save(session); err != nil {
		return e.InternalServerError("Failed to start a session.", err)
	}
	token, err := sessionToken(e.Record, session)
	if err != nil {
		return e.InternalServerError("Failed to create auth token.", err)
	}
	e.Token = token
	if err := e.Next(); err != nil {
		// No token went out (e.g. a second factor is asked for): the session is not used.
		_ = e.App.Delete(session)
		return err
	}
	return nil
}

// sessionToken: PocketBase's own auth token for record (same claims, key and signing), plus the
// session id, expiring after the collection's token duration or at the session's end if sooner.
func sessionToken(record *core.Record, session *core.Record) (string, error) {
	collection := record.Collection()
	key := record.TokenKey() + collection.AuthToken.Secret
	if key == "" {
		return "", core.ErrMissingSigningKey
	}
	exp := time.Now().Add(collection.AuthToken.DurationTime())
	if end := session.GetDateTime("expires_at").Time(); end.Before(exp) {
		exp = end
	}
	claims := map[string]any{
		core.TokenClaimType:         core.TokenTypeAuth,
		core.TokenClaimId:           record.Id,
		core.TokenClaimCollectionId: collection.Id,
		core.TokenClaimRefreshable:  true,
		claimSessionId:              session.Id,
		"exp":                       exp.Unix(),
	}
	return security.NewJWT(claims, key, time.Until(exp))
}

// logout ends the caller's session: its tokens are refused from now on, everywhere.
func logout(e *core.RequestEvent) error {
	session, _ := e.Get(activeSessionKey).(*core.Record)
	if session == nil {
		return e.UnauthorizedError("No active session.", nil)
	}
	session.Set("revoked_at", types.NowDateTime())
	if err := e.App.Save(session); err != nil {
		return e.InternalServerError("Failed to end the session.", err)
	}
	return e.NoContent(204)
}

// tokenOf: the request's auth token, read as PocketBase reads it (optional "Bearer ").
func tokenOf(e *core.RequestEvent) string {
	token := e.Request.Header.Get("Authorization")
	if len(token) > 7 && strings.EqualFold(token[:7], "Bearer ") {
		return token[7:]
	}
	return token
}

// sessionIdOf: the sid claim of a token PocketBase has already verified.
func sessionIdOf(token string) string {
	claims, err := security.ParseUnverifiedJWT(token)
	if err != nil {
		return ""
	}
	sid, _ := claims[claimSessionId].(string)
	return sid
}
