package hooks

import (
	"fmt"
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
)

// POST /api/kring/checkpoint (superusers only: the sync server's service identity) copies the
// write-ahead log into the database files and empties it: PRAGMA wal_checkpoint(TRUNCATE) on the
// data and the auxiliary database. The sync server asks for it at the end of an erasure, so no
// old frame in the WAL keeps the erased name; secure_delete (main.go) zeroes what was deleted in
// the database file itself. Answers 200 {complete} (false when a reader kept a frame in use;
// SQLite's busy timeout, 10 s, has passed by then) or an error.
func bindCheckpointRoute(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.POST("/api/kring/checkpoint", checkpoint).Bind(apis.RequireSuperuserAuth())
		return se.Next()
	})
}

type checkpointResult struct {
	Busy         int `db:"busy"`
	Log          int `db:"log"`
	Checkpointed int `db:"checkpointed"`
}

func checkpoint(e *core.RequestEvent) error {
	complete := true
	for name, db := range map[string]dbx.Builder{"data": e.App.NonconcurrentDB(), "auxiliary": e.App.AuxNonconcurrentDB()} {
		var r checkpointResult
		if err := db.NewQuery("PRAGMA wal_checkpoint(TRUNCATE)").One(&r); err != nil {
			e.App.Logger().Error("checkpoint failed", "db", name, "error", err)
			return e.InternalServerError("", fmt.Errorf("checkpoint %s: %w", name, err))
		}
		// busy = 1: a reader kept the log from being emptied.
		if r.Busy != 0 {
			complete = false
		}
	}
	return e.JSON(http.StatusOK, map[string]any{"complete": complete})
}
