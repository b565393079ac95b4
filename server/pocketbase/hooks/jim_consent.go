package hooks

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"kring/server/pocketbase/access"
)

// The map's versions each hold the whole map as it was. A JIM reads them only once the youth has
// said yes to them, as the newest version records it: the yes the sync server waits for before it
// sends the live map (server/sync/room.ts), which the history page asks for too. The list rule
// cannot see inside a version, so this runs before PocketBase answers, and before the access log
// records a reading that did not happen. Like the sync server, it holds back a JIM whose
// membership names a person on the map; one invited for nobody is held back by the pages only.
const jimConsentPriority = -10

const jimAwaitsConsentMessage = "De jongere heeft nog geen ja gezegd tegen het delen van de kaart met jou."

func bindJimConsentGate(app core.App) {
	app.OnRecordsListRequest("map_versions").Bind(&hook.Handler[*core.RecordsListRequestEvent]{
		Id: "kringJimConsentList", Priority: jimConsentPriority, Func: gateVersionsList,
	})
	app.OnRecordViewRequest("map_versions").Bind(&hook.Handler[*core.RecordRequestEvent]{
		Id: "kringJimConsentView", Priority: jimConsentPriority, Func: gateVersionView,
	})
}

func gateVersionsList(e *core.RecordsListRequestEvent) error {
	if e.Auth == nil || e.Auth.Collection().Name != usersCollection {
		return e.Next()
	}
	checked := map[string]bool{}
	for _, v := range e.Records {
		mapID := v.GetString("map")
		if checked[mapID] {
			continue
		}
		checked[mapID] = true
		held, err := jimAwaitsConsent(e.App, mapID, e.Auth.Id)
		if err != nil {
			return e.InternalServerError("", err)
		}
		if held {
			return e.ForbiddenError(jimAwaitsConsentMessage, nil)
		}
	}
	return e.Next()
}

func gateVersionView(e *core.RecordRequestEvent) error {
	if e.Auth == nil || e.Auth.Collection().Name != usersCollection {
		return e.Next()
	}
	held, err := jimAwaitsConsent(e.App, e.Record.GetString("map"), e.Auth.Id)
	if err != nil {
		return e.InternalServerError("", err)
	}
	if held {
		return e.ForbiddenError(jimAwaitsConsentMessage, nil)
	}
	return e.Next()
}

// jimAwaitsConsent: the user is on the map only as a JIM for a person, and the newest version
// holds no yes of the youth to that person. Indexed lookups: the user's rows on the map, then the
// map's newest version (idx_map_versions_map_taken).
func jimAwaitsConsent(app core.App, mapID, userID string) (bool, error) {
	roles, err := access.MemberRoles(app, mapID, userID)
	if err != nil || !slices.Contains(roles, access.JIM) {
		return false, err
	}
	for _, r := range roles {
		if r != access.JIM {
			// Also the youth's parent, say: that role reads the map anyway.
			return false, nil
		}
	}
	person, err := access.PersonOnMap(app, mapID, userID, access.JIM)
	if err != nil || person == "" {
		return false, err
	}
	var projections []string
	err = app.DB().Select("projection").From("map_versions").
		Where(dbx.HashExp{"map": mapID}).
		OrderBy("taken_at DESC", "rowid DESC").
		Limit(1).
		Column(&projections)
	if err != nil {
		return false, fmt.Errorf("newest version of map: %w", err)
	}
	if len(projections) == 0 {
		return true, nil
	}
	var p struct {
		Jim []access.JimEntry `json:"jim"`
	}
	// A projection that cannot be read records no yes.
	_ = json.Unmarshal([]byte(projections[0]), &p)
	return !access.HasJimConsent(p.Jim, person), nil
}
