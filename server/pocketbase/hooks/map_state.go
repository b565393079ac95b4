package hooks

import (
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"regexp"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
)

// GET /api/kring/maps/{map}/state (superusers only: the sync server's service identity) answers
// what is stored of a map's live document in one request, as the sync server loads a map: its
// compacted state in map_docs and the log of changes since in map_updates, each as stored
// (base64 text). {"doc": {"id", "state"} or null, "log": [{"id", "update"}, ...]}. It was two
// lists before; a node that opens 2,000 maps at once (after a restart) asked PocketBase 4,000
// times. Both collections stay superuser-only, and this route too.
func bindMapStateRoute(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.GET("/api/kring/maps/{map}/state", mapState).Bind(apis.RequireSuperuserAuth())
		return se.Next()
	})
}

// recordIDPattern: PocketBase's record ids (15 characters, a to z and 0 to 9).
var recordIDPattern = regexp.MustCompile(`^[a-z0-9]{15}$`)

type storedDoc struct {
	ID    string `db:"id" json:"id"`
	State string `db:"state" json:"state"`
}

type storedUpdate struct {
	ID     string `db:"id" json:"id"`
	Update string `db:"update" json:"update"`
}

func mapState(e *core.RequestEvent) error {
	mapID := e.Request.PathValue("map")
	if !recordIDPattern.MatchString(mapID) {
		return e.BadRequestError("Not a map id.", nil)
	}
	var doc storedDoc
	var docAnswer any
	err := e.App.DB().Select("id", "state").From("map_docs").Where(dbx.HashExp{"map": mapID}).Limit(1).One(&doc)
	switch {
	case err == nil:
		docAnswer = doc
	case errors.Is(err, sql.ErrNoRows):
		docAnswer = nil
	default:
		return e.InternalServerError("", fmt.Errorf("read map_docs: %w", err))
	}
	log := []storedUpdate{}
	if err := e.App.DB().Select("id", "update").From("map_updates").Where(dbx.HashExp{"map": mapID}).OrderBy("created ASC", "id ASC").All(&log); err != nil {
		return e.InternalServerError("", fmt.Errorf("read map_updates: %w", err))
	}
	return e.JSON(http.StatusOK, map[string]any{"doc": docAnswer, "log": log})
}
