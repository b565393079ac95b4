package access

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The TypeScript twin, src/lib/roles.ts, must list the same roles in the same order.
func TestRolesMatchTheTypeScriptModule(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "..", "src", "lib", "roles.ts"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	list := func(name string) []string {
		t.Helper()
		m := regexp.MustCompile(`(?s)export const ` + name + `\b[^=]*=\s*\[([^\]]*)\]`).FindStringSubmatch(text)
		if m == nil {
			t.Fatalf("src/lib/roles.ts has no list %s", name)
		}
		var out []string
		for _, q := range regexp.MustCompile(`'([^']*)'`).FindAllStringSubmatch(m[1], -1) {
			out = append(out, q[1])
		}
		return out
	}
	for name, goList := range map[string][]string{"MAP_ROLES": MapRoles, "TEAM_ROLES": TeamRoles, "WRITER_ROLES": WriterRoles} {
		if ts := list(name); !slices.Equal(ts, goList) {
			t.Errorf("%s: TypeScript %v, Go %v", name, ts, goList)
		}
	}
	m := regexp.MustCompile(`export const REVIEWER = '([^']*)'`).FindStringSubmatch(text)
	if m == nil || m[1] != Reviewer {
		t.Errorf("REVIEWER: TypeScript %v, Go %q", m, Reviewer)
	}
	if !strings.Contains(text, "mapRoles.find(canWrite) ?? mapRoles[0] ?? (teamReviewer ? REVIEWER : null)") {
		t.Errorf("roleOnMap in src/lib/roles.ts no longer reads like Pick here; change both together")
	}
}

func TestPickPrefersAWritingRole(t *testing.T) {
	cases := []struct {
		roles    []string
		reviewer bool
		want     string
	}{
		{[]string{Parent, JIM}, false, JIM},
		{[]string{Parent}, true, Parent},
		{nil, true, Reviewer},
		{nil, false, ""},
		{[]string{Professional, Youth}, false, Professional},
	}
	for _, c := range cases {
		if got := Pick(c.roles, c.reviewer); got != c.want {
			t.Errorf("Pick(%v, %v) = %q, want %q", c.roles, c.reviewer, got, c.want)
		}
	}
}
