package hooks

import (
	"crypto/subtle"
	"net"
	"net/http"
	"net/netip"
	"os"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// PocketBase listens on loopback, but every local user (and anyone, if it is ever bound wider)
// reaches it, so X-Forwarded-For alone proves nothing: the caller could set the address in the
// access log and step around the per-address limits (issue 14). The Node server in front proves
// itself with a secret that `npm start` generates at each start and hands to both processes in
// the environment (never on a command line or in a log); only then is the rightmost
// X-Forwarded-For entry taken as the client's address. PocketBase's own TrustedProxy setting is
// off (migrations/1764930000_proxy_secret.go).
const (
	proxySecretEnv    = "KRING_PROXY_SECRET"
	proxySecretHeader = "X-Kring-Proxy"
	// proxyPriority: before every PocketBase middleware that reads the client's address.
	proxyPriority = apis.DefaultWWWRedirectMiddlewarePriority - 1
)

func bindProxyAddress(app core.App) {
	secret := os.Getenv(proxySecretEnv)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id:       "kringProxyAddress",
			Priority: proxyPriority,
			Func: func(e *core.RequestEvent) error {
				if ip, ok := forwardedAddress(e.Request.Header, secret); ok {
					e.Request.RemoteAddr = net.JoinHostPort(ip, "0")
				}
				e.Request.Header.Del(proxySecretHeader)
				return e.Next()
			},
		})
		return se.Next()
	})
}

// forwardedAddress: the client address the proxy set, when the request carries its secret.
func forwardedAddress(h http.Header, secret string) (string, bool) {
	given := h.Get(proxySecretHeader)
	if secret == "" || subtle.ConstantTimeCompare([]byte(given), []byte(secret)) != 1 {
		return "", false
	}
	values := h.Values("X-Forwarded-For")
	if len(values) == 0 {
		return "", false
	}
	entries := strings.Split(values[len(values)-1], ",")
	addr, err := netip.ParseAddr(strings.TrimSpace(entries[len(entries)-1]))
	if err != nil {
		return "", false
	}
	return addr.Unmap().String(), true
}
