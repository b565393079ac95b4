package backup

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/archive"
	"github.com/pocketbase/pocketbase/tools/security"
)

// Kring's own collections: a backup without them is not a backup of Kring.
var requiredCollections = []string{"users", "maps", "map_docs", "map_updates", "map_members"}

// RestoreResult says what Restore did.
type RestoreResult struct {
	// Replaced: where the data folder that was replaced now is ("" when there was none).
	Replaced string
}

// RunRestoreCommand is `kring-pocketbase restore <backup.zip> --dir <pb_data>`. It runs before
// PocketBase opens anything: the data folder it replaces must not be in use.
func RunRestoreCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", "pb_data", "the PocketBase data folder to restore into")
	// The backup may come before or after --dir.
	var positional []string
	rest := args
	for len(rest) > 0 {
		if err := fs.Parse(rest); err != nil {
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(positional) != 1 {
		fmt.Fprintln(stderr, "usage: restore <backup.zip> --dir <pb_data>")
		return 2
	}
	result, err := Restore(positional[0], *dir)
	if err != nil {
		fmt.Fprintf(stderr, "restore refused: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "restored %s into %s\n", positional[0], *dir)
	if result.Replaced != "" {
		fmt.Fprintf(stdout, "the data it replaced is kept in %s (remove it yourself once Kring runs well)\n", result.Replaced)
	}
	return 0
}

// Restore replaces the PocketBase data folder dataDir with the contents of the backup zip. It
// refuses while a PocketBase serves dataDir, and a zip that is not a sound Kring backup; the
// folder it replaces is moved aside beside dataDir, never deleted.
func Restore(zipPath, dataDir string) (RestoreResult, error) {
	dataDir, err := filepath.Abs(dataDir)
	if err != nil {
		return RestoreResult{}, err
	}
	if info, err := os.Stat(zipPath); err != nil {
		return RestoreResult{}, fmt.Errorf("no backup at %s", zipPath)
	} else if info.IsDir() {
		return RestoreResult{}, fmt.Errorf("%s is a folder, not a backup file", zipPath)
	}
	hadData := fileExists(filepath.Join(dataDir, "data.db"))

	held, err := lock(dataDir)
	if err != nil {
		return RestoreResult{}, err
	}
	defer held.Close()

	// Unpacked beside dataDir, so the swap below is two renames on one file system.
	parent := filepath.Dir(dataDir)
	unpacked := filepath.Join(parent, ".kring-restore-"+security.PseudorandomString(8))
	defer os.RemoveAll(unpacked)
	if err := archive.Extract(zipPath, unpacked); err != nil {
		return RestoreResult{}, fmt.Errorf("%s is not a valid backup (not a readable zip: %v)", zipPath, err)
	}
	if err := checkBackup(unpacked); err != nil {
		return RestoreResult{}, fmt.Errorf("%s is not a valid Kring backup: %w", zipPath, err)
	}
	_ = os.Remove(filepath.Join(unpacked, LockFile))

	result := RestoreResult{}
	if hadData {
		result.Replaced = filepath.Join(parent, filepath.Base(dataDir)+".replaced-"+time.Now().UTC().Format("20060102T150405Z"))
		if err := os.Rename(dataDir, result.Replaced); err != nil {
			return RestoreResult{}, fmt.Errorf("move the current data aside: %w", err)
		}
	} else if err := removeEmptyDataDir(dataDir); err != nil {
		return RestoreResult{}, err
	}
	if err := os.Rename(unpacked, dataDir); err != nil {
		if result.Replaced != "" {
			_ = os.Rename(result.Replaced, dataDir)
		}
		return RestoreResult{}, fmt.Errorf("put the backup in place (nothing changed): %w", err)
	}
	if err := os.Chmod(dataDir, 0o700); err != nil {
		return result, err
	}
	// Backups kept inside the data folder (no KRING_BACKUP_DIR) stay with the data folder in use.
	if result.Replaced != "" {
		backups := filepath.Join(result.Replaced, core.LocalBackupsDirName)
		if info, err := os.Lstat(backups); err == nil && info.IsDir() {
			if err := os.Rename(backups, filepath.Join(dataDir, core.LocalBackupsDirName)); err != nil {
				return result, fmt.Errorf("move the backups folder back: %w", err)
			}
		}
	}
	return result, nil
}

// checkBackup: dir holds a SQLite database that passes SQLite's own check and has Kring's collections.
func checkBackup(dir string) error {
	dbPath := filepath.Join(dir, "data.db")
	if !fileExists(dbPath) {
		return errors.New("it holds no data.db")
	}
	db, err := dbx.Open("sqlite", dbPath+"?_pragma=query_only(1)")
	if err != nil {
		return fmt.Errorf("data.db cannot be opened: %w", err)
	}
	defer db.Close()
	var check string
	if err := db.NewQuery("PRAGMA quick_check").Row(&check); err != nil {
		return fmt.Errorf("data.db is not a readable SQLite database: %w", err)
	}
	if check != "ok" {
		return fmt.Errorf("data.db is damaged (SQLite says: %s)", check)
	}
	for _, name := range requiredCollections {
		var found int
		err := db.Select("count(*)").From("_collections").Where(dbx.HashExp{"name": name}).Row(&found)
		if err != nil || found != 1 {
			return fmt.Errorf("data.db has no collection %q: not a Kring database", name)
		}
	}
	return nil
}

// removeEmptyDataDir removes a data folder that holds no database (only the lock restore made).
func removeEmptyDataDir(dataDir string) error {
	entries, err := os.ReadDir(dataDir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() != LockFile {
			return fmt.Errorf("%s holds %s but no data.db: move it away before restoring", dataDir, e.Name())
		}
	}
	return os.RemoveAll(dataDir)
}

func fileExists(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}
