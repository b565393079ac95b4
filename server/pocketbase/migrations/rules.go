package migrations

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// Rule strings shared by the collections. Authorization has one home: these API rules.
// Every rule starts from `authed`, so nobody anonymous sees anything.
//
// Conditions on one @collection alias refer to the same joined row, which is what makes
// "a row of team_members with this team AND this user AND role reviewer" mean one membership.

const authed = `@request.auth.id != ""`

// JIM-tips: the JIM offers an answer for other families; the map's professional checks it
// and publishes it (1764500000_jim_tips.go).
const (
	tipOffered   = "offered"
	tipPublished = "published"
)

const (
	roleYouth        = "youth"
	roleProfessional = "professional"
	roleJIM          = "jim"
	roleParent       = "parent"
	roleReviewer     = "reviewer"
)

var mapRoles = []string{roleYouth, roleProfessional, roleJIM, roleParent}
var teamRoles = []string{roleProfessional, roleReviewer}

// mapMember: the requesting user holds a role on the map given by mapExpr
// (any of roles, or any role when none are given).
func mapMember(alias, mapExpr string, roles ...string) string {
	parts := []string{
		fmt.Sprintf(`@collection.map_members:%s.map ?= %s`, alias, mapExpr),
		fmt.Sprintf(`@collection.map_members:%s.user ?= @request.auth.id`, alias),
	}
	if len(roles) > 0 {
		parts = append(parts, anyRole(alias, "map_members", roles))
	}
	return "(" + strings.Join(parts, " && ") + ")"
}

// teamMember: the requesting user holds one of roles in the team given by teamExpr.
func teamMember(alias, teamExpr string, roles ...string) string {
	return teamMemberUser(alias, teamExpr, "@request.auth.id", roles...)
}

// teamMemberUser: the user given by userExpr holds one of roles in the team given by teamExpr.
func teamMemberUser(alias, teamExpr, userExpr string, roles ...string) string {
	parts := []string{
		fmt.Sprintf(`@collection.team_members:%s.team ?= %s`, alias, teamExpr),
		fmt.Sprintf(`@collection.team_members:%s.user ?= %s`, alias, userExpr),
	}
	if len(roles) > 0 {
		parts = append(parts, anyRole(alias, "team_members", roles))
	}
	return "(" + strings.Join(parts, " && ") + ")"
}

func anyRole(alias, collection string, roles []string) string {
	alts := make([]string, len(roles))
	for i, r := range roles {
		alts[i] = fmt.Sprintf(`@collection.%s:%s.role ?= "%s"`, collection, alias, r)
	}
	return "(" + strings.Join(alts, " || ") + ")"
}

func allOf(conds ...string) string { return strings.Join(conds, " && ") }
func anyOf(conds ...string) string { return "(" + strings.Join(conds, " || ") + ")" }

// anyTeamMember: the requesting user holds one of roles in any team.
func anyTeamMember(alias string, roles ...string) string {
	parts := []string{fmt.Sprintf(`@collection.team_members:%s.user ?= @request.auth.id`, alias)}
	if len(roles) > 0 {
		parts = append(parts, anyRole(alias, "team_members", roles))
	}
	return "(" + strings.Join(parts, " && ") + ")"
}

// mapReadable: members of the map and reviewers of the map's team.
func mapReadable(mapExpr, teamExpr string) string {
	return allOf(authed, anyOf(mapMember("mr", mapExpr), teamMember("tr", teamExpr, roleReviewer)))
}

// notSet: the request may not change these fields (they are fixed at creation).
func notSet(fields ...string) string {
	conds := make([]string, len(fields))
	for i, f := range fields {
		conds[i] = fmt.Sprintf(`@request.body.%s:isset = false`, f)
	}
	return allOf(conds...)
}

type collectionRules struct {
	list, view, create, update, del *string
}

func rule(s string) *string { return &s }

// rulesByCollection: who may do what, per collection. nil = superuser only.
// PERMISSIONS.md (next to go.mod) says the same in plain words; change both together.
func rulesByCollection() map[string]collectionRules {
	mapsRead := rule(mapReadable("id", "team"))
	ofMapRead := rule(mapReadable("map", "map.team"))
	teamsRead := rule(allOf(authed, teamMember("tm", "id")))
	ownTeamRows := rule(allOf(authed, `user = @request.auth.id`))
	self := rule(allOf(authed, `id = @request.auth.id`))
	accessLogRead := rule(allOf(authed, mapMember("al", "map", roleYouth, roleProfessional)))
	return map[string]collectionRules{
		// No sign-up and no deleting through the API (the file is kept). A user sees their own
		// account and may change only its password (PocketBase then asks for the old one):
		// name and e-mail are set by whoever manages the account.
		"users": {
			list: self, view: self,
			update: rule(allOf(authed, `id = @request.auth.id`, notSet("name", "email", "verified", "emailVisibility"))),
		},
		// Teams and their members are managed by superusers; a user sees their own teams.
		"teams":        {list: teamsRead, view: teamsRead},
		"team_members": {list: ownTeamRows, view: ownTeamRows},
		"maps": {
			list: mapsRead, view: mapsRead,
			// A professional of the team starts a map; hooks/ makes them its first member. The youth
			// is not named here: youths join a map by invitation.
			create: rule(allOf(authed, teamMember("tp", "@request.body.team", roleProfessional), notSet("youth"))),
			update: rule(allOf(authed, mapMember("mp", "id", roleProfessional), notSet("team", "youth", "created_by"))),
			// Files are kept for 20 years; erasure is a deliberate superuser procedure.
		},
		"map_members": {
			list: ofMapRead, view: ofMapRead,
			// Nobody adds or changes a membership through the API: everyone joins by accepting an
			// invitation (hooks/invitations.go). The professional removes anyone; the youth removes
			// their JIM and parents (1764400000_invitations.go).
			del: rule(mapMembersRemovable()),
		},
		// Only the sync server, as superuser, reads and writes the live state.
		"map_docs":     {},
		"map_versions": {list: ofMapRead, view: ofMapRead},
		"jim_tips":     jimTipsRules(),
		// Who opened the map: for the youth (their file) and their professional. Written only by
		// hooks/access_log.go; never changed or deleted through the API.
		"access_log": {list: accessLogRead, view: accessLogRead},
	}
}

// jimTipsRules: who may do what with JIM-tips. The tip's map, who offered it and who published
// it are hidden fields: rules use them, but PocketBase never returns them to a client, refuses
// filters and sorts on them, and drops them from a user's request body.
//
// So nobody but a superuser can create a tip through the records API: the route
// POST /api/kring/maps/{map}/tips (hooks/tips.go) sets map and offered_by, and checks the create
// rule below on the new row before it commits. Publishing stamps published_by and published_at
// in a hook, for the same reason.
//
// The professional's check before publishing is the real gate against names: the web app takes
// the map's names out before a tip is sent and warns the professional about names it still
// finds, but only a person reading the text can tell whether it says who.
func jimTipsRules() collectionRules {
	ofMyMap := mapMember("tm", "map", roleProfessional)
	read := rule(allOf(authed,
		// Nobody reaches a tip through another record's expand (maps?expand=jim_tips_via_map):
		// that would tell which map it came from.
		`@request.context != "expand"`,
		anyOf(
			allOf(fmt.Sprintf(`status = "%s"`, tipPublished), anyTeamMember("tp", roleProfessional)),
			`offered_by = @request.auth.id`,
			ofMyMap,
		)))
	return collectionRules{
		list: read, view: read,
		// Only the map's JIM, in their own name, and only as an offer: publishing is the professional's.
		create: rule(allOf(authed,
			mapMember("tj", "map", roleJIM),
			`offered_by = @request.auth.id`,
			fmt.Sprintf(`status = "%s"`, tipOffered),
			`published_by = ""`,
			`published_at = ""`,
		)),
		// The map's professional checks the words and publishes (hooks/tips.go stamps who and
		// when). There is no way back to "offered": a tip that should not be out is removed.
		update: rule(allOf(authed, ofMyMap,
			notSet("published_at"),
			fmt.Sprintf(`(@request.body.status:isset = false || @request.body.status = "%s")`, tipPublished),
		)),
		// The JIM withdraws their tip at any time; the map's professional removes it.
		del: rule(allOf(authed, anyOf(`offered_by = @request.auth.id`, ofMyMap))),
	}
}

func applyRules(app core.App) error {
	for name, r := range rulesByCollection() {
		c, err := app.FindCollectionByNameOrId(name)
		if errors.Is(err, sql.ErrNoRows) {
			// Made by a later migration, which applies the rules again once it exists.
			continue
		} else if err != nil {
			return fmt.Errorf("rules for %s: %w", name, err)
		}
		c.ListRule, c.ViewRule, c.CreateRule, c.UpdateRule, c.DeleteRule = r.list, r.view, r.create, r.update, r.del
		if err := app.Save(c); err != nil {
			return fmt.Errorf("rules for %s: %w", name, err)
		}
	}
	return nil
}
