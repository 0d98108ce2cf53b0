package handlers_test

import (
	"testing"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// docs/security.md 9: people are (issuer, subject), so the same subject at two providers is two people.
func TestSignIn_SameSubjectAtTwoProvidersIsTwoUsers(t *testing.T) {
	t.Parallel()
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		t.Parallel()
		second := portaltest.StartProvider(t, "second", portaltest.ProviderOptions{})
		portal := startWithProvider(t, db, second, portaltest.Options{})
		invite(t, portal, "ann@first.example", "greater-manchester", models.RoleProjectLead, portaltest.DevProvider)
		invite(t, portal, "bob@second.example", "west-midlands", models.RoleProjectLead, "second")
		const subject = "invited:ann@first.example" // the development provider's subject for Ann
		second.Accounts.Add(subject, "bob@second.example", "Bob Second")

		expectSignedIn(t, portal.NewBrowser(t).SignInAs(subject), "ann@first.example", "Greater Manchester")
		expectSignedIn(t, portal.NewBrowser(t).SignInThrough("second", subject), "Bob Second", "West Midlands")

		if n := portal.CountRows(t, "users", "subject = ?", subject); n != 2 {
			t.Errorf("%d users with subject %q, want 2", n, subject)
		}
		for _, issuer := range []string{portal.Issuer, second.Config.Issuer} {
			if n := portal.CountRows(t, "users", "subject = ? AND issuer = ?", subject, issuer); n != 1 {
				t.Errorf("%d users of %s, want 1", n, issuer)
			}
		}
	})
}

// docs/security.md 9: a person whose e-mail address at the provider becomes someone else's stays themselves: the
// address does not lead to the other person's account.
func TestSignIn_EmailChangedToAnotherPersonsDoesNotReachTheirAccount(t *testing.T) {
	t.Parallel()
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		t.Parallel()
		second := portaltest.StartProvider(t, "second", portaltest.ProviderOptions{})
		portal := startWithProvider(t, db, second, portaltest.Options{})
		invite(t, portal, "vic@second.example", "west-midlands", models.RolePartnershipManager, "second")
		invite(t, portal, "mal@second.example", "greater-manchester", models.RoleProjectLead, "second")
		second.Accounts.Add("vic", "vic@second.example", "Vic Tim")
		second.Accounts.Add("mal", "mal@second.example", "Mal Lory")
		expectSignedIn(t, portal.NewBrowser(t).SignInThrough("second", "vic"), "Vic Tim", "West Midlands")
		expectSignedIn(t, portal.NewBrowser(t).SignInThrough("second", "mal"), "Mal Lory", "Greater Manchester")

		second.Accounts.SetEmail("mal", "vic@second.example")
		browser := portal.NewBrowser(t)
		page := browser.SignInThrough("second", "mal")

		expectSignedIn(t, page, "Mal Lory", "Greater Manchester")
		if got := page.Text(`[data-testid="account-role"]`); got != models.RoleProjectLead.Label() {
			t.Errorf("role %q, want only Mal's own %q", got, models.RoleProjectLead.Label())
		}
		mal := userBySubject(t, portal, second.Config.Issuer, "mal")
		principal, err := portal.Services.Identity.Authenticate(t.Context(), browser.Cookie(sessionCookie))
		if err != nil {
			t.Fatal(err)
		}
		if principal.UserID != mal.ID {
			t.Errorf("the session is user %d's, want Mal's (%d)", principal.UserID, mal.ID)
		}
		if n := portal.CountRows(t, "memberships", "user_id = ?", mal.ID); n != 1 {
			t.Errorf("Mal holds %d roles, want 1", n)
		}
	})
}

func userBySubject(t *testing.T, portal *portaltest.Portal, issuer, subject string) models.User {
	t.Helper()
	u, err := portal.Store.UserByIdentity(t.Context(), issuer, subject)
	if err != nil {
		t.Fatalf("user %s at %s: %v", subject, issuer, err)
	}
	return u
}
