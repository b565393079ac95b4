package retention

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"kring/server/pocketbase/testapp"
)

func TestOnlyFilesClosedTwentyYearsAgoOrLongerAreListed(t *testing.T) {
	app := testapp.Migrated(t, nil)
	now := time.Date(2047, 3, 1, 12, 0, 0, 0, time.UTC)
	team := testapp.Record(t, app, "teams", map[string]any{"name": "Noord"})
	mapClosed := func(name string, at time.Time) *core.Record {
		fields := map[string]any{"team": team.Id, "youth_name": name}
		if !at.IsZero() {
			d, _ := types.ParseDateTime(at)
			fields["closed_at"] = d
		}
		return testapp.Record(t, app, "maps", fields)
	}
	old := mapClosed("Sam", now.AddDate(-21, 0, 0))
	justDue := mapClosed("Noor", now.AddDate(-20, 0, 0))
	mapClosed("Lev", now.AddDate(-20, 0, 1)) // one day short
	mapClosed("Ilias", now.AddDate(-1, 0, 0))
	mapClosed("Mila", time.Time{}) // still open

	due, err := PastRetention(app, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 2 || due[0].Map != old.Id || due[1].Map != justDue.Id {
		t.Fatalf("due %+v, want %s then %s", due, old.Id, justDue.Id)
	}
	if want := now.AddDate(-1, 0, 0); !due[0].KeepTill.Equal(want) || due[0].Team != "Noord" {
		t.Fatalf("first: kept until %v in %q, want %v in Noord", due[0].KeepTill, due[0].Team, want)
	}

	var out bytes.Buffer
	closed, _ := closedCount(app)
	Print(&out, due, closed, now)
	text := out.String()
	for _, want := range []string{"4 closed files; 2 past their retention date", old.Id, "Nothing was deleted"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	// Names are not printed: the id is enough to find the file.
	if strings.Contains(text, "Sam") {
		t.Errorf("output names the youth:\n%s", text)
	}
}
