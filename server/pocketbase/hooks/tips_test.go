package hooks

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// tipsFixture: the jim_tips fields as migrations/1764500000_jim_tips.go makes them.
func tipsFixture() *core.Collection {
	maps := core.NewBaseCollection("maps")
	users := core.NewAuthCollection("users")
	c := core.NewBaseCollection(tipsCollection)
	c.Fields.Add(&core.TextField{Name: "text", Required: true, Max: 1000})
	c.Fields.Add(&core.SelectField{Name: "theme", Values: []string{"school", "geld", "anders"}, MaxSelect: 1})
	c.Fields.Add(&core.TextField{Name: "relation", Max: 40})
	c.Fields.Add(&core.SelectField{Name: "status", Values: []string{tipOffered, tipPublished}, MaxSelect: 1})
	c.Fields.Add(&core.RelationField{Name: "map", CollectionId: maps.Id, MaxSelect: 1, Hidden: true})
	c.Fields.Add(&core.RelationField{Name: "offered_by", CollectionId: users.Id, MaxSelect: 1, Hidden: true})
	c.Fields.Add(&core.RelationField{Name: "published_by", CollectionId: users.Id, MaxSelect: 1, Hidden: true})
	c.Fields.Add(&core.DateField{Name: "published_at"})
	return c
}

// stored: a tip as loaded from the database, with status.
func stored(t *testing.T, c *core.Collection, status string) *core.Record {
	t.Helper()
	tip := core.NewRecord(c)
	tip.Id = "tip000000000001"
	tip.Set("status", status)
	if err := tip.PostScan(); err != nil {
		t.Fatal(err)
	}
	return tip
}

func account(id string) *core.Record {
	u := core.NewRecord(core.NewAuthCollection("users"))
	u.Id = id
	return u
}

var noon = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func TestPublishingStampsWhoAndWhen(t *testing.T) {
	tip := stored(t, tipsFixture(), tipOffered)
	tip.Set("status", tipPublished)
	publish(tip, account("fatima000000001"), false, noon)
	if got := tip.GetString("published_by"); got != "fatima000000001" {
		t.Fatalf("published_by = %q", got)
	}
	if got := tip.GetDateTime("published_at").Time(); !got.Equal(noon) {
		t.Fatalf("published_at = %v", got)
	}
}

func TestEditingAPublishedTipKeepsWhoPublishedIt(t *testing.T) {
	tip := stored(t, tipsFixture(), tipPublished)
	tip.Set("published_by", "fatima000000001")
	tip.Set("published_at", noon)
	tip.Set("text", "Andere woorden")
	publish(tip, account("joris0000000001"), false, noon.Add(time.Hour))
	if got := tip.GetString("published_by"); got != "fatima000000001" {
		t.Fatalf("published_by changed to %q", got)
	}
	if got := tip.GetDateTime("published_at").Time(); !got.Equal(noon) {
		t.Fatalf("published_at changed to %v", got)
	}
}

func TestAnOfferIsNotStamped(t *testing.T) {
	tip := core.NewRecord(tipsFixture())
	tip.Set("status", tipOffered)
	publish(tip, account("nora00000000001"), false, noon)
	if tip.GetString("published_by") != "" || !tip.GetDateTime("published_at").IsZero() {
		t.Fatal("an offered tip got publication stamps")
	}
}

func TestTheSeedKeepsItsOwnPublicationDate(t *testing.T) {
	tip := core.NewRecord(tipsFixture())
	tip.Set("status", tipPublished)
	tip.Set("published_at", noon.AddDate(0, -1, 0))
	tip.Set("published_by", "fatima000000001")
	publish(tip, nil, true, noon)
	if got := tip.GetDateTime("published_at").Time(); !got.Equal(noon.AddDate(0, -1, 0)) {
		t.Fatalf("published_at = %v", got)
	}
	if tip.GetString("published_by") != "fatima000000001" {
		t.Fatal("published_by changed")
	}

	bare := core.NewRecord(tipsFixture())
	bare.Set("status", tipPublished)
	publish(bare, nil, true, noon)
	if got := bare.GetDateTime("published_at").Time(); !got.Equal(noon) {
		t.Fatalf("a superuser's tip without a date got %v", got)
	}
}

func TestExpandsOfHiddenRelationsAreDropped(t *testing.T) {
	tip := core.NewRecord(tipsFixture())
	tip.SetExpand(map[string]any{"map": "the map", "offered_by": "Nora", "published_by": "Fatima", "other": "kept"})
	dropHiddenExpands(tip)
	got := tip.Expand()
	if len(got) != 1 || got["other"] != "kept" {
		t.Fatalf("expand = %v", got)
	}
}

func TestCheckTipGivesAClearMessage(t *testing.T) {
	c := tipsFixture()
	ok := tipInput{Text: "Bel eerst rustig.", Theme: "geld", Relation: "een tante"}
	cases := []struct {
		name string
		in   tipInput
		want string
	}{
		{"fine", ok, ""},
		{"no relation is fine", tipInput{Text: ok.Text, Theme: ok.Theme}, ""},
		{"empty", tipInput{Theme: "geld"}, "Schrijf eerst"},
		{"too long", tipInput{Text: strings.Repeat("é", 1001), Theme: "geld"}, "te lang"},
		{"exactly the limit", tipInput{Text: strings.Repeat("é", 1000), Theme: "geld"}, ""},
		{"unknown theme", tipInput{Text: ok.Text, Theme: "drugs"}, "onderwerp"},
		{"no theme", tipInput{Text: ok.Text}, "onderwerp"},
		{"relation too long", tipInput{Text: ok.Text, Theme: "geld", Relation: strings.Repeat("a", 41)}, "hoogstens 40"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := checkTip(c, tc.in)
			if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
				t.Fatalf("checkTip = %q, want %q", got, tc.want)
			}
		})
	}
}
