package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// sessions: one row per login of a user. Every user auth token carries its row's id as the `sid`
// claim; hooks/ refuses a token whose session is gone, revoked (logout) or past its absolute end,
// and the sync server closes sockets of such sessions. Superuser-only: nobody reads them via the API.
//
// Auth tokens of users live 2 hours; the web app refreshes them, up to the session's end.
const usersTokenSeconds = 2 * 60 * 60

func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return fmt.Errorf("find users: %w", err)
		}
		c := core.NewBaseCollection("sessions")
		c.Fields.Add(relation("user", users, true))
		c.Fields.Add(&core.DateField{Name: "expires_at", Required: true})
		c.Fields.Add(&core.DateField{Name: "revoked_at"})
		timestamps(c)
		c.AddIndex("idx_sessions_user", false, "user", "")
		if err := save(app, c); err != nil {
			return err
		}

		users.AuthToken.Duration = usersTokenSeconds
		if err := app.Save(users); err != nil {
			return fmt.Errorf("users token duration: %w", err)
		}
		// The rules in rules.go changed with this step (users, maps, map_members): apply them again.
		return applyRuleSnapshot(app, rulesOn1764000000) // the rules had not changed since
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("sessions")
		if err != nil {
			return nil
		}
		return app.Delete(c)
	})
}
