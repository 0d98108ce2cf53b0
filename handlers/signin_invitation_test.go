package handlers_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

const newcomer = "new.person@example.org"

// docs/architecture.md, "Identity and sessions", and the README, "People and access": the first sign-in through
// the invited provider with the invited, verified e-mail binds the invitation, and the person gets the role.
func TestSignIn_InvitedPersonGetsTheInvitedRole(t *testing.T) {
	t.Parallel()
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		t.Parallel()
		portal := portaltest.Start(t, db, portaltest.Options{})
		admin := signedInPrincipal(t, portal, "demo-programme-admin")
		_, err := portal.Services.People.Invite(t.Context(), admin, app.InviteInput{
			TenantSlug: "west-midlands", Email: "New.Person@Example.org", Role: string(models.RoleProjectLead),
			Provider: portaltest.DevProvider,
		})
		if err != nil {
			t.Fatal(err)
		}

		page := portal.NewBrowser(t).SignInAs("invited:" + newcomer)

		expectSignedIn(t, page, newcomer, "West Midlands")
		if got := page.Text(`[data-testid="account-role"]`); got != models.RoleProjectLead.Label() {
			t.Errorf("role %q, want %q", got, models.RoleProjectLead.Label())
		}
		if n := openInvitations(t, portal, newcomer); n != 0 {
			t.Errorf("%d invitations still open, want it accepted", n)
		}
		if n := auditEvents(t, portal, "invitation.accepted"); n != 1 {
			t.Errorf("%d invitation.accepted audit events, want 1", n)
		}
	})
}

// An invitation is not bound by a sign-in whose e-mail the provider has not verified.
func TestSignIn_UnverifiedEmailDoesNotBindInvitation(t *testing.T) {
	t.Parallel()
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		t.Parallel()
		portal, _ := startTampering(t, db, idTokenCase{change: set("email_verified", false), sign: providerKey})
		invite(t, portal, newcomer, "west-midlands", models.RoleProjectLead, portaltest.DevProvider)

		page := portal.NewBrowser(t).SignInAs("invited:" + newcomer)

		expectNoAccessFor(t, portal, page, "invited:"+newcomer)
		if n := openInvitations(t, portal, newcomer); n != 1 {
			t.Errorf("%d open invitations, want it still open", n)
		}
	})
}

// An invitation is not bound after it expires (14 days).
func TestSignIn_ExpiredInvitationDoesNotBind(t *testing.T) {
	t.Parallel()
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		t.Parallel()
		clock := portaltest.NewClock()
		portal := portaltest.Start(t, db, portaltest.Options{Now: clock.Now})
		invite(t, portal, newcomer, "west-midlands", models.RoleProjectLead, portaltest.DevProvider)
		clock.Advance(15 * 24 * time.Hour)

		page := portal.NewBrowser(t).SignInAs("invited:" + newcomer)

		expectNoAccessFor(t, portal, page, "invited:"+newcomer)
	})
}

// Someone the provider knows but nobody invited is told they have no access yet, and is not stored.
func TestSignIn_PersonWithoutInvitationHasNoAccess(t *testing.T) {
	t.Parallel()
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		t.Parallel()
		second := portaltest.StartProvider(t, "second", portaltest.ProviderOptions{})
		second.Accounts.Add("stranger", "stranger@second.example", "Stan Ranger")
		portal := startWithProvider(t, db, second, portaltest.Options{})

		page := portal.NewBrowser(t).SignInThrough("second", "stranger")

		expectNoAccessFor(t, portal, page, "stranger")
	})
}

// expectNoAccessFor checks a sign-in ended on the no-access page, with no account or session made for the
// subject and the refusal audited.
func expectNoAccessFor(t *testing.T, portal *portaltest.Portal, page *portaltest.Response, subject string) {
	t.Helper()
	expectPage(t, page, http.StatusForbidden, headingNoAccess)
	if n := portal.CountRows(t, "users", "subject = ?", subject); n != 0 {
		t.Errorf("%d users with subject %q, want none", n, subject)
	}
	if n := sessions(t, portal); n != 0 {
		t.Errorf("%d sessions, want none", n)
	}
	if n := auditEvents(t, portal, "signin.no_access"); n != 1 {
		t.Errorf("%d signin.no_access audit events, want 1", n)
	}
}

// signedInPrincipal signs a demo person in and returns the principal their session stands for.
func signedInPrincipal(t *testing.T, portal *portaltest.Portal, subject string) app.Principal {
	t.Helper()
	browser := portal.NewBrowser(t)
	browser.SignInAs(subject)
	p, err := portal.Services.Identity.Authenticate(t.Context(), browser.Cookie(sessionCookie))
	if err != nil {
		t.Fatalf("%s's session: %v", subject, err)
	}
	return p
}

func openInvitations(t *testing.T, portal *portaltest.Portal, email string) int64 {
	t.Helper()
	return portal.CountRows(t, "invitations", "email = ? AND accepted_at IS NULL", email)
}
