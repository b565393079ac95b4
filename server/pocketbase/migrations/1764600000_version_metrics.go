package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Versions carry their metrics (metricsOf(projection), src/lib/doc/metrics.ts), so a team's
// dashboard and the charts read numbers without projecting every version again, and an
// evaluation moment carries the day of the evaluation itself (evaluated_on), which may be
// earlier than the moment its state was taken (taken_at). Rules do not change: the sync server
// (superuser) writes versions; members and the team's reviewers read them (rules.go).
const (
	versionMetricsField   = "metrics"
	versionEvaluatedField = "evaluated_on"
)

func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("map_versions")
		if err != nil {
			return fmt.Errorf("find map_versions: %w", err)
		}
		c.Fields.Add(&core.JSONField{Name: versionMetricsField, MaxSize: 1 << 20})
		c.Fields.Add(&core.DateField{Name: versionEvaluatedField})
		if err := app.Save(c); err != nil {
			return fmt.Errorf("add metrics to map_versions: %w", err)
		}
		// Evaluation moments made before this field existed were taken on their own day.
		if _, err := app.DB().NewQuery(
			`UPDATE map_versions SET evaluated_on = taken_at WHERE kind = 'evaluation' AND evaluated_on = ''`,
		).Execute(); err != nil {
			return fmt.Errorf("date earlier evaluation moments: %w", err)
		}
		return nil
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("map_versions")
		if err != nil {
			return nil
		}
		c.Fields.RemoveByName(versionMetricsField)
		c.Fields.RemoveByName(versionEvaluatedField)
		return app.Save(c)
	})
}
