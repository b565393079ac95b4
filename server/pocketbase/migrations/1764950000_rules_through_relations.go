package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Rules that hold an organisation. The rules reached memberships through @collection
// conditions, which PocketBase joins without a join condition: the maps rule read
// maps × map_members × team_members, so a list took seconds at 1,000 maps. They now go through
// back-relations, joined on indexed relation columns (rules.go), and memberships get an index by
// user, so "my maps" and "my teams" start from the user's own rows.
var membershipUserIndexes = []struct{ collection, name string }{
	{"map_members", "idx_map_members_user"},
	{"team_members", "idx_team_members_user"},
}

func init() {
	m.Register(func(app core.App) error {
		for _, ix := range membershipUserIndexes {
			c, err := app.FindCollectionByNameOrId(ix.collection)
			if err != nil {
				return fmt.Errorf("find %s: %w", ix.collection, err)
			}
			c.AddIndex(ix.name, false, "user", "")
			if err := app.Save(c); err != nil {
				return fmt.Errorf("add %s: %w", ix.name, err)
			}
		}
		return applyRules(app)
	}, func(app core.App) error {
		for _, ix := range membershipUserIndexes {
			c, err := app.FindCollectionByNameOrId(ix.collection)
			if err != nil {
				continue
			}
			c.RemoveIndex(ix.name)
			if err := app.Save(c); err != nil {
				return fmt.Errorf("remove %s: %w", ix.name, err)
			}
		}
		return nil
	})
}
