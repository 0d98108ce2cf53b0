package app_test

import (
	"context"
	"errors"
	"log/slog"
	"testing"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func newPeople(store *models.Store, providers ...app.ProviderConfig) *app.People {
	if len(providers) == 0 {
		providers = []app.ProviderConfig{devProvider}
	}
	return app.NewPeople(store, providers, clock, slog.New(slog.DiscardHandler))
}

func TestPeople_AnotherTenantIsNotFoundAndARoleWithoutPermissionForbidden(t *testing.T) {
	const list, invite = "list", "invite"
	cases := []struct {
		who    string // a demo user's subject
		does   string
		tenant string
		want   error
	}{
		{"demo-gm-manager", invite, "west-midlands", app.ErrNotFound},
		{"demo-gm-manager", list, "west-midlands", app.ErrNotFound},
		{"demo-gm-manager", invite, "central", app.ErrNotFound},
		{"demo-gm-manager", invite, "no-such-place", app.ErrNotFound},
		{"demo-gm-staff", list, "west-midlands", app.ErrNotFound},
		{"demo-gm-staff", invite, "greater-manchester", app.ErrForbidden},
		{"demo-gm-staff", list, "", app.ErrForbidden},
		{"demo-gm-lead", invite, "greater-manchester", app.ErrForbidden},
		{"demo-gm-director", invite, "greater-manchester", app.ErrForbidden},
		{"demo-funding-approver", invite, "greater-manchester", app.ErrForbidden},
		{"demo-funding-approver", list, "central", app.ErrForbidden},
		{"demo-council-observer", list, "west-midlands", app.ErrForbidden},
		{"demo-programme-admin", invite, "west-midlands", nil},
		{"demo-programme-admin", list, "glasgow-city-region", nil},
		{"demo-gm-manager", invite, "greater-manchester", nil},
		{"demo-gm-manager", list, "", nil},
	}
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := seeded(t, db)
		people := newPeople(store)
		for _, c := range cases {
			t.Run(c.who+" "+c.does+" "+c.tenant, func(t *testing.T) {
				p := principalOf(t, store, c.who)
				var err error
				if c.does == invite {
					_, err = people.Invite(context.Background(), p, app.InviteInput{TenantSlug: c.tenant, Email: "new.person@example.org", Role: string(models.RoleProjectLead)})
				} else {
					_, err = people.List(context.Background(), p, c.tenant)
				}
				if !errors.Is(err, c.want) || (c.want == nil && err != nil) {
					t.Errorf("error %v, want %v", err, c.want)
				}
			})
		}
	})
}

func TestPeopleInvite_RefusedLeavesNoInvitationBehind(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := seeded(t, db)
		ctx := context.Background()
		people := newPeople(store)
		manager, staff := principalOf(t, store, "demo-gm-manager"), principalOf(t, store, "demo-gm-staff")

		_, notFound := people.Invite(ctx, manager, app.InviteInput{TenantSlug: "west-midlands", Email: "a@b.example", Role: "project_lead"})
		_, forbidden := people.Invite(ctx, staff, app.InviteInput{Email: "a@b.example", Role: "project_lead"})
		if !errors.Is(notFound, app.ErrNotFound) || !errors.Is(forbidden, app.ErrForbidden) {
			t.Fatalf("errors %v and %v, want ErrNotFound and ErrForbidden", notFound, forbidden)
		}

		for _, slug := range []string{"west-midlands", "greater-manchester"} {
			open, err := store.PendingInvitations(ctx, tenantBySlug(t, store, slug).ID, testNow)
			if err != nil {
				t.Fatal(err)
			}
			if len(open) != 0 {
				t.Errorf("%s has %d open invitations after refusals, want none", slug, len(open))
			}
		}
		if events := modeltest.AuditEvents(t, modeltest.Superuser(t, db), "invitation.created"); len(events) != 0 {
			t.Errorf("audit events %v, want none", events)
		}
	})
}

func TestPeopleList_ShowsMembersInvitationsAndWhatThePrincipalMayInvite(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := seeded(t, db)
		ctx := context.Background()
		people := newPeople(store)
		admin, manager := principalOf(t, store, "demo-programme-admin"), principalOf(t, store, "demo-gm-manager")
		if _, err := people.Invite(ctx, manager, app.InviteInput{Email: "new.lead@example.org", Role: "project_lead"}); err != nil {
			t.Fatal(err)
		}

		asAdmin, err := people.List(ctx, admin, "greater-manchester")
		if err != nil {
			t.Fatal(err)
		}
		asManager, err := people.List(ctx, manager, "")
		if err != nil {
			t.Fatal(err)
		}

		for name, got := range map[string]app.PeopleOfTenant{"admin": asAdmin, "manager": asManager} {
			if got.Tenant.Slug != "greater-manchester" || len(got.Members) != 4 || len(got.Invitations) != 1 || len(got.Providers) != 1 {
				t.Errorf("%s sees %s with %d members, %d invitations, %d providers; want greater-manchester, 4, 1, 1",
					name, got.Tenant.Slug, len(got.Members), len(got.Invitations), len(got.Providers))
			}
		}
		if len(asAdmin.InvitableRoles) != 4 || len(asAdmin.Tenants) != 4 {
			t.Errorf("admin may invite %v and choose among %d tenants, want 4 roles and 4 tenants", asAdmin.InvitableRoles, len(asAdmin.Tenants))
		}
		if len(asManager.InvitableRoles) != 2 || asManager.Tenants != nil {
			t.Errorf("manager may invite %v and choose among %d tenants, want staff and leads, no tenant choice", asManager.InvitableRoles, len(asManager.Tenants))
		}
	})
}
