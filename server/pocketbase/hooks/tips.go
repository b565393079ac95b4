package hooks

import (
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"

	"kring/server/pocketbase/access"
)

// JIM-tips ("Wat zou JIM doen?"). Who may do what is the jim_tips API rules
// (migrations/rules.go); these routes and hooks only do what a rule cannot:
//
//   - map and offered_by are hidden fields, which PocketBase drops from a user's request, so a
//     JIM offers a tip through POST /api/kring/maps/{map}/tips: it sets them, saves the tip and
//     checks the collection's create rule on the new row before the transaction commits;
//   - clients cannot filter on hidden fields, so GET /api/kring/maps/{map}/tips (the tips of one
//     map, for its professional to check) and GET /api/kring/tips/mine (the JIM's own) filter
//     here, and then keep only tips the view rule lets the caller see;
//   - publishing stamps who published and when (published_by is hidden too);
//   - no expand of a hidden relation reaches a client.
//
// None of this checks the words: the map's professional reads each tip before it is published,
// and that check is the real gate against names.

const (
	tipsCollection = "jim_tips"
	tipOffered     = "offered"
	tipPublished   = "published"
)

func bindTipRoutes(app core.App) {
	stamp := stampPublication(time.Now)
	app.OnRecordCreateRequest(tipsCollection).BindFunc(stamp)
	app.OnRecordUpdateRequest(tipsCollection).BindFunc(stamp)
	app.OnRecordEnrich(tipsCollection).BindFunc(func(e *core.RecordEnrichEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		// The expand is filled once every record's hook has called Next (PocketBase expands all
		// records of a response together), so it is there to strip now.
		if !e.RequestInfo.HasSuperuserAuth() {
			dropHiddenExpands(e.Record)
		}
		return nil
	})
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		g := se.Router.Group("/api/kring")
		g.POST("/maps/{map}/tips", offerTip)
		g.GET("/maps/{map}/tips", tipsOfMap)
		g.GET("/tips/mine", myTips)
		return se.Next()
	})
}

// stampPublication records who published a tip and when, the moment its status becomes
// published. A superuser (the seed) may bring its own published_at and published_by.
func stampPublication(now func() time.Time) func(e *core.RecordRequestEvent) error {
	return func(e *core.RecordRequestEvent) error {
		publish(e.Record, e.Auth, e.HasSuperuserAuth(), now())
		return e.Next()
	}
}

func publish(tip *core.Record, auth *core.Record, superuser bool, now time.Time) {
	if tip.GetString("status") != tipPublished {
		return
	}
	if !tip.IsNew() && tip.Original().GetString("status") == tipPublished {
		return // already out; an edit of the words does not change who published it
	}
	if !superuser || tip.GetDateTime("published_at").IsZero() {
		tip.Set("published_at", now.UTC())
	}
	if !superuser && auth != nil {
		tip.Set("published_by", auth.Id)
	}
}

// dropHiddenExpands removes expanded relations of hidden fields (expand=map would otherwise
// hand the client the very record the field hides).
func dropHiddenExpands(tip *core.Record) {
	expand := tip.Expand()
	if len(expand) == 0 {
		return
	}
	changed := false
	for _, f := range tip.Collection().Fields {
		if _, ok := expand[f.GetName()]; ok && f.GetHidden() {
			delete(expand, f.GetName())
			changed = true
		}
	}
	if changed {
		tip.SetExpand(expand)
	}
}

type tipInput struct {
	Text     string `json:"text"`
	Theme    string `json:"theme"`
	Relation string `json:"relation"`
	// The question the tip answers, its words (names taken out) and its id in the map's document.
	Question   string `json:"question"`
	QuestionId string `json:"question_id"`
}

// checkTip: a clear message for what the form would refuse, "" when the tip may be saved.
// The limits come from the collection's own fields, so they cannot drift apart.
func checkTip(c *core.Collection, in tipInput) string {
	textMax, relationMax, questionMax, questionIdMax := 1000, 40, 1000, 36
	if f, ok := c.Fields.GetByName("text").(*core.TextField); ok && f.Max > 0 {
		textMax = f.Max
	}
	if f, ok := c.Fields.GetByName("relation").(*core.TextField); ok && f.Max > 0 {
		relationMax = f.Max
	}
	if f, ok := c.Fields.GetByName("question").(*core.TextField); ok && f.Max > 0 {
		questionMax = f.Max
	}
	if f, ok := c.Fields.GetByName("question_id").(*core.TextField); ok && f.Max > 0 {
		questionIdMax = f.Max
	}
	var themes []string
	if f, ok := c.Fields.GetByName("theme").(*core.SelectField); ok {
		themes = f.Values
	}
	switch {
	case in.Text == "":
		return "Schrijf eerst je tip."
	case utf8.RuneCountInString(in.Text) > textMax:
		return fmt.Sprintf("Je tip is te lang. Houd hem korter dan %d tekens.", textMax)
	case !slices.Contains(themes, in.Theme):
		return "Kies een onderwerp uit de lijst."
	case utf8.RuneCountInString(in.Relation) > relationMax:
		return fmt.Sprintf("Wie je bent voor de jongere mag hoogstens %d tekens zijn.", relationMax)
	case utf8.RuneCountInString(in.Question) > questionMax:
		return fmt.Sprintf("De vraag is te lang. Houd hem korter dan %d tekens.", questionMax)
	case len(in.QuestionId) > questionIdMax:
		return "Deze tip kon niet worden gelezen."
	}
	return ""
}

func offerTip(e *core.RequestEvent) error {
	if err := requireUser(e); err != nil {
		return err
	}
	refused := e.ForbiddenError("Alleen de JIM van deze kaart kan hier een tip geven.", nil)
	var in tipInput
	if err := e.BindBody(&in); err != nil {
		return e.BadRequestError("Deze tip kon niet worden gelezen.", err)
	}
	in.Text, in.Theme, in.Relation = strings.TrimSpace(in.Text), strings.TrimSpace(in.Theme), strings.TrimSpace(in.Relation)
	in.Question, in.QuestionId = strings.TrimSpace(in.Question), strings.TrimSpace(in.QuestionId)
	c, err := e.App.FindCollectionByNameOrId(tipsCollection)
	if err != nil {
		return internal(e, fmt.Errorf("find jim_tips: %w", err))
	}
	if msg := checkTip(c, in); msg != "" {
		return e.BadRequestError(msg, nil)
	}
	// A map that does not exist is refused like one the caller is not the JIM of.
	m, err := e.App.FindRecordById("maps", e.Request.PathValue("map"))
	if errors.Is(err, sql.ErrNoRows) {
		return refused
	} else if err != nil {
		return internal(e, fmt.Errorf("find map: %w", err))
	}
	info, err := e.RequestInfo()
	if err != nil {
		return internal(e, err)
	}
	// One tip per question of a map (the unique index idx_jim_tips_question is the backstop).
	if in.QuestionId != "" {
		if _, err := e.App.FindFirstRecordByFilter(c, "map = {:map} && question_id = {:q}", dbx.Params{"map": m.Id, "q": in.QuestionId}); err == nil {
			return alreadyOffered()
		} else if !errors.Is(err, sql.ErrNoRows) {
			return internal(e, fmt.Errorf("find tip of question: %w", err))
		}
	}
	tip := core.NewRecord(c)
	tip.Set("map", m.Id)
	tip.Set("offered_by", e.Auth.Id)
	tip.Set("status", tipOffered)
	tip.Set("text", in.Text)
	tip.Set("theme", in.Theme)
	tip.Set("relation", in.Relation)
	tip.Set("question", in.Question)
	tip.Set("question_id", in.QuestionId)
	errRefused := errors.New("create rule refused the tip")
	err = e.App.RunInTransaction(func(tx core.App) error {
		if err := tx.Save(tip); err != nil {
			return err
		}
		ok, err := tx.CanAccessRecord(tip, info, c.CreateRule)
		if err != nil {
			return fmt.Errorf("check create rule: %w", err)
		}
		if !ok {
			return errRefused
		}
		return nil
	})
	var invalid validation.Errors
	if errors.Is(err, errRefused) {
		return refused
	} else if errors.As(err, &invalid) && in.QuestionId != "" {
		// Offered twice at the same moment: the unique index let only one through.
		return alreadyOffered()
	} else if err != nil {
		return internal(e, fmt.Errorf("offer tip: %w", err))
	}
	return e.JSON(http.StatusOK, tipJSON(tip, e.Auth.Id))
}

func alreadyOffered() error {
	return router.NewApiError(http.StatusConflict, "Dit antwoord is al als tip gestuurd.", nil)
}

// tipJSON: what a client may know of a tip, plus whether the caller offered it.
func tipJSON(tip *core.Record, caller string) map[string]any {
	return map[string]any{
		"id":           tip.Id,
		"text":         tip.GetString("text"),
		"theme":        tip.GetString("theme"),
		"relation":     tip.GetString("relation"),
		"question":     tip.GetString("question"),
		"question_id":  tip.GetString("question_id"),
		"status":       tip.GetString("status"),
		"created":      tip.GetDateTime("created").String(),
		"published_at": dateOrEmpty(tip.GetDateTime("published_at")),
		"mine":         tip.GetString("offered_by") == caller,
	}
}

// visibleTips: the tips that match where, newest first, that the view rule lets the caller see.
func visibleTips(e *core.RequestEvent, where dbx.Expression) ([]map[string]any, error) {
	c, err := e.App.FindCachedCollectionByNameOrId(tipsCollection)
	if err != nil {
		return nil, fmt.Errorf("find jim_tips: %w", err)
	}
	info, err := e.RequestInfo()
	if err != nil {
		return nil, err
	}
	var tips []*core.Record
	if err := e.App.RecordQuery(c).AndWhere(where).OrderBy("created DESC", "rowid DESC").All(&tips); err != nil {
		return nil, fmt.Errorf("list tips: %w", err)
	}
	items := make([]map[string]any, 0, len(tips))
	for _, tip := range tips {
		ok, err := e.App.CanAccessRecord(tip, info, c.ViewRule)
		if err != nil {
			return nil, fmt.Errorf("check view rule: %w", err)
		}
		if ok {
			items = append(items, tipJSON(tip, e.Auth.Id))
		}
	}
	return items, nil
}

// tipsOfMap: the tips of one map that its professional checks (all of them) or that the caller
// offered there. Other readers of published tips do not learn which map a tip came from.
func tipsOfMap(e *core.RequestEvent) error {
	if err := requireUser(e); err != nil {
		return err
	}
	mapId := e.Request.PathValue("map")
	roles, err := access.MemberRoles(e.App, mapId, e.Auth.Id)
	if err != nil {
		return internal(e, err)
	}
	role := access.Pick(roles, false)
	where := dbx.HashExp{"map": mapId}
	if role != access.Professional {
		where["offered_by"] = e.Auth.Id
	}
	items, err := visibleTips(e, where)
	if err != nil {
		return internal(e, err)
	}
	return e.JSON(http.StatusOK, map[string]any{"items": items})
}

// myTips: every tip the caller offered, on any map, so they can withdraw it at any time.
func myTips(e *core.RequestEvent) error {
	if err := requireUser(e); err != nil {
		return err
	}
	items, err := visibleTips(e, dbx.HashExp{"offered_by": e.Auth.Id})
	if err != nil {
		return internal(e, err)
	}
	return e.JSON(http.StatusOK, map[string]any{"items": items})
}
