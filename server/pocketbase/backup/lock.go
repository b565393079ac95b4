//go:build unix

package backup

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// LockFile is held (flock) by a serving PocketBase for as long as it runs: restore refuses a data
// folder whose lock it cannot take. The kernel drops it when the process ends, also on a crash.
const LockFile = ".kring-serve.lock"

// ErrRunning: another process serves this data folder.
var ErrRunning = errors.New("Kring is running on this data folder: stop it first (Ctrl-C in the window of `npm start`)")

// servingLock stays open (and so locked) for the life of the process.
var servingLock *os.File

func holdServeLock(dataDir string) error {
	f, err := lock(dataDir)
	if err != nil {
		return err
	}
	servingLock = f
	return nil
}

// lock takes the data folder's lock without waiting; the caller holds it until it closes f.
func lock(dataDir string) (*os.File, error) {
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(dataDir, LockFile), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open the data folder's lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, ErrRunning
		}
		return nil, fmt.Errorf("lock the data folder: %w", err)
	}
	return f, nil
}
