package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// An evaluation moment and a restore are acts of a person: the version says who (made_by_name,
// their name as it was then, as the team reads it on the timeline). Versions kept automatically
// leave it empty. Rules do not change: the sync server (superuser) writes versions; members and
// the team's reviewers read them (rules.go).
const versionMadeByField = "made_by_name"

func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("map_versions")
		if err != nil {
			return fmt.Errorf("find map_versions: %w", err)
		}
		c.Fields.Add(&core.TextField{Name: versionMadeByField, Max: 200})
		if err := app.Save(c); err != nil {
			return fmt.Errorf("add made_by_name to map_versions: %w", err)
		}
		return nil
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("map_versions")
		if err != nil {
			return nil
		}
		c.Fields.RemoveByName(versionMadeByField)
		return app.Save(c)
	})
}
