package handlers_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// In these tests the development provider may sign people into West Midlands only.
var onlyWestMidlands = portaltest.Options{DevTenants: []string{"west-midlands"}}

// docs/security.md 10: a role held in a tenant the provider may not sign people into is not used.
func TestSignIn_ProviderNotAllowedForTenantDoesNotUseMembershipThere(t *testing.T) {
	t.Parallel()
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		t.Parallel()
		portal := portaltest.Start(t, db, onlyWestMidlands)

		page := portal.NewBrowser(t).SignInAs("demo-gm-manager") // a partnership manager of Greater Manchester

		expectPage(t, page, http.StatusForbidden, headingNoAccess)
		if n := sessions(t, portal); n != 0 {
			t.Errorf("%d sessions, want none", n)
		}
		if n := auditEvents(t, portal, "signin.no_access"); n != 1 {
			t.Errorf("%d signin.no_access audit events, want 1", n)
		}
	})
}

// docs/security.md 10: someone with roles in two tenants signs in to the one the provider allows, with that
// tenant's role only, even though the other comes first.
func TestSignIn_ProviderNotAllowedForTenantSignsIntoTheAllowedOneOnly(t *testing.T) {
	t.Parallel()
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		t.Parallel()
		portal := portaltest.Start(t, db, onlyWestMidlands)
		nadia := userBySubject(t, portal, portal.Issuer, "demo-gm-manager")
		addMembership(t, portal, nadia.ID, "west-midlands", models.RoleObserver)

		page := portal.NewBrowser(t).SignInAs("demo-gm-manager")

		expectSignedIn(t, page, "Nadia Rahman", "West Midlands")
		if got := page.Text(`[data-testid="account-role"]`); got != models.RoleObserver.Label() {
			t.Errorf("role %q, want %q", got, models.RoleObserver.Label())
		}
	})
}

// docs/security.md 10: an invitation to a tenant the provider may not sign people into is not bound by a
// sign-in through it (here the invitation predates a change to the provider's tenants).
func TestSignIn_ProviderNotAllowedForTenantDoesNotBindInvitationThere(t *testing.T) {
	t.Parallel()
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		t.Parallel()
		portal := portaltest.Start(t, db, onlyWestMidlands)
		const email = "kim@both.example"
		saveInvitation(t, portal, email, "greater-manchester", models.RolePartnershipStaff)
		invite(t, portal, email, "west-midlands", models.RoleProjectLead, portaltest.DevProvider)

		page := portal.NewBrowser(t).SignInAs("invited:" + email)

		expectSignedIn(t, page, email, "West Midlands")
		gm := tenantBySlug(t, portal, "greater-manchester")
		kim := userBySubject(t, portal, portal.Issuer, "invited:"+email)
		if n := portal.CountRows(t, "memberships", "user_id = ? AND tenant_id = ?", kim.ID, gm.ID); n != 0 {
			t.Errorf("Kim holds %d roles in Greater Manchester, want none", n)
		}
		if n := portal.CountRows(t, "invitations", "tenant_id = ? AND accepted_at IS NULL", gm.ID); n != 1 {
			t.Errorf("%d open invitations to Greater Manchester, want it still open", n)
		}
	})
}

// saveInvitation stores an open invitation through the development provider directly, as one made before
// the provider's tenants changed would be: the People service would no longer make it.
func saveInvitation(t *testing.T, portal *portaltest.Portal, email, tenant string, role models.Role) {
	t.Helper()
	now := time.Now().UTC()
	inv := models.Invitation{
		TenantID: tenantBySlug(t, portal, tenant).ID, Email: email, Role: role, Provider: portaltest.DevProvider,
		ExpiresAt: now.Add(24 * time.Hour), CreatedAt: now,
	}
	if err := portal.Store.SaveInvitation(t.Context(), &inv); err != nil {
		t.Fatal(err)
	}
}

func addMembership(t *testing.T, portal *portaltest.Portal, userID int64, tenant string, role models.Role) {
	t.Helper()
	m := models.Membership{UserID: userID, TenantID: tenantBySlug(t, portal, tenant).ID, Role: role, CreatedAt: time.Now().UTC()}
	if err := portal.Store.AddMembership(t.Context(), &m); err != nil {
		t.Fatal(err)
	}
}

func tenantBySlug(t *testing.T, portal *portaltest.Portal, slug string) models.Tenant {
	t.Helper()
	tenant, err := portal.Store.TenantBySlug(t.Context(), slug)
	if err != nil {
		t.Fatalf("tenant %s: %v", slug, err)
	}
	return tenant
}
