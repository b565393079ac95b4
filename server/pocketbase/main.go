// Command kring-pocketbase is PocketBase with Kring's schema (migrations/) and hooks (hooks/).
package main

import (
	"log"
	"os"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/plugins/migratecmd"

	"kring/server/pocketbase/backup"
	"kring/server/pocketbase/hooks"
	_ "kring/server/pocketbase/migrations"
	"kring/server/pocketbase/retention"
)

func main() {
	// Restore replaces the data folder, so it runs before PocketBase opens it (backup/restore.go).
	if len(os.Args) > 1 && os.Args[1] == "restore" {
		os.Exit(backup.RunRestoreCommand(os.Args[2:], os.Stdout, os.Stderr))
	}

	// Never dev mode: it prints every SQL statement, including the superuser's password hash and
	// token key during `superuser upsert`. pocketbase.New() would turn it on whenever the binary
	// lies under the temp folder (its "go run" guess), so the default is fixed here.
	app := pocketbase.NewWithConfig(pocketbase.Config{DefaultDev: false, DBConnect: connectSecureDelete})
	// The --dev flag can still ask for it; refuse rather than leak.
	if app.IsDev() {
		log.Fatal("kring-pocketbase never runs in dev mode: it would print secrets (drop --dev)")
	}

	// Schema changes are hand-written Go migrations; never generated from the dashboard.
	migratecmd.MustRegister(app, app.RootCmd, migratecmd.Config{Automigrate: false})

	hooks.Register(app)
	backup.Register(app)
	app.RootCmd.AddCommand(retention.Command(app))

	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}

// connectSecureDelete is PocketBase's own connection (core.DefaultDBConnect, v0.39: the same
// pragmas in the same order, busy_timeout first) with secure_delete on for every connection of
// the pool: SQLite overwrites deleted and replaced content with zeros instead of leaving it in
// free space, so an erased name (the right to erasure) is not left behind in the file's free
// pages. Old frames in the WAL are dropped by a checkpoint after each erasure (hooks/checkpoint.go).
func connectSecureDelete(dbPath string) (*dbx.DB, error) {
	pragmas := "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=journal_size_limit(200000000)" +
		"&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(ON)&_pragma=temp_store(MEMORY)&_pragma=cache_size(-32000)" +
		"&_pragma=secure_delete(ON)"
	return dbx.Open("sqlite", dbPath+pragmas)
}
