package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Indexes for the team's dashboard (hooks/dashboard.go), which reads every map of a team with
// the metrics of its last versions and its last evaluation moment:
//
//   - maps by team: the team's maps without reading every map of the organisation;
//   - map_versions by map and moment, with what the dashboard reads of each version: its kind,
//     the day of an evaluation moment, its metrics and its plan's evaluation dates. metrics and
//     evaluated_on were added last, so they sit at the end of each row, behind the Yjs state and
//     the projection (some 20 KiB): reading them from the table means following every row's
//     overflow pages, and the plan dates would mean parsing each projection. From this index
//     the dashboard never touches those rows; it costs some 500 bytes per version. The plan
//     dates' expression must stay the very one in hooks/dashboard.go (planDatesOf), or SQLite
//     reads the rows again.
const (
	mapsTeamIndex          = "idx_maps_team"
	versionsDashboardIndex = "idx_map_versions_dashboard"
)

func init() {
	m.Register(func(app core.App) error {
		for _, ix := range []struct{ collection, name, columns string }{
			{"maps", mapsTeamIndex, "team"},
			{"map_versions", versionsDashboardIndex, "map, taken_at, kind, evaluated_on, metrics, " +
				"(CASE WHEN json_valid(projection) THEN json_extract(projection, '$.plan.startOn', '$.plan.everyWeeks', '$.plan.nextOn') END)"},
		} {
			c, err := app.FindCollectionByNameOrId(ix.collection)
			if err != nil {
				return fmt.Errorf("find %s: %w", ix.collection, err)
			}
			c.AddIndex(ix.name, false, ix.columns, "")
			if err := app.Save(c); err != nil {
				return fmt.Errorf("add %s to %s: %w", ix.name, ix.collection, err)
			}
		}
		return nil
	}, func(app core.App) error {
		for collection, name := range map[string]string{"maps": mapsTeamIndex, "map_versions": versionsDashboardIndex} {
			c, err := app.FindCollectionByNameOrId(collection)
			if err != nil {
				continue
			}
			c.RemoveIndex(name)
			if err := app.Save(c); err != nil {
				return fmt.Errorf("remove %s from %s: %w", name, collection, err)
			}
		}
		return nil
	})
}
