package hooks

import (
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"kring/server/pocketbase/access"
)

// accessLogCollection is made by migrations/1764800000_access_log.go.
const accessLogCollection = "access_log"

// accessLogWindow: one user opening one map again within this time is the same visit (a page
// and its live connection, a reload, a reconnect), logged once.
const accessLogWindow = 5 * time.Minute

// logMapView writes who opened a map before PocketBase sends it: the maps view rule has let the
// user in by now. A map whose opening cannot be logged is not sent (NEN 7513 asks every access
// to be logged). Superusers (the sync server's own identity) are not users and are not logged.
func logMapView(e *core.RecordRequestEvent) error {
	if e.Auth == nil || e.Auth.Collection().Name != usersCollection {
		return e.Next()
	}
	if err := recordAccess(e.App, e.Record.Id, e.Auth, "view", e.RealIP(), time.Now()); err != nil {
		return e.InternalServerError("", fmt.Errorf("access log: %w", err))
	}
	return e.Next()
}

// printed: the app says the caller printed the map (the print sheet, or a PDF of it). Only
// someone who may view the map gets a row; anyone else gets the map's usual 404.
func printed(e *core.RequestEvent) error {
	if err := requireUser(e); err != nil {
		return err
	}
	m, _, err := viewableMap(e, e.Request.PathValue("map"))
	if err != nil {
		return err
	}
	if err := recordAccess(e.App, m.Id, e.Auth, "print", e.RealIP(), time.Now()); err != nil {
		return internal(e, fmt.Errorf("access log: %w", err))
	}
	return e.NoContent(http.StatusNoContent)
}

// logVersionsRead writes who read a map's versions (each holds the whole map as it was) before
// PocketBase sends them: once per map in the answer, like an opening. A list of versions whose
// reading cannot be logged is not sent.
func logVersionsRead(e *core.RecordsListRequestEvent) error {
	if e.Auth == nil || e.Auth.Collection().Name != usersCollection {
		return e.Next()
	}
	logged := map[string]bool{}
	for _, v := range e.Records {
		mapID := v.GetString("map")
		if mapID == "" || logged[mapID] {
			continue
		}
		logged[mapID] = true
		if err := recordAccess(e.App, mapID, e.Auth, "history", e.RealIP(), time.Now()); err != nil {
			return e.InternalServerError("", fmt.Errorf("access log: %w", err))
		}
	}
	return e.Next()
}

// logVersionRead: one version viewed on its own, logged as reading the map's history.
func logVersionRead(e *core.RecordRequestEvent) error {
	if e.Auth == nil || e.Auth.Collection().Name != usersCollection {
		return e.Next()
	}
	if err := recordAccess(e.App, e.Record.GetString("map"), e.Auth, "history", e.RealIP(), time.Now()); err != nil {
		return e.InternalServerError("", fmt.Errorf("access log: %w", err))
	}
	return e.Next()
}

func bindAccessLogRoutes(app core.App) {
	app.OnRecordViewRequest("maps").BindFunc(logMapView)
	app.OnRecordsListRequest("map_versions").BindFunc(logVersionsRead)
	app.OnRecordViewRequest("map_versions").BindFunc(logVersionRead)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.POST("/api/kring/maps/{map}/printed", printed)
		return se.Next()
	})
}

// recordAccess adds one row to the access log unless the same user did the same on the same map
// within accessLogWindow.
func recordAccess(app core.App, mapID string, user *core.Record, action, address string, now time.Time) error {
	since, err := types.ParseDateTime(now.Add(-accessLogWindow))
	if err != nil {
		return err
	}
	_, err = app.FindFirstRecordByFilter(accessLogCollection,
		"map = {:map} && user = {:user} && action = {:action} && created > {:since}",
		dbx.Params{"map": mapID, "user": user.Id, "action": action, "since": since.String()})
	if err == nil {
		return nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	roles, err := access.MemberRoles(app, mapID, user.Id)
	if err != nil {
		return err
	}
	// Someone who may open the map without a role on it reviews its team.
	return saveAccess(app, mapID, user, access.Pick(roles, true), action, "", address)
}
