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
	app := pocketbase.New()

	// Schema changes are hand-written Go migrations; never generated from the dashboard.
	migratecmd.MustRegister(app, app.RootCmd, migratecmd.Config{Automigrate: false})

	hooks.Register(app)

	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}
