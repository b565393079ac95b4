package migrations

import (
	"fmt"
	"log/slog"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// PocketBase's own log (auxiliary.db) keeps warnings and errors, among them every failed
// request, but no longer a row for every request that succeeded. Those rows held the request's
// whole address, and with it what users searched for (a name, an e-mail address in a filter),
// for five days, beside Kring's own access log (hooks/access_log.go), which is the record of
// who opened which map.
func init() {
	m.Register(func(app core.App) error {
		return setLogLevel(app, int(slog.LevelWarn))
	}, func(app core.App) error {
		return setLogLevel(app, int(slog.LevelInfo)) // PocketBase's default
	})
}

func setLogLevel(app core.App, level int) error {
	settings := app.Settings()
	settings.Logs.MinLevel = level
	if err := app.Save(settings); err != nil {
		return fmt.Errorf("log level: %w", err)
	}
	return nil
}
