package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// PocketBase no longer trusts X-Forwarded-For by itself: anyone who reaches its port could set
// it. The Node server's address reaches it only with the proxy secret (hooks/proxy.go).
func init() {
	m.Register(func(app core.App) error {
		return setTrustedProxyHeaders(app, nil)
	}, func(app core.App) error {
		return setTrustedProxyHeaders(app, []string{"X-Forwarded-For"})
	})
}

func setTrustedProxyHeaders(app core.App, headers []string) error {
	settings := app.Settings()
	settings.TrustedProxy.Headers = headers
	settings.TrustedProxy.UseLeftmostIP = false
	if err := app.Save(settings); err != nil {
		return fmt.Errorf("trusted proxy headers: %w", err)
	}
	return nil
}
