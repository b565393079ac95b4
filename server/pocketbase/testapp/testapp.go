// Package testapp gives Go tests Kring's real schema: every migration applied to a PocketBase in
// a temporary data folder. For tests only.
package testapp

import (
	"path/filepath"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	_ "kring/server/pocketbase/migrations"
)

// Migrated: a bootstrapped app with every migration applied, reset when the test ends. bind runs
// before the bootstrap (to bind hooks); it may be nil.
func Migrated(t testing.TB, bind func(app core.App)) core.App {
	t.Helper()
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: filepath.Join(t.TempDir(), "pb_data")})
	if bind != nil {
		bind(app)
	}
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	if err := app.RunAllMigrations(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = app.ResetBootstrapState() })
	return app
}

// Record saves a new record of collection with fields (an auth record gets a password), failing
// the test when it cannot.
func Record(t testing.TB, app core.App, collection string, fields map[string]any) *core.Record {
	t.Helper()
	c, err := app.FindCollectionByNameOrId(collection)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(c)
	for k, v := range fields {
		r.Set(k, v)
	}
	if c.IsAuth() {
		r.SetPassword("test-password-1234")
	}
	if err := app.Save(r); err != nil {
		t.Fatalf("create %s: %v", collection, err)
	}
	return r
}
