//go:build !unix

package backup

import (
	"errors"
	"os"
)

const LockFile = ".kring-serve.lock"

var ErrRunning = errors.New("Kring is running on this data folder: stop it first")

func holdServeLock(string) error { return nil }

func lock(string) (*os.File, error) {
	return nil, errors.New("restore needs a Unix system (Linux, macOS)")
}
