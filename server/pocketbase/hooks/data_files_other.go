//go:build !unix

package hooks

import "github.com/pocketbase/pocketbase/core"

// bindPrivateDataFiles has no umask to set outside Unix; the data folder's ACL is the operator's.
func bindPrivateDataFiles(app core.App) {}
