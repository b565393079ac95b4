package migrations

import "testing"

// A migration writes the rules as they stood that day (ruleSnapshot). The builders in rules.go
// say what the rules are now; when they say something else than the newest snapshot, a rule was
// changed without the migration that brings it to existing instances.
func TestTheNewestRuleSnapshotIsWhatTheBuildersSay(t *testing.T) {
	built := rulesByCollection()
	if len(built) != len(latestRules) {
		t.Fatalf("the builders cover %d collections, the newest snapshot %d", len(built), len(latestRules))
	}
	text := func(p *string) string {
		if p == nil {
			return "<superusers only>"
		}
		return *p
	}
	for name, want := range built {
		got, ok := latestRules[name]
		if !ok {
			t.Errorf("%s: in the builders, not in the newest snapshot: add a migration with a new snapshot", name)
			continue
		}
		pairs := []struct {
			op        string
			got, want *string
		}{{"list", got.list, want.list}, {"view", got.view, want.view}, {"create", got.create, want.create}, {"update", got.update, want.update}, {"delete", got.del, want.del}}
		for _, p := range pairs {
			if text(p.got) != text(p.want) {
				t.Errorf("%s %s rule changed without a migration:\n snapshot: %s\n builders: %s", name, p.op, text(p.got), text(p.want))
			}
		}
	}
}
