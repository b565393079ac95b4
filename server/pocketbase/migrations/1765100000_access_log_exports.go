package migrations

import (
	"fmt"
	"slices"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The access log also notes when someone downloads the youth's data ("export": the whole file as
// a ZIP; "export-log": this log as CSV) and when a member is removed from the map ("remove-member",
// with who in `detail`). hooks/export.go writes these rows. Values are added to whatever the field
// holds by then, so a migration of the same day that adds others keeps them.
var accessActionsOfExports = []string{"export", "export-log", "remove-member"}

// accessDetailMax: a role and a name ("jim: Nora Bakker").
const accessDetailMax = 200

func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId(accessLogCollection)
		if err != nil {
			return fmt.Errorf("find access_log: %w", err)
		}
		if err := withAccessActions(c, accessActionsOfExports...); err != nil {
			return err
		}
		if c.Fields.GetByName("detail") == nil {
			c.Fields.Add(&core.TextField{Name: "detail", Max: accessDetailMax})
		}
		if err := app.Save(c); err != nil {
			return fmt.Errorf("access_log exports: %w", err)
		}
		return nil
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId(accessLogCollection)
		if err != nil {
			return fmt.Errorf("find access_log: %w", err)
		}
		withoutAccessActions(c, accessActionsOfExports...)
		c.Fields.RemoveByName("detail")
		return app.Save(c)
	})
}

// withAccessActions adds actions to the access log's list, keeping what it holds by then (so
// migrations of the same day that add others keep theirs).
func withAccessActions(c *core.Collection, actions ...string) error {
	field, ok := c.Fields.GetByName("action").(*core.SelectField)
	if !ok {
		return fmt.Errorf("access_log.action is not a select field")
	}
	for _, action := range actions {
		if !slices.Contains(field.Values, action) {
			field.Values = append(field.Values, action)
		}
	}
	return nil
}

func withoutAccessActions(c *core.Collection, actions ...string) {
	if field, ok := c.Fields.GetByName("action").(*core.SelectField); ok {
		field.Values = slices.DeleteFunc(field.Values, func(v string) bool { return slices.Contains(actions, v) })
	}
}

// addAccessActions and removeAccessActions: a migration that only adds actions, and its way back.
func addAccessActions(app core.App, actions ...string) error {
	c, err := app.FindCollectionByNameOrId(accessLogCollection)
	if err != nil {
		return fmt.Errorf("find access_log: %w", err)
	}
	if err := withAccessActions(c, actions...); err != nil {
		return err
	}
	if err := app.Save(c); err != nil {
		return fmt.Errorf("access_log actions: %w", err)
	}
	return nil
}

func removeAccessActions(app core.App, actions ...string) error {
	c, err := app.FindCollectionByNameOrId(accessLogCollection)
	if err != nil {
		return fmt.Errorf("find access_log: %w", err)
	}
	withoutAccessActions(c, actions...)
	return app.Save(c)
}
