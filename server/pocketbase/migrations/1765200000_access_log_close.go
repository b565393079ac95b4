package migrations

import (
	"fmt"
	"slices"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The access log also notes when the map's professional closes the file ("close"):
// hooks/map_close.go writes the row in the same transaction as the closing.
const accessActionClose = "close"

func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId(accessLogCollection)
		if err != nil {
			return fmt.Errorf("find access_log: %w", err)
		}
		field, ok := c.Fields.GetByName("action").(*core.SelectField)
		if !ok {
			return fmt.Errorf("access_log.action is not a select field")
		}
		if !slices.Contains(field.Values, accessActionClose) {
			field.Values = append(field.Values, accessActionClose)
		}
		if err := app.Save(c); err != nil {
			return fmt.Errorf("access_log close: %w", err)
		}
		return nil
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId(accessLogCollection)
		if err != nil {
			return fmt.Errorf("find access_log: %w", err)
		}
		if field, ok := c.Fields.GetByName("action").(*core.SelectField); ok {
			field.Values = slices.DeleteFunc(field.Values, func(v string) bool { return v == accessActionClose })
		}
		return app.Save(c)
	})
}
