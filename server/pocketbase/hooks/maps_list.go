package hooks

import (
	"net/http"
	"strings"

	"github.com/ganigeorgiev/fexpr"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/search"

	"kring/server/pocketbase/access"
)

// A list of maps as a user (GET /api/collections/maps/records) is decided by the maps rule alone:
// a member of the map, or a reviewer of its team. That rule is an "or" over two joined
// collections, so for a list that names no map or team SQLite can only check it map by map, and
// the cost grows with every map of the organisation (maps.getList() as a professional: 38 ms at
// 1,000 maps, 421 to 631 ms at 20,000).
//
// Before PocketBase runs such a list, this adds to its filter the maps the rule can let the user
// see, as SQLite can find them by index: the maps they are a member of, by id, and the maps of
// the teams they review, by team. The rule still decides, as before: the addition only lets
// SQLite start from those maps instead of from all of them, so the answer is the same, page and
// count alike. Someone on many maps gets no addition (the filter would grow past what PocketBase
// takes), and the rule decides the slow way.

// mapsListHintMax: the most maps and teams the added filter names.
const mapsListHintMax = 60

// noMap: an id no record has (PocketBase's are 15 of [a-z0-9]): a user who may see no map finds
// that out by index too.
const noMap = "-"

func bindMapsListHint(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		// After the auth record is loaded from the token and its session checked (hooks.go).
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id:       "kringMapsListHint",
			Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 2,
			Func:     narrowMapsList,
		})
		return se.Next()
	})
}

func narrowMapsList(e *core.RequestEvent) error {
	if e.Request.Method != http.MethodGet || e.Auth == nil || e.Auth.Collection().Name != usersCollection {
		return e.Next()
	}
	if !isMapsList(e.App, e.Request.URL.Path) {
		return e.Next()
	}
	hint, err := readableMapsFilter(e.App, e.Auth.Id)
	if err != nil {
		e.App.Logger().Warn("maps list hint", "error", err.Error())
		return e.Next()
	}
	if hint == "" {
		return e.Next()
	}
	query := e.Request.URL.Query()
	filter := hint
	if own := strings.TrimSpace(query.Get(search.FilterQueryParam)); own != "" {
		// Only a whole expression is put in brackets: "a) || (b" would take the addition out of
		// the "and". (Not a question of access, which the rule decides either way; of speed.)
		if _, err := fexpr.Parse(own); err != nil {
			return e.Next()
		}
		filter = "(" + own + ") && " + hint
	}
	if len(filter) > search.MaxFilterLength {
		return e.Next()
	}
	// PocketBase's own view of the request (RequestInfo, read once and kept) stays what the client
	// sent: its throttle of repeated searches that find nothing looks at the client's filter, and a
	// user on no map who lists their maps is not searching.
	if _, err := e.RequestInfo(); err != nil {
		return e.Next()
	}
	query.Set(search.FilterQueryParam, filter)
	e.Request.URL.RawQuery = query.Encode()
	return e.Next()
}

// isMapsList: path is the records list of the maps collection, by name or by id.
func isMapsList(app core.App, path string) bool {
	rest, ok := strings.CutPrefix(path, "/api/collections/")
	if !ok {
		return false
	}
	name, ok := strings.CutSuffix(strings.TrimSuffix(rest, "/"), "/records")
	if !ok || strings.Contains(name, "/") {
		return false
	}
	if name == "maps" {
		return true
	}
	maps, err := app.FindCachedCollectionByNameOrId("maps")
	return err == nil && name == maps.Id
}

// readableMapsFilter: a filter naming every map the maps rule can let the user see (the maps
// they are a member of, by index idx_map_members_user; the teams they review, by
// idx_team_members_user), or "" when that is more than mapsListHintMax.
func readableMapsFilter(app core.App, userID string) (string, error) {
	var mapIDs, teamIDs []string
	err := app.DB().Select("map").Distinct(true).From("map_members").
		Where(dbx.HashExp{"user": userID}).
		Limit(mapsListHintMax + 1).
		Column(&mapIDs)
	if err != nil {
		return "", err
	}
	err = app.DB().Select("team").Distinct(true).From("team_members").
		Where(dbx.HashExp{"user": userID, "role": access.Reviewer}).
		Limit(mapsListHintMax + 1).
		Column(&teamIDs)
	if err != nil {
		return "", err
	}
	if len(mapIDs)+len(teamIDs) > mapsListHintMax {
		return "", nil
	}
	terms := make([]string, 0, len(mapIDs)+len(teamIDs))
	for _, ids := range []struct {
		field string
		ids   []string
	}{{"id", mapIDs}, {"team", teamIDs}} {
		for _, id := range ids.ids {
			// Ids go into the filter as text: anything but a record id, and no addition at all
			// (leaving a map out would hide it).
			if !recordIDPattern.MatchString(id) {
				return "", nil
			}
			terms = append(terms, ids.field+` = "`+id+`"`)
		}
	}
	if len(terms) == 0 {
		terms = append(terms, `id = "`+noMap+`"`)
	}
	// `id != ""` holds for every map. Without it, SQLite counted the page's total (PocketBase's
	// COUNT(DISTINCT rowid)) by reading every map whenever its statistics were older than the
	// organisation: at 20,000 maps with statistics of 1,000, 20 to 40 ms a list instead of 1
	// (TestAMapsListStaysIndexedWithStaleStatistics).
	return `id != "" && (` + strings.Join(terms, " || ") + ")", nil
}
