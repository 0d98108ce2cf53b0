package app_test

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// gmEntra is a second provider that serves Greater Manchester only.
var gmEntra = app.ProviderConfig{Name: "gm-entra", DisplayName: "GMCA Entra ID", Issuer: "https://login.gm.example", ClientID: "portal", Tenants: []string{"greater-manchester"}}

func TestPeopleInvite_ValidationMessagesByField(t *testing.T) {
	const (
		enterEmail  = "Enter an email address"
		emailFormat = "Enter an email address in the correct format, like name@example.org"
		selectRole  = "Select a role"
		gmCannot    = "Select a role that Greater Manchester can give"
		chooseLogin = "Select how this person will sign in"
	)
	cases := []struct {
		name      string
		who       string
		providers []app.ProviderConfig // the development provider alone when nil
		in        app.InviteInput
		want      map[string]string
	}{
		{"email missing", "demo-gm-manager", nil, app.InviteInput{Role: "project_lead"}, map[string]string{"email": enterEmail}},
		{"email blank", "demo-gm-manager", nil, app.InviteInput{Email: "   ", Role: "project_lead"}, map[string]string{"email": enterEmail}},
		{"email without a domain", "demo-gm-manager", nil, app.InviteInput{Email: "pat", Role: "project_lead"}, map[string]string{"email": emailFormat}},
		{"email with a display name", "demo-gm-manager", nil, app.InviteInput{Email: "Pat <pat@example.org>", Role: "project_lead"}, map[string]string{"email": emailFormat}},
		{"two addresses", "demo-gm-manager", nil, app.InviteInput{Email: "pat@example.org, sam@example.org", Role: "project_lead"}, map[string]string{"email": emailFormat}},
		{"role missing", "demo-gm-manager", nil, app.InviteInput{Email: "pat@example.org"}, map[string]string{"role": selectRole}},
		{"role a manager may not give", "demo-gm-manager", nil, app.InviteInput{Email: "pat@example.org", Role: "partnership_manager"}, map[string]string{"role": gmCannot}},
		{"role that does not exist", "demo-gm-manager", nil, app.InviteInput{Email: "pat@example.org", Role: "king"}, map[string]string{"role": gmCannot}},
		{"central role in an accelerator", "demo-programme-admin", nil, app.InviteInput{TenantSlug: "greater-manchester", Email: "pat@example.org", Role: "funding_approver"}, map[string]string{"role": gmCannot}},
		{"everything missing", "demo-gm-manager", nil, app.InviteInput{}, map[string]string{"email": enterEmail, "role": selectRole}},
		{"provider ambiguous", "demo-gm-manager", []app.ProviderConfig{devProvider, gmEntra}, app.InviteInput{Email: "pat@example.org", Role: "project_lead"}, map[string]string{"provider": chooseLogin}},
		{"provider unknown", "demo-gm-manager", []app.ProviderConfig{devProvider, gmEntra}, app.InviteInput{Email: "pat@example.org", Role: "project_lead", Provider: "google"}, map[string]string{"provider": chooseLogin}},
		{"provider not serving the tenant", "demo-programme-admin", []app.ProviderConfig{devProvider, gmEntra}, app.InviteInput{TenantSlug: "west-midlands", Email: "pat@example.org", Role: "project_lead", Provider: "gm-entra"}, map[string]string{"provider": chooseLogin}},
		{"no provider serves the tenant", "demo-programme-admin", []app.ProviderConfig{gmEntra}, app.InviteInput{TenantSlug: "west-midlands", Email: "pat@example.org", Role: "project_lead"}, map[string]string{"provider": "No sign-in service is set up for West Midlands"}},
		{"provider named among two", "demo-gm-manager", []app.ProviderConfig{devProvider, gmEntra}, app.InviteInput{Email: "pat@example.org", Role: "project_lead", Provider: "gm-entra"}, nil},
		{"the one provider serving the tenant", "demo-programme-admin", []app.ProviderConfig{devProvider, gmEntra}, app.InviteInput{TenantSlug: "west-midlands", Email: "pat@example.org", Role: "project_lead"}, nil},
	}
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := seeded(t, db)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := newPeople(store, c.providers...).Invite(context.Background(), principalOf(t, store, c.who), c.in)
				var verr *app.ValidationError
				if c.want == nil {
					if err != nil {
						t.Fatalf("error %v, want the invitation made", err)
					}
					return
				}
				if !errors.As(err, &verr) {
					t.Fatalf("error %v, want a validation error", err)
				}
				if diff := cmp.Diff(c.want, verr.Fields); diff != "" {
					t.Errorf("field messages (-want +got):\n%s", diff)
				}
			})
		}
	})
}

func TestPeopleInvite_StoresANormalisedInvitationAndAnAuditEventWithTheRequestID(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := seeded(t, db)
		admin := principalOf(t, store, "demo-programme-admin")
		gm := tenantBySlug(t, store, "greater-manchester")
		ctx := app.WithRequestID(context.Background(), "req-7f3a")

		inv, err := newPeople(store).Invite(ctx, admin, app.InviteInput{TenantSlug: gm.Slug, Email: "  Pat.Jones@Example.ORG ", Role: "partnership_manager"})
		if err != nil {
			t.Fatal(err)
		}

		open, err := store.PendingInvitations(ctx, gm.ID, testNow)
		if err != nil || len(open) != 1 {
			t.Fatalf("open invitations %+v (error %v), want one", open, err)
		}
		got := open[0]
		if got.ID != inv.ID || got.Email != "pat.jones@example.org" || got.Role != models.RolePartnershipManager || got.Provider != "development" ||
			got.InvitedByUserID == nil || *got.InvitedByUserID != admin.UserID || !got.ExpiresAt.Equal(testNow.AddDate(0, 0, 14)) {
			t.Errorf("stored %+v, want pat.jones@example.org as partnership manager through development, by %d, for 14 days", got, admin.UserID)
		}
		events, err := store.AuditEventsForEntity(ctx, gm.ID, "invitation", strconv.FormatInt(inv.ID, 10))
		if err != nil || len(events) != 1 {
			t.Fatalf("audit events %+v (error %v), want one", events, err)
		}
		e := events[0]
		if e.Action != "invitation.created" || e.ActorUserID == nil || *e.ActorUserID != admin.UserID || e.RequestID != "req-7f3a" || !e.OccurredAt.Equal(testNow) {
			t.Errorf("audit event %+v, want invitation.created by %d in request req-7f3a at %s", e, admin.UserID, testNow)
		}
		if want := `{"email":"pat.jones@example.org","provider":"development","role":"partnership_manager"}`; e.AfterState == nil || *e.AfterState != want {
			t.Errorf("after state %v, want %s", e.AfterState, want)
		}
	})
}

func TestPeopleInviteFromCommandLine_UnknownTenantOrRoleOfTheWrongKindIsAFieldError(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := seeded(t, db)
		people := newPeople(store)
		cases := map[string]struct {
			in   app.InviteInput
			want map[string]string
		}{
			"unknown tenant":             {app.InviteInput{TenantSlug: "atlantis", Email: "a@b.example", Role: "observer"}, map[string]string{"tenant": `There is no tenant "atlantis"`}},
			"accelerator role centrally": {app.InviteInput{TenantSlug: "central", Email: "a@b.example", Role: "project_lead"}, map[string]string{"role": "Select a role that Central government can give"}},
		}
		for name, c := range cases {
			_, err := people.InviteFromCommandLine(context.Background(), c.in)
			var verr *app.ValidationError
			if !errors.As(err, &verr) {
				t.Errorf("%s: error %v, want a validation error", name, err)
				continue
			}
			if diff := cmp.Diff(c.want, verr.Fields); diff != "" {
				t.Errorf("%s: field messages (-want +got):\n%s", name, diff)
			}
		}
		if _, err := people.InviteFromCommandLine(context.Background(), app.InviteInput{TenantSlug: "central", Email: "a@b.example", Role: "funding_approver"}); err != nil {
			t.Errorf("valid invitation from the command line: %v", err)
		}
	})
}
