package hooks

import (
	"fmt"
	"net/http"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"kring/server/pocketbase/access"
)

// POST /api/kring/maps/{map}/close: the map's professional closes the youth's file when the care
// ends. The map is then kept read-only (the API rules refuse changes, the sync server takes no
// edits) for the 20 years the Jeugdwet asks, counted from closed_at; `kring-pocketbase retention`
// lists files past that. The server stamps when and by whom, and withdraws the invitations nobody
// used yet, in the same transaction. There is no way back through the
// API: a file closed by mistake is reopened by a superuser (clear closed_at in the dashboard),
// deliberately, and its 20 years count again from its next close.

// mapClosed reports whether a map was closed.
func mapClosed(m *core.Record) bool {
	return !m.GetDateTime("closed_at").IsZero()
}

func bindMapCloseRoute(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.POST("/api/kring/maps/{map}/close", closeMap)
		return se.Next()
	})
}

func closeMap(e *core.RequestEvent) error {
	if err := requireUser(e); err != nil {
		return err
	}
	m, role, err := viewableMap(e, e.Request.PathValue("map"))
	if err != nil {
		return err
	}
	if role != access.Professional {
		return e.ForbiddenError("Alleen de hulpverlener van deze kaart kan de kaart afsluiten.", nil)
	}
	if mapClosed(m) {
		return e.JSON(http.StatusConflict, map[string]any{
			"status": http.StatusConflict, "code": "map-closed", "message": "Deze kaart is al afgesloten.", "data": map[string]any{},
		})
	}
	now, err := types.ParseDateTime(time.Now().UTC())
	if err != nil {
		return internal(e, err)
	}
	m.Set("closed_at", now)
	m.Set("closed_by", e.Auth.Id)
	err = e.App.RunInTransaction(func(tx core.App) error {
		if err := tx.Save(m); err != nil {
			return fmt.Errorf("close map: %w", err)
		}
		if err := revokeOpenInvitations(tx, m.Id, e.Auth.Id, now); err != nil {
			return err
		}
		// In the youth's access log, with the closing: a file is not closed unnoticed.
		return saveAccess(tx, m.Id, e.Auth, role, "close", "", e.RealIP())
	})
	if err != nil {
		return internal(e, err)
	}
	return e.JSON(http.StatusOK, map[string]any{"closed_at": now.String()})
}

// revokeOpenInvitations withdraws the map's invitations nobody used yet: nobody joins a closed
// file (accepting one answers 410 "revoked", hooks/invitations.go).
func revokeOpenInvitations(tx core.App, mapId, by string, now types.DateTime) error {
	open, err := tx.FindRecordsByFilter("invitations", "map = {:map} && used_at = '' && revoked_at = ''", "", 0, 0, dbx.Params{"map": mapId})
	if err != nil {
		return fmt.Errorf("find open invitations: %w", err)
	}
	for _, inv := range open {
		inv.Set("revoked_at", now)
		inv.Set("revoked_by", by)
		if err := tx.Save(inv); err != nil {
			return fmt.Errorf("revoke invitation: %w", err)
		}
	}
	return nil
}
