package access

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// The same cases as src/lib/doc/jim-consent.spec.ts: the Go twin and hasJimConsent agree.
func TestHasJimConsentAgreesWithTheTypeScriptModel(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "src", "lib", "doc", "fixtures", "jim-consent-cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name      string     `json:"name"`
		Person    string     `json:"person"`
		Consented bool       `json:"consented"`
		Log       []JimEntry `json:"log"`
	}
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 5 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, c := range cases {
		if got := HasJimConsent(c.Log, c.Person); got != c.Consented {
			t.Errorf("%s: consented = %v, want %v", c.Name, got, c.Consented)
		}
	}
}
