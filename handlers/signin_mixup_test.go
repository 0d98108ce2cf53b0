package handlers_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// mixUp is a portal with two providers whose token requests are counted: A is the development provider,
// B a second one.
type mixUp struct {
	portal           *portaltest.Portal
	b                *portaltest.Provider
	tokensA, tokensB *portaltest.TokenRequests
	browser          *portaltest.Browser
}

// startMixUp starts the portal and its providers; B's answers may pass through a wrapper on their way.
func startMixUp(t *testing.T, db *models.Database, wrapB ...func(http.Handler) http.Handler) *mixUp {
	t.Helper()
	m := &mixUp{tokensA: new(portaltest.TokenRequests), tokensB: new(portaltest.TokenRequests)}
	m.b = portaltest.StartProvider(t, "second", portaltest.ProviderOptions{Wrap: func(h http.Handler) http.Handler {
		for _, wrap := range wrapB {
			h = wrap(h)
		}
		return m.tokensB.Wrap(h)
	}})
	m.b.Accounts.Add("b-person", "b.person@second.example", "Bea Person")
	m.portal = startWithProvider(t, db, m.b, portaltest.Options{WrapIdentityProvider: m.tokensA.Wrap})
	invite(t, m.portal, "b.person@second.example", "west-midlands", models.RoleProjectLead, "second")
	m.browser = m.portal.NewBrowser(t)
	return m
}

// docs/security.md 8: a code from provider A delivered to a login started at provider B is refused, and the
// code never goes back to A: the exchange happens only at the provider the login started with.
func TestSignIn_RefusesCodeFromAnotherProviderThanTheLoginStartedAt(t *testing.T) {
	t.Parallel()
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		t.Parallel()
		m := startMixUp(t, db)
		fromA := m.browser.ChooseAccount(m.browser.StartSignIn(portaltest.DevProvider), "demo-gm-manager")
		toB := m.browser.StartSignIn("second") // the browser's login is now the one at B
		stateB := stateOf(t, toB)

		page := m.browser.Get(callbackURL(t, fromA, func(q url.Values) { q.Set("state", stateB) }))

		expectPage(t, page, http.StatusBadRequest, headingNotConfirmed)
		if n := m.tokensA.Count(); n != 0 {
			t.Errorf("A's code went back to A for exchange (%d token requests)", n)
		}
		if n := sessions(t, m.portal); n != 0 {
			t.Errorf("%d sessions, want none", n)
		}
	})
}

// docs/security.md 8, RFC 9207: a callback whose iss names another issuer than the login's provider is refused
// before any exchange, even with that provider's own good code.
func TestSignIn_RefusesCallbackNamingAnotherIssuer(t *testing.T) {
	t.Parallel()
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		t.Parallel()
		m := startMixUp(t, db)
		fromB := m.browser.ChooseAccount(m.browser.StartSignIn("second"), "b-person")

		page := m.browser.Get(callbackURL(t, fromB, func(q url.Values) { q.Set("iss", m.portal.Issuer) }))

		expectPage(t, page, http.StatusBadRequest, headingNotConfirmed)
		if n := m.tokensA.Count() + m.tokensB.Count(); n != 0 {
			t.Errorf("%d token requests, want none", n)
		}
		if n := sessions(t, m.portal); n != 0 {
			t.Errorf("%d sessions, want none", n)
		}
	})
}

// The same callback with B's own issuer named signs the person in, so the refusal above is the iss check's.
func TestSignIn_AcceptsCallbackNamingItsOwnIssuer(t *testing.T) {
	t.Parallel()
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		t.Parallel()
		m := startMixUp(t, db)
		fromB := m.browser.ChooseAccount(m.browser.StartSignIn("second"), "b-person")

		page := m.browser.Follow(m.browser.Get(callbackURL(t, fromB, func(q url.Values) { q.Set("iss", m.b.Config.Issuer) })))

		expectSignedIn(t, page, "Bea Person", "West Midlands")
	})
}

// RFC 9207: when a provider promises the iss parameter, a callback without it is refused before any
// exchange (an attacker might have stripped it); with the provider's own issuer it signs the person in.
func TestSignIn_RefusesCallbackWithoutTheIssItsProviderPromises(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		iss     func(m *mixUp) string
		signsIn bool
	}{
		{"no iss", func(*mixUp) string { return "" }, false},
		{"the provider's own iss", func(m *mixUp) string { return m.b.Config.Issuer }, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
				t.Parallel()
				m := startMixUp(t, db, portaltest.AdvertiseIssParameter)
				fromB := m.browser.ChooseAccount(m.browser.StartSignIn("second"), "b-person")

				page := m.browser.Follow(m.browser.Get(callbackURL(t, fromB, func(q url.Values) { setOrDelete(q, "iss", tc.iss(m)) })))

				if tc.signsIn {
					expectSignedIn(t, page, "Bea Person", "West Midlands")
					return
				}
				expectPage(t, page, http.StatusBadRequest, headingNotConfirmed)
				if n := m.tokensB.Count(); n != 0 {
					t.Errorf("%d token requests, want none", n)
				}
			})
		})
	}
}

func setOrDelete(q url.Values, key, value string) {
	if value == "" {
		q.Del(key)
		return
	}
	q.Set(key, value)
}

// stateOf reads the state from a redirect to a provider's authorization endpoint.
func stateOf(t *testing.T, toProvider *portaltest.Response) string {
	t.Helper()
	u, err := url.Parse(toProvider.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	state := u.Query().Get("state")
	if state == "" {
		t.Fatalf("no state in %s", u)
	}
	return state
}
