package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Reading a map's versions is reading the map as it was: the access log notes it as "history"
// (hooks/access_log.go), once per user and map within five minutes, like an opening.
var accessActionsWithHistory = []string{"view", "print", "evaluation", "restore", "erase", "history"}

func init() {
	m.Register(func(app core.App) error {
		return setAccessActions(app, accessActionsWithHistory)
	}, func(app core.App) error {
		return setAccessActions(app, []string{"view", "print", "evaluation", "restore", "erase"})
	})
}

func setAccessActions(app core.App, actions []string) error {
	c, err := app.FindCollectionByNameOrId("access_log")
	if err != nil {
		return fmt.Errorf("find access_log: %w", err)
	}
	field, ok := c.Fields.GetByName("action").(*core.SelectField)
	if !ok {
		return fmt.Errorf("access_log.action is not a select field")
	}
	field.Values = actions
	if err := app.Save(c); err != nil {
		return fmt.Errorf("access_log actions: %w", err)
	}
	return nil
}
