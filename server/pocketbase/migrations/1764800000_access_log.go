package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Who opened a youth's map and what they did with it (NEN 7513: what happened, when, which
// client, which user, in which role, from where). hooks/access_log.go writes a row when
// PocketBase lets a user view a map and when the app says the map was printed; the sync server
// writes one for an evaluation moment, a restore and an erasure. The youth and the map's
// professional read them (rules.go); nobody changes or deletes one through the API, and they
// outlive the map (its id is text, not a relation), to be kept five years.
const accessLogCollection = "access_log"

// accessActions: opened, printed, an evaluation moment recorded, a version put back, a person erased.
var accessActions = []string{"view", "print", "evaluation", "restore", "erase"}

func init() {
	m.Register(func(app core.App) error {
		c := core.NewBaseCollection(accessLogCollection)
		c.Fields.Add(
			&core.TextField{Name: "map", Required: true, Max: 15},
			&core.TextField{Name: "user", Required: true, Max: 15},
			&core.TextField{Name: "user_name", Max: 200},
			&core.TextField{Name: "role", Max: 20},
			&core.SelectField{Name: "action", Values: accessActions, MaxSelect: 1, Required: true},
			&core.TextField{Name: "address", Max: 64},
			&core.AutodateField{Name: "created", OnCreate: true},
		)
		c.AddIndex("idx_access_log_map_created", false, "map, created", "")
		c.AddIndex("idx_access_log_map_user_created", false, "map, user, created", "")
		if err := app.Save(c); err != nil {
			return fmt.Errorf("create access_log: %w", err)
		}
		return applyRuleSnapshot(app, rulesOn1764800000)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId(accessLogCollection)
		if err != nil {
			return nil
		}
		return app.Delete(c)
	})
}

// rulesOn1764800000: the API rules as they stood when the access log came (written: what changed).
var rulesOn1764800000 = rulesOn1764500000.with(ruleSnapshot{
	"access_log": {
		list:   rule("@request.auth.id != \"\" && (@collection.map_members:al.map ?= map && @collection.map_members:al.user ?= @request.auth.id && (@collection.map_members:al.role ?= \"youth\" || @collection.map_members:al.role ?= \"professional\"))"),
		view:   rule("@request.auth.id != \"\" && (@collection.map_members:al.map ?= map && @collection.map_members:al.user ?= @request.auth.id && (@collection.map_members:al.role ?= \"youth\" || @collection.map_members:al.role ?= \"professional\"))"),
		create: nil,
		update: nil,
		del:    nil,
	},
})
