package hooks

import (
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"kring/server/pocketbase/access"
)

// The sync server's questions, one request each.
//
// GET /api/kring/maps/{map}/connect, with the user's own token, at every websocket upgrade: who
// is this, may they open the map (the maps view rule decides), in which role, and when does
// their session end. It is an opening of the map, logged as PocketBase logs a view of it.
//
// POST /api/kring/connections/check, superusers only: for open connections (map, user, session), the role
// each user has on the map now and whether the session is still active. The sync server asks it
// when PocketBase tells it (realtime) that a membership changed, for the connections that change
// concerns, and for every connection after its realtime connection was (re)made.

type syncAccessUser struct {
	Id    string `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

type syncAccessSession struct {
	Id     string `json:"id"`
	EndsAt string `json:"endsAt"`
}

type syncAccessAnswer struct {
	User syncAccessUser `json:"user"`
	Role string         `json:"role"`
	// Person: the person on the map the user's membership in that role names ('' for none). A JIM
	// is let into the map only once the youth said yes to this person (the sync server checks it
	// in the map's document).
	Person  string             `json:"person"`
	Team    string             `json:"team"`
	Session *syncAccessSession `json:"session"`
	// Closed: the map is closed and kept read-only (map_close.go): the sync server takes no edits.
	Closed bool `json:"closed"`
}

func bindSyncAccessRoutes(app core.App) {
	app.OnRealtimeConnectRequest().BindFunc(keepServiceRealtime)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.GET("/api/kring/maps/{map}/connect", syncAccess)
		se.Router.POST("/api/kring/connections/check", checkConnections).Bind(apis.RequireSuperuserAuth())
		return se.Next()
	})
}

func syncAccess(e *core.RequestEvent) error {
	if err := requireUser(e); err != nil {
		return err
	}
	m, role, err := viewableMap(e, e.Request.PathValue("map"))
	if err != nil {
		return err
	}
	if err := recordAccess(e.App, m.Id, e.Auth, "view", e.RealIP(), time.Now()); err != nil {
		return internal(e, fmt.Errorf("access log: %w", err))
	}
	person, err := access.PersonOnMap(e.App, m.Id, e.Auth.Id, role)
	if err != nil {
		return internal(e, err)
	}
	answer := syncAccessAnswer{
		User:   syncAccessUser{Id: e.Auth.Id, Name: e.Auth.GetString("name"), Email: e.Auth.Email()},
		Role:   role,
		Person: person,
		Team:   m.GetString("team"),
		Closed: mapClosed(m),
	}
	if session, ok := e.Get(activeSessionKey).(*core.Record); ok {
		answer.Session = &syncAccessSession{Id: session.Id, EndsAt: session.GetDateTime("expires_at").String()}
	}
	return e.JSON(http.StatusOK, answer)
}

// maxAccessChecks: connections one POST /api/kring/connections/check may ask about.
const maxAccessChecks = 500

type accessCheck struct {
	Map     string `json:"map"`
	User    string `json:"user"`
	Session string `json:"session"`
}

type accessResult struct {
	// Role: the role the user acts in on the map now, "" when the maps view rule no longer lets
	// them in.
	Role string `json:"role"`
	// Session: the connection's session is still active (false when it names none).
	Session bool `json:"session"`
}

// checkConnections answers, for each open connection the sync server names, whether its user
// may still open its map and in which role, and whether its session is active.
func checkConnections(e *core.RequestEvent) error {
	var body struct {
		Check []accessCheck `json:"check"`
	}
	if err := e.BindBody(&body); err != nil {
		return e.BadRequestError("Expected {check: [{map, user, session}]}.", err)
	}
	if len(body.Check) > maxAccessChecks {
		return e.BadRequestError(fmt.Sprintf("At most %d checks per request.", maxAccessChecks), nil)
	}
	maps := map[string]*core.Record{}
	users := map[string]*core.Record{}
	find := func(cache map[string]*core.Record, collection, id string) (*core.Record, error) {
		if r, ok := cache[id]; ok {
			return r, nil
		}
		r, err := e.App.FindRecordById(collection, id)
		if errors.Is(err, sql.ErrNoRows) {
			r, err = nil, nil
		}
		if err == nil {
			cache[id] = r
		}
		return r, err
	}
	results := make([]accessResult, len(body.Check))
	for i, c := range body.Check {
		m, err := find(maps, "maps", c.Map)
		if err != nil {
			return internal(e, fmt.Errorf("find map: %w", err))
		}
		user, err := find(users, usersCollection, c.User)
		if err != nil {
			return internal(e, fmt.Errorf("find user: %w", err))
		}
		if m == nil || user == nil {
			continue
		}
		results[i].Session = activeSession(e.App, c.Session, user.Id) != nil
		info := &core.RequestInfo{Auth: user, Context: core.RequestInfoContextDefault, Method: http.MethodGet}
		ok, err := e.App.CanAccessRecord(m, info, m.Collection().ViewRule)
		if err != nil {
			return internal(e, fmt.Errorf("check map access: %w", err))
		}
		if ok {
			if results[i].Role, err = access.RoleOnMap(e.App, m, user.Id); err != nil {
				return internal(e, err)
			}
		}
	}
	return e.JSON(http.StatusOK, map[string]any{"results": results})
}

// serviceRealtimeIdle: how long PocketBase keeps a superuser's realtime connection without a
// message. The sync server follows memberships and sessions through it; each reconnect costs a
// check of every open connection, so it is not dropped every five minutes like a browser's.
const serviceRealtimeIdle = 24 * time.Hour

func keepServiceRealtime(e *core.RealtimeConnectRequestEvent) error {
	if e.HasSuperuserAuth() {
		e.IdleTimeout = serviceRealtimeIdle
	}
	return e.Next()
}
