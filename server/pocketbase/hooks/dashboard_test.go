package hooks

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	_ "kring/server/pocketbase/migrations"
)

func TestDashboardMapSortsVersionsOldestFirstAndReadsThePlan(t *testing.T) {
	row := dashboardRow{
		Id:        "map000000000001",
		YouthName: "Sam",
		Versions: sql.NullString{Valid: true, String: `[
			{"taken_at":"2026-03-08 10:00:00.000Z","metrics":{"placed":8}},
			{"taken_at":"2026-03-01 10:00:00.000Z","metrics":{"placed":5}}]`},
		StartOn:    sql.NullString{Valid: true, String: "2026-01-05"},
		EveryWeeks: sql.NullInt64{Valid: true, Int64: 6},
		NextOn:     sql.NullString{Valid: true, String: ""},
	}
	m, err := row.dashboardMap()
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Versions) != 2 || m.Versions[0].TakenAt != "2026-03-01 10:00:00.000Z" {
		t.Fatalf("versions = %+v", m.Versions)
	}
	if m.Plan == nil || *m.Plan.StartOn != "2026-01-05" || *m.Plan.EveryWeeks != 6 || m.Plan.NextOn != nil {
		t.Fatalf("plan = %+v", m.Plan)
	}
	if m.JimLog != nil {
		t.Fatalf("jim log without asking: %s", m.JimLog)
	}
}

func TestDashboardMapWithoutVersionsHasNoPlanAndAnEmptyList(t *testing.T) {
	m, err := dashboardRow{Id: "map000000000002", YouthName: "Noor"}.dashboardMap()
	if err != nil {
		t.Fatal(err)
	}
	if m.Plan != nil || m.Versions == nil || len(m.Versions) != 0 {
		t.Fatalf("map = %+v", m)
	}
	body, _ := json.Marshal(m)
	var back map[string]any
	_ = json.Unmarshal(body, &back)
	if _, ok := back["versions"].([]any); !ok || back["plan"] != nil {
		t.Fatalf("json = %s", body)
	}
}

func TestDashboardMapRefusesBrokenVersions(t *testing.T) {
	if _, err := (dashboardRow{Versions: sql.NullString{Valid: true, String: "[{"}}).dashboardMap(); err == nil {
		t.Fatal("no error for broken JSON")
	}
}

// ---- the query itself, on Kring's real schema (every migration) in a temporary data folder

func migratedApp(t *testing.T) core.App {
	t.Helper()
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: t.TempDir()})
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	if err := app.RunAllMigrations(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = app.ResetBootstrapState() })
	return app
}

func create(t *testing.T, app core.App, collection string, fields map[string]any) *core.Record {
	t.Helper()
	c, err := app.FindCollectionByNameOrId(collection)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(c)
	for k, v := range fields {
		r.Set(k, v)
	}
	if c.IsAuth() {
		r.SetPassword("test-password-1234")
	}
	if err := app.Save(r); err != nil {
		t.Fatalf("create %s: %v", collection, err)
	}
	return r
}

func metricsJSON(ring1, ring2, ring3 int) string {
	return fmt.Sprintf(`{"version":1,"people":%d,"placed":%d,"perSector":{"familie":1},"perRing":{"1":%d,"2":%d,"3":%d,"4":0},`+
		`"tiesWithYouth":{"sterk":1,"zwak":0,"gespannen":0,"verbroken":0},"support":{"emotioneel":2},`+
		`"jim":{"status":"actief","reserve":false},"agreements":{"total":2,"done":1,"notDone":0,"open":1},"goals":1}`,
		ring1+ring2+ring3, ring1+ring2+ring3, ring1, ring2, ring3)
}

func dashboardAs(t *testing.T, app core.App, user *core.Record, team string) []DashboardMap {
	t.Helper()
	info := &core.RequestInfo{Auth: user, Context: core.RequestInfoContextDefault}
	visible, err := viewableMapsOfTeam(app, info, team)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := dashboardRows(app, visible)
	if err != nil {
		t.Fatal(err)
	}
	maps := make([]DashboardMap, 0, len(rows))
	for _, row := range rows {
		m, err := row.dashboardMap()
		if err != nil {
			t.Fatal(err)
		}
		maps = append(maps, m)
	}
	return maps
}

func TestDashboardQueryOnTheRealSchema(t *testing.T) {
	app := migratedApp(t)
	user := func(name string) *core.Record {
		return create(t, app, "users", map[string]any{"email": name + "@kring.test", "name": name, "verified": true})
	}
	reviewer, coach, colleague := user("reviewer"), user("coach"), user("colleague")
	team := create(t, app, "teams", map[string]any{"name": "Noord"})
	other := create(t, app, "teams", map[string]any{"name": "Zuid"})
	create(t, app, "team_members", map[string]any{"team": team.Id, "user": reviewer.Id, "role": "reviewer"})
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
		Support any `json:"support"`
	}
	if err := json.Unmarshal(s.Versions[7].Metrics, &last); err != nil {
		t.Fatal(err)
	}
	if last.PerRing["1"]+last.PerRing["2"] != 9 || last.Jim.Status != "actief" || last.Support != nil {
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
