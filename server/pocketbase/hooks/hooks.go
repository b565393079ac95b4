// Package hooks binds Kring's PocketBase event hooks in one place.
package hooks

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"kring/server/pocketbase/access"
)

// Register binds every Kring hook on app.
func Register(app core.App) {
	bindPrivateDataFiles(app)
	bindEmailCase(app)
	bindProxyAddress(app)

	app.OnRecordCreateRequest("maps").BindFunc(startMap)

	app.OnRecordAuthWithPasswordRequest(usersCollection).BindFunc(
		throttleLogins(newLoginThrottle(loginFailureLimit, loginWindow, time.Now)),
	)
	app.OnRecordAuthRefreshRequest(usersCollection).BindFunc(refreshSession)
	app.OnRecordAuthRequest(usersCollection).BindFunc(issueSessionToken)
	app.OnRealtimeSubscribeRequest().BindFunc(rememberRealtimeSession)
	app.OnRealtimeMessageSend().BindFunc(dropAfterSessionEnd)
	app.OnRecordAfterUpdateSuccess(sessionsCollection).BindFunc(endRealtimeOfSession)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		// Right after PocketBase loads the auth record from the token, before anything reads it.
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id:       "kringRequireSession",
			Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 1,
			Func:     requireSession,
		})
		se.Router.POST("/api/kring/logout", logout).Bind(apis.RequireAuth(usersCollection))
		return se.Next()
	})

	bindInvitationRoutes(app)
	bindTipRoutes(app)
	bindDashboardRoutes(app)
	bindAccessLogRoutes(app)
	bindJimConsentGate(app)
	bindExportRoutes(app)
	bindCheckpointRoute(app)
	bindMapStateRoute(app)
	bindSyncAccessRoutes(app)
	bindMapCloseRoute(app)
	bindMapsListHint(app)
}

// startMap records who started the map and makes them its professional, in the same
// transaction as the map, so a map never exists without a member who can open it.
// The youth is not added here: youths join by invitation.
func startMap(e *core.RecordRequestEvent) error {
	if e.Auth == nil || e.HasSuperuserAuth() {
		return e.Next()
	}
	e.Record.Set("created_by", e.Auth.Id)
	return e.App.RunInTransaction(func(tx core.App) error {
		e.App = tx
		if err := e.Next(); err != nil {
			return err
		}
		members, err := tx.FindCollectionByNameOrId("map_members")
		if err != nil {
			return fmt.Errorf("find map_members: %w", err)
		}
		m := core.NewRecord(members)
		m.Set("map", e.Record.Id)
		m.Set("user", e.Auth.Id)
		m.Set("role", access.Professional)
		if err := tx.Save(m); err != nil {
			return fmt.Errorf("add professional to new map: %w", err)
		}
		return nil
	})
}
