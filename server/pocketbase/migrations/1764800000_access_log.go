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

// rulesOn1764800000: the API rules as they stood when the access log came.
var rulesOn1764800000 = ruleSnapshot{
	"access_log": {
		list:   rule("@request.auth.id != \"\" && (@collection.map_members:al.map ?= map && @collection.map_members:al.user ?= @request.auth.id && (@collection.map_members:al.role ?= \"youth\" || @collection.map_members:al.role ?= \"professional\"))"),
		view:   rule("@request.auth.id != \"\" && (@collection.map_members:al.map ?= map && @collection.map_members:al.user ?= @request.auth.id && (@collection.map_members:al.role ?= \"youth\" || @collection.map_members:al.role ?= \"professional\"))"),
		create: nil,
		update: nil,
		del:    nil,
	},
	"jim_tips": {
		list:   rule("@request.auth.id != \"\" && @request.context != \"expand\" && (status = \"published\" && (@collection.team_members:tp.user ?= @request.auth.id && (@collection.team_members:tp.role ?= \"professional\")) || offered_by = @request.auth.id || (@collection.map_members:tm.map ?= map && @collection.map_members:tm.user ?= @request.auth.id && (@collection.map_members:tm.role ?= \"professional\")))"),
		view:   rule("@request.auth.id != \"\" && @request.context != \"expand\" && (status = \"published\" && (@collection.team_members:tp.user ?= @request.auth.id && (@collection.team_members:tp.role ?= \"professional\")) || offered_by = @request.auth.id || (@collection.map_members:tm.map ?= map && @collection.map_members:tm.user ?= @request.auth.id && (@collection.map_members:tm.role ?= \"professional\")))"),
		create: rule("@request.auth.id != \"\" && (@collection.map_members:tj.map ?= map && @collection.map_members:tj.user ?= @request.auth.id && (@collection.map_members:tj.role ?= \"jim\")) && offered_by = @request.auth.id && status = \"offered\" && published_by = \"\" && published_at = \"\""),
		update: rule("@request.auth.id != \"\" && (@collection.map_members:tm.map ?= map && @collection.map_members:tm.user ?= @request.auth.id && (@collection.map_members:tm.role ?= \"professional\")) && @request.body.published_at:isset = false && (@request.body.status:isset = false || @request.body.status = \"published\")"),
		del:    rule("@request.auth.id != \"\" && (offered_by = @request.auth.id || (@collection.map_members:tm.map ?= map && @collection.map_members:tm.user ?= @request.auth.id && (@collection.map_members:tm.role ?= \"professional\")))"),
	},
	"map_docs": {
		list:   nil,
		view:   nil,
		create: nil,
		update: nil,
		del:    nil,
	},
	"map_members": {
		list:   rule("@request.auth.id != \"\" && ((@collection.map_members:mr.map ?= map && @collection.map_members:mr.user ?= @request.auth.id) || (@collection.team_members:tr.team ?= map.team && @collection.team_members:tr.user ?= @request.auth.id && (@collection.team_members:tr.role ?= \"reviewer\")))"),
		view:   rule("@request.auth.id != \"\" && ((@collection.map_members:mr.map ?= map && @collection.map_members:mr.user ?= @request.auth.id) || (@collection.team_members:tr.team ?= map.team && @collection.team_members:tr.user ?= @request.auth.id && (@collection.team_members:tr.role ?= \"reviewer\")))"),
		create: nil,
		update: nil,
		del:    rule("@request.auth.id != \"\" && ((@collection.map_members:dp.map ?= map && @collection.map_members:dp.user ?= @request.auth.id && (@collection.map_members:dp.role ?= \"professional\")) || (@collection.map_members:dy.map ?= map && @collection.map_members:dy.user ?= @request.auth.id && (@collection.map_members:dy.role ?= \"youth\")) && (role = \"jim\" || role = \"parent\"))"),
	},
	"map_versions": {
		list:   rule("@request.auth.id != \"\" && ((@collection.map_members:mr.map ?= map && @collection.map_members:mr.user ?= @request.auth.id) || (@collection.team_members:tr.team ?= map.team && @collection.team_members:tr.user ?= @request.auth.id && (@collection.team_members:tr.role ?= \"reviewer\")))"),
		view:   rule("@request.auth.id != \"\" && ((@collection.map_members:mr.map ?= map && @collection.map_members:mr.user ?= @request.auth.id) || (@collection.team_members:tr.team ?= map.team && @collection.team_members:tr.user ?= @request.auth.id && (@collection.team_members:tr.role ?= \"reviewer\")))"),
		create: nil,
		update: nil,
		del:    nil,
	},
	"maps": {
		list:   rule("@request.auth.id != \"\" && ((@collection.map_members:mr.map ?= id && @collection.map_members:mr.user ?= @request.auth.id) || (@collection.team_members:tr.team ?= team && @collection.team_members:tr.user ?= @request.auth.id && (@collection.team_members:tr.role ?= \"reviewer\")))"),
		view:   rule("@request.auth.id != \"\" && ((@collection.map_members:mr.map ?= id && @collection.map_members:mr.user ?= @request.auth.id) || (@collection.team_members:tr.team ?= team && @collection.team_members:tr.user ?= @request.auth.id && (@collection.team_members:tr.role ?= \"reviewer\")))"),
		create: rule("@request.auth.id != \"\" && (@collection.team_members:tp.team ?= @request.body.team && @collection.team_members:tp.user ?= @request.auth.id && (@collection.team_members:tp.role ?= \"professional\")) && @request.body.youth:isset = false"),
		update: rule("@request.auth.id != \"\" && (@collection.map_members:mp.map ?= id && @collection.map_members:mp.user ?= @request.auth.id && (@collection.map_members:mp.role ?= \"professional\")) && @request.body.team:isset = false && @request.body.youth:isset = false && @request.body.created_by:isset = false"),
		del:    nil,
	},
	"team_members": {
		list:   rule("@request.auth.id != \"\" && user = @request.auth.id"),
		view:   rule("@request.auth.id != \"\" && user = @request.auth.id"),
		create: nil,
		update: nil,
		del:    nil,
	},
	"teams": {
		list:   rule("@request.auth.id != \"\" && (@collection.team_members:tm.team ?= id && @collection.team_members:tm.user ?= @request.auth.id)"),
		view:   rule("@request.auth.id != \"\" && (@collection.team_members:tm.team ?= id && @collection.team_members:tm.user ?= @request.auth.id)"),
		create: nil,
		update: nil,
		del:    nil,
	},
	"users": {
		list:   rule("@request.auth.id != \"\" && id = @request.auth.id"),
		view:   rule("@request.auth.id != \"\" && id = @request.auth.id"),
		create: nil,
		update: rule("@request.auth.id != \"\" && id = @request.auth.id && @request.body.name:isset = false && @request.body.email:isset = false && @request.body.verified:isset = false && @request.body.emailVisibility:isset = false"),
		del:    nil,
	},
}
