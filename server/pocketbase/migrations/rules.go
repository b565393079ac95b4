package migrations

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"kring/server/pocketbase/access"
)

// Rule strings shared by the collections. Authorization has one home: these API rules.
// Every rule starts from `authed`, so nobody anonymous sees anything.
//
// Rules reach memberships only through relations and back-relations (map_members_via_map,
// team_members_via_team), never through @collection: PocketBase joins a back-relation on its
// indexed relation column, but an @collection condition joins the whole collection to every row.
// Conditions on one back-relation path refer to the same joined row, which is what makes
// "a membership of this map with this user AND role professional" mean one membership.
// hooks/rule_plans_test.go fails when a rule's query would scan a table.

const authed = `@request.auth.id != ""`

// JIM-tips: the JIM offers an answer for other families; the map's professional checks it
// and publishes it (1764500000_jim_tips.go).
const (
	tipOffered   = "offered"
	tipPublished = "published"
)

// Roles are defined once, in package access.
const (
	roleYouth        = access.Youth
	roleProfessional = access.Professional
	roleJIM          = access.JIM
	roleParent       = access.Parent
	roleReviewer     = access.Reviewer
)

var mapRoles = access.MapRoles
var teamRoles = access.TeamRoles

// via: the back-relation name on the record reached by path ("" for the record itself).
func via(path, backRelation string) string {
	if path == "" {
		return backRelation
	}
	return path + "." + backRelation
}

// mapMember: the requesting user holds one of roles (any role when none are given) on the map
// reached by mapPath: "" for a maps record, "map" for a record with a map relation,
// "@request.body.map" for the map a request names.
func mapMember(mapPath string, roles ...string) string {
	return member(via(mapPath, "map_members_via_map"), "@request.auth.id", roles)
}

// mapMemberOf: like mapMember, for a record that names its map by id in a text field (mapExpr)
// rather than by relation, as the access log does to outlive the map: from the requesting
// user's own memberships.
func mapMemberOf(mapExpr string, roles ...string) string {
	rows := "@request.auth.map_members_via_user"
	return allOf(fmt.Sprintf(`%s.map ?= %s`, rows, mapExpr), member(rows, "@request.auth.id", roles))
}

// teamMember: the requesting user holds one of roles in the team reached by teamPath.
func teamMember(teamPath string, roles ...string) string {
	return teamMemberUser(teamPath, "@request.auth.id", roles...)
}

// teamMemberUser: the user given by userExpr holds one of roles in the team reached by teamPath.
func teamMemberUser(teamPath, userExpr string, roles ...string) string {
	return member(via(teamPath, "team_members_via_team"), userExpr, roles)
}

// anyTeamMember: the requesting user holds one of roles in any team.
func anyTeamMember(roles ...string) string {
	return member("@request.auth.team_members_via_user", "@request.auth.id", roles)
}

// member: a row of the memberships reached by rows names userExpr with one of roles.
func member(rows, userExpr string, roles []string) string {
	parts := []string{fmt.Sprintf(`%s.user ?= %s`, rows, userExpr)}
	if len(roles) > 0 {
		alts := make([]string, len(roles))
		for i, r := range roles {
			alts[i] = fmt.Sprintf(`%s.role ?= "%s"`, rows, r)
		}
		parts = append(parts, anyOf(alts...))
	}
	return "(" + strings.Join(parts, " && ") + ")"
}

func allOf(conds ...string) string { return strings.Join(conds, " && ") }
func anyOf(conds ...string) string { return "(" + strings.Join(conds, " || ") + ")" }

// mapReadable: members of the map reached by mapPath and reviewers of its team.
func mapReadable(mapPath string) string {
	return allOf(authed, anyOf(mapMember(mapPath), teamMember(via(mapPath, "team"), roleReviewer)))
}

// mapMembersRemovable: the map's professional removes any member; the map's youth removes
// JIMs and parents (never a professional, never themselves).
func mapMembersRemovable() string {
	return allOf(authed, anyOf(
		mapMember("map", roleProfessional),
		allOf(mapMember("map", roleYouth), fmt.Sprintf(`(role = "%s" || role = "%s")`, roleJIM, roleParent)),
	))
}

// open: the map reached by mapPath ("" for a maps record) is not closed: a closed map is kept
// read-only (1765000000_map_closed.go).
func open(mapPath string) string {
	if mapPath == "" {
		return `closed_at = ""`
	}
	return mapPath + `.closed_at = ""`
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
	mapsRead := rule(mapReadable(""))
	ofMapRead := rule(mapReadable("map"))
	teamsRead := rule(allOf(authed, teamMember("")))
	ownTeamRows := rule(allOf(authed, `user = @request.auth.id`))
	self := rule(allOf(authed, `id = @request.auth.id`))
	accessLogRead := rule(allOf(authed, mapMemberOf("map", roleYouth, roleProfessional)))
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
			create: rule(allOf(authed, teamMember("@request.body.team", roleProfessional), notSet("youth", "closed_at", "closed_by"))),
			// Closing is POST /api/kring/maps/{map}/close (retention/close.go), which stamps who and when.
			update: rule(allOf(authed, mapMember("", roleProfessional), open(""), notSet("team", "youth", "created_by", "closed_at", "closed_by"))),
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
	ofMyMap := mapMember("map", roleProfessional)
	read := rule(allOf(authed,
		// Nobody reaches a tip through another record's expand (maps?expand=jim_tips_via_map):
		// that would tell which map it came from.
		`@request.context != "expand"`,
		anyOf(
			allOf(fmt.Sprintf(`status = "%s"`, tipPublished), anyTeamMember(roleProfessional)),
			`offered_by = @request.auth.id`,
			ofMyMap,
		)))
	return collectionRules{
		list: read, view: read,
		// Only the map's JIM, in their own name, and only as an offer: publishing is the professional's.
		create: rule(allOf(authed,
			mapMember("map", roleJIM),
			open("map"),
			`offered_by = @request.auth.id`,
			fmt.Sprintf(`status = "%s"`, tipOffered),
			`published_by = ""`,
			`published_at = ""`,
		)),
		// The map's professional checks the words and publishes (hooks/tips.go stamps who and
		// when). There is no way back to "offered": a tip that should not be out is removed.
		update: rule(allOf(authed, ofMyMap,
			open("map"),
			notSet("published_at"),
			fmt.Sprintf(`(@request.body.status:isset = false || @request.body.status = "%s")`, tipPublished),
		)),
		// The JIM withdraws their tip at any time; the map's professional removes it.
		del: rule(allOf(authed, anyOf(`offered_by = @request.auth.id`, ofMyMap))),
	}
}

// ruleSnapshot: every collection's API rules as they stood on one day, written out in full. A
// migration applies its own snapshot, so that changing a builder here never rewrites what an
// earlier migration did; a changed rule comes with a new migration and a new snapshot.
type ruleSnapshot map[string]collectionRules

// with: this snapshot with the rules of the collections in changed replaced (a migration that
// changes some rules writes only those).
func (s ruleSnapshot) with(changed ruleSnapshot) ruleSnapshot {
	out := make(ruleSnapshot, len(s)+len(changed))
	for name, r := range s {
		out[name] = r
	}
	for name, r := range changed {
		out[name] = r
	}
	return out
}

// latestRules: the snapshot the newest rules migration applies (rules_test.go compares it with
// rulesByCollection()).
var latestRules = rulesOn1765000000

func applyRuleSnapshot(app core.App, snapshot ruleSnapshot) error {
	for name, r := range snapshot {
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
