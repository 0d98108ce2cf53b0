package handlers_test

import (
	"crypto/rand"
	"crypto/rsa"
	"net/http"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// signedBy says which key signs a forged ID token.
type signedBy int

const (
	providerKey signedBy = iota // the provider's own key: only the changed claim is wrong
	anotherKey                  // another RSA key, under the provider key's kid
	noKey                       // "alg": "none"
)

type idTokenCase struct {
	name   string
	change func(claims map[string]any)
	sign   signedBy
}

// idTokenCases are docs/security.md 3 to 6: each changes one thing in the provider's real ID token.
var idTokenCases = []idTokenCase{
	{"nonce wrong (3)", set("nonce", "not-the-nonce-we-sent"), providerKey},
	{"nonce missing (3)", remove("nonce"), providerKey},
	{"alg none (4)", unchanged, noKey},
	{"signed by another key with the real kid (4)", unchanged, anotherKey},
	{"iss another issuer (5)", func(c map[string]any) { c["iss"] = "https://idp.attacker.example/dev-idp" }, providerKey},
	{"iss with a trailing slash (5)", func(c map[string]any) { c["iss"] = c["iss"].(string) + "/" }, providerKey},
	{"aud lacks our client ID (5)", set("aud", []string{"another-client"}), providerKey},
	{"iat missing (6)", remove("iat"), providerKey},
	{"iat in the future (6)", set("iat", time.Now().Add(time.Hour).Unix()), providerKey},
	{"sub missing (6)", remove("sub"), providerKey},
	{"sub empty (6)", set("sub", ""), providerKey},
	{"exp past (6)", set("exp", time.Now().Add(-time.Minute).Unix()), providerKey},
}

func TestSignIn_RefusesTamperedIDToken(t *testing.T) {
	t.Parallel()
	for _, tc := range idTokenCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
				t.Parallel()
				portal, tamper := startTampering(t, db, tc)
				browser := portal.NewBrowser(t)

				page := browser.SignInAs("demo-gm-manager")

				expectPage(t, page, http.StatusBadRequest, headingNotConfirmed)
				if n := tamper.Replaced(); n != 1 {
					t.Fatalf("%d forged ID tokens delivered, want 1", n)
				}
				if n := sessions(t, portal); n != 0 {
					t.Errorf("%d sessions, want none", n)
				}
				if n := auditEvents(t, portal, "signin.refused"); n != 1 {
					t.Errorf("%d signin.refused audit events, want 1", n)
				}
			})
		})
	}
}

// The forgery itself is sound: the real claims, re-signed with the provider's key, sign the person in. So
// each refusal above is the portal's answer to the one thing changed.
func TestSignIn_AcceptsIDTokenRebuiltUnchanged(t *testing.T) {
	t.Parallel()
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		t.Parallel()
		portal, tamper := startTampering(t, db, idTokenCase{sign: providerKey, change: unchanged})

		expectSignedIn(t, portal.NewBrowser(t).SignInAs("demo-gm-manager"), "Nadia Rahman", "Greater Manchester")
		if n := tamper.Replaced(); n != 1 {
			t.Errorf("%d rebuilt ID tokens delivered, want 1", n)
		}
	})
}

// startTampering runs a portal whose development provider's ID tokens are forged as the case says.
func startTampering(t *testing.T, db *models.Database, tc idTokenCase) (*portaltest.Portal, *portaltest.IDTokenTamper) {
	t.Helper()
	tamper := portaltest.TamperIDToken(tc.change)
	if tc.sign == noKey {
		tamper.Unsigned()
	}
	portal := portaltest.Start(t, db, portaltest.Options{WrapIdentityProvider: tamper.Wrap})
	switch tc.sign {
	case providerKey:
		tamper.SignWith(portal.SigningKey)
	case anotherKey:
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			t.Fatal(err)
		}
		tamper.SignWith(key)
	}
	return portal, tamper
}

func unchanged(map[string]any) {}

func set(claim string, value any) func(map[string]any) {
	return func(c map[string]any) { c[claim] = value }
}

func remove(claim string) func(map[string]any) {
	return func(c map[string]any) { delete(c, claim) }
}
