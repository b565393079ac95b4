// Command kring-pocketbase is PocketBase with Kring's schema (migrations/) and hooks (hooks/).
package main

import (
	"log"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/plugins/migratecmd"

	"kring/server/pocketbase/hooks"
	_ "kring/server/pocketbase/migrations"
)

func main() {
	// Never dev mode: it prints every SQL statement, including the superuser's password hash and
	// token key during `superuser upsert`. pocketbase.New() would turn it on whenever the binary
	// lies under the temp folder (its "go run" guess), so the default is fixed here.
	app := pocketbase.NewWithConfig(pocketbase.Config{DefaultDev: false})
	// The --dev flag can still ask for it; refuse rather than leak.
	if app.IsDev() {
		log.Fatal("kring-pocketbase never runs in dev mode: it would print secrets (drop --dev)")
	}

	// Schema changes are hand-written Go migrations; never generated from the dashboard.
	migratecmd.MustRegister(app, app.RootCmd, migratecmd.Config{Automigrate: false})

	hooks.Register(app)

	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}
