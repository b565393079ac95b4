package hooks

import (
	"database/sql"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/mail"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
	"github.com/pocketbase/pocketbase/tools/types"

	"kring/server/pocketbase/access"
)

// Invitations are the only way onto a map. These routes are the only door to the
// invitations collection (its API rules are all nil) and, besides superusers, the only way
// to create map_members rows.
//
// Errors use PocketBase's shape {status, message, data}, with plain Dutch messages; the code
// routes add "state" ("used", "expired", "revoked", "unknown"). Codes travel only in request
// and response bodies, which PocketBase does not log.

const (
	defaultInviteDays = 7
	maxInviteDays     = 30
	maxLabel          = 60
	maxPerson         = 40
	maxName           = 80
	minPassword       = 10

	guessMax    = 10
	guessWindow = 15 * time.Minute

	// Each invitation can mint an account, so one user makes at most this many an hour
	// (KRING_INVITES_PER_HOUR overrides it, for example for tests that invite a lot).
	defaultInvitesPerHour = 30
	inviteWindow          = time.Hour
)

type invitationRoutes struct {
	guesses *guessLimit
	// invites counts the invitations each user made (keyed by user id).
	invites *guessLimit
}

// invitesPerHour reads KRING_INVITES_PER_HOUR; anything but a positive whole number gives the default.
func invitesPerHour() int {
	if n, err := strconv.Atoi(os.Getenv("KRING_INVITES_PER_HOUR")); err == nil && n > 0 {
		return n
	}
	return defaultInvitesPerHour
}

// bindInvitationRoutes adds the /api/kring invitation and access routes.
func bindInvitationRoutes(app core.App) {
	r := &invitationRoutes{
		guesses: newGuessLimit(guessMax, guessWindow),
		invites: newGuessLimit(invitesPerHour(), inviteWindow),
	}
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		g := se.Router.Group("/api/kring")
		g.POST("/maps/{map}/invitations", r.create)
		g.GET("/maps/{map}/invitations", r.list)
		g.GET("/maps/{map}/access", r.access)
		g.POST("/invitations/{id}/revoke", r.revoke)
		g.POST("/invitations/check", r.check)
		g.POST("/invitations/accept", r.accept)
		return se.Next()
	})
}

// ---- helpers shared by the routes

func requireUser(e *core.RequestEvent) error {
	if e.Auth == nil {
		return e.UnauthorizedError("Log eerst in.", nil)
	}
	if e.Auth.Collection().Name != "users" {
		return e.ForbiddenError("Dit kan alleen met een gewoon account.", nil)
	}
	return nil
}

func internal(e *core.RequestEvent, err error) error {
	return e.InternalServerError("Er ging iets mis. Probeer het later nog eens.", err)
}

func mapNotFound(e *core.RequestEvent) error {
	return e.NotFoundError("Deze kaart bestaat niet, of je mag hem niet zien.", nil)
}

// viewableMap loads the map when the caller may view it (maps' own view rule decides), with
// the caller's role on it ("" for a team reviewer who is no member).
func viewableMap(e *core.RequestEvent, id string) (*core.Record, string, error) {
	m, err := e.App.FindRecordById("maps", id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", mapNotFound(e)
	} else if err != nil {
		return nil, "", internal(e, fmt.Errorf("find map: %w", err))
	}
	info, err := e.RequestInfo()
	if err != nil {
		return nil, "", internal(e, err)
	}
	ok, err := e.App.CanAccessRecord(m, info, m.Collection().ViewRule)
	if err != nil {
		return nil, "", internal(e, fmt.Errorf("check map access: %w", err))
	}
	if !ok {
		return nil, "", mapNotFound(e)
	}
	role, err := access.RoleOnMap(e.App, m, e.Auth.Id)
	if err != nil {
		return nil, "", internal(e, err)
	}
	return m, role, nil
}

// mayInvite: the map's professional invites any role; the map's youth a JIM, and a parent
// once they are 16 (then they decide about their parents' access).
func mayInvite(callerRole, role string, youthBirthdate types.DateTime, now time.Time) bool {
	switch callerRole {
	case access.Professional:
		return true
	case access.Youth:
		return role == access.JIM || (role == access.Parent && sixteenOrOlder(youthBirthdate, now))
	}
	return false
}

// mayRevoke: the professional withdraws any invitation, the youth those for a JIM or parent.
func mayRevoke(callerRole, role string) bool {
	return callerRole == access.Professional || (callerRole == access.Youth && (role == access.JIM || role == access.Parent))
}

// sixteenOrOlder: the youth's 16th birthday (UTC calendar dates) is today or before.
func sixteenOrOlder(birthdate types.DateTime, now time.Time) bool {
	if birthdate.IsZero() {
		return false
	}
	b := birthdate.Time().UTC()
	sixteenth := time.Date(b.Year()+16, b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	n := now.UTC()
	today := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
	return !sixteenth.After(today)
}

// invitationState: used and revoked are final; otherwise open until expires_at (UTC).
func invitationState(inv *core.Record, now time.Time) string {
	switch {
	case !inv.GetDateTime("used_at").IsZero():
		return "used"
	case !inv.GetDateTime("revoked_at").IsZero():
		return "revoked"
	case !inv.GetDateTime("expires_at").Time().After(now):
		return "expired"
	}
	return "open"
}

// mapRecordsWithNames lists a map's rows of collection in order, with the names of the users
// that the rows' userFields point to.
func mapRecordsWithNames(app core.App, collection, mapID string, order []string, userFields ...string) ([]*core.Record, map[string]string, error) {
	var rows []*core.Record
	err := app.RecordQuery(collection).AndWhere(dbx.HashExp{"map": mapID}).OrderBy(order...).All(&rows)
	if err != nil {
		return nil, nil, fmt.Errorf("list %s: %w", collection, err)
	}
	var ids []string
	for _, row := range rows {
		for _, field := range userFields {
			ids = append(ids, row.GetString(field))
		}
	}
	names, err := userNames(app, ids)
	return rows, names, err
}

// userNames maps user ids to their names, for the ids that are set.
func userNames(app core.App, ids []string) (map[string]string, error) {
	ids = slices.DeleteFunc(slices.Compact(slices.Sorted(slices.Values(ids))), func(id string) bool { return id == "" })
	names := map[string]string{}
	if len(ids) == 0 {
		return names, nil
	}
	users, err := app.FindRecordsByIds("users", ids)
	if err != nil {
		return nil, fmt.Errorf("find users: %w", err)
	}
	for _, u := range users {
		names[u.Id] = u.GetString("name")
	}
	return names, nil
}

func dateOrEmpty(d types.DateTime) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// ---- invitations of a map (for its professional and youth)

type createInput struct {
	Role   string   `json:"role"`
	Label  string   `json:"label"`
	Person string   `json:"person"`
	Days   *float64 `json:"days"`
}

// mapOfInviter loads the map in the request's path, with the caller's role on it, when the caller
// is its professional or its youth: the two who invite and see the invitations. Anyone else is
// refused in `refusal`'s words.
func mapOfInviter(e *core.RequestEvent, refusal string) (*core.Record, string, error) {
	if err := requireUser(e); err != nil {
		return nil, "", err
	}
	m, callerRole, err := viewableMap(e, e.Request.PathValue("map"))
	if err != nil {
		return nil, "", err
	}
	if callerRole != access.Professional && callerRole != access.Youth {
		return nil, "", e.ForbiddenError(refusal, nil)
	}
	return m, callerRole, nil
}

func (r *invitationRoutes) create(e *core.RequestEvent) error {
	m, callerRole, err := mapOfInviter(e, "Alleen de jongere en de hulpverlener kunnen iemand uitnodigen.")
	if err != nil {
		return err
	}
	if mapClosed(m) {
		return e.ForbiddenError("Deze kaart is afgesloten. Je kunt niemand meer uitnodigen.", nil)
	}
	var in createInput
	if err := e.BindBody(&in); err != nil {
		return e.BadRequestError("Dit verzoek klopt niet.", nil)
	}
	in.Label, in.Person = strings.TrimSpace(in.Label), strings.TrimSpace(in.Person)
	days := defaultInviteDays
	if in.Days != nil {
		if *in.Days != math.Trunc(*in.Days) || *in.Days < 1 || *in.Days > maxInviteDays {
			return e.BadRequestError(fmt.Sprintf("Kies een geldigheid van 1 tot %d dagen.", maxInviteDays), nil)
		}
		days = int(*in.Days)
	}
	switch {
	case !slices.Contains(access.MapRoles, in.Role):
		return e.BadRequestError("Kies een rol: jongere, hulpverlener, JIM of ouder.", nil)
	case in.Label == "" || utf8.RuneCountInString(in.Label) > maxLabel:
		return e.BadRequestError(fmt.Sprintf("Schrijf voor wie de uitnodiging is (hoogstens %d tekens).", maxLabel), nil)
	case utf8.RuneCountInString(in.Person) > maxPerson:
		return e.BadRequestError("Deze persoon klopt niet.", nil)
	}
	now := time.Now().UTC()
	if !mayInvite(callerRole, in.Role, m.GetDateTime("youth_birthdate"), now) {
		if callerRole == access.Youth && in.Role == access.Parent {
			return e.ForbiddenError("Een ouder uitnodigen kan vanaf je 16e. Vraag het je hulpverlener.", nil)
		}
		return e.ForbiddenError("Je mag niemand met deze rol uitnodigen.", nil)
	}

	refund, ok := r.invites.attempt(e.Auth.Id)
	if !ok {
		return e.TooManyRequestsError("Je hebt het afgelopen uur te veel uitnodigingen gemaakt. Probeer het later opnieuw.", nil)
	}
	saved := false
	defer func() {
		if !saved {
			refund()
		}
	}()

	collection, err := e.App.FindCollectionByNameOrId("invitations")
	if err != nil {
		return internal(e, err)
	}
	inv := core.NewRecord(collection)
	inv.Set("map", m.Id)
	inv.Set("role", in.Role)
	inv.Set("label", in.Label)
	inv.Set("person", in.Person)
	inv.Set("created_by", e.Auth.Id)
	expires, _ := types.ParseDateTime(now.Add(time.Duration(days) * 24 * time.Hour))
	inv.Set("expires_at", expires)
	var code string
	// A clash of two 64-bit codes will not happen in practice; the unique index would tell.
	for attempt := 0; ; attempt++ {
		if code, err = newCode(); err != nil {
			return internal(e, err)
		}
		inv.Set("code_hash", hashCode(code))
		if err = e.App.Save(inv); err == nil {
			saved = true
			break
		}
		if attempt == 2 {
			return internal(e, fmt.Errorf("save invitation: %w", err))
		}
	}
	return e.JSON(http.StatusCreated, map[string]any{
		"id":         inv.Id,
		"code":       code,
		"expires_at": inv.GetDateTime("expires_at").String(),
		"role":       in.Role,
		"label":      in.Label,
	})
}

func (r *invitationRoutes) list(e *core.RequestEvent) error {
	m, _, err := mapOfInviter(e, "Alleen de jongere en de hulpverlener zien de uitnodigingen.")
	if err != nil {
		return err
	}
	invs, names, err := mapRecordsWithNames(e.App, "invitations", m.Id, []string{"created DESC", "rowid DESC"}, "created_by", "used_by")
	if err != nil {
		return internal(e, err)
	}
	now := time.Now().UTC()
	items := make([]map[string]any, 0, len(invs))
	for _, inv := range invs {
		items = append(items, map[string]any{
			"id":              inv.Id,
			"role":            inv.GetString("role"),
			"label":           inv.GetString("label"),
			"person":          inv.GetString("person"),
			"created_by_name": names[inv.GetString("created_by")],
			"created":         inv.GetDateTime("created").String(),
			"expires_at":      inv.GetDateTime("expires_at").String(),
			"state":           invitationState(inv, now),
			"used_at":         dateOrEmpty(inv.GetDateTime("used_at")),
			"used_by_name":    names[inv.GetString("used_by")],
			"revoked_at":      dateOrEmpty(inv.GetDateTime("revoked_at")),
		})
	}
	return e.JSON(http.StatusOK, map[string]any{"items": items})
}

func (r *invitationRoutes) revoke(e *core.RequestEvent) error {
	if err := requireUser(e); err != nil {
		return err
	}
	notFound := e.NotFoundError("Deze uitnodiging bestaat niet, of je mag hem niet zien.", nil)
	inv, err := e.App.FindRecordById("invitations", e.Request.PathValue("id"))
	if errors.Is(err, sql.ErrNoRows) {
		return notFound
	} else if err != nil {
		return internal(e, err)
	}
	_, callerRole, err := viewableMap(e, inv.GetString("map"))
	if err != nil {
		var apiErr *router.ApiError
		if errors.As(err, &apiErr) && apiErr.Status == http.StatusNotFound {
			return notFound
		}
		return err
	}
	if !mayRevoke(callerRole, inv.GetString("role")) {
		return e.ForbiddenError("Je mag deze uitnodiging niet intrekken.", nil)
	}
	err = e.App.RunInTransaction(func(tx core.App) error {
		inv, err := tx.FindRecordById("invitations", inv.Id)
		if err != nil {
			return fmt.Errorf("find invitation: %w", err)
		}
		switch invitationState(inv, time.Now().UTC()) {
		case "used":
			return e.Error(http.StatusConflict, "Deze uitnodiging is al gebruikt.", nil)
		case "revoked":
			return e.Error(http.StatusConflict, "Deze uitnodiging is al ingetrokken.", nil)
		}
		inv.Set("revoked_at", types.NowDateTime())
		inv.Set("revoked_by", e.Auth.Id)
		if err := tx.Save(inv); err != nil {
			return fmt.Errorf("revoke invitation: %w", err)
		}
		return nil
	})
	var apiErr *router.ApiError
	switch {
	case errors.As(err, &apiErr):
		return apiErr
	case err != nil:
		return internal(e, err)
	}
	return e.NoContent(http.StatusNoContent)
}

// ---- who can see a map (for everyone who may view it)

func (r *invitationRoutes) access(e *core.RequestEvent) error {
	if err := requireUser(e); err != nil {
		return err
	}
	m, _, err := viewableMap(e, e.Request.PathValue("map"))
	if err != nil {
		return err
	}
	rows, names, err := mapRecordsWithNames(e.App, "map_members", m.Id, []string{"created ASC", "rowid ASC"}, "user", "invited_by")
	if err != nil {
		return internal(e, err)
	}
	members := make([]map[string]any, 0, len(rows))
	for _, row := range rows {
		members = append(members, map[string]any{
			"id":              row.Id,
			"name":            names[row.GetString("user")],
			"role":            row.GetString("role"),
			"since":           row.GetDateTime("created").String(),
			"invited_by_name": names[row.GetString("invited_by")],
			"person":          row.GetString("person"),
			"you":             row.GetString("user") == e.Auth.Id,
		})
	}
	var team map[string]any
	if t, err := e.App.FindRecordById("teams", m.GetString("team")); err == nil {
		reviewers, err := e.App.CountRecords("team_members", dbx.HashExp{"team": t.Id, "role": access.Reviewer})
		if err != nil {
			return internal(e, fmt.Errorf("count reviewers: %w", err))
		}
		team = map[string]any{"name": t.GetString("name"), "reviewers": reviewers}
	} else if !errors.Is(err, sql.ErrNoRows) {
		return internal(e, fmt.Errorf("find team: %w", err))
	}
	return e.JSON(http.StatusOK, map[string]any{"members": members, "team": team})
}

// ---- using a code (no login needed to check one)

// codeError answers in PocketBase's error shape plus the invitation's state.
func codeError(e *core.RequestEvent, status int, state, message string) error {
	return e.JSON(status, map[string]any{"status": status, "message": message, "data": map[string]any{}, "state": state})
}

var stateMessages = map[string]string{
	"unknown": "Deze code kennen we niet. Kijk of je hem goed hebt overgenomen.",
	"used":    "Deze uitnodiging is al gebruikt.",
	"expired": "Deze uitnodiging is verlopen. Vraag om een nieuwe.",
	"revoked": "Deze uitnodiging is ingetrokken.",
}

// findByCode looks a typed code up, counting a code that does not exist as a guess.
// It answers the request itself (429 or 404) when it returns a nil record.
func (r *invitationRoutes) findByCode(e *core.RequestEvent, typed string) (*core.Record, error) {
	refund, ok := r.guesses.attempt(e.RealIP())
	if !ok {
		return nil, e.TooManyRequestsError("Te vaak een verkeerde code geprobeerd. Wacht een kwartier en probeer het dan opnieuw.", nil)
	}
	if code, ok := normalizeCode(typed); ok {
		inv, err := e.App.FindFirstRecordByData("invitations", "code_hash", hashCode(code))
		if err == nil {
			refund()
			return inv, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			refund()
			return nil, internal(e, fmt.Errorf("find invitation: %w", err))
		}
	}
	return nil, codeError(e, http.StatusNotFound, "unknown", stateMessages["unknown"])
}

func (r *invitationRoutes) check(e *core.RequestEvent) error {
	var in struct {
		Code string `json:"code"`
	}
	if err := e.BindBody(&in); err != nil {
		return e.BadRequestError("Dit verzoek klopt niet.", nil)
	}
	inv, err := r.findByCode(e, in.Code)
	if inv == nil {
		return err
	}
	now := time.Now().UTC()
	if state := invitationState(inv, now); state != "open" {
		return e.JSON(http.StatusOK, map[string]any{"state": state})
	}
	m, err := e.App.FindRecordById("maps", inv.GetString("map"))
	if err != nil {
		return internal(e, fmt.Errorf("find map: %w", err))
	}
	names, err := userNames(e.App, []string{inv.GetString("created_by")})
	if err != nil {
		return internal(e, err)
	}
	return e.JSON(http.StatusOK, map[string]any{
		"state":           "open",
		"role":            inv.GetString("role"),
		"label":           inv.GetString("label"),
		"youth_name":      m.GetString("youth_name"),
		"invited_by_name": names[inv.GetString("created_by")],
		"expires_at":      inv.GetDateTime("expires_at").String(),
	})
}

type acceptInput struct {
	Code            string `json:"code"`
	Name            string `json:"name"`
	Email           string `json:"email"`
	Password        string `json:"password"`
	PasswordConfirm string `json:"passwordConfirm"`
}

// errGone ends the accept transaction when the invitation stopped being open meanwhile.
type errGone struct{ state string }

func (g errGone) Error() string { return "invitation " + g.state }

func (r *invitationRoutes) accept(e *core.RequestEvent) error {
	var in acceptInput
	if err := e.BindBody(&in); err != nil {
		return e.BadRequestError("Dit verzoek klopt niet.", nil)
	}
	if e.Auth != nil && e.Auth.Collection().Name != "users" {
		return e.ForbiddenError("Dit kan alleen met een gewoon account.", nil)
	}
	inv, err := r.findByCode(e, in.Code)
	if inv == nil {
		return err
	}
	if state := invitationState(inv, time.Now().UTC()); state != "open" {
		return codeError(e, http.StatusGone, state, stateMessages[state])
	}
	newAccount := e.Auth == nil
	if newAccount {
		in.Name, in.Email = strings.TrimSpace(in.Name), normalizeEmail(in.Email)
		if msg := checkNewAccount(in); msg != "" {
			return e.BadRequestError(msg, nil)
		}
	}

	var email, role, mapId string
	err = e.App.RunInTransaction(func(tx core.App) error {
		// Read again inside the transaction: PocketBase runs write transactions one at a
		// time, so of two accepts of one code the second sees the first one's used_at.
		inv, err := tx.FindRecordById("invitations", inv.Id)
		if err != nil {
			return fmt.Errorf("find invitation: %w", err)
		}
		now := time.Now().UTC()
		if state := invitationState(inv, now); state != "open" {
			return errGone{state}
		}
		user := e.Auth
		if newAccount {
			if user, err = createAccount(tx, in); err != nil {
				return err
			}
		}
		mapId, role = inv.GetString("map"), inv.GetString("role")
		if existing, err := access.MemberRoles(tx, mapId, user.Id); err != nil {
			return err
		} else if len(existing) > 0 {
			return e.Error(http.StatusConflict, "Je hebt al toegang tot deze kaart.", nil)
		}
		if err := addMember(tx, inv, user.Id); err != nil {
			return err
		}
		inv.Set("used_at", types.NowDateTime())
		inv.Set("used_by", user.Id)
		if err := tx.Save(inv); err != nil {
			return fmt.Errorf("mark invitation used: %w", err)
		}
		email = user.Email()
		return nil
	})
	var gone errGone
	var apiErr *router.ApiError
	switch {
	case errors.As(err, &gone):
		return codeError(e, http.StatusGone, gone.state, stateMessages[gone.state])
	case errors.As(err, &apiErr):
		return apiErr
	case err != nil:
		return internal(e, err)
	}
	return e.JSON(http.StatusOK, map[string]any{"map": mapId, "role": role, "email": email})
}

// checkNewAccount: a message when the details for a new account are not right, else "".
func checkNewAccount(in acceptInput) string {
	switch {
	case in.Name == "" || utf8.RuneCountInString(in.Name) > maxName:
		return fmt.Sprintf("Vul je naam in (hoogstens %d tekens).", maxName)
	case !validEmail(in.Email):
		return "Vul een geldig e-mailadres in."
	case utf8.RuneCountInString(in.Password) < minPassword:
		return fmt.Sprintf("Kies een wachtwoord van minstens %d tekens.", minPassword)
	case in.Password != in.PasswordConfirm:
		return "De twee wachtwoorden zijn niet hetzelfde."
	}
	return ""
}

func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s, "@")
}

// createAccount makes a verified user: the code proves the invitation reached them.
func createAccount(tx core.App, in acceptInput) (*core.Record, error) {
	users, err := tx.FindCollectionByNameOrId("users")
	if err != nil {
		return nil, fmt.Errorf("find users: %w", err)
	}
	u := core.NewRecord(users)
	u.Set("name", in.Name)
	u.SetEmail(in.Email)
	u.SetPassword(in.Password)
	u.SetVerified(true)
	if err := tx.Save(u); err != nil {
		var verr validation.Errors
		if errors.As(err, &verr) {
			if _, taken := verr["email"]; taken {
				return nil, router.NewBadRequestError("Er is al een account met dit e-mailadres. Log in en gebruik de code dan.", err)
			}
			return nil, router.NewBadRequestError("Controleer je gegevens.", err)
		}
		return nil, fmt.Errorf("create account: %w", err)
	}
	return u, nil
}

// addMember gives the invitation's role on its map to user; a youth invitation also makes
// them the map's youth when it has none yet.
func addMember(tx core.App, inv *core.Record, userId string) error {
	members, err := tx.FindCollectionByNameOrId("map_members")
	if err != nil {
		return fmt.Errorf("find map_members: %w", err)
	}
	row := core.NewRecord(members)
	row.Set("map", inv.GetString("map"))
	row.Set("user", userId)
	row.Set("role", inv.GetString("role"))
	row.Set("invited_by", inv.GetString("created_by"))
	row.Set("person", inv.GetString("person"))
	if err := tx.Save(row); err != nil {
		return fmt.Errorf("add member: %w", err)
	}
	if inv.GetString("role") != access.Youth {
		return nil
	}
	m, err := tx.FindRecordById("maps", inv.GetString("map"))
	if err != nil {
		return fmt.Errorf("find map: %w", err)
	}
	if m.GetString("youth") != "" {
		return nil
	}
	m.Set("youth", userId)
	if err := tx.Save(m); err != nil {
		return fmt.Errorf("set the map's youth: %w", err)
	}
	return nil
}
