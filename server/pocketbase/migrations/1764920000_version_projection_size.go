package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// A version must hold every map the sync server takes. The live map may grow to 4 MiB of Yjs
// state (server/sync/index.ts); its JSON projection can be twice that, as JSON escapes quotes,
// backslashes and line breaks the map holds as single bytes (the write rules refuse other control
// characters), plus the keys of every field. The projection was capped at 4 MiB, so a large map
// lost its versions and an evaluation moment failed: it may now take 12 MiB.
const versionProjectionMaxBytes = 12 << 20

func init() {
	m.Register(func(app core.App) error {
		return setVersionProjectionMax(app, versionProjectionMaxBytes)
	}, func(app core.App) error {
		return setVersionProjectionMax(app, 4<<20)
	})
}

func setVersionProjectionMax(app core.App, max int64) error {
	c, err := app.FindCollectionByNameOrId("map_versions")
	if err != nil {
		return fmt.Errorf("find map_versions: %w", err)
	}
	field, ok := c.Fields.GetByName("projection").(*core.JSONField)
	if !ok {
		return fmt.Errorf("map_versions.projection is not a JSON field")
	}
	field.MaxSize = max
	if err := app.Save(c); err != nil {
		return fmt.Errorf("resize map_versions.projection: %w", err)
	}
	return nil
}
