package hooks

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"kring/server/pocketbase/testapp"
)

func TestDashboardMapsFoldRowsIntoMapsWithTheirLastVersions(t *testing.T) {
	valid := func(s string) sql.NullString { return sql.NullString{Valid: true, String: s} }
	var rows []dashboardRow
	// Rows come in any order: Sam's versions backwards, Noor (no versions) in between.
	for week := 10; week >= 1; week-- {
		row := dashboardRow{Id: "sam000000000001", YouthName: "sam", VersionCount: 10, Updated: "2026-03-05 08:00:00.000Z"}
		row.TakenAt = valid(fmt.Sprintf("2026-03-%02d 10:00:00.000Z", week))
		row.Rid = sql.NullInt64{Valid: true, Int64: int64(week)}
		row.Metrics = valid(fmt.Sprintf(`{"version":1,"placed":%d}`, week))
		row.Plan = valid(`["2026-01-01",8,null]`)
		if week == 10 {
			row.Newest = true
			row.Plan = valid(`["2026-01-05",6,null]`)
		}
		if week == 3 {
			row.Metrics = valid("null")
		}
		rows = append(rows, row)
		if week == 5 {
			rows = append(rows, dashboardRow{Id: "noor00000000001", YouthName: "Noor", Updated: "2026-02-01 08:00:00.000Z"})
		}
	}
	maps, err := dashboardMaps(rows)
	if err != nil {
		t.Fatal(err)
	}
	if len(maps) != 2 || maps[0].YouthName != "Noor" || maps[1].YouthName != "sam" {
		t.Fatalf("maps = %+v", maps)
	}
	s := maps[1]
	if len(s.Versions) != dashboardVersions || s.Versions[0].TakenAt != "2026-03-03 10:00:00.000Z" || s.Versions[7].TakenAt != "2026-03-10 10:00:00.000Z" {
		t.Fatalf("Sam's versions = %+v", s.Versions)
	}
	if string(s.Versions[7].Metrics) != `{"version":1,"placed":10}` || s.Versions[0].Metrics != nil {
		t.Fatalf("metrics = %s … %s", s.Versions[7].Metrics, s.Versions[0].Metrics)
	}
	if s.Plan == nil || *s.Plan.StartOn != "2026-01-05" || *s.Plan.EveryWeeks != 6 || s.Plan.NextOn != nil {
		t.Fatalf("plan = %+v", s.Plan)
	}
	if s.LastActivity != "2026-03-10 10:00:00.000Z" {
		t.Fatalf("last activity = %s", s.LastActivity)
	}
	n := maps[0]
	if n.Plan != nil || n.Versions == nil || len(n.Versions) != 0 || n.JimLog != nil || n.LastActivity != "2026-02-01 08:00:00.000Z" {
		t.Fatalf("Noor (no versions) = %+v", n)
	}
	body, _ := json.Marshal(n)
	if !strings.Contains(string(body), `"versions":[]`) || !strings.Contains(string(body), `"plan":null`) {
		t.Fatalf("json = %s", body)
	}
}

func TestReadPlanDates(t *testing.T) {
	plan, err := readPlanDates(`["2026-01-05",8,"2026-03-01"]`)
	if err != nil || *plan.StartOn != "2026-01-05" || *plan.EveryWeeks != 8 || *plan.NextOn != "2026-03-01" {
		t.Fatalf("plan = %+v, %v", plan, err)
	}
	// A projection from before the plan, or odd values: no dates rather than wrong ones.
	for _, s := range []string{"", `[null,null,null]`, `["",0,""]`, `["x",1.5,null]`} {
		plan, err := readPlanDates(s)
		if err != nil || plan.EveryWeeks != nil || plan.NextOn != nil || (plan.StartOn != nil && *plan.StartOn != "x") {
			t.Errorf("readPlanDates(%q) = %+v, %v", s, plan, err)
		}
	}
	if _, err := readPlanDates("[1"); err == nil {
		t.Error("no error for broken JSON")
	}
}

// ---- the query itself, on Kring's real schema (every migration) in a temporary data folder

// dashboardIndexName: made by migrations/1764650000_dashboard_indexes.go.
const dashboardIndexName = "idx_map_versions_dashboard"

func migratedApp(t *testing.T) core.App {
	return testapp.Migrated(t, nil)
}

func create(t *testing.T, app core.App, collection string, fields map[string]any) *core.Record {
	t.Helper()
	return testapp.Record(t, app, collection, fields)
}

// userNamed: a verified user called name, with the e-mail name@kring.test.
func userNamed(t *testing.T, app core.App, name string) *core.Record {
	t.Helper()
	return create(t, app, "users", map[string]any{"email": name + "@kring.test", "name": name, "verified": true})
}

// teamsReviewedBy: teams Noord, which reviewer reviews, and Zuid.
func teamsReviewedBy(t *testing.T, app core.App, reviewer *core.Record) (noord, zuid *core.Record) {
	t.Helper()
	noord = create(t, app, "teams", map[string]any{"name": "Noord"})
	zuid = create(t, app, "teams", map[string]any{"name": "Zuid"})
	create(t, app, "team_members", map[string]any{"team": noord.Id, "user": reviewer.Id, "role": "reviewer"})
	return noord, zuid
}

func metricsJSON(ring1, ring2, ring3 int) string {
	return fmt.Sprintf(`{"version":1,"people":%d,"placed":%d,"perSector":{"familie":1},"perRing":{"1":%d,"2":%d,"3":%d,"4":0},`+
		`"tiesWithYouth":{"sterk":1,"zwak":0,"gespannen":0,"verbroken":0},"support":{"emotioneel":2},`+
		`"jim":{"status":"actief","reserve":false},"agreements":{"total":2,"done":1,"notDone":0,"open":1},"goals":1}`,
		ring1+ring2+ring3, ring1+ring2+ring3, ring1, ring2, ring3)
}

func dashboardAs(t *testing.T, app core.App, user *core.Record, team string) []DashboardMap {
	t.Helper()
	rows, err := dashboardRows(app, team, user.Id)
	if err != nil {
		t.Fatal(err)
	}
	maps, err := dashboardMaps(rows)
	if err != nil {
		t.Fatal(err)
	}
	return maps
}

func TestDashboardQueryOnTheRealSchema(t *testing.T) {
	app := migratedApp(t)
	reviewer, coach, colleague := userNamed(t, app, "reviewer"), userNamed(t, app, "coach"), userNamed(t, app, "colleague")
	team, other := teamsReviewedBy(t, app, reviewer)
	create(t, app, "team_members", map[string]any{"team": team.Id, "user": coach.Id, "role": "professional"})
	create(t, app, "team_members", map[string]any{"team": team.Id, "user": colleague.Id, "role": "professional"})

	sam := create(t, app, "maps", map[string]any{"team": team.Id, "youth_name": "Sam"})
	noor := create(t, app, "maps", map[string]any{"team": team.Id, "youth_name": "Noor"})
	elsewhere := create(t, app, "maps", map[string]any{"team": other.Id, "youth_name": "Zuid-jongere"})
	create(t, app, "map_members", map[string]any{"map": sam.Id, "user": coach.Id, "role": "professional"})
	create(t, app, "map_members", map[string]any{"map": noor.Id, "user": colleague.Id, "role": "professional"})
	create(t, app, "map_members", map[string]any{"map": elsewhere.Id, "user": coach.Id, "role": "professional"})

	start := time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)
	plan := `"plan":{"startOn":"2026-01-05","everyWeeks":6,"nextOn":null}`
	// Ten weekly versions for Sam: close people grow from 1 to 10; weeks 3 and 7 are evaluations.
	for week := 0; week < 10; week++ {
		kind := "auto"
		if week == 3 || week == 7 {
			kind = "evaluation"
		}
		create(t, app, "map_versions", map[string]any{
			"map": sam.Id, "kind": kind, "taken_at": start.AddDate(0, 0, 7*week),
			"projection": `{"people":[],` + plan + `}`,
			"metrics":    metricsJSON(week/2, week-week/2, 1),
		})
	}
	// Sam's week-7 evaluation happened two days before it was recorded.
	if _, err := app.DB().NewQuery(`UPDATE map_versions SET evaluated_on = '2026-02-21 00:00:00.000Z' WHERE map = {:m} AND kind = 'evaluation' AND taken_at LIKE '2026-02-23%'`).
		Bind(map[string]any{"m": sam.Id}).Execute(); err != nil {
		t.Fatal(err)
	}

	maps := dashboardAs(t, app, reviewer, team.Id)
	if len(maps) != 2 || maps[0].YouthName != "Noor" || maps[1].YouthName != "Sam" {
		t.Fatalf("reviewer sees %+v", maps)
	}
	n, s := maps[0], maps[1]
	if n.VersionCount != 0 || len(n.Versions) != 0 || n.Plan != nil || n.LastEvaluation != "" || n.LastActivity == "" {
		t.Fatalf("Noor (no versions) = %+v", n)
	}
	if s.VersionCount != 10 || len(s.Versions) != dashboardVersions {
		t.Fatalf("Sam has %d versions, %d shown", s.VersionCount, len(s.Versions))
	}
	if s.Versions[0].TakenAt[:10] != "2026-01-19" || s.Versions[7].TakenAt[:10] != "2026-03-09" {
		t.Fatalf("Sam's versions run %s … %s", s.Versions[0].TakenAt, s.Versions[7].TakenAt)
	}
	var last struct {
		PerRing map[string]int `json:"perRing"`
		Jim     struct{ Status string }
	}
	if err := json.Unmarshal(s.Versions[7].Metrics, &last); err != nil {
		t.Fatal(err)
	}
	if last.PerRing["1"]+last.PerRing["2"] != 9 || last.Jim.Status != "actief" {
		t.Fatalf("Sam's last metrics = %s", s.Versions[7].Metrics)
	}
	if s.LastEvaluation != "2026-02-21" {
		t.Fatalf("Sam's last evaluation = %q", s.LastEvaluation)
	}
	if s.Plan == nil || *s.Plan.StartOn != "2026-01-05" || *s.Plan.EveryWeeks != 6 || s.Plan.NextOn != nil {
		t.Fatalf("Sam's plan = %+v", s.Plan)
	}
	if s.LastActivity[:10] != "2026-03-09" && s.LastActivity[:10] < "2026-03-09" {
		t.Fatalf("Sam's last activity = %q", s.LastActivity)
	}
	if s.JimLog != nil {
		t.Fatalf("a JIM log although metrics are stored: %s", s.JimLog)
	}

	// The professional sees only the map they are on; the other team's map never.
	if got := dashboardAs(t, app, coach, team.Id); len(got) != 1 || got[0].Id != sam.Id {
		t.Fatalf("coach sees %+v", got)
	}
	if got := dashboardAs(t, app, colleague, team.Id); len(got) != 1 || got[0].Id != noor.Id {
		t.Fatalf("colleague sees %+v", got)
	}
	if got := dashboardAs(t, app, reviewer, other.Id); len(got) != 0 {
		t.Fatalf("reviewer sees another team's maps: %+v", got)
	}
}

func TestDashboardQueryCountsFromTheProjectionWhenAVersionHasNoMetrics(t *testing.T) {
	app := migratedApp(t)
	reviewer := create(t, app, "users", map[string]any{"email": "r@kring.test", "name": "r", "verified": true})
	team := create(t, app, "teams", map[string]any{"name": "Noord"})
	create(t, app, "team_members", map[string]any{"team": team.Id, "user": reviewer.Id, "role": "reviewer"})
	old := create(t, app, "maps", map[string]any{"team": team.Id, "youth_name": "Eva"})
	create(t, app, "map_versions", map[string]any{
		"map": old.Id, "kind": "evaluation", "taken_at": time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC),
		"projection": `{"people":[{"id":"a","sector":"familie","ring":1},{"id":"b","sector":"vrienden","ring":2},` +
			`{"id":"c","sector":"school","ring":2},{"id":"d","sector":null,"ring":null},{"id":"e","sector":"school","ring":4}],` +
			`"jim":[{"kind":"choice","personId":"a","pick":"jim"}],"plan":{"startOn":"2026-01-01","everyWeeks":8,"nextOn":"2026-02-20"}}`,
	})
	maps := dashboardAs(t, app, reviewer, team.Id)
	if len(maps) != 1 || len(maps[0].Versions) != 1 {
		t.Fatalf("maps = %+v", maps)
	}
	var metrics struct {
		People, Placed int
		PerRing        map[string]int `json:"perRing"`
	}
	if err := json.Unmarshal(maps[0].Versions[0].Metrics, &metrics); err != nil {
		t.Fatal(err)
	}
	if metrics.People != 5 || metrics.Placed != 4 || metrics.PerRing["1"] != 1 || metrics.PerRing["2"] != 2 || metrics.PerRing["4"] != 1 {
		t.Fatalf("metrics from the projection = %s", maps[0].Versions[0].Metrics)
	}
	if string(maps[0].JimLog) == "" || maps[0].LastEvaluation != "2026-02-01" || *maps[0].Plan.NextOn != "2026-02-20" {
		t.Fatalf("map = %+v, jim log %s", maps[0], maps[0].JimLog)
	}
}

// The plan SQLite makes for the dashboard: versions are found through indexes only (the table's
// rows, with their Yjs state and projection, are read for the newest version of each map alone).
func TestDashboardQueryReadsVersionsThroughIndexes(t *testing.T) {
	app := migratedApp(t)
	var plan []struct {
		Detail string `db:"detail"`
	}
	err := app.DB().NewQuery("EXPLAIN QUERY PLAN " + dashboardQuery).
		Bind(dbx.Params{"team": "t", "user": "u", "offset": dashboardVersions - 1}).
		All(&plan)
	if err != nil {
		t.Fatal(err)
	}
	var details []string
	for _, step := range plan {
		details = append(details, step.Detail)
	}
	text := strings.Join(details, "\n")
	for _, d := range details {
		for _, alias := range []string{"map_versions", "v", "c", "w", "lv", "pv", "m", "mm", "tm"} {
			if d == "SCAN "+alias || strings.HasPrefix(d, "SCAN "+alias+" ") {
				t.Errorf("a full scan (%s):\n%s", d, text)
			}
		}
	}
	if !strings.Contains(text, "USING COVERING INDEX "+dashboardIndexName+" (map=? AND taken_at>?)") {
		t.Errorf("the recent versions are not read from %s:\n%s", dashboardIndexName, text)
	}
}

// visibleMapsSQL mirrors the maps view rule: the rule is still the one mirrored, and for every
// role, in their own team and another, the mirror lets through exactly what the rule does.
func TestDashboardMirrorsTheMapsViewRule(t *testing.T) {
	app := migratedApp(t)
	maps, err := app.FindCollectionByNameOrId("maps")
	if err != nil {
		t.Fatal(err)
	}
	if maps.ViewRule == nil {
		t.Fatal("maps has no view rule")
	}
	if *maps.ViewRule != mapsViewRuleMirrored {
		t.Fatalf("the maps view rule changed; change visibleMapsSQL (hooks/dashboard.go) with it.\nnow:      %s\nmirrored: %s", *maps.ViewRule, mapsViewRuleMirrored)
	}

	user := func(name string) *core.Record {
		return create(t, app, "users", map[string]any{"email": name + "@kring.test", "name": name, "verified": true})
	}
	noord := create(t, app, "teams", map[string]any{"name": "Noord"})
	zuid := create(t, app, "teams", map[string]any{"name": "Zuid"})
	people := map[string]*core.Record{}
	for _, name := range []string{"reviewer", "coach", "colleague", "youth", "jim", "parent", "zuidReviewer", "zuidPro", "nobody"} {
		people[name] = user(name)
	}
	for _, tm := range []struct{ team, user, role string }{
		{noord.Id, "reviewer", "reviewer"}, {noord.Id, "coach", "professional"}, {noord.Id, "colleague", "professional"},
		{zuid.Id, "zuidReviewer", "reviewer"}, {zuid.Id, "zuidPro", "professional"},
	} {
		create(t, app, "team_members", map[string]any{"team": tm.team, "user": people[tm.user].Id, "role": tm.role})
	}
	sam := create(t, app, "maps", map[string]any{"team": noord.Id, "youth_name": "Sam"})
	lotte := create(t, app, "maps", map[string]any{"team": noord.Id, "youth_name": "Lotte"})
	zuidMap := create(t, app, "maps", map[string]any{"team": zuid.Id, "youth_name": "Zuid"})
	for _, mm := range []struct {
		m    *core.Record
		user string
		role string
	}{
		{sam, "coach", "professional"}, {sam, "youth", "youth"}, {sam, "jim", "jim"}, {sam, "parent", "parent"},
		{lotte, "colleague", "professional"}, {lotte, "zuidPro", "professional"}, {zuidMap, "coach", "jim"},
	} {
		create(t, app, "map_members", map[string]any{"map": mm.m.Id, "user": people[mm.user].Id, "role": mm.role})
	}

	all := []*core.Record{sam, lotte, zuidMap}
	for name, u := range people {
		for _, team := range []*core.Record{noord, zuid} {
			var mirrored []string
			err := app.DB().NewQuery("SELECT id FROM (" + visibleMapsSQL + ") ORDER BY id").
				Bind(dbx.Params{"team": team.Id, "user": u.Id}).Column(&mirrored)
			if err != nil {
				t.Fatal(err)
			}
			var ruled []string
			for _, m := range all {
				ok, err := app.CanAccessRecord(m, &core.RequestInfo{Auth: u, Context: core.RequestInfoContextDefault}, maps.ViewRule)
				if err != nil {
					t.Fatal(err)
				}
				if ok && m.GetString("team") == team.Id {
					ruled = append(ruled, m.Id)
				}
			}
			slices.Sort(ruled)
			if !slices.Equal(mirrored, ruled) {
				t.Errorf("%s in %s: the mirror gives %v, the rule %v", name, team.GetString("name"), mirrored, ruled)
			}
		}
	}
	// And nobody anonymous.
	var anonymous []string
	if err := app.DB().NewQuery(visibleMapsSQL).Bind(dbx.Params{"team": noord.Id, "user": ""}).Column(&anonymous); err != nil || len(anonymous) != 0 {
		t.Fatalf("anonymous sees %v (%v)", anonymous, err)
	}
}
