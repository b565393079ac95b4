package hooks

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/search"
)

// The team's dashboard: GET /api/kring/teams/{team}/dashboard, for the team's professionals and
// reviewers. Every map of the team the caller may view, with what a team looks at in its weekly
// meeting: last activity, the last evaluation moment, the plan's evaluation rhythm, and the
// metrics of the last few versions (for a trend and the JIM's status).
//
// Who sees which map is the maps view rule itself (migrations/rules.go), not a copy of it: the
// rule is compiled by PocketBase's record field resolver, as the records API does for a list,
// into a subquery of the one query below. So a reviewer gets every map of their team and a
// professional the maps they are a member of, and a later change of the rule changes this route
// too. The alternative, CanAccessRecord per map, would be one query per map.
//
// Two queries per request whatever the number of maps: the caller's membership of the team, and
// the dashboard itself. Versions are ranked with a window function and only their metrics (a few
// hundred bytes) and the newest one's plan dates are read, never whole projections; the next
// evaluation date is computed in the web app from those dates (src/routes/team/evaluation.ts),
// so there is one implementation of it.

const (
	teamReviewer = "reviewer"
	// dashboardVersions: how many of a map's latest versions carry their metrics (the trend).
	dashboardVersions = 8
)

func bindDashboardRoutes(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		// Gzip: 300 maps × 8 versions of metrics is some 400 KiB of very repetitive JSON.
		se.Router.GET("/api/kring/teams/{team}/dashboard", teamDashboard).Bind(apis.Gzip())
		return se.Next()
	})
}

// dashboardTeam is the team and the caller's role in it.
type dashboardTeam struct {
	Id   string `db:"id" json:"id"`
	Name string `db:"name" json:"name"`
	Role string `db:"role" json:"role"`
}

// dashboardRow is one map as the query returns it.
type dashboardRow struct {
	Id             string         `db:"id"`
	YouthName      string         `db:"youth_name"`
	LastActivity   string         `db:"last_activity"`
	LastEvaluation sql.NullString `db:"last_evaluation"`
	VersionCount   int            `db:"version_count"`
	StartOn        sql.NullString `db:"start_on"`
	EveryWeeks     sql.NullInt64  `db:"every_weeks"`
	NextOn         sql.NullString `db:"next_on"`
	JimLog         sql.NullString `db:"jim_log"`
	Versions       sql.NullString `db:"versions"`
}

// DashboardPlan: the evaluation rhythm of the newest version's plan (PlanJson in plan.ts).
type DashboardPlan struct {
	StartOn    *string `json:"startOn"`
	EveryWeeks *int64  `json:"everyWeeks"`
	NextOn     *string `json:"nextOn"`
}

// DashboardVersion: when a version was taken and its metrics (metricsOf in metrics.ts, trimmed
// to what the dashboard reads).
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
	info, err := e.RequestInfo()
	if err != nil {
		return internal(e, err)
	}
	visible, err := viewableMapsOfTeam(e.App, info, team.Id)
	if err != nil {
		return internal(e, err)
	}
	rows, err := dashboardRows(e.App, visible)
	if err != nil {
		return internal(e, err)
	}
	maps := make([]DashboardMap, 0, len(rows))
	for _, row := range rows {
		m, err := row.dashboardMap()
		if err != nil {
			return internal(e, fmt.Errorf("map %s: %w", row.Id, err))
		}
		maps = append(maps, m)
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
		Bind(dbx.Params{"team": teamId, "user": userId, "professional": roleProfessional, "reviewer": teamReviewer}).
		One(&team)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return team, fmt.Errorf("find team membership: %w", err)
	}
	return team, err
}

// viewableMapsOfTeam: a subquery (SQL and its parameters) for the ids of the team's maps that the
// maps collection's view rule lets the requesting user see. It is built, not run.
func viewableMapsOfTeam(app core.App, info *core.RequestInfo, teamId string) (*dbx.Query, error) {
	maps, err := app.FindCachedCollectionByNameOrId("maps")
	if err != nil {
		return nil, fmt.Errorf("find maps: %w", err)
	}
	q := app.DB().Select("maps.id").From("maps").AndWhere(dbx.HashExp{"maps.team": teamId})
	switch {
	case info.HasSuperuserAuth() || (maps.ViewRule != nil && *maps.ViewRule == ""):
		// Everyone may view (never so in Kring; kept so the rule stays the only judge).
	case maps.ViewRule == nil:
		q.AndWhere(dbx.NewExp("0 = 1"))
	default:
		resolver := core.NewRecordFieldResolver(app, maps, info, true)
		expr, err := search.FilterData(*maps.ViewRule).BuildExpr(resolver)
		if err != nil {
			return nil, fmt.Errorf("maps view rule: %w", err)
		}
		q.AndWhere(expr)
		if err := resolver.UpdateQuery(q); err != nil {
			return nil, fmt.Errorf("maps view rule: %w", err)
		}
	}
	return q.Build(), nil
}

// dashboardQuery: one statement for the whole dashboard. %s is the subquery of visible map ids.
//
//   - ranked numbers each visible map's versions newest first (the (map, taken_at) index serves
//     it without reading a row);
//   - recent is each map's last few versions with their metrics trimmed to what the dashboard
//     reads. Versions kept before metrics existed (and the demo seed's) have none: for those the
//     people per ring are counted from the projection instead, which is enough for the trend;
//   - evaluated is each map's last evaluation moment (the day of the evaluation itself when it
//     was recorded, else the day it was taken);
//   - the newest version gives the plan's evaluation dates.
const dashboardQuery = `
WITH visible(id) AS (%s),
ranked AS (
	SELECT v.rowid AS rid, v.map AS map, v.taken_at AS taken_at,
		ROW_NUMBER() OVER (PARTITION BY v.map ORDER BY v.taken_at DESC, v.rowid DESC) AS rn,
		COUNT(*) OVER (PARTITION BY v.map) AS n
	FROM map_versions v
	WHERE v.map IN (SELECT id FROM visible)
),
recent AS (
	SELECT r.map AS map, r.rn AS rn, r.n AS n, r.rid AS rid, json_object(
		'taken_at', r.taken_at,
		'metrics', CASE WHEN (CASE WHEN json_valid(v.metrics) THEN json_type(v.metrics) END) = 'object'
			THEN json_object(
				'version', v.metrics -> '$.version',
				'people', v.metrics -> '$.people',
				'placed', v.metrics -> '$.placed',
				'perRing', v.metrics -> '$.perRing',
				'tiesWithYouth', v.metrics -> '$.tiesWithYouth',
				'agreements', v.metrics -> '$.agreements',
				'jim', v.metrics -> '$.jim')
			ELSE (
				SELECT json_object('version', 0, 'people', count(*), 'placed', count(p.ring),
					'perRing', json_object('1', count(p.ring = 1 OR NULL), '2', count(p.ring = 2 OR NULL), '3', count(p.ring = 3 OR NULL), '4', count(p.ring = 4 OR NULL)))
				FROM (
					SELECT CASE WHEN e.value ->> '$.sector' IS NOT NULL THEN e.value ->> '$.ring' END AS ring
					FROM json_each(CASE WHEN json_valid(v.projection) THEN v.projection ELSE '{}' END, '$.people') e
				) p)
			END) AS version,
		COALESCE((CASE WHEN json_valid(v.metrics) THEN json_type(v.metrics) END) = 'object', 0) AS has_metrics
	FROM ranked r JOIN map_versions v ON v.rowid = r.rid
	WHERE r.rn <= {:recent}
),
series AS (
	SELECT map, json_group_array(json(version)) AS versions FROM recent GROUP BY map
),
evaluated AS (
	SELECT v.map AS map, MAX(v.taken_at) AS taken_at,
		substr(COALESCE(NULLIF(v.evaluated_on, ''), v.taken_at), 1, 10) AS day
	FROM map_versions v
	WHERE v.kind = 'evaluation' AND v.map IN (SELECT id FROM visible)
	GROUP BY v.map
)
SELECT m.id AS id, m.youth_name AS youth_name,
	MAX(m.updated, COALESCE(d.updated, ''), COALESCE(lv.taken_at, '')) AS last_activity,
	ev.day AS last_evaluation,
	COALESCE(latest.n, 0) AS version_count,
	CASE WHEN json_valid(lv.projection) THEN lv.projection ->> '$.plan.startOn' END AS start_on,
	CASE WHEN json_valid(lv.projection) THEN lv.projection ->> '$.plan.everyWeeks' END AS every_weeks,
	CASE WHEN json_valid(lv.projection) THEN lv.projection ->> '$.plan.nextOn' END AS next_on,
	CASE WHEN NOT latest.has_metrics AND json_valid(lv.projection) THEN lv.projection -> '$.jim' END AS jim_log,
	s.versions AS versions
FROM visible
JOIN maps m ON m.id = visible.id
LEFT JOIN map_docs d ON d.map = m.id
LEFT JOIN recent latest ON latest.map = m.id AND latest.rn = 1
LEFT JOIN map_versions lv ON lv.rowid = latest.rid
LEFT JOIN series s ON s.map = m.id
LEFT JOIN evaluated ev ON ev.map = m.id
ORDER BY m.youth_name COLLATE NOCASE, m.id`

// dashboardRows runs the dashboard query over the visible maps.
func dashboardRows(app core.App, visible *dbx.Query) ([]dashboardRow, error) {
	params := dbx.Params{}
	for k, v := range visible.Params() {
		params[k] = v
	}
	params["recent"] = dashboardVersions
	var rows []dashboardRow
	err := app.DB().NewQuery(fmt.Sprintf(dashboardQuery, visible.SQL())).Bind(params).All(&rows)
	if err != nil {
		return nil, fmt.Errorf("dashboard query: %w", err)
	}
	return rows, nil
}

// dashboardMap shapes one row for the response: versions oldest first, plan dates as the
// projection holds them.
func (row dashboardRow) dashboardMap() (DashboardMap, error) {
	m := DashboardMap{
		Id:             row.Id,
		YouthName:      row.YouthName,
		LastActivity:   row.LastActivity,
		LastEvaluation: row.LastEvaluation.String,
		VersionCount:   row.VersionCount,
		Versions:       []DashboardVersion{},
	}
	if row.Versions.Valid && row.Versions.String != "" {
		if err := json.Unmarshal([]byte(row.Versions.String), &m.Versions); err != nil {
			return m, fmt.Errorf("read versions: %w", err)
		}
		slices.SortStableFunc(m.Versions, func(a, b DashboardVersion) int { return strings.Compare(a.TakenAt, b.TakenAt) })
	}
	if len(m.Versions) > 0 {
		m.Plan = &DashboardPlan{StartOn: nullString(row.StartOn), NextOn: nullString(row.NextOn)}
		if row.EveryWeeks.Valid {
			m.Plan.EveryWeeks = &row.EveryWeeks.Int64
		}
	}
	if row.JimLog.Valid && json.Valid([]byte(row.JimLog.String)) {
		m.JimLog = json.RawMessage(row.JimLog.String)
	}
	return m, nil
}

func nullString(s sql.NullString) *string {
	if !s.Valid || s.String == "" {
		return nil
	}
	return &s.String
}
