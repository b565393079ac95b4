package hooks

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"kring/server/pocketbase/testapp"
)

// The limits the app's forms and model keep (src/lib/doc/records.ts, tested against the same
// file in records.spec.ts) are the ones PocketBase keeps for the same facts.
func TestLimitsAgreeWithTheTypeScriptModel(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "src", "lib", "doc", "fixtures", "shared-limits.json"))
	if err != nil {
		t.Fatal(err)
	}
	var limits struct {
		YouthName   int `json:"youthName"`
		AccountName int `json:"accountName"`
		InviteLabel int `json:"inviteLabel"`
	}
	if err := json.Unmarshal(raw, &limits); err != nil {
		t.Fatal(err)
	}
	if maxName != limits.AccountName {
		t.Errorf("an account's name: invitations.go takes %d, the join form %d", maxName, limits.AccountName)
	}
	if maxLabel != limits.InviteLabel {
		t.Errorf("whom an invitation is for: invitations.go takes %d, the invite form %d", maxLabel, limits.InviteLabel)
	}
	app := testapp.Migrated(t, nil)
	maps, err := app.FindCollectionByNameOrId("maps")
	if err != nil {
		t.Fatal(err)
	}
	field, ok := maps.Fields.GetByName("youth_name").(*core.TextField)
	if !ok {
		t.Fatal("maps has no text field youth_name")
	}
	if field.Max != limits.YouthName {
		t.Errorf("the youth's name: maps.youth_name takes %d, the map's centre %d", field.Max, limits.YouthName)
	}
}
