package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The access log also notes when the map's professional closes the file ("close"):
// hooks/map_close.go writes the row in the same transaction as the closing.
const accessActionClose = "close"

func init() {
	m.Register(func(app core.App) error {
		return addAccessActions(app, accessActionClose)
	}, func(app core.App) error {
		return removeAccessActions(app, accessActionClose)
	})
}
