package backup

import (
	"archive/zip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"kring/server/pocketbase/testapp"
)

// migratedApp: Kring's real schema with this package's backup hooks and KRING_BACKUP_DIR at backups.
func migratedApp(t *testing.T, backups string) core.App {
	t.Helper()
	t.Setenv(EnvDir, backups)
	return testapp.Migrated(t, bindHooks)
}

func zipsIn(t *testing.T, dir, prefix string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) && strings.HasSuffix(e.Name(), ".zip") {
			names = append(names, e.Name())
		}
	}
	return names
}

// forgetNewestMigration makes the newest migration pending again, as a Kring upgrade would.
func forgetNewestMigration(t *testing.T, app core.App) {
	t.Helper()
	items := core.AppMigrations.Items()
	newest := items[len(items)-1].File
	if _, err := app.DB().NewQuery("DELETE FROM _migrations WHERE file = {:f}").Bind(map[string]any{"f": newest}).Execute(); err != nil {
		t.Fatal(err)
	}
}

func TestABackupIsMadeBeforePendingMigrationsOnlyWhenThereIsData(t *testing.T) {
	backups := t.TempDir()
	app := migratedApp(t, backups)

	if err := backupBeforeMigrations(app); err != nil {
		t.Fatal(err)
	}
	if got := zipsIn(t, backups, PreMigrationPrefix); len(got) != 0 {
		t.Fatalf("nothing pending, yet backups %v", got)
	}

	forgetNewestMigration(t, app)
	if pending, _ := PendingMigrations(app); len(pending) != 1 {
		t.Fatalf("pending %v, want the newest only", pending)
	}
	if err := backupBeforeMigrations(app); err != nil {
		t.Fatal(err)
	}
	if got := zipsIn(t, backups, PreMigrationPrefix); len(got) != 0 {
		t.Fatalf("no users (a fresh folder), yet backups %v", got)
	}

	users, _ := app.FindCollectionByNameOrId("users")
	u := core.NewRecord(users)
	u.Set("email", "sam@example.test")
	u.SetPassword("test-password-1234")
	if err := app.Save(u); err != nil {
		t.Fatal(err)
	}
	if err := backupBeforeMigrations(app); err != nil {
		t.Fatal(err)
	}
	got := zipsIn(t, backups, PreMigrationPrefix)
	if len(got) != 1 {
		t.Fatalf("backups before the migration: %v, want one", got)
	}
	// It is in KRING_BACKUP_DIR, not left in pb_data/backups, and holds the database.
	if left := zipsIn(t, filepath.Join(app.DataDir(), core.LocalBackupsDirName), ""); len(left) != 0 {
		t.Fatalf("left in pb_data/backups: %v", left)
	}
	zr, err := zip.OpenReader(filepath.Join(backups, got[0]))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	if !contains(names, "data.db") || contains(names, LockFile) {
		t.Fatalf("backup holds %v: want data.db and no lock file", names)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestScheduledBackupsBeyondTheLimitGoOldestFirstAndOthersStay(t *testing.T) {
	dir := t.TempDir()
	base := time.Date(2026, 1, 1, 3, 0, 0, 0, time.UTC)
	for i, name := range []string{autoPrefix + "a.zip", autoPrefix + "b.zip", autoPrefix + "c.zip", PreMigrationPrefix + "x.zip", "manual.zip"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("zip"), 0o600); err != nil {
			t.Fatal(err)
		}
		at := base.Add(time.Duration(i) * 24 * time.Hour)
		if err := os.Chtimes(path, at, at); err != nil {
			t.Fatal(err)
		}
	}
	if err := prune(dir, autoPrefix, 2); err != nil {
		t.Fatal(err)
	}
	got := zipsIn(t, dir, "")
	want := []string{autoPrefix + "b.zip", autoPrefix + "c.zip", PreMigrationPrefix + "x.zip", "manual.zip"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("kept %v, want %v", got, want)
	}
}

func TestScheduleFromTheEnvironment(t *testing.T) {
	env := func(vals map[string]string) func(string) string { return func(k string) string { return vals[k] } }
	cases := []struct {
		vals     map[string]string
		cron     string
		keep     int
		mistaken bool
	}{
		{map[string]string{}, DefaultCron, DefaultKeep, false},
		{map[string]string{EnvCron: "off"}, "", DefaultKeep, false},
		{map[string]string{EnvCron: "30 1 * * *", EnvKeep: "30"}, "30 1 * * *", 30, false},
		{map[string]string{EnvKeep: "0"}, "", 0, true},
		{map[string]string{EnvKeep: "veertien"}, "", 0, true},
	}
	for _, c := range cases {
		cron, keep, err := Schedule(env(c.vals))
		if (err != nil) != c.mistaken || cron != c.cron || keep != c.keep {
			t.Errorf("%v: got %q %d %v", c.vals, cron, keep, err)
		}
	}
}

func TestRestoreRefusesWhileServingAndWhatIsNoKringBackup(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pb_data")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	junk := filepath.Join(t.TempDir(), "junk.zip")
	if err := os.WriteFile(junk, []byte("no zip"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Restore(junk, dir); err == nil || !strings.Contains(err.Error(), "not a valid backup") {
		t.Fatalf("junk: %v", err)
	}

	// A zip without a database.
	empty := filepath.Join(t.TempDir(), "empty.zip")
	f, _ := os.Create(empty)
	zw := zip.NewWriter(f)
	w, _ := zw.Create("notes.txt")
	_, _ = w.Write([]byte("hallo"))
	_ = zw.Close()
	_ = f.Close()
	if _, err := Restore(empty, dir); err == nil || !strings.Contains(err.Error(), "no data.db") {
		t.Fatalf("zip without data.db: %v", err)
	}

	// While a PocketBase serves the folder.
	held, err := lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	if _, err := Restore(empty, dir); !errors.Is(err, ErrRunning) {
		t.Fatalf("while serving: %v", err)
	}
}
