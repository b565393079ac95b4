package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// A JIM-tip says which question it answers ("Wat zou JIM doen?"): `question` holds the question's
// words, with the names taken out like the answer's and checked by the professional before it is
// published, so every professional reading the tip sees the situation it is about.
// `question_id` is the question's id in the map's document (hidden, like the map): one tip per
// question of a map, so an answer cannot be offered twice (the unique index refuses the second;
// hooks/tips.go says so in words first). Tips offered before this have neither.
const (
	tipQuestionMax   = 1000
	tipQuestionIdMax = 36
)

func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("jim_tips")
		if err != nil {
			return fmt.Errorf("find jim_tips: %w", err)
		}
		c.Fields.Add(&core.TextField{Name: "question", Max: tipQuestionMax})
		c.Fields.Add(&core.TextField{Name: "question_id", Max: tipQuestionIdMax, Hidden: true})
		c.AddIndex("idx_jim_tips_question", true, "map, question_id", "question_id != ''")
		if err := app.Save(c); err != nil {
			return fmt.Errorf("add question to jim_tips: %w", err)
		}
		return nil
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("jim_tips")
		if err != nil {
			return nil
		}
		c.RemoveIndex("idx_jim_tips_question")
		c.Fields.RemoveByName("question")
		c.Fields.RemoveByName("question_id")
		return app.Save(c)
	})
}
