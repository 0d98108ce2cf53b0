package handlers_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func bearerHeader(secret string) http.Header {
	return http.Header{"Authorization": {"Bearer " + secret}}
}

// expectUnauthorized checks a 401 as RFC 6750 asks: JSON, with a Bearer challenge.
func expectUnauthorized(t *testing.T, answer apiAnswer) {
	t.Helper()
	answer.expectError(t, http.StatusUnauthorized, "unauthenticated")
	if challenge := answer.Header.Get("WWW-Authenticate"); !strings.HasPrefix(challenge, "Bearer") {
		t.Errorf("WWW-Authenticate %q, want a Bearer challenge", challenge)
	}
}

func TestAPI_RequestsWithoutAUsableTokenAreUnauthorized(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		clock := portaltest.NewClock()
		// Each refused request counts against the address's allowance of failures, which is not under test.
		portal := portaltest.Start(t, db, portaltest.Options{Now: clock.Now, RateLimits: unlimited()})
		lasting := newAPIToken(t, portal, "demo-gm-manager", "90")
		shortLived := newAPIToken(t, portal, "demo-gm-manager", "1")
		revoked := newAPIToken(t, portal, "demo-gm-manager", "")
		ofDisabled := newAPIToken(t, portal, "demo-gm-staff", "")
		for _, token := range []string{lasting.Secret, shortLived.Secret, revoked.Secret, ofDisabled.Secret} {
			apiWith(t, portal, bearerHeader(token)).do(http.MethodGet, "/api/v1/projects", nil).expect(t, http.StatusOK, nil)
		}

		manager := tokenPrincipal(t, portal, "demo-gm-manager")
		if err := portal.Services.APITokens.Revoke(t.Context(), manager, strconv.FormatInt(revoked.Token.ID, 10)); err != nil {
			t.Fatal(err)
		}
		if err := portal.Store.DisableUser(t.Context(), seededUser(t, portal, "demo-gm-staff").ID, clock.Now()); err != nil {
			t.Fatal(err)
		}
		clock.Advance(25 * time.Hour)

		refused := map[string]http.Header{
			"no token":           {},
			"an empty bearer":    {"Authorization": {"Bearer "}},
			"another scheme":     {"Authorization": {"Basic " + lasting.Secret}},
			"a garbage token":    bearerHeader("garbage"),
			"a made-up token":    bearerHeader("iap_" + strings.Repeat("A", 43)),
			"a revoked token":    bearerHeader(revoked.Secret),
			"an expired token":   bearerHeader(shortLived.Secret),
			"a disabled owner's": bearerHeader(ofDisabled.Secret),
		}
		for name, header := range refused {
			t.Run(name, func(t *testing.T) {
				api := apiWith(t, portal, header)
				for _, r := range []struct{ method, path string }{{http.MethodGet, "/api/v1/projects"}, {http.MethodPost, "/api/v1/organisations"}, {http.MethodGet, "/api/v1/organisations/1"}} {
					expectUnauthorized(t, api.do(r.method, r.path, map[string]any{"name": "Planted Ltd", "kind": "business"}))
				}
			})
		}
		apiWith(t, portal, bearerHeader(lasting.Secret)).do(http.MethodGet, "/api/v1/projects", nil).expect(t, http.StatusOK, nil)
	})
}

// TestAPI_PortalPagesMayCallItWithTheSessionButATokenWins covers the browser's session cookie: it is
// accepted, a token sent with it is the one that counts, and a disabled person's session is dead
// (docs/security.md 12).
func TestAPI_PortalPagesMayCallItWithTheSessionButATokenWins(t *testing.T) {
	portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{})
	session := signedInSession(t, portal, "demo-gm-manager")
	cookie := http.Header{"Cookie": {"portal_session=" + session}}
	apiWith(t, portal, cookie).do(http.MethodGet, "/api/v1/projects", nil).expect(t, http.StatusOK, nil)

	withBadToken := cookie.Clone()
	withBadToken.Set("Authorization", "Bearer garbage")
	expectUnauthorized(t, apiWith(t, portal, withBadToken).do(http.MethodGet, "/api/v1/projects", nil))
	expectUnauthorized(t, apiWith(t, portal, http.Header{"Cookie": {"portal_session=stale"}}).do(http.MethodGet, "/api/v1/projects", nil))

	if err := portal.Store.DisableUser(t.Context(), seededUser(t, portal, "demo-gm-manager").ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	expectUnauthorized(t, apiWith(t, portal, cookie).do(http.MethodGet, "/api/v1/projects", nil))
}
