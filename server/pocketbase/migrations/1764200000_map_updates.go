package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// map_updates is the sync server's write-ahead log: each change to a live map is appended
// within a fraction of a second, and folded into map_docs.state from time to time (one batch
// request stores the state and deletes the folded rows together). Superuser-only, like map_docs.
//
// Batch requests are switched on for that: they run every request under its collection's own
// API rules, so they give nobody a right they did not have.
const (
	batchMaxRequests = 200
	batchTimeoutSec  = 10
)

func init() {
	m.Register(func(app core.App) error {
		maps, err := app.FindCollectionByNameOrId("maps")
		if err != nil {
			return fmt.Errorf("find maps: %w", err)
		}
		c := core.NewBaseCollection("map_updates")
		c.Fields.Add(relation("map", maps, true))
		// base64 of a merged Yjs update; the sync server folds the log long before this fills.
		c.Fields.Add(&core.TextField{Name: "update", Required: true, Max: 8 << 20})
		timestamps(c)
		c.AddIndex("idx_map_updates_map", false, "map", "")
		if err := save(app, c); err != nil {
			return err
		}

		settings := app.Settings()
		settings.Batch.Enabled = true
		settings.Batch.MaxRequests = batchMaxRequests
		settings.Batch.Timeout = batchTimeoutSec
		settings.Batch.MaxBodySize = 64 << 20
		if err := app.Save(settings); err != nil {
			return fmt.Errorf("enable batch requests: %w", err)
		}
		return nil
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("map_updates")
		if err != nil {
			return nil
		}
		return app.Delete(c)
	})
}
