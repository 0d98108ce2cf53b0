package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// docs/security.md 12 covers the JSON API too (401 for a dead session): api_auth_test.go tests that; this file
// tests the pages.

// docs/security.md 12: signing in gives a new session ID, whatever the browser carried, and the old one is dead.
func TestSignIn_RenewsSessionIDAndEndsTheOldSession(t *testing.T) {
	t.Parallel()
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		t.Parallel()
		portal := portaltest.Start(t, db, portaltest.Options{})
		browser := portal.NewBrowser(t)
		browser.SetCookie(sessionCookie, "planted-by-an-attacker")

		browser.SignInAs("demo-gm-manager")
		first := browser.Cookie(sessionCookie)
		browser.SignInAs("demo-gm-manager")
		second := browser.Cookie(sessionCookie)

		if first == "planted-by-an-attacker" || first == "" || second == "" || first == second {
			t.Fatalf("session IDs %q then %q, want two new ones", first, second)
		}
		expectSentToSignIn(t, browserWithSession(t, portal, first).Get("/"))
		expectSignedIn(t, browserWithSession(t, portal, second).Get("/"), "Nadia Rahman", "Greater Manchester")
		if n := sessions(t, portal); n != 1 {
			t.Errorf("%d sessions, want 1", n)
		}
	})
}

// docs/security.md 12: logout ends the session on the server and at the provider, which sends the browser back
// to the portal's signed-out page.
func TestSignOut_EndsSessionHereAndAtTheProvider(t *testing.T) {
	t.Parallel()
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		t.Parallel()
		portal := portaltest.Start(t, db, portaltest.Options{})
		browser := portal.NewBrowser(t)
		browser.SignInAs("demo-gm-manager")
		old := browser.Cookie(sessionCookie)

		toProvider := browser.PostForm("/logout", url.Values{})

		endSession := portal.Issuer + "/end_session?"
		if loc := toProvider.Header.Get("Location"); toProvider.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, endSession) {
			t.Fatalf("status %d to %q, want 303 to the provider's end_session", toProvider.StatusCode, loc)
		}
		if n := sessions(t, portal); n != 0 {
			t.Errorf("%d sessions after logout, want none", n)
		}
		signedOut := browser.Follow(toProvider)
		if got := signedOut.Request.URL.String(); got != portal.URL+"/signed-out" {
			t.Errorf("landed on %s, want the portal's /signed-out", got)
		}
		expectPage(t, signedOut, http.StatusOK, "You have signed out")
		expectSentToSignIn(t, browserWithSession(t, portal, old).Get("/"))
		if n := auditEvents(t, portal, "signout"); n != 1 {
			t.Errorf("%d signout audit events, want 1", n)
		}
	})
}

// docs/security.md 12: a disabled account's session is dead, and it cannot sign in again; whether it was
// disabled through the store (which ends its sessions too) or by an operator setting disabled_at.
func TestSession_DisabledAccountIsSentToSignInAndCannotSignInAgain(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		disable func(t *testing.T, portal *portaltest.Portal, userID int64)
	}{
		{"by Store.DisableUser", func(t *testing.T, portal *portaltest.Portal, userID int64) {
			if err := portal.Store.DisableUser(t.Context(), userID, time.Now().UTC()); err != nil {
				t.Fatal(err)
			}
		}},
		{"by disabled_at set in the database", func(t *testing.T, portal *portaltest.Portal, userID int64) {
			if err := portal.Superuser.Table("users").Where("id = ?", userID).Update("disabled_at", time.Now().UTC()).Error; err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
				t.Parallel()
				portal := portaltest.Start(t, db, portaltest.Options{})
				browser := portal.NewBrowser(t)
				browser.SignInAs("demo-gm-manager")
				old := browser.Cookie(sessionCookie)

				tc.disable(t, portal, userBySubject(t, portal, portal.Issuer, "demo-gm-manager").ID)

				expectSentToSignIn(t, browserWithSession(t, portal, old).Get("/"))
				before := sessions(t, portal)
				expectPage(t, portal.NewBrowser(t).SignInAs("demo-gm-manager"), http.StatusForbidden, headingNoAccess)
				if n := sessions(t, portal); n != before {
					t.Errorf("%d sessions after signing in again, want %d: no new one", n, before)
				}
			})
		})
	}
}

// docs/security.md 12: a session lives while it is used, and ends after the idle timeout without use.
func TestSession_EndsAfterIdleTimeout(t *testing.T) {
	t.Parallel()
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		t.Parallel()
		clock := portaltest.NewClock()
		portal := portaltest.Start(t, db, portaltest.Options{Now: clock.Now, SessionIdle: 30 * time.Minute, SessionAbsolute: 12 * time.Hour})
		browser := portal.NewBrowser(t)
		browser.SignInAs("demo-gm-manager")
		token := browser.Cookie(sessionCookie)

		for range 2 { // in use every 29 minutes, it outlives the idle timeout
			clock.Advance(29 * time.Minute)
			expectSignedIn(t, browserWithSession(t, portal, token).Get("/"), "Nadia Rahman", "Greater Manchester")
		}
		clock.Advance(31 * time.Minute)
		expectSentToSignIn(t, browserWithSession(t, portal, token).Get("/"))
		if n := sessions(t, portal); n != 0 {
			t.Errorf("%d sessions, want the idle one deleted", n)
		}
	})
}

// docs/security.md 12: a session ends at its absolute timeout however busy it is.
func TestSession_EndsAtAbsoluteTimeoutThoughInUse(t *testing.T) {
	t.Parallel()
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		t.Parallel()
		clock := portaltest.NewClock()
		portal := portaltest.Start(t, db, portaltest.Options{Now: clock.Now, SessionIdle: 30 * time.Minute, SessionAbsolute: time.Hour})
		browser := portal.NewBrowser(t)
		browser.SignInAs("demo-gm-manager")
		token := browser.Cookie(sessionCookie)

		for range 2 {
			clock.Advance(25 * time.Minute)
			expectSignedIn(t, browserWithSession(t, portal, token).Get("/"), "Nadia Rahman", "Greater Manchester")
		}
		clock.Advance(25 * time.Minute)
		expectSentToSignIn(t, browserWithSession(t, portal, token).Get("/"))
	})
}

// browserWithSession is a fresh browser carrying a session cookie, as a stolen or stale one would be.
func browserWithSession(t *testing.T, portal *portaltest.Portal, token string) *portaltest.Browser {
	t.Helper()
	b := portal.NewBrowser(t)
	b.SetCookie(sessionCookie, token)
	return b
}
