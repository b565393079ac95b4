package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// JIM-tips ("Wat zou JIM doen?"): a JIM offers their answer to a question as a tip for other
// families; the map's professional checks that it tells nobody who, and publishes it; every
// professional of the installation reads published tips by theme and words.
//
// A published tip carries only its words, a theme and the JIM's relation ("een tante"). Which
// map it came from and who offered or published it are hidden fields: the API rules use them
// (rules.go, jimTipsRules), PocketBase never returns them to a client and refuses filters and
// sorts on them.
const (
	tipTextMax     = 1000
	tipRelationMax = 40
)

// tipThemes: a closed list, so a theme filter finds every tip about it.
var tipThemes = []string{
	"school", "werk", "geld", "ruzie-thuis", "vrienden", "online",
	"gezondheid", "politie", "wonen", "vrije-tijd", "anders",
}

func init() {
	m.Register(func(app core.App) error {
		if err := createJimTips(app); err != nil {
			return err
		}
		return applyRuleSnapshot(app, rulesOn1764500000)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("jim_tips")
		if err != nil {
			return nil
		}
		if err := app.Delete(c); err != nil {
			return fmt.Errorf("delete jim_tips: %w", err)
		}
		return nil
	})
}

func createJimTips(app core.App) error {
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return fmt.Errorf("find users: %w", err)
	}
	maps, err := app.FindCollectionByNameOrId("maps")
	if err != nil {
		return fmt.Errorf("find maps: %w", err)
	}
	c := core.NewBaseCollection("jim_tips")
	c.Fields.Add(&core.TextField{Name: "text", Required: true, Max: tipTextMax})
	c.Fields.Add(&core.SelectField{Name: "theme", Values: tipThemes, MaxSelect: 1, Required: true})
	c.Fields.Add(&core.TextField{Name: "relation", Max: tipRelationMax})
	c.Fields.Add(&core.SelectField{Name: "status", Values: []string{tipOffered, tipPublished}, MaxSelect: 1, Required: true})

	// Erasing a map or the JIM's account takes their tips with it; a professional's account
	// going leaves the tips they published.
	mapField := relation("map", maps, true)
	mapField.Hidden = true
	c.Fields.Add(mapField)
	offeredBy := relation("offered_by", users, true)
	offeredBy.Hidden = true
	c.Fields.Add(offeredBy)
	publishedBy := relation("published_by", users, false)
	publishedBy.Hidden = true
	publishedBy.CascadeDelete = false
	c.Fields.Add(publishedBy)
	c.Fields.Add(&core.DateField{Name: "published_at"})
	timestamps(c)

	c.AddIndex("idx_jim_tips_map", false, "map", "")
	c.AddIndex("idx_jim_tips_offered_by", false, "offered_by", "")
	c.AddIndex("idx_jim_tips_status_theme", false, "status, theme, published_at", "")
	return save(app, c)
}

// rulesOn1764500000: the API rules as they stood when JIM-tips came (written: the collections whose
// rules changed).
var rulesOn1764500000 = rulesOn1764000000.with(ruleSnapshot{
	"jim_tips": {
		list:   rule("@request.auth.id != \"\" && @request.context != \"expand\" && (status = \"published\" && (@collection.team_members:tp.user ?= @request.auth.id && (@collection.team_members:tp.role ?= \"professional\")) || offered_by = @request.auth.id || (@collection.map_members:tm.map ?= map && @collection.map_members:tm.user ?= @request.auth.id && (@collection.map_members:tm.role ?= \"professional\")))"),
		view:   rule("@request.auth.id != \"\" && @request.context != \"expand\" && (status = \"published\" && (@collection.team_members:tp.user ?= @request.auth.id && (@collection.team_members:tp.role ?= \"professional\")) || offered_by = @request.auth.id || (@collection.map_members:tm.map ?= map && @collection.map_members:tm.user ?= @request.auth.id && (@collection.map_members:tm.role ?= \"professional\")))"),
		create: rule("@request.auth.id != \"\" && (@collection.map_members:tj.map ?= map && @collection.map_members:tj.user ?= @request.auth.id && (@collection.map_members:tj.role ?= \"jim\")) && offered_by = @request.auth.id && status = \"offered\" && published_by = \"\" && published_at = \"\""),
		update: rule("@request.auth.id != \"\" && (@collection.map_members:tm.map ?= map && @collection.map_members:tm.user ?= @request.auth.id && (@collection.map_members:tm.role ?= \"professional\")) && @request.body.published_at:isset = false && (@request.body.status:isset = false || @request.body.status = \"published\")"),
		del:    rule("@request.auth.id != \"\" && (offered_by = @request.auth.id || (@collection.map_members:tm.map ?= map && @collection.map_members:tm.user ?= @request.auth.id && (@collection.map_members:tm.role ?= \"professional\")))"),
	},
	"map_members": {
		list:   rule("@request.auth.id != \"\" && ((@collection.map_members:mr.map ?= map && @collection.map_members:mr.user ?= @request.auth.id) || (@collection.team_members:tr.team ?= map.team && @collection.team_members:tr.user ?= @request.auth.id && (@collection.team_members:tr.role ?= \"reviewer\")))"),
		view:   rule("@request.auth.id != \"\" && ((@collection.map_members:mr.map ?= map && @collection.map_members:mr.user ?= @request.auth.id) || (@collection.team_members:tr.team ?= map.team && @collection.team_members:tr.user ?= @request.auth.id && (@collection.team_members:tr.role ?= \"reviewer\")))"),
		create: nil,
		update: nil,
		del:    rule("@request.auth.id != \"\" && ((@collection.map_members:dp.map ?= map && @collection.map_members:dp.user ?= @request.auth.id && (@collection.map_members:dp.role ?= \"professional\")) || (@collection.map_members:dy.map ?= map && @collection.map_members:dy.user ?= @request.auth.id && (@collection.map_members:dy.role ?= \"youth\")) && (role = \"jim\" || role = \"parent\"))"),
	},
	"maps": {
		list:   rule("@request.auth.id != \"\" && ((@collection.map_members:mr.map ?= id && @collection.map_members:mr.user ?= @request.auth.id) || (@collection.team_members:tr.team ?= team && @collection.team_members:tr.user ?= @request.auth.id && (@collection.team_members:tr.role ?= \"reviewer\")))"),
		view:   rule("@request.auth.id != \"\" && ((@collection.map_members:mr.map ?= id && @collection.map_members:mr.user ?= @request.auth.id) || (@collection.team_members:tr.team ?= team && @collection.team_members:tr.user ?= @request.auth.id && (@collection.team_members:tr.role ?= \"reviewer\")))"),
		create: rule("@request.auth.id != \"\" && (@collection.team_members:tp.team ?= @request.body.team && @collection.team_members:tp.user ?= @request.auth.id && (@collection.team_members:tp.role ?= \"professional\")) && @request.body.youth:isset = false"),
		update: rule("@request.auth.id != \"\" && (@collection.map_members:mp.map ?= id && @collection.map_members:mp.user ?= @request.auth.id && (@collection.map_members:mp.role ?= \"professional\")) && @request.body.team:isset = false && @request.body.youth:isset = false && @request.body.created_by:isset = false"),
		del:    nil,
	},
	"users": {
		list:   rule("@request.auth.id != \"\" && id = @request.auth.id"),
		view:   rule("@request.auth.id != \"\" && id = @request.auth.id"),
		create: nil,
		update: rule("@request.auth.id != \"\" && id = @request.auth.id && @request.body.name:isset = false && @request.body.email:isset = false && @request.body.verified:isset = false && @request.body.emailVisibility:isset = false"),
		del:    nil,
	},
})
