// Package access is Kring's one home in Go for roles and for the role a user acts in on a map.
// src/lib/roles.ts is its twin in TypeScript; access_test.go fails when the two lists differ.
//
// Who may see or do what is decided by the API rules (migrations/rules.go), which are built from
// these names. This package answers the question the rules leave open: which role a user who
// may open a map acts in there.
package access

import (
	"fmt"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Roles on a map (map_members.role) and in a team (team_members.role).
const (
	Youth        = "youth"
	Professional = "professional"
	JIM          = "jim"
	Parent       = "parent"
	// Reviewer reads every map of their team without being on it.
	Reviewer = "reviewer"
)

// MapRoles: the roles a user can hold on a map.
var MapRoles = []string{Youth, Professional, JIM, Parent}

// TeamRoles: the roles in a team.
var TeamRoles = []string{Professional, Reviewer}

// WriterRoles: who may change a map's content. Parents and team reviewers read.
var WriterRoles = []string{Youth, Professional, JIM}

// CanWrite: the role may change a map's content.
func CanWrite(role string) bool { return slices.Contains(WriterRoles, role) }

// Pick is the role a user acts in on a map, from the roles they hold on it: a writing role if
// they hold one, else any; someone on none is a reviewer when teamReviewer, else nobody ("").
func Pick(mapRoles []string, teamReviewer bool) string {
	for _, r := range mapRoles {
		if CanWrite(r) {
			return r
		}
	}
	if len(mapRoles) > 0 {
		return mapRoles[0]
	}
	if teamReviewer {
		return Reviewer
	}
	return ""
}

// MemberRoles: the roles user holds on the map (index idx_map_members_map_user), oldest first.
func MemberRoles(app core.App, mapId, userId string) ([]string, error) {
	var roles []string
	err := app.DB().Select("role").From("map_members").
		Where(dbx.HashExp{"map": mapId, "user": userId}).
		OrderBy("created", "rowid").
		Column(&roles)
	if err != nil {
		return nil, fmt.Errorf("roles on map: %w", err)
	}
	return roles, nil
}

// PersonOnMap: the person on the map that the user's membership in role names (empty for none or
// no such membership; index idx_map_members_map_user).
func PersonOnMap(app core.App, mapId, userId, role string) (string, error) {
	var people []string
	err := app.DB().Select("person").From("map_members").
		Where(dbx.HashExp{"map": mapId, "user": userId, "role": role}).
		OrderBy("created", "rowid").
		Limit(1).
		Column(&people)
	if err != nil {
		return "", fmt.Errorf("person on map: %w", err)
	}
	if len(people) == 0 {
		return "", nil
	}
	return people[0], nil
}

// IsTeamReviewer: user is a reviewer of the team (index idx_team_members_team_user).
func IsTeamReviewer(app core.App, teamId, userId string) (bool, error) {
	if teamId == "" || userId == "" {
		return false, nil
	}
	var n int
	err := app.DB().Select("count(*)").From("team_members").
		Where(dbx.HashExp{"team": teamId, "user": userId, "role": Reviewer}).
		Row(&n)
	if err != nil {
		return false, fmt.Errorf("reviewer of team: %w", err)
	}
	return n > 0, nil
}

// RoleOnMap is the role user acts in on the map m, "" when they hold none there and review
// none of its team. Callers that let a user in check the maps view rule first; this says how.
func RoleOnMap(app core.App, m *core.Record, userId string) (string, error) {
	roles, err := MemberRoles(app, m.Id, userId)
	if err != nil || len(roles) > 0 {
		return Pick(roles, false), err
	}
	reviewer, err := IsTeamReviewer(app, m.GetString("team"), userId)
	if err != nil {
		return "", err
	}
	return Pick(nil, reviewer), nil
}
