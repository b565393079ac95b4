package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// A map the professional closes (the care ended) is kept read-only: `closed_at` and `closed_by`
// are stamped by POST /api/kring/maps/{map}/close (retention/close.go), never by a client, and
// from then on the rules refuse changes to the map and new JIM-tips from it; the sync server
// takes no edits (it reads `closed` at each connection). Youth-care files are kept 20 years
// after they close (Jeugdwet): `npm run retention` lists those past it, by this index.
const mapsClosedIndex = "idx_maps_closed_at"

func init() {
	m.Register(func(app core.App) error {
		maps, err := app.FindCollectionByNameOrId("maps")
		if err != nil {
			return fmt.Errorf("find maps: %w", err)
		}
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return fmt.Errorf("find users: %w", err)
		}
		maps.Fields.Add(&core.DateField{Name: "closed_at"})
		closedBy := relation("closed_by", users, false)
		closedBy.CascadeDelete = false
		maps.Fields.Add(closedBy)
		maps.AddIndex(mapsClosedIndex, false, "closed_at", "closed_at != ''")
		if err := app.Save(maps); err != nil {
			return fmt.Errorf("add closed_at to maps: %w", err)
		}
		return applyRuleSnapshot(app, rulesOn1765000000)
	}, func(app core.App) error {
		if err := applyRuleSnapshot(app, rulesOn1764950000); err != nil {
			return err
		}
		maps, err := app.FindCollectionByNameOrId("maps")
		if err != nil {
			return nil
		}
		maps.RemoveIndex(mapsClosedIndex)
		maps.Fields.RemoveByName("closed_at")
		maps.Fields.RemoveByName("closed_by")
		return app.Save(maps)
	})
}

// rulesOn1765000000: a closed map is read-only (written: what changed). The newest: rules_test.go
// checks that the builders in rules.go still say the same, so a changed rule needs a new migration.
var rulesOn1765000000 = rulesOn1764950000.with(ruleSnapshot{
	"maps": {
		list:   rule("@request.auth.id != \"\" && ((map_members_via_map.user ?= @request.auth.id) || (team.team_members_via_team.user ?= @request.auth.id && (team.team_members_via_team.role ?= \"reviewer\")))"),
		view:   rule("@request.auth.id != \"\" && ((map_members_via_map.user ?= @request.auth.id) || (team.team_members_via_team.user ?= @request.auth.id && (team.team_members_via_team.role ?= \"reviewer\")))"),
		create: rule("@request.auth.id != \"\" && (@request.body.team.team_members_via_team.user ?= @request.auth.id && (@request.body.team.team_members_via_team.role ?= \"professional\")) && @request.body.youth:isset = false && @request.body.closed_at:isset = false && @request.body.closed_by:isset = false"),
		update: rule("@request.auth.id != \"\" && (map_members_via_map.user ?= @request.auth.id && (map_members_via_map.role ?= \"professional\")) && closed_at = \"\" && @request.body.team:isset = false && @request.body.youth:isset = false && @request.body.created_by:isset = false && @request.body.closed_at:isset = false && @request.body.closed_by:isset = false"),
		del:    nil,
	},
	"jim_tips": {
		list:   rule("@request.auth.id != \"\" && @request.context != \"expand\" && (status = \"published\" && (@request.auth.team_members_via_user.user ?= @request.auth.id && (@request.auth.team_members_via_user.role ?= \"professional\")) || offered_by = @request.auth.id || (map.map_members_via_map.user ?= @request.auth.id && (map.map_members_via_map.role ?= \"professional\")))"),
		view:   rule("@request.auth.id != \"\" && @request.context != \"expand\" && (status = \"published\" && (@request.auth.team_members_via_user.user ?= @request.auth.id && (@request.auth.team_members_via_user.role ?= \"professional\")) || offered_by = @request.auth.id || (map.map_members_via_map.user ?= @request.auth.id && (map.map_members_via_map.role ?= \"professional\")))"),
		create: rule("@request.auth.id != \"\" && (map.map_members_via_map.user ?= @request.auth.id && (map.map_members_via_map.role ?= \"jim\")) && map.closed_at = \"\" && offered_by = @request.auth.id && status = \"offered\" && published_by = \"\" && published_at = \"\""),
		update: rule("@request.auth.id != \"\" && (map.map_members_via_map.user ?= @request.auth.id && (map.map_members_via_map.role ?= \"professional\")) && map.closed_at = \"\" && @request.body.published_at:isset = false && (@request.body.status:isset = false || @request.body.status = \"published\")"),
		del:    rule("@request.auth.id != \"\" && (offered_by = @request.auth.id || (map.map_members_via_map.user ?= @request.auth.id && (map.map_members_via_map.role ?= \"professional\")))"),
	},
})
