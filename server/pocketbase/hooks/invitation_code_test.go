package hooks

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tools/types"
)

func TestNewCodeUsesOnlyTheAlphabet(t *testing.T) {
	seen := map[string]bool{}
	for range 200 {
		code, err := newCode()
		if err != nil {
			t.Fatal(err)
		}
		if len(code) != codeLength || strings.Trim(code, codeAlphabet) != "" {
			t.Fatalf("code %q is not 13 characters of the alphabet", code)
		}
		if seen[code] {
			t.Fatalf("code %q drawn twice", code)
		}
		seen[code] = true
		if got, ok := normalizeCode(formatCode(code)); !ok || got != code {
			t.Fatalf("formatted code %q does not read back: %q %v", formatCode(code), got, ok)
		}
	}
}

func TestNormalizeCode(t *testing.T) {
	cases := []struct {
		typed, want string
		ok          bool
	}{
		{"ABCD-EFGH-JKMNP", "ABCDEFGHJKMNP", true},
		{" abcd efgh jkmnp ", "ABCDEFGHJKMNP", true},
		{"abcd—efgh–jkmnp\n", "ABCDEFGHJKMNP", true},
		{"ABCD-EFGH-JKMN", "", false},
		{"ABCD-EFGH-JKMNPQ", "", false},
		// Look-alikes are not in the alphabet, so they drop out and the code is too short.
		{"ABCD-EFGH-JKMNO", "", false},
		{"", "", false},
	}
	for _, c := range cases {
		got, ok := normalizeCode(c.typed)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("normalizeCode(%q) = %q, %v; want %q, %v", c.typed, got, ok, c.want, c.ok)
		}
	}
}

func TestSixteenOrOlder(t *testing.T) {
	now := time.Date(2026, 11, 25, 23, 30, 0, 0, time.UTC)
	date := func(s string) types.DateTime {
		d, err := types.ParseDateTime(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	cases := []struct {
		birth string
		want  bool
	}{
		{"", false},
		{"2010-11-25 00:00:00.000Z", true},
		{"2010-11-26 00:00:00.000Z", false},
		{"2009-01-01 00:00:00.000Z", true},
		{"2013-05-05 00:00:00.000Z", false},
	}
	for _, c := range cases {
		var birth types.DateTime
		if c.birth != "" {
			birth = date(c.birth)
		}
		if got := sixteenOrOlder(birth, now); got != c.want {
			t.Errorf("sixteenOrOlder(%q) = %v, want %v", c.birth, got, c.want)
		}
	}
	// Born on 29 February: 16 on 1 March in a year without one.
	leap := date("2008-02-29 00:00:00.000Z")
	if sixteenOrOlder(leap, time.Date(2024, 2, 28, 12, 0, 0, 0, time.UTC)) {
		t.Error("16 before the birthday")
	}
	if !sixteenOrOlder(leap, time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)) {
		t.Error("not 16 on the birthday")
	}
}
