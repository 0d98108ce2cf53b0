package handlers_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// deliverCallback brings the callback a provider sent a browser to the portal, somehow spoilt.
type deliverCallback func(t *testing.T, p *portaltest.Portal, own *portaltest.Browser, cb *portaltest.Response) *portaltest.Response

// inOwnBrowser delivers the callback in the browser that started the login, with its query changed.
func inOwnBrowser(change func(q url.Values)) deliverCallback {
	return func(t *testing.T, _ *portaltest.Portal, own *portaltest.Browser, callback *portaltest.Response) *portaltest.Response {
		return own.Get(callbackURL(t, callback, change))
	}
}

// inAnotherBrowser delivers the callback unchanged in another browser, which may have started a login of its
// own (login CSRF: an attacker's sign-in finished in the victim's browser).
func inAnotherBrowser(signingIn bool) deliverCallback {
	return func(t *testing.T, portal *portaltest.Portal, _ *portaltest.Browser, callback *portaltest.Response) *portaltest.Response {
		victim := portal.NewBrowser(t)
		if signingIn {
			victim.StartSignIn(portaltest.DevProvider)
		}
		return victim.Get(callbackURL(t, callback, func(url.Values) {}))
	}
}

// docs/security.md 1: a callback whose state is missing, altered or from another browser's login is refused
// before any code is exchanged, and the refusal is audited.
func TestSignIn_RefusesCallbackWhoseStateDoesNotMatchThisBrowsersLogin(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		deliver deliverCallback
	}{
		{"state missing", inOwnBrowser(func(q url.Values) { q.Del("state") })},
		{"state altered", inOwnBrowser(func(q url.Values) { q.Set("state", q.Get("state")+"x") })},
		{"another browser's login, into a browser signing in itself", inAnotherBrowser(true)},
		{"another browser's login, into a browser not signing in", inAnotherBrowser(false)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
				t.Parallel()
				tokens := new(portaltest.TokenRequests)
				portal := portaltest.Start(t, db, portaltest.Options{WrapIdentityProvider: tokens.Wrap})
				browser := portal.NewBrowser(t)
				callback := browser.ChooseAccount(browser.StartSignIn(portaltest.DevProvider), "demo-gm-manager")

				page := tc.deliver(t, portal, browser, callback)

				expectPage(t, page, http.StatusBadRequest, headingNotCompleted)
				if n := tokens.Count(); n != 0 {
					t.Errorf("%d token requests reached the provider, want none", n)
				}
				if n := auditEvents(t, portal, "signin.refused"); n != 1 {
					t.Errorf("%d signin.refused audit events, want 1", n)
				}
				if n := sessions(t, portal); n != 0 {
					t.Errorf("%d sessions, want none", n)
				}
			})
		})
	}
}

// docs/security.md 2: a callback replayed with everything the first one had (code, state and login cookie) is
// refused without a second exchange and opens no second session.
func TestSignIn_RefusesReplayedCallback(t *testing.T) {
	t.Parallel()
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		t.Parallel()
		tokens := new(portaltest.TokenRequests)
		portal := portaltest.Start(t, db, portaltest.Options{WrapIdentityProvider: tokens.Wrap})
		browser := portal.NewBrowser(t)
		callback := browser.ChooseAccount(browser.StartSignIn(portaltest.DevProvider), "demo-gm-manager")
		stolenCookie := browser.Cookie(loginCookie)
		expectSignedIn(t, browser.Follow(callback), "Nadia Rahman", "Greater Manchester")

		attacker := portal.NewBrowser(t)
		attacker.SetCookie(loginCookie, stolenCookie)
		replay := attacker.Get(callbackURL(t, callback, func(url.Values) {}))

		expectPage(t, replay, http.StatusBadRequest, headingNotCompleted)
		if attacker.Cookie(sessionCookie) != "" {
			t.Error("the replay got a session cookie")
		}
		if n := sessions(t, portal); n != 1 {
			t.Errorf("%d sessions, want only the first sign-in's", n)
		}
		if n := tokens.Count(); n != 1 {
			t.Errorf("%d token requests, want only the first sign-in's", n)
		}
	})
}
