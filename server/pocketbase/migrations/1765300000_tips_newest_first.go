package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The tips search shows the newest published tips first, a page at a time. With the sort's
// whole order in an index (published_at, then created), SQLite walks it and stops after the
// page; before, it sorted every published tip for every page (hooks/rule_plans_test.go).
func init() {
	m.Register(func(app core.App) error {
		return tipIndexes(app, "status, theme, published_at, created", true)
	}, func(app core.App) error {
		return tipIndexes(app, "status, theme, published_at", false)
	})
}

func tipIndexes(app core.App, byTheme string, newestFirst bool) error {
	c, err := app.FindCollectionByNameOrId("jim_tips")
	if err != nil {
		return err
	}
	c.RemoveIndex("idx_jim_tips_status_theme")
	c.AddIndex("idx_jim_tips_status_theme", false, byTheme, "")
	c.RemoveIndex("idx_jim_tips_status_published")
	if newestFirst {
		c.AddIndex("idx_jim_tips_status_published", false, "status, published_at, created", "")
	}
	return app.Save(c)
}
