package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Invitations: from now on every person gets onto a map only by invitation. The youth decides
// who may see their map (a JIM always; parents from 16), the professional invites anyone.
//
// The invitations collection is superuser-only: the routes in hooks/invitations.go are its
// only door. map_members can no longer be created or changed through the API, only by
// accepting an invitation (or by a superuser); who may remove whom is its delete rule.
//
// rules.go holds the same map_members rules, so migrations that re-apply it keep them.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return fmt.Errorf("find users: %w", err)
		}
		steps := []func(core.App, *core.Collection) error{
			addYouthBirthdate, updateMapMembers, createInvitations, trustLoopbackProxy,
		}
		for _, step := range steps {
			if err := step(app, users); err != nil {
				return err
			}
		}
		return nil
	}, func(app core.App) error {
		if c, err := app.FindCollectionByNameOrId("invitations"); err == nil {
			if err := app.Delete(c); err != nil {
				return fmt.Errorf("delete invitations: %w", err)
			}
		}
		if c, err := app.FindCollectionByNameOrId("maps"); err == nil {
			c.Fields.RemoveByName("youth_birthdate")
			if err := app.Save(c); err != nil {
				return fmt.Errorf("maps: %w", err)
			}
		}
		c, err := app.FindCollectionByNameOrId("map_members")
		if err != nil {
			return nil
		}
		c.Fields.RemoveByName("invited_by")
		c.Fields.RemoveByName("person")
		// Before invitations: a professional of the map added a colleague of the map's team.
		c.CreateRule = rule(allOf(authed,
			mapMember("@request.body.map", roleProfessional),
			`@request.body.role = "`+roleProfessional+`"`,
			teamMemberUser("@request.body.map.team", "@request.body.user", roleProfessional),
		))
		c.UpdateRule = nil
		c.DeleteRule = rule(allOf(authed, mapMember("map", roleProfessional)))
		return app.Save(c)
	})
}

// The youth's date of birth decides from when they control their parents' access (16).
// maps.update already lets the map's professional set it.
func addYouthBirthdate(app core.App, _ *core.Collection) error {
	c, err := app.FindCollectionByNameOrId("maps")
	if err != nil {
		return fmt.Errorf("find maps: %w", err)
	}
	c.Fields.Add(&core.DateField{Name: "youth_birthdate"})
	if err := app.Save(c); err != nil {
		return fmt.Errorf("maps.youth_birthdate: %w", err)
	}
	return nil
}

func updateMapMembers(app core.App, users *core.Collection) error {
	c, err := app.FindCollectionByNameOrId("map_members")
	if err != nil {
		return fmt.Errorf("find map_members: %w", err)
	}
	invitedBy := relation("invited_by", users, false)
	invitedBy.CascadeDelete = false
	c.Fields.Add(invitedBy)
	// Which person on the map this account is (for example the JIM's node in the Yjs doc).
	c.Fields.Add(&core.TextField{Name: "person", Max: 40})

	// list and view stay as they are: members of the map and reviewers of its team.
	c.CreateRule, c.UpdateRule = nil, nil
	// The map's professional removes any member; the map's youth removes JIMs and parents (never a
	// professional, never themselves): the rule as it stood that day.
	c.DeleteRule = rule("@request.auth.id != \"\" && ((@collection.map_members:dp.map ?= map && @collection.map_members:dp.user ?= @request.auth.id && (@collection.map_members:dp.role ?= \"professional\")) || (@collection.map_members:dy.map ?= map && @collection.map_members:dy.user ?= @request.auth.id && (@collection.map_members:dy.role ?= \"youth\")) && (role = \"jim\" || role = \"parent\"))")
	if err := app.Save(c); err != nil {
		return fmt.Errorf("map_members: %w", err)
	}
	return nil
}

func createInvitations(app core.App, users *core.Collection) error {
	maps, err := app.FindCollectionByNameOrId("maps")
	if err != nil {
		return fmt.Errorf("find maps: %w", err)
	}
	c := core.NewBaseCollection("invitations")
	// All API rules stay nil: only the invitation routes read or write this collection.
	c.Fields.Add(relation("map", maps, true))
	c.Fields.Add(&core.SelectField{Name: "role", Values: mapRoles, MaxSelect: 1, Required: true})
	// Who it is for, in the inviter's words ("tante Nora").
	c.Fields.Add(&core.TextField{Name: "label", Required: true, Max: 60})
	c.Fields.Add(&core.TextField{Name: "person", Max: 40})
	// sha256 (hex) of the normalized code; the code itself is shown once and never stored.
	c.Fields.Add(&core.TextField{Name: "code_hash", Required: true, Hidden: true, Max: 64})
	for _, name := range []string{"created_by", "used_by", "revoked_by"} {
		f := relation(name, users, false)
		f.CascadeDelete = false
		c.Fields.Add(f)
	}
	c.Fields.Add(&core.DateField{Name: "expires_at", Required: true})
	c.Fields.Add(&core.DateField{Name: "used_at"})
	c.Fields.Add(&core.DateField{Name: "revoked_at"})
	timestamps(c)
	c.AddIndex("idx_invitations_code_hash", true, "code_hash", "")
	c.AddIndex("idx_invitations_map", false, "map, created", "")
	return save(app, c)
}

// PocketBase listens on loopback behind the Node server, which sets X-Forwarded-For to the
// browser's address; trusting it makes the guess limit on invitation codes count per person
// instead of per web server. The rightmost address is the one the Node server set.
func trustLoopbackProxy(app core.App, _ *core.Collection) error {
	settings := app.Settings()
	settings.TrustedProxy.Headers = []string{"X-Forwarded-For"}
	settings.TrustedProxy.UseLeftmostIP = false
	if err := app.Save(settings); err != nil {
		return fmt.Errorf("trusted proxy: %w", err)
	}
	return nil
}
