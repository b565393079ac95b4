package migrations

import (
	"fmt"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/dbutils"
)

// An e-mail address is one address whatever its capitals: SAM@demo.local accepting an invitation
// made a second account beside sam@demo.local (issue 14). Stored addresses become lower-case
// (hooks/email_case.go keeps new ones so) and the unique index on users.email compares without
// case, so logins find the account however it is typed and no second one can be made.
func init() {
	m.Register(func(app core.App) error {
		return setEmailCollate(app, "NOCASE", true)
	}, func(app core.App) error {
		return setEmailCollate(app, "", false)
	})
}

func setEmailCollate(app core.App, collate string, lower bool) error {
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return fmt.Errorf("find users: %w", err)
	}
	if lower {
		var clashes int
		err := app.DB().NewQuery(
			"SELECT COUNT(*) FROM (SELECT 1 FROM users WHERE email != '' GROUP BY lower(email) HAVING COUNT(*) > 1)",
		).Row(&clashes)
		if err != nil {
			return fmt.Errorf("find e-mails that differ only in capitals: %w", err)
		}
		if clashes > 0 {
			// Which account is the person's is for the organisation to decide, not a migration.
			return fmt.Errorf("%d e-mail addresses have more than one account that differ only in capitals: merge or rename them, then start again", clashes)
		}
		if _, err := app.DB().NewQuery("UPDATE users SET email = lower(email) WHERE email != lower(email)").Execute(); err != nil {
			return fmt.Errorf("lower-case e-mails: %w", err)
		}
	}
	for i, raw := range users.Indexes {
		index := dbutils.ParseIndex(raw)
		if index.Unique && len(index.Columns) == 1 && strings.EqualFold(index.Columns[0].Name, "email") {
			index.Columns[0].Collate = collate
			users.Indexes[i] = index.Build()
		}
	}
	if err := app.Save(users); err != nil {
		return fmt.Errorf("e-mail index without case: %w", err)
	}
	return nil
}
