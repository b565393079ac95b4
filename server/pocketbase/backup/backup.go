// Package backup makes Kring's backups with PocketBase's own (core.BaseApp.CreateBackup): a zip of
// the data folder made inside a transaction on the one connection PocketBase writes through, after
// a WAL checkpoint, so no write commits while it is copied and the zip is one consistent SQLite
// state. Here: where the zips go (KRING_BACKUP_DIR), when they are made (daily, and before
// pending migrations) and how many are kept; restore.go brings a stopped instance back from one.
package backup

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"
)

const (
	// EnvDir: the folder backups go to. Unset: PocketBase's own pb_data/backups. npm start sets it
	// to $KRING_DATA_DIR/backups (server/launch/data-dir.ts).
	EnvDir = "KRING_BACKUP_DIR"
	// EnvCron: when the scheduled backup runs (cron, UTC); "off" for none.
	EnvCron = "KRING_BACKUP_CRON"
	// EnvKeep: how many scheduled backups are kept (the oldest go first).
	EnvKeep = "KRING_BACKUP_KEEP"

	DefaultCron = "0 3 * * *"
	DefaultKeep = 14

	// PreMigrationPrefix names the backup made before pending migrations apply. Scheduled backups
	// are PocketBase's "@auto_pb_backup_…": only those are pruned, so these stay until removed by hand.
	PreMigrationPrefix = "@pre_migration_"
)

// Register wires Kring's backups into app; call before app.Start().
func Register(app *pocketbase.PocketBase) {
	bindHooks(app)

	// Runs after the bootstrap and before a command: `serve` and `migrate up` apply pending
	// migrations right after this (apis.Serve, migratecmd).
	previous := app.RootCmd.PersistentPreRunE
	app.RootCmd.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		if previous != nil {
			if err := previous(cmd, args); err != nil {
				return err
			}
		}
		switch {
		case cmd.Name() == "serve":
			if err := holdServeLock(app.DataDir()); err != nil {
				return err
			}
			if err := applySchedule(app); err != nil {
				return err
			}
			return backupBeforeMigrations(app)
		case cmd.Name() == "migrate" && (len(args) == 0 || args[0] == "up"):
			return backupBeforeMigrations(app)
		}
		return nil
	}
}

// bindHooks: backups end up in KRING_BACKUP_DIR, without the serving lock.
func bindHooks(app core.App) {
	app.OnBootstrap().BindFunc(func(e *core.BootstrapEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		dir, err := backupDir(e.App)
		if err != nil || dir == "" {
			return err
		}
		// Backups an earlier start left in pb_data/backups join the others.
		return moveBackups(filepath.Join(e.App.DataDir(), core.LocalBackupsDirName), dir, "")
	})

	app.OnBackupCreate().BindFunc(func(e *core.BackupEvent) error {
		// The serving lock says nothing about the copy: a restored folder starts unlocked.
		e.Exclude = append(e.Exclude, LockFile)
		if err := e.Next(); err != nil {
			return err
		}
		return keepInBackupDir(e.App, e.Name)
	})
}

// backupDir: KRING_BACKUP_DIR as an absolute path, made if missing; "" when unset or when it is
// PocketBase's own pb_data/backups.
func backupDir(app core.App) (string, error) {
	raw := os.Getenv(EnvDir)
	if raw == "" {
		return "", nil
	}
	dir, err := filepath.Abs(raw)
	if err != nil {
		return "", fmt.Errorf("%s: %w", EnvDir, err)
	}
	own, _ := filepath.Abs(filepath.Join(app.DataDir(), core.LocalBackupsDirName))
	if dir == own {
		return "", nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("make the backup folder %s: %w", dir, err)
	}
	return dir, nil
}

// keepInBackupDir moves the backup PocketBase just wrote to pb_data/backups into KRING_BACKUP_DIR
// and, for a scheduled one, removes the oldest scheduled ones there beyond backups.cronMaxKeep.
// (PocketBase reads its backups folder as a plain folder: a link there is not listed, so neither
// its list nor its pruning would see the backups. Its own pruning, after this, finds none left.)
func keepInBackupDir(app core.App, name string) error {
	dir, err := backupDir(app)
	if err != nil || dir == "" {
		return err
	}
	if err := moveBackups(filepath.Join(app.DataDir(), core.LocalBackupsDirName), dir, name); err != nil {
		return err
	}
	if strings.HasPrefix(name, autoPrefix) {
		return prune(dir, autoPrefix, app.Settings().Backups.CronMaxKeep)
	}
	return nil
}

// autoPrefix: PocketBase's name for scheduled backups (core.registerAutobackupHooks).
const autoPrefix = "@auto_pb_backup_"

// moveBackups moves the zip named only (every zip when "") and its .attrs file from one folder
// to another.
func moveBackups(from, to, only string) error {
	entries, err := os.ReadDir(from)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("read %s: %w", from, err)
	}
	for _, entry := range entries {
		name := entry.Name()
		zip := strings.TrimSuffix(name, ".attrs")
		if !entry.Type().IsRegular() || !strings.HasSuffix(zip, ".zip") || (only != "" && zip != only) {
			continue
		}
		if err := moveFile(filepath.Join(from, name), filepath.Join(to, name)); err != nil {
			return fmt.Errorf("move backup %s to %s: %w", name, to, err)
		}
	}
	return nil
}

// moveFile renames, or copies and removes when the folders are on different disks.
func moveFile(from, to string) error {
	if err := os.Rename(from, to); err == nil {
		return nil
	}
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	tmp := to + ".part"
	dst, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		os.Remove(tmp)
		return err
	}
	if err := dst.Sync(); err != nil {
		dst.Close()
		os.Remove(tmp)
		return err
	}
	if err := dst.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, to); err != nil {
		return err
	}
	return os.Remove(from)
}

// prune keeps the newest keep zips named prefix… in dir (by time of change) and removes the rest.
func prune(dir, prefix string, keep int) error {
	if keep <= 0 {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("read %s: %w", dir, err)
	}
	type found struct {
		name string
		at   time.Time
	}
	var zips []found
	for _, entry := range entries {
		if !entry.Type().IsRegular() || !strings.HasPrefix(entry.Name(), prefix) || !strings.HasSuffix(entry.Name(), ".zip") {
			continue
		}
		info, err := entry.Info()
		if err != nil {
			continue
		}
		zips = append(zips, found{entry.Name(), info.ModTime()})
	}
	sort.Slice(zips, func(i, j int) bool { return zips[i].at.After(zips[j].at) })
	for i := keep; i < len(zips); i++ {
		for _, name := range []string{zips[i].name, zips[i].name + ".attrs"} {
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("remove old backup %s: %w", name, err)
			}
		}
	}
	return nil
}

// Schedule reads when scheduled backups run and how many are kept from the environment.
func Schedule(getenv func(string) string) (cron string, keep int, err error) {
	cron = strings.TrimSpace(getenv(EnvCron))
	switch cron {
	case "":
		cron = DefaultCron
	case "off":
		cron = ""
	}
	keep = DefaultKeep
	if raw := strings.TrimSpace(getenv(EnvKeep)); raw != "" {
		keep, err = strconv.Atoi(raw)
		if err != nil || keep < 1 {
			return "", 0, fmt.Errorf("%s must be a whole number of 1 or more, not %q", EnvKeep, raw)
		}
	}
	return cron, keep, nil
}

// applySchedule writes the schedule into PocketBase's settings (backups.cron, backups.cronMaxKeep),
// whose cron job makes the backups and prunes the oldest. The environment decides at each start.
func applySchedule(app core.App) error {
	cron, keep, err := Schedule(os.Getenv)
	if err != nil {
		return err
	}
	settings := app.Settings()
	if settings.Backups.Cron == cron && settings.Backups.CronMaxKeep == keep {
		return nil
	}
	settings.Backups.Cron = cron
	settings.Backups.CronMaxKeep = keep
	if err := app.Save(settings); err != nil {
		return fmt.Errorf("backup schedule (%s=%q, %s=%d): %w", EnvCron, cron, EnvKeep, keep, err)
	}
	return nil
}

// PendingMigrations: Kring's migrations not yet applied to this data folder.
func PendingMigrations(app core.App) ([]string, error) {
	applied := map[string]bool{}
	var files []string
	err := app.DB().Select("file").From(core.DefaultMigrationsTable).Column(&files)
	if err != nil {
		return nil, fmt.Errorf("read applied migrations: %w", err)
	}
	for _, f := range files {
		applied[f] = true
	}
	var pending []string
	for _, m := range core.AppMigrations.Items() {
		if !applied[m.File] {
			pending = append(pending, m.File)
		}
	}
	return pending, nil
}

// hasData: the data folder holds at least one user (a fresh folder has nothing worth keeping).
func hasData(app core.App) bool {
	var one int
	err := app.DB().Select("(1)").From("users").Limit(1).Row(&one)
	return err == nil && one == 1
}

// backupBeforeMigrations makes a backup when migrations are about to change data that exists.
func backupBeforeMigrations(app core.App) error {
	pending, err := PendingMigrations(app)
	if err != nil {
		return err
	}
	if len(pending) == 0 || !hasData(app) {
		return nil
	}
	name := PreMigrationPrefix + "kring_" + time.Now().UTC().Format("20060102150405") + ".zip"
	started := time.Now()
	if err := app.CreateBackup(context.Background(), name); err != nil {
		// Better not to start than to migrate without a way back.
		return fmt.Errorf("backup before %d pending migrations failed (nothing was migrated): %w", len(pending), err)
	}
	app.Logger().Info("backup before migrations",
		slog.String("name", name), slog.Int("pending", len(pending)), slog.Duration("took", time.Since(started)))
	fmt.Fprintf(os.Stderr, "[kring] backup %s made before %d pending migrations\n", name, len(pending))
	return nil
}
