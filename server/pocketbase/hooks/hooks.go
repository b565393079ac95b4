// Package hooks binds Kring's PocketBase event hooks in one place.
package hooks

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
)

// Register binds every Kring hook on app.
func Register(app core.App) {
	app.OnRecordCreateRequest("maps").BindFunc(startMap)
	bindInvitationRoutes(app)
}

// startMap records who started the map and makes them its professional, in the same
// transaction as the map, so a map never exists without a member who can open it.
func startMap(e *core.RecordRequestEvent) error {
	if e.Auth == nil || e.HasSuperuserAuth() {
		return e.Next()
	}
	e.Record.Set("created_by", e.Auth.Id)
	return e.App.RunInTransaction(func(tx core.App) error {
		e.App = tx
		if err := e.Next(); err != nil {
			return err
		}
		members, err := tx.FindCollectionByNameOrId("map_members")
		if err != nil {
			return fmt.Errorf("find map_members: %w", err)
		}
		add := func(userId, role string) error {
			m := core.NewRecord(members)
			m.Set("map", e.Record.Id)
			m.Set("user", userId)
			m.Set("role", role)
			if err := tx.Save(m); err != nil {
				return fmt.Errorf("add %s to new map: %w", role, err)
			}
			return nil
		}
		if err := add(e.Auth.Id, "professional"); err != nil {
			return err
		}
		if youth := e.Record.GetString("youth"); youth != "" && youth != e.Auth.Id {
			return add(youth, "youth")
		}
		return nil
	})
}
