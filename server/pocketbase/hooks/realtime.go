package hooks

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// PocketBase's realtime (SSE) connections keep the auth they subscribed with. A connection made
// with a session is closed when that session is revoked, and at the latest with the first
// message after the session's end.

const realtimeSessionKey = "kringRealtimeSession"

type realtimeSession struct {
	id  string
	end time.Time
}

// rememberRealtimeSession notes the session of a realtime client as it subscribes.
func rememberRealtimeSession(e *core.RealtimeSubscribeRequestEvent) error {
	if session, ok := e.Get(activeSessionKey).(*core.Record); ok {
		e.Client.Set(realtimeSessionKey, realtimeSession{id: session.Id, end: session.GetDateTime("expires_at").Time()})
	}
	return e.Next()
}

// endRealtimeOfSession closes the realtime connections of a session that was revoked or ended.
func endRealtimeOfSession(e *core.RecordEvent) error {
	ended := !e.Record.GetDateTime("revoked_at").IsZero() || !e.Record.GetDateTime("expires_at").Time().After(time.Now())
	if ended {
		for _, client := range e.App.SubscriptionsBroker().Clients() {
			if s, ok := client.Get(realtimeSessionKey).(realtimeSession); ok && s.id == e.Record.Id {
				client.Discard()
			}
		}
	}
	return e.Next()
}

// dropAfterSessionEnd: no message goes out on a connection whose session has passed its end.
func dropAfterSessionEnd(e *core.RealtimeMessageEvent) error {
	if s, ok := e.Client.Get(realtimeSessionKey).(realtimeSession); ok && !s.end.After(time.Now()) {
		e.Client.Discard()
		return nil
	}
	return e.Next()
}
