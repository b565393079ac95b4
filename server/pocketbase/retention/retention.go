// Package retention lists youth files past their retention date: the Jeugdwet keeps a youth-care
// file 20 years after it is closed (a map closed by its professional, hooks/map_close.go). Kring
// deletes nothing by itself: destroying a file is a deliberate superuser procedure, this command
// only says which are due.
package retention

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
	"github.com/spf13/cobra"
)

// Years: how long a closed file is kept (Jeugdwet, art. 7.3.10).
const Years = 20

// Due is one closed file past its retention date.
type Due struct {
	Map      string
	Team     string
	ClosedAt time.Time
	KeepTill time.Time
}

// PastRetention: the maps closed at least Years before now, oldest first. By the index on
// closed_at, so its cost follows the files due, not the number of maps.
func PastRetention(app core.App, now time.Time) ([]Due, error) {
	cutoff, err := types.ParseDateTime(now.UTC().AddDate(-Years, 0, 0))
	if err != nil {
		return nil, err
	}
	var rows []struct {
		Id       string `db:"id"`
		Team     string `db:"team"`
		ClosedAt string `db:"closed_at"`
	}
	err = app.DB().NewQuery(`
		SELECT m.id AS id, COALESCE(t.name, '') AS team, m.closed_at AS closed_at
		FROM maps m LEFT JOIN teams t ON t.id = m.team
		WHERE m.closed_at != '' AND m.closed_at <= {:cutoff}
		ORDER BY m.closed_at`).Bind(dbx.Params{"cutoff": cutoff.String()}).All(&rows)
	if err != nil {
		return nil, fmt.Errorf("list closed maps: %w", err)
	}
	due := make([]Due, 0, len(rows))
	for _, r := range rows {
		closed, err := types.ParseDateTime(r.ClosedAt)
		if err != nil {
			return nil, fmt.Errorf("map %s: closed_at %q: %w", r.Id, r.ClosedAt, err)
		}
		at := closed.Time()
		due = append(due, Due{Map: r.Id, Team: r.Team, ClosedAt: at, KeepTill: at.AddDate(Years, 0, 0)})
	}
	return due, nil
}

// closedCount: how many maps are closed at all (for the summary line).
func closedCount(app core.App) (int, error) {
	var n int
	err := app.DB().NewQuery(`SELECT count(*) FROM maps WHERE closed_at != ''`).Row(&n)
	return n, err
}

// Print writes the files due as a table, with what to do about them.
func Print(w io.Writer, due []Due, closed int, now time.Time) {
	fmt.Fprintf(w, "%d closed files; %d past their retention date (%d years after closing) on %s.\n",
		closed, len(due), Years, now.UTC().Format("2006-01-02"))
	if len(due) == 0 {
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "map\tteam\tclosed on\tkept until")
	for _, d := range due {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", d.Map, d.Team, d.ClosedAt.Format("2006-01-02"), d.KeepTill.Format("2006-01-02"))
	}
	tw.Flush()
	fmt.Fprintln(w, "Nothing was deleted. Destroy a file only after checking that no exception applies (a request")
	fmt.Fprintln(w, "to keep it longer, a legal hold); the backups keep it until they are pruned.")
}

// Command: `kring-pocketbase retention [--dir pb_data]`, for superusers on the server.
func Command(app core.App) *cobra.Command {
	return &cobra.Command{
		Use:          "retention",
		Short:        fmt.Sprintf("Lists closed youth files past their retention date (%d years after closing); deletes nothing", Years),
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			now := time.Now()
			due, err := PastRetention(app, now)
			if err != nil {
				return err
			}
			closed, err := closedCount(app)
			if err != nil {
				return err
			}
			Print(cmd.OutOrStdout(), due, closed, now)
			return nil
		},
	}
}
