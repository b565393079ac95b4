package hooks

import (
	"cmp"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"kring/server/pocketbase/access"
)

// The team's dashboard: GET /api/kring/teams/{team}/dashboard, for the team's professionals and
// reviewers. Every map of the team the caller may view, with what a team looks at in its weekly
// meeting: last activity, the last evaluation moment, the plan's evaluation rhythm, and the
// metrics of the last few versions (for a trend and the JIM's status).
//
// Who sees which map is the maps view rule (migrations/rules.go): members of the map and
// reviewers of its team. So a reviewer gets every map of their team and a professional the maps
// they are a member of. The rule is mirrored here in plain SQL (visibleMapsSQL) rather than
// compiled by PocketBase's record field resolver: for "?=" conditions joined by "||" the resolver
// joins every map of the team with every row of map_members and of team_members, which took 450
// ms for 300 maps with three members each (bench data), and grows with the whole organisation;
// CanAccessRecord per map would be one query per map. The mirror uses an index seek per map.
// TestDashboardMirrorsTheMapsViewRule fails when the rule changes, and checks the mirror against
// CanAccessRecord for every role.
//
// Two queries per request whatever the number of maps: the caller's membership of the team, and
// the dashboard itself (dashboardQuery). Only the versions' metrics (a few hundred bytes each)
// and the newest version's plan dates are read, never whole projections; the next evaluation
// date is computed in the web app from those dates (src/routes/team/evaluation.ts), so there is
// one implementation of it.

const (
	// dashboardVersions: how many of a map's latest versions carry their metrics (the trend).
	dashboardVersions = 8
)

func bindDashboardRoutes(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.GET("/api/kring/teams/{team}/dashboard", teamDashboard)
		return se.Next()
	})
}

// dashboardTeam is the team and the caller's role in it.
type dashboardTeam struct {
	Id   string `db:"id" json:"id"`
	Name string `db:"name" json:"name"`
	Role string `db:"role" json:"role"`
}

// dashboardRow is one row of the query: a map with one of its recent versions (or with none).
type dashboardRow struct {
	Id             string         `db:"id"`
	YouthName      string         `db:"youth_name"`
	Updated        string         `db:"updated"`
	LastEvaluation sql.NullString `db:"last_evaluation"`
	VersionCount   int            `db:"version_count"`
	TakenAt        sql.NullString `db:"taken_at"`
	Rid            sql.NullInt64  `db:"rid"`
	Newest         bool           `db:"newest"`
	// JSON array [startOn, everyWeeks, nextOn] from the version's projection.
	Plan    sql.NullString `db:"plan"`
	Metrics sql.NullString `db:"metrics"`
	// The version's JIM record: only for the newest version, when it has no metrics.
	JimLog sql.NullString `db:"jim_log"`
}

// DashboardPlan: the evaluation rhythm of the newest version's plan (PlanJson in plan.ts).
type DashboardPlan struct {
	StartOn    *string `json:"startOn"`
	EveryWeeks *int64  `json:"everyWeeks"`
	NextOn     *string `json:"nextOn"`
}

// DashboardVersion: when a version was taken and its metrics as stored (metricsOf in
// src/lib/doc/metrics.ts, a few hundred bytes), or the people per ring counted from its
// projection (version 0) when it has none.
type DashboardVersion struct {
	TakenAt string          `json:"taken_at"`
	Metrics json.RawMessage `json:"metrics"`
}

// DashboardMap is one map in the response.
type DashboardMap struct {
	Id           string `json:"id"`
	YouthName    string `json:"youth_name"`
	LastActivity string `json:"last_activity"`
	// The day (YYYY-MM-DD) of the last evaluation moment; "" when there was none.
	LastEvaluation string `json:"last_evaluation"`
	VersionCount   int    `json:"version_count"`
	// From the newest version's projection; nil when the map has no version yet.
	Plan *DashboardPlan `json:"plan"`
	// The newest version's JIM record, only when that version has no stored metrics (kept before
	// metrics existed): the web app derives the JIM's status from it.
	JimLog json.RawMessage `json:"jim_log,omitempty"`
	// Oldest first, at most dashboardVersions.
	Versions []DashboardVersion `json:"versions"`
}

func teamDashboard(e *core.RequestEvent) error {
	if err := requireUser(e); err != nil {
		return err
	}
	team, err := dashboardTeamOf(e.App, e.Request.PathValue("team"), e.Auth.Id)
	if errors.Is(err, sql.ErrNoRows) {
		return e.NotFoundError("Dit team bestaat niet, of je hoort er niet bij.", nil)
	} else if err != nil {
		return internal(e, err)
	}
	rows, err := dashboardRows(e.App, team.Id, e.Auth.Id)
	if err != nil {
		return internal(e, err)
	}
	maps, err := dashboardMaps(rows)
	if err != nil {
		return internal(e, err)
	}
	return e.JSON(http.StatusOK, map[string]any{"team": team, "maps": maps})
}

// dashboardTeamOf: the team with the user's role in it, when they are its professional or
// reviewer; sql.ErrNoRows otherwise (also when the team does not exist).
func dashboardTeamOf(app core.App, teamId, userId string) (dashboardTeam, error) {
	var team dashboardTeam
	err := app.DB().NewQuery(`
		SELECT t.id AS id, t.name AS name, tm.role AS role
		FROM team_members tm JOIN teams t ON t.id = tm.team
		WHERE tm.team = {:team} AND tm.user = {:user} AND tm.role IN ({:professional}, {:reviewer})
		LIMIT 1`).
		Bind(dbx.Params{"team": teamId, "user": userId, "professional": access.Professional, "reviewer": access.Reviewer}).
		One(&team)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return team, fmt.Errorf("find team membership: %w", err)
	}
	return team, err
}

// mapsViewRuleMirrored is the maps view rule that visibleMapsSQL mirrors.
const mapsViewRuleMirrored = `@request.auth.id != "" && ((map_members_via_map.user ?= @request.auth.id) || (team.team_members_via_team.user ?= @request.auth.id && (team.team_members_via_team.role ?= "reviewer")))`

// visibleMapsSQL: the ids of the team's maps that the maps view rule lets {:user} see.
const visibleMapsSQL = `
	SELECT m.id FROM maps m
	WHERE m.team = {:team} AND {:user} != '' AND (
		EXISTS (SELECT 1 FROM map_members mm WHERE mm.map = m.id AND mm.user = {:user})
		OR EXISTS (SELECT 1 FROM team_members tm WHERE tm.team = m.team AND tm.user = {:user} AND tm.role = 'reviewer'))`

// planDatesOf: the plan's evaluation dates of a version, as [startOn, everyWeeks, nextOn]. The
// very expression idx_map_versions_dashboard holds (1764650000_dashboard_indexes.go), so SQLite
// reads it from the index instead of parsing the projection.
const planDatesOf = `CASE WHEN json_valid(v.projection) THEN json_extract(v.projection, '$.plan.startOn', '$.plan.everyWeeks', '$.plan.nextOn') END`

// dashboardQuery: one statement for the whole dashboard, over the maps {:user} may see in {:team}.
// One row per map and recent version (a map without versions gets one row with no version).
//
//   - per_map: for each visible map, with index seeks, its number of versions, the moment of its
//     newest version and of its eighth newest (its recent versions start there). This was a
//     ROW_NUMBER() OVER (PARTITION BY map ORDER BY taken_at DESC) first; numbering all of a
//     team's versions to keep eight per map took most of the query's time with 300 maps of a
//     year of weekly versions each (bench/dashboard.ts); the seeks take a few milliseconds.
//   - evaluated: the last evaluation moment, its own day when it was recorded (evaluated_on),
//     else the day it was taken.
//   - the recent versions, their metrics and plan dates and the evaluation moments all come from
//     idx_map_versions_dashboard, never from the table's rows with their Yjs state and
//     projection (some 20 KiB each); INDEXED BY, because without statistics SQLite may pick the
//     narrower (map, taken_at) index and read every row; CROSS JOIN, so it seeks each map's
//     recent versions rather than scanning the whole index. An inner join, with the maps without
//     versions added by UNION ALL: SQLite does not read an indexed expression (the plan dates)
//     from the index on the right of a LEFT JOIN, and materializing the versions to join them
//     copied every version's metrics twice.
//   - versions kept before metrics existed have none: for those the people per ring are counted
//     from the projection (enough for a trend), and the newest one's JIM record is sent along.
const dashboardQuery = `
WITH visible(id) AS MATERIALIZED (` + visibleMapsSQL + `),
per_map AS MATERIALIZED (
	SELECT visible.id AS map,
		(SELECT count(*) FROM map_versions c WHERE c.map = visible.id) AS n,
		(SELECT max(w.taken_at) FROM map_versions w WHERE w.map = visible.id) AS newest,
		COALESCE((SELECT w.taken_at FROM map_versions w WHERE w.map = visible.id
			ORDER BY w.taken_at DESC LIMIT 1 OFFSET {:offset}), '') AS since
	FROM visible
),
evaluated AS MATERIALIZED (
	SELECT v.map AS map, MAX(v.taken_at) AS taken_at,
		substr(COALESCE(NULLIF(v.evaluated_on, ''), v.taken_at), 1, 10) AS day
	FROM map_versions v INDEXED BY idx_map_versions_dashboard
	WHERE v.kind = 'evaluation' AND v.map IN (SELECT id FROM visible)
	GROUP BY v.map
)
SELECT m.id AS id, m.youth_name AS youth_name,
	MAX(m.updated, COALESCE(d.updated, '')) AS updated,
	ev.day AS last_evaluation,
	p.n AS version_count,
	v.taken_at AS taken_at,
	v.rowid AS rid,
	v.taken_at = p.newest AS newest,
	` + planDatesOf + ` AS plan,
	CASE WHEN v.metrics IS NULL OR v.metrics IN ('', 'null') THEN (
		SELECT json_object('version', 0, 'people', count(*), 'placed', count(x.ring),
			'perRing', json_object('1', count(x.ring = 1 OR NULL), '2', count(x.ring = 2 OR NULL),
				'3', count(x.ring = 3 OR NULL), '4', count(x.ring = 4 OR NULL)))
		FROM (
			SELECT CASE WHEN e.value ->> '$.sector' IS NOT NULL THEN e.value ->> '$.ring' END AS ring
			FROM map_versions pv, json_each(CASE WHEN json_valid(pv.projection) THEN pv.projection ELSE '{}' END, '$.people') e
			WHERE pv.rowid = v.rowid
		) x)
	ELSE v.metrics END AS metrics,
	CASE WHEN (v.metrics IS NULL OR v.metrics IN ('', 'null')) AND v.taken_at = p.newest THEN (
		SELECT CASE WHEN json_valid(pv.projection) THEN pv.projection -> '$.jim' END
		FROM map_versions pv WHERE pv.rowid = v.rowid)
	END AS jim_log
FROM per_map p
CROSS JOIN map_versions v INDEXED BY idx_map_versions_dashboard ON v.map = p.map AND v.taken_at >= p.since
JOIN maps m ON m.id = p.map
LEFT JOIN map_docs d ON d.map = m.id
LEFT JOIN evaluated ev ON ev.map = m.id
UNION ALL
SELECT m.id, m.youth_name, MAX(m.updated, COALESCE(d.updated, '')), NULL, 0, NULL, NULL, 0, NULL, NULL, NULL
FROM per_map p
JOIN maps m ON m.id = p.map
LEFT JOIN map_docs d ON d.map = m.id
WHERE p.n = 0`

// dashboardRows runs the dashboard query for one user and team.
func dashboardRows(app core.App, teamId, userId string) ([]dashboardRow, error) {
	var rows []dashboardRow
	err := app.DB().NewQuery(dashboardQuery).
		Bind(dbx.Params{"team": teamId, "user": userId, "offset": dashboardVersions - 1}).
		All(&rows)
	if err != nil {
		return nil, fmt.Errorf("dashboard query: %w", err)
	}
	return rows, nil
}

// dashboardMaps folds the query's rows into one entry per map, by name, each with its last
// dashboardVersions versions, oldest first; the newest gives the plan's dates. Sorting here
// rather than in SQL keeps SQLite from sorting every version's metrics along.
func dashboardMaps(rows []dashboardRow) ([]DashboardMap, error) {
	type version struct {
		DashboardVersion
		rid int64
	}
	maps := []DashboardMap{}
	at := map[string]int{}
	versions := map[string][]version{}
	for _, row := range rows {
		i, seen := at[row.Id]
		if !seen {
			i = len(maps)
			at[row.Id] = i
			maps = append(maps, DashboardMap{
				Id:             row.Id,
				YouthName:      row.YouthName,
				LastActivity:   row.Updated,
				LastEvaluation: row.LastEvaluation.String,
				VersionCount:   row.VersionCount,
				Versions:       []DashboardVersion{},
			})
		}
		if !row.TakenAt.Valid {
			continue
		}
		var metrics json.RawMessage
		if len(row.Metrics.String) > 0 && row.Metrics.String[0] == '{' {
			metrics = json.RawMessage(row.Metrics.String)
		}
		versions[row.Id] = append(versions[row.Id], version{DashboardVersion{TakenAt: row.TakenAt.String, Metrics: metrics}, row.Rid.Int64})
		m := &maps[i]
		m.LastActivity = max(m.LastActivity, row.TakenAt.String)
		if row.Newest {
			plan, err := readPlanDates(row.Plan.String)
			if err != nil {
				return nil, fmt.Errorf("map %s: %w", row.Id, err)
			}
			m.Plan = &plan
			if row.JimLog.Valid && json.Valid([]byte(row.JimLog.String)) {
				m.JimLog = json.RawMessage(row.JimLog.String)
			}
		}
	}
	for i := range maps {
		vs := versions[maps[i].Id]
		slices.SortFunc(vs, func(a, b version) int {
			return cmp.Or(strings.Compare(a.TakenAt, b.TakenAt), cmp.Compare(a.rid, b.rid))
		})
		// Versions taken at the very moment of the eighth newest all come from the query.
		for _, v := range vs[max(0, len(vs)-dashboardVersions):] {
			maps[i].Versions = append(maps[i].Versions, v.DashboardVersion)
		}
	}
	slices.SortStableFunc(maps, func(a, b DashboardMap) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.YouthName), strings.ToLower(b.YouthName)), strings.Compare(a.Id, b.Id))
	})
	return maps, nil
}

// readPlanDates reads [startOn, everyWeeks, nextOn] as json_extract gives them; a projection
// without a plan gives nulls.
func readPlanDates(s string) (DashboardPlan, error) {
	var plan DashboardPlan
	if s == "" {
		return plan, nil
	}
	var parts [3]json.RawMessage
	if err := json.Unmarshal([]byte(s), &parts); err != nil {
		return plan, fmt.Errorf("read plan dates: %w", err)
	}
	var startOn, nextOn string
	var every float64
	if json.Unmarshal(parts[0], &startOn) == nil && startOn != "" {
		plan.StartOn = &startOn
	}
	if json.Unmarshal(parts[1], &every) == nil && every >= 1 && every == float64(int64(every)) {
		weeks := int64(every)
		plan.EveryWeeks = &weeks
	}
	if json.Unmarshal(parts[2], &nextOn) == nil && nextOn != "" {
		plan.NextOn = &nextOn
	}
	return plan, nil
}
