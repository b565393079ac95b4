package hooks

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// bindEmailCase stores every account's e-mail lower-cased, however it was typed (an invitation,
// the dashboard, the seed): one address, one account. The unique index compares without case too
// (migrations/1764910000_email_case.go).
func bindEmailCase(app core.App) {
	lower := func(e *core.RecordEvent) error {
		e.Record.SetEmail(normalizeEmail(e.Record.Email()))
		return e.Next()
	}
	app.OnRecordCreate(usersCollection).BindFunc(lower)
	app.OnRecordUpdate(usersCollection).BindFunc(lower)
}

func normalizeEmail(s string) string {
	return strings.ToLower(strings.TrimSpace(s))
}
