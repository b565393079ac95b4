package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Rules that hold an organisation. The rules reached memberships through @collection
// conditions, which PocketBase joins without a join condition: the maps rule read
// maps × map_members × team_members, so a list took seconds at 1,000 maps. They now go through
// back-relations, joined on indexed relation columns (rules.go), and memberships get an index by
// user, so "my maps" and "my teams" start from the user's own rows.
var membershipUserIndexes = []struct{ collection, name string }{
	{"map_members", "idx_map_members_user"},
	{"team_members", "idx_team_members_user"},
}

func init() {
	m.Register(func(app core.App) error {
		for _, ix := range membershipUserIndexes {
			c, err := app.FindCollectionByNameOrId(ix.collection)
			if err != nil {
				return fmt.Errorf("find %s: %w", ix.collection, err)
			}
			c.AddIndex(ix.name, false, "user", "")
			if err := app.Save(c); err != nil {
				return fmt.Errorf("add %s: %w", ix.name, err)
			}
		}
		return applyRuleSnapshot(app, rulesOn1764950000)
	}, func(app core.App) error {
		for _, ix := range membershipUserIndexes {
			c, err := app.FindCollectionByNameOrId(ix.collection)
			if err != nil {
				continue
			}
			c.RemoveIndex(ix.name)
			if err := app.Save(c); err != nil {
				return fmt.Errorf("remove %s: %w", ix.name, err)
			}
		}
		return nil
	})
}

// rulesOn1764950000: the API rules through back-relations (written: what changed). The newest: rules_test.go
// checks that the builders in rules.go still say the same, so a changed rule needs a new migration.
var rulesOn1764950000 = rulesOn1764800000.with(ruleSnapshot{
	"access_log": {
		list:   rule("@request.auth.id != \"\" && @request.auth.map_members_via_user.map ?= map && (@request.auth.map_members_via_user.user ?= @request.auth.id && (@request.auth.map_members_via_user.role ?= \"youth\" || @request.auth.map_members_via_user.role ?= \"professional\"))"),
		view:   rule("@request.auth.id != \"\" && @request.auth.map_members_via_user.map ?= map && (@request.auth.map_members_via_user.user ?= @request.auth.id && (@request.auth.map_members_via_user.role ?= \"youth\" || @request.auth.map_members_via_user.role ?= \"professional\"))"),
		create: nil,
		update: nil,
		del:    nil,
	},
	"jim_tips": {
		list:   rule("@request.auth.id != \"\" && @request.context != \"expand\" && (status = \"published\" && (@request.auth.team_members_via_user.user ?= @request.auth.id && (@request.auth.team_members_via_user.role ?= \"professional\")) || offered_by = @request.auth.id || (map.map_members_via_map.user ?= @request.auth.id && (map.map_members_via_map.role ?= \"professional\")))"),
		view:   rule("@request.auth.id != \"\" && @request.context != \"expand\" && (status = \"published\" && (@request.auth.team_members_via_user.user ?= @request.auth.id && (@request.auth.team_members_via_user.role ?= \"professional\")) || offered_by = @request.auth.id || (map.map_members_via_map.user ?= @request.auth.id && (map.map_members_via_map.role ?= \"professional\")))"),
		create: rule("@request.auth.id != \"\" && (map.map_members_via_map.user ?= @request.auth.id && (map.map_members_via_map.role ?= \"jim\")) && offered_by = @request.auth.id && status = \"offered\" && published_by = \"\" && published_at = \"\""),
		update: rule("@request.auth.id != \"\" && (map.map_members_via_map.user ?= @request.auth.id && (map.map_members_via_map.role ?= \"professional\")) && @request.body.published_at:isset = false && (@request.body.status:isset = false || @request.body.status = \"published\")"),
		del:    rule("@request.auth.id != \"\" && (offered_by = @request.auth.id || (map.map_members_via_map.user ?= @request.auth.id && (map.map_members_via_map.role ?= \"professional\")))"),
	},
	"map_members": {
		list:   rule("@request.auth.id != \"\" && ((map.map_members_via_map.user ?= @request.auth.id) || (map.team.team_members_via_team.user ?= @request.auth.id && (map.team.team_members_via_team.role ?= \"reviewer\")))"),
		view:   rule("@request.auth.id != \"\" && ((map.map_members_via_map.user ?= @request.auth.id) || (map.team.team_members_via_team.user ?= @request.auth.id && (map.team.team_members_via_team.role ?= \"reviewer\")))"),
		create: nil,
		update: nil,
		del:    rule("@request.auth.id != \"\" && ((map.map_members_via_map.user ?= @request.auth.id && (map.map_members_via_map.role ?= \"professional\")) || (map.map_members_via_map.user ?= @request.auth.id && (map.map_members_via_map.role ?= \"youth\")) && (role = \"jim\" || role = \"parent\"))"),
	},
	"map_versions": {
		list:   rule("@request.auth.id != \"\" && ((map.map_members_via_map.user ?= @request.auth.id) || (map.team.team_members_via_team.user ?= @request.auth.id && (map.team.team_members_via_team.role ?= \"reviewer\")))"),
		view:   rule("@request.auth.id != \"\" && ((map.map_members_via_map.user ?= @request.auth.id) || (map.team.team_members_via_team.user ?= @request.auth.id && (map.team.team_members_via_team.role ?= \"reviewer\")))"),
		create: nil,
		update: nil,
		del:    nil,
	},
	"maps": {
		list:   rule("@request.auth.id != \"\" && ((map_members_via_map.user ?= @request.auth.id) || (team.team_members_via_team.user ?= @request.auth.id && (team.team_members_via_team.role ?= \"reviewer\")))"),
		view:   rule("@request.auth.id != \"\" && ((map_members_via_map.user ?= @request.auth.id) || (team.team_members_via_team.user ?= @request.auth.id && (team.team_members_via_team.role ?= \"reviewer\")))"),
		create: rule("@request.auth.id != \"\" && (@request.body.team.team_members_via_team.user ?= @request.auth.id && (@request.body.team.team_members_via_team.role ?= \"professional\")) && @request.body.youth:isset = false"),
		update: rule("@request.auth.id != \"\" && (map_members_via_map.user ?= @request.auth.id && (map_members_via_map.role ?= \"professional\")) && @request.body.team:isset = false && @request.body.youth:isset = false && @request.body.created_by:isset = false"),
		del:    nil,
	},
	"teams": {
		list:   rule("@request.auth.id != \"\" && (team_members_via_team.user ?= @request.auth.id)"),
		view:   rule("@request.auth.id != \"\" && (team_members_via_team.user ?= @request.auth.id)"),
		create: nil,
		update: nil,
		del:    nil,
	},
})
