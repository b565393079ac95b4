package hooks

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"

	"github.com/pocketbase/pocketbase/core"

	"kring/server/pocketbase/access"
)

// Downloads of the youth's data and removals of members, in the access log (NEN 7513). Unlike an
// opening, each is its own row: every copy that leaves Kring, and every removal, is told.

// exportKinds: what was downloaded, as the request names it, and the access log's action for it.
var exportKinds = map[string]string{
	"map": "export",     // the whole file as a ZIP ("Download mijn gegevens")
	"log": "export-log", // the access log as CSV
}

// exportRoles: the youth (it is their file, AVG articles 15 and 20) and the map's professional (for
// the dossier). Not the JIM, a parent or the team's reviewer: the export holds the access log,
// which only the youth and the professional may read (access_log rules).
var exportRoles = []string{access.Youth, access.Professional}

func bindExportRoutes(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.POST("/api/kring/maps/{map}/exported", exported)
		return se.Next()
	})
	app.OnRecordDeleteRequest("map_members").BindFunc(logMemberRemoval)
}

// exported writes that the caller downloads the map's data, before the app hands it over: the
// sync server (the ZIP) and the app's server (the CSV) call it with the user's own token and
// send nothing when it fails. 404 for a map the caller may not see, 403 for a role that may not export.
func exported(e *core.RequestEvent) error {
	if err := requireUser(e); err != nil {
		return err
	}
	var body struct {
		What string `json:"what"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(e.Response, e.Request.Body, 1024)).Decode(&body); err != nil {
		return e.BadRequestError("Stuur {\"what\": \"map\"} of {\"what\": \"log\"}.", nil)
	}
	action, ok := exportKinds[body.What]
	if !ok {
		return e.BadRequestError("Stuur {\"what\": \"map\"} of {\"what\": \"log\"}.", nil)
	}
	m, role, err := viewableMap(e, e.Request.PathValue("map"))
	if err != nil {
		return err
	}
	if !slices.Contains(exportRoles, role) {
		return e.ForbiddenError("Alleen de jongere en de hulpverlener van deze kaart kunnen de gegevens downloaden.", nil)
	}
	if err := saveAccess(e.App, m.Id, e.Auth, role, action, "", e.RealIP()); err != nil {
		return internal(e, fmt.Errorf("access log: %w", err))
	}
	return e.NoContent(http.StatusNoContent)
}

// logMemberRemoval notes who removed whom, in the same transaction as the removal: a removal
// that cannot be logged does not happen. The delete rule has decided by now who may remove.
func logMemberRemoval(e *core.RecordRequestEvent) error {
	if e.Auth == nil || e.Auth.Collection().Name != usersCollection {
		return e.Next()
	}
	mapID, removedRole := e.Record.GetString("map"), e.Record.GetString("role")
	names, err := userNames(e.App, []string{e.Record.GetString("user")})
	if err != nil {
		return e.InternalServerError("", fmt.Errorf("removed member's name: %w", err))
	}
	detail := removedRole + ": " + names[e.Record.GetString("user")]
	return e.App.RunInTransaction(func(tx core.App) error {
		e.App = tx
		if err := e.Next(); err != nil {
			return err
		}
		roles, err := access.MemberRoles(tx, mapID, e.Auth.Id)
		if err != nil {
			return err
		}
		return saveAccess(tx, mapID, e.Auth, access.Pick(roles, false), "remove-member", detail, e.RealIP())
	})
}

// saveAccess adds one row to the access log, always (no visit window).
func saveAccess(app core.App, mapID string, user *core.Record, role, action, detail, address string) error {
	c, err := app.FindCachedCollectionByNameOrId(accessLogCollection)
	if err != nil {
		return err
	}
	row := core.NewRecord(c)
	row.Set("map", mapID)
	row.Set("user", user.Id)
	row.Set("user_name", user.GetString("name"))
	row.Set("role", role)
	row.Set("action", action)
	row.Set("detail", truncate(detail, 200))
	row.Set("address", address)
	return app.Save(row)
}

func truncate(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max])
}
