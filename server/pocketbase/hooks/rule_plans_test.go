package hooks

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/search"
)

// Every API rule has an index-backed path: for each way the app and the sync server read a
// collection (a view or change by id, a list by the filter the app sends), SQLite's query plan
// for the rule's query, built the way PocketBase builds it, reads no table whole. A rule that
// joins a collection without an indexed condition (an @collection join, a missing index) makes
// the plan SCAN that table, and its cost grows with the whole organisation.

type ruleQuery struct {
	collection string
	rule       string // "list", "view", "update" or "delete"
	filter     string // the client's filter on a list; a view or change is by id
}

func (q ruleQuery) String() string { return q.collection + " " + q.rule + " " + q.filter }

// planOf builds the query PocketBase runs for q as user, and returns SQLite's plan for it.
func planOf(t *testing.T, app core.App, q ruleQuery, user *core.Record, sort ...string) (string, []string) {
	t.Helper()
	c, err := app.FindCollectionByNameOrId(q.collection)
	if err != nil {
		t.Fatal(err)
	}
	rule := map[string]*string{"list": c.ListRule, "view": c.ViewRule, "update": c.UpdateRule, "delete": c.DeleteRule}[q.rule]
	if rule == nil || *rule == "" {
		t.Fatalf("%s: no rule to plan", q)
	}
	query, resolver := ruleQueryOf(t, app, c, user, *rule, q.filter)
	if q.rule != "list" {
		query.AndWhere(dbx.HashExp{c.Name + ".id": "abcdefghijklmno"})
	}
	// A page of a sorted list, as PocketBase asks for it (search.Provider): its sort, then LIMIT.
	if len(sort) > 0 {
		for _, field := range search.ParseSortFromString(sort[0]) {
			expr, err := field.BuildExpr(resolver)
			if err != nil {
				t.Fatal(err)
			}
			query.AndOrderBy(expr)
		}
		query.Limit(21)
	}
	if err := resolver.UpdateQuery(query); err != nil {
		t.Fatal(err)
	}
	return explain(t, app, query)
}

// readsNoTableWhole fails the test when a step of plan reads a table whole (SQLite's SCAN).
func readsNoTableWhole(t *testing.T, what, sql string, plan []string) {
	t.Helper()
	for _, step := range plan {
		if strings.HasPrefix(step, "SCAN ") {
			t.Errorf("%s reads a table whole (%s)\nquery: %s\nplan:\n  %s", what, step, sql, strings.Join(plan, "\n  "))
		}
	}
}

// countPlanOf: the count PocketBase runs beside a list's page of maps (search.Provider, with
// CountCol("_rowid_") as apis.recordsList sets it), and SQLite's plan for it.
func countPlanOf(t *testing.T, app core.App, filter string, user *core.Record) (string, []string) {
	t.Helper()
	c, err := app.FindCollectionByNameOrId("maps")
	if err != nil {
		t.Fatal(err)
	}
	query, resolver := ruleQueryOf(t, app, c, user, *c.ListRule, filter)
	if err := resolver.UpdateQuery(query); err != nil {
		t.Fatal(err)
	}
	query.Distinct(false).Select("COUNT(DISTINCT [[maps._rowid_]])").GroupBy().OrderBy()
	return explain(t, app, query)
}

// ruleQueryOf: the query on c as user with the rule and the client's filter ("" for none), and its resolver.
func ruleQueryOf(t *testing.T, app core.App, c *core.Collection, user *core.Record, rule, filter string) (*dbx.SelectQuery, *core.RecordFieldResolver) {
	t.Helper()
	info := &core.RequestInfo{Auth: user, Context: core.RequestInfoContextDefault, Method: "GET"}
	resolver := core.NewRecordFieldResolver(app, c, info, true)
	query := app.RecordQuery(c)
	for _, f := range []string{rule, filter} {
		if f == "" {
			continue
		}
		expr, err := search.FilterData(f).BuildExpr(resolver)
		if err != nil {
			t.Fatalf("%s %s: %v", c.Name, f, err)
		}
		query.AndWhere(expr)
	}
	return query, resolver
}

// explain: the query's SQL and SQLite's plan for it, step by step.
func explain(t *testing.T, app core.App, query *dbx.SelectQuery) (string, []string) {
	t.Helper()
	built := query.Build()
	var plan []struct {
		Detail string `db:"detail"`
	}
	if err := app.DB().NewQuery("EXPLAIN QUERY PLAN " + built.SQL()).Bind(built.Params()).All(&plan); err != nil {
		t.Fatalf("%v", err)
	}
	details := make([]string, len(plan))
	for i, step := range plan {
		details[i] = step.Detail
	}
	return built.SQL(), details
}

// The reads Kring makes, each with the filter it sends.
var appReads = []ruleQuery{
	{"users", "view", ""},
	{"users", "list", ""},
	{"teams", "list", ""},
	{"teams", "view", ""},
	{"team_members", "list", `user = @request.auth.id`},
	{"team_members", "list", `user = @request.auth.id && role = "professional"`},
	{"maps", "view", ""},
	{"maps", "update", ""},
	{"maps", "list", `team = "abcdefghijklmno"`},
	{"maps", "list", `map_members_via_map.user ?= @request.auth.id`},
	{"map_members", "list", `user = @request.auth.id`},
	{"map_members", "list", `map = "abcdefghijklmno"`},
	{"map_members", "list", `map = "abcdefghijklmno" && user = @request.auth.id`},
	{"map_members", "view", ""},
	{"map_members", "delete", ""},
	{"map_versions", "list", `map = "abcdefghijklmno"`},
	{"map_versions", "view", ""},
	{"jim_tips", "list", `status = "published"`},
	{"jim_tips", "view", ""},
	{"jim_tips", "update", ""},
	{"jim_tips", "delete", ""},
	{"access_log", "list", `map = "abcdefghijklmno"`},
	{"access_log", "view", ""},
}

func TestEveryRuleHasAnIndexBackedPath(t *testing.T) {
	app := migratedApp(t)
	user := create(t, app, "users", map[string]any{"email": "plan@kring.test", "name": "plan", "verified": true})
	for _, q := range appReads {
		sql, plan := planOf(t, app, q, user)
		t.Logf("%s:\n  %s", q, strings.Join(plan, "\n  "))
		for _, step := range plan {
			if strings.HasPrefix(step, "SCAN ") && !strings.HasPrefix(step, "SCAN CONSTANT ROW") {
				t.Errorf("%s reads a table whole (%s)\nquery: %s\nplan:\n  %s", q, step, sql, strings.Join(plan, "\n  "))
			}
		}
	}
}

// The test above must be able to fail: the rules as they were (through @collection) scan.
func TestAnAtCollectionRuleScans(t *testing.T) {
	app := migratedApp(t)
	user := create(t, app, "users", map[string]any{"email": "plan@kring.test", "name": "plan", "verified": true})
	maps, err := app.FindCollectionByNameOrId("maps")
	if err != nil {
		t.Fatal(err)
	}
	old := `@request.auth.id != "" && ((@collection.map_members:mr.map ?= id && @collection.map_members:mr.user ?= @request.auth.id) || (@collection.team_members:tr.team ?= team && @collection.team_members:tr.user ?= @request.auth.id && (@collection.team_members:tr.role ?= "reviewer")))`
	maps.ViewRule = &old
	if err := app.Save(maps); err != nil {
		t.Fatal(err)
	}
	_, plan := planOf(t, app, ruleQuery{"maps", "view", ""}, user)
	scans := 0
	for _, step := range plan {
		if strings.HasPrefix(step, "SCAN ") {
			scans++
		}
	}
	if scans == 0 {
		t.Fatalf("the old rule's plan shows no scan:\n  %s", strings.Join(plan, "\n  "))
	}
}

// The tips search shows the newest published tips a page at a time: SQLite walks an index in
// that order and stops after the page, however many tips the organisation has. Sorting them
// (a temporary b-tree) would read every published tip for every page.
func TestTheTipsSearchStopsAfterItsPage(t *testing.T) {
	app := migratedApp(t)
	user := create(t, app, "users", map[string]any{"email": "plan@kring.test", "name": "plan", "verified": true})
	for _, filter := range []string{`status = "published"`, `status = "published" && theme = "school"`, `status = "published" && (text ~ "samen" || relation ~ "samen")`} {
		q := ruleQuery{"jim_tips", "list", filter}
		sql, plan := planOf(t, app, q, user, "-published_at,-created")
		t.Logf("%s:\n  %s", q, strings.Join(plan, "\n  "))
		for _, step := range plan {
			if strings.Contains(step, "TEMP B-TREE FOR ORDER BY") || strings.HasPrefix(step, "SCAN jim_tips") {
				t.Errorf("%s sorts or scans every tip (%s)\nquery: %s\nplan:\n  %s", q, step, sql, strings.Join(plan, "\n  "))
			}
		}
	}
}

// A list of maps that names no map or team (maps.getList() through the SDK) is the rule alone:
// an "or" over two joined collections, checked map by map. The filter narrowMapsList adds
// (maps_list.go) lets SQLite find the user's maps by index instead, whatever the organisation's size.
func TestAMapsListStartsFromTheUsersOwnMaps(t *testing.T) {
	app := migratedApp(t)
	coach, reviewer, nobody := userNamed(t, app, "coach"), userNamed(t, app, "reviewer"), userNamed(t, app, "nobody")
	team, other := teamsReviewedBy(t, app, reviewer)
	for i, youth := range []string{"Sam", "Noor", "Ayoub"} {
		m := create(t, app, "maps", map[string]any{"team": []string{team.Id, other.Id}[i%2], "youth_name": youth})
		create(t, app, "map_members", map[string]any{"map": m.Id, "user": coach.Id, "role": "professional"})
	}
	for _, u := range []*core.Record{coach, reviewer, nobody} {
		hint, err := readableMapsFilter(app, u.Id)
		if err != nil {
			t.Fatal(err)
		}
		if hint == "" {
			t.Fatalf("%s: no filter added", u.GetString("name"))
		}
		_, bare := planOf(t, app, ruleQuery{"maps", "list", ""}, u, "-created")
		if !slices.Contains(bare, "SCAN maps") {
			t.Fatalf("the rule alone no longer scans the maps (this test would prove nothing):\n  %s", strings.Join(bare, "\n  "))
		}
		sql, plan := planOf(t, app, ruleQuery{"maps", "list", hint}, u, "-created")
		t.Logf("%s, %s:\n  %s", u.GetString("name"), hint, strings.Join(plan, "\n  "))
		readsNoTableWhole(t, u.GetString("name")+": the list", sql, plan)
	}
}

// SQLite plans by its statistics (sqlite_stat1), and those can lag behind a growing organisation
// (PocketBase refreshes them with a nightly PRAGMA optimize, which does not analyse every table
// every time). These are the statistics a 20,000-map organisation seeded from 1,000 had (npm run bench:org); with
// them, a maps list of the user's own maps must still be found by index, its page and its count
// (PocketBase's COUNT(DISTINCT rowid), which SQLite once chose to answer by reading every map).
func TestAMapsListStaysIndexedWithStaleStatistics(t *testing.T) {
	app := migratedApp(t)
	coach, reviewer := userNamed(t, app, "coach"), userNamed(t, app, "reviewer")
	_, other := teamsReviewedBy(t, app, reviewer)
	for i := 0; i < 15; i++ {
		m := create(t, app, "maps", map[string]any{"team": other.Id, "youth_name": fmt.Sprintf("Jongere %d", i)})
		create(t, app, "map_members", map[string]any{"map": m.Id, "user": coach.Id, "role": "professional"})
	}
	stale := [][3]string{
		{"map_members", "idx_map_members_user", "3000 2"},
		{"map_members", "idx_map_members_map_user", "3000 3 1"},
		{"map_members", "sqlite_autoindex_map_members_1", "3000 1"},
		{"teams", "sqlite_autoindex_teams_1", "8 1"},
		{"maps", "idx_maps_team", "1000 125"},
		{"maps", "sqlite_autoindex_maps_1", "1000 1"},
		{"team_members", "idx_team_members_user", "108 1"},
		{"team_members", "idx_team_members_team_user", "108 14 1"},
		{"team_members", "sqlite_autoindex_team_members_1", "108 1"},
	}
	for _, q := range []string{"ANALYZE", "DELETE FROM sqlite_stat1"} {
		if _, err := app.DB().NewQuery(q).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range stale {
		if _, err := app.DB().NewQuery("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ({:t}, {:i}, {:s})").
			Bind(dbx.Params{"t": s[0], "i": s[1], "s": s[2]}).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	// Makes SQLite read the statistics again.
	if _, err := app.DB().NewQuery("ANALYZE sqlite_schema").Execute(); err != nil {
		t.Fatal(err)
	}

	hintOf := func(u *core.Record) string {
		hint, err := readableMapsFilter(app, u.Id)
		if err != nil || hint == "" {
			t.Fatalf("%s: no filter added (%v)", u.GetString("name"), err)
		}
		return hint
	}
	// The test must be able to fail: these statistics made the count read every map before.
	if _, plan := countPlanOf(t, app, strings.TrimPrefix(hintOf(coach), `id != "" && `), coach); !slices.Contains(plan, "SCAN maps") {
		t.Fatalf("the count without the first term no longer reads every map (this test would prove nothing):\n  %s", strings.Join(plan, "\n  "))
	}
	// Someone who reviews a team and is on maps of another team as well is left out: with these
	// statistics SQLite reads every map for them (by team and by id at once), with any form of the
	// filter tried. Up-to-date statistics find their maps by index too.
	for _, u := range []*core.Record{coach, reviewer} {
		hint := hintOf(u)
		for _, filter := range []string{hint, `(youth_name != "") && ` + hint} {
			count, countPlan := countPlanOf(t, app, filter, u)
			page, pagePlan := planOf(t, app, ruleQuery{"maps", "list", filter}, u)
			sorted, sortedPlan := planOf(t, app, ruleQuery{"maps", "list", filter}, u, "-created")
			what := u.GetString("name") + ", " + filter
			readsNoTableWhole(t, what+": the count", count, countPlan)
			readsNoTableWhole(t, what+": the page", page, pagePlan)
			readsNoTableWhole(t, what+": the sorted page", sorted, sortedPlan)
		}
	}
}
