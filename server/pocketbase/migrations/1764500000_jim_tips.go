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
		return applyRules(app)
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
