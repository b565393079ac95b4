//go:build unix

package hooks

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/pocketbase/pocketbase/core"
)

// privateUmask keeps everything PocketBase creates (databases, their -wal and -shm files,
// uploads, backups) readable by its own user only: the SQLite files hold password hashes and
// token keys, enough to forge a superuser token.
const privateUmask = 0o077

// bindPrivateDataFiles sets the umask before PocketBase opens its data folder and, once it has,
// tightens whatever an older Kring or a hand-made folder left open to others.
func bindPrivateDataFiles(app core.App) {
	app.OnBootstrap().BindFunc(func(e *core.BootstrapEvent) error {
		syscall.Umask(privateUmask)
		if err := e.Next(); err != nil {
			return err
		}
		return keepPrivate(e.App.DataDir())
	})
}

// keepPrivate makes dir and every folder below it 0700 and every file 0600; links are left alone.
func keepPrivate(dir string) error {
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			return chmodIfNeeded(path, d, 0o700)
		case d.Type().IsRegular():
			return chmodIfNeeded(path, d, 0o600)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("keep the data folder private: %w", err)
	}
	return nil
}

func chmodIfNeeded(path string, d fs.DirEntry, mode fs.FileMode) error {
	info, err := d.Info()
	if err != nil {
		return err
	}
	if info.Mode().Perm() == mode {
		return nil
	}
	return os.Chmod(path, mode)
}
