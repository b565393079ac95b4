package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// The first schema: teams and who is in them, maps and who holds which role on them,
// each map's live Yjs state, and its versions.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return fmt.Errorf("find users: %w", err)
		}
		if err := hardenUsers(app, users); err != nil {
			return err
		}
		steps := []func(core.App, *core.Collection) error{
			createTeams, createTeamMembers, createMaps, createMapMembers, createMapDocs, createMapVersions,
		}
		for _, step := range steps {
			if err := step(app, users); err != nil {
				return err
			}
		}
		// Rules refer to other collections, so they are set once all of them exist.
		return applyRuleSnapshot(app, rulesOn1764000000)
	}, func(app core.App) error {
		for _, name := range []string{"map_versions", "map_docs", "map_members", "maps", "team_members", "teams"} {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				continue
			}
			if err := app.Delete(c); err != nil {
				return fmt.Errorf("delete %s: %w", name, err)
			}
		}
		return nil
	})
}

// hardenUsers: no open sign-up (accounts come from a professional or an invite), a user sees
// and changes only their own account, and no account is deleted through the API (the file
// must be kept; erasure is a deliberate, logged procedure).
func hardenUsers(app core.App, users *core.Collection) error {
	self := `id = @request.auth.id`
	users.ListRule = types.Pointer(self)
	users.ViewRule = types.Pointer(self)
	users.CreateRule = nil
	users.UpdateRule = types.Pointer(self)
	users.DeleteRule = nil
	users.OAuth2.Enabled = false
	if err := app.Save(users); err != nil {
		return fmt.Errorf("harden users: %w", err)
	}
	return nil
}

func timestamps(c *core.Collection) {
	c.Fields.Add(&core.AutodateField{Name: "created", OnCreate: true})
	c.Fields.Add(&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true})
}

func relation(name string, target *core.Collection, required bool) *core.RelationField {
	return &core.RelationField{Name: name, CollectionId: target.Id, MaxSelect: 1, Required: required, CascadeDelete: true}
}

func createTeams(app core.App, _ *core.Collection) error {
	c := core.NewBaseCollection("teams")
	c.Fields.Add(&core.TextField{Name: "name", Required: true, Max: 120})
	timestamps(c)
	return save(app, c)
}

func createTeamMembers(app core.App, users *core.Collection) error {
	teams, err := app.FindCollectionByNameOrId("teams")
	if err != nil {
		return err
	}
	c := core.NewBaseCollection("team_members")
	c.Fields.Add(relation("team", teams, true))
	c.Fields.Add(relation("user", users, true))
	c.Fields.Add(&core.SelectField{Name: "role", Values: teamRoles, MaxSelect: 1, Required: true})
	timestamps(c)
	c.AddIndex("idx_team_members_team_user", true, "team, user", "")
	return save(app, c)
}

func createMaps(app core.App, users *core.Collection) error {
	teams, err := app.FindCollectionByNameOrId("teams")
	if err != nil {
		return err
	}
	c := core.NewBaseCollection("maps")

	team := relation("team", teams, true)
	team.CascadeDelete = false
	c.Fields.Add(team)
	youth := relation("youth", users, false)
	youth.CascadeDelete = false
	c.Fields.Add(youth)
	c.Fields.Add(&core.TextField{Name: "youth_name", Required: true, Max: 80})
	createdBy := relation("created_by", users, false)
	createdBy.CascadeDelete = false
	c.Fields.Add(createdBy)
	timestamps(c)
	return save(app, c)
}

func createMapMembers(app core.App, users *core.Collection) error {
	maps, err := app.FindCollectionByNameOrId("maps")
	if err != nil {
		return err
	}
	c := core.NewBaseCollection("map_members")
	c.Fields.Add(relation("map", maps, true))
	c.Fields.Add(relation("user", users, true))
	c.Fields.Add(&core.SelectField{Name: "role", Values: mapRoles, MaxSelect: 1, Required: true})
	timestamps(c)
	c.AddIndex("idx_map_members_map_user", true, "map, user", "")
	return save(app, c)
}

// map_docs holds each map's live Yjs state. Only the sync server (as superuser) reads or
// writes it: clients get a map's content through the sync endpoint, where access is checked.
func createMapDocs(app core.App, _ *core.Collection) error {
	maps, err := app.FindCollectionByNameOrId("maps")
	if err != nil {
		return err
	}
	c := core.NewBaseCollection("map_docs")
	c.Fields.Add(relation("map", maps, true))
	// base64 of Y.encodeStateAsUpdate; 16 MiB is far above a network map's size.
	c.Fields.Add(&core.TextField{Name: "state", Max: 16 << 20})
	timestamps(c)
	c.AddIndex("idx_map_docs_map", true, "map", "")
	return save(app, c)
}

// map_versions are checkpoints of a map: the full Yjs state plus a JSON projection.
func createMapVersions(app core.App, _ *core.Collection) error {
	maps, err := app.FindCollectionByNameOrId("maps")
	if err != nil {
		return err
	}
	c := core.NewBaseCollection("map_versions")
	c.Fields.Add(relation("map", maps, true))
	c.Fields.Add(&core.SelectField{Name: "kind", Values: []string{"auto", "evaluation"}, MaxSelect: 1, Required: true})
	c.Fields.Add(&core.TextField{Name: "note", Max: 2000})
	c.Fields.Add(&core.DateField{Name: "taken_at", Required: true})
	// base64 of Y.encodeStateAsUpdateV2.
	c.Fields.Add(&core.TextField{Name: "state", Max: 16 << 20, Hidden: true})
	c.Fields.Add(&core.JSONField{Name: "projection", MaxSize: 4 << 20})
	timestamps(c)
	c.AddIndex("idx_map_versions_map_taken", false, "map, taken_at", "")
	return save(app, c)
}

func save(app core.App, c *core.Collection) error {
	if err := app.Save(c); err != nil {
		return fmt.Errorf("create %s: %w", c.Name, err)
	}
	return nil
}

// rulesOn1764000000: every collection's API rules as they stood when this migration was written (a
// collection made by a later migration is skipped here and gets its rules there).
var rulesOn1764000000 = ruleSnapshot{
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
		create: rule("@request.auth.id != \"\" && (@collection.map_members:mp.map ?= @request.body.map && @collection.map_members:mp.user ?= @request.auth.id && (@collection.map_members:mp.role ?= \"professional\"))"),
		update: rule("@request.auth.id != \"\" && (@collection.map_members:mp.map ?= map && @collection.map_members:mp.user ?= @request.auth.id && (@collection.map_members:mp.role ?= \"professional\")) && @request.body.map:isset = false && @request.body.user:isset = false"),
		del:    rule("@request.auth.id != \"\" && (@collection.map_members:mp.map ?= map && @collection.map_members:mp.user ?= @request.auth.id && (@collection.map_members:mp.role ?= \"professional\"))"),
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
		create: rule("@request.auth.id != \"\" && (@collection.team_members:tp.team ?= @request.body.team && @collection.team_members:tp.user ?= @request.auth.id && (@collection.team_members:tp.role ?= \"professional\"))"),
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
}
