package handlers_test

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"testing"

	"golang.org/x/oauth2"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// docs/security.md 11: the authorization request carries an S256 challenge of the verifier the login keeps.
func TestSignIn_AuthorizationRequestCarriesS256ChallengeOfTheLoginsVerifier(t *testing.T) {
	t.Parallel()
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		t.Parallel()
		portal := portaltest.Start(t, db, portaltest.Options{})

		toProvider := portal.NewBrowser(t).StartSignIn(portaltest.DevProvider)

		authorization, err := url.Parse(toProvider.Header.Get("Location"))
		if err != nil {
			t.Fatal(err)
		}
		q := authorization.Query()
		if got := q.Get("code_challenge_method"); got != "S256" {
			t.Errorf("code_challenge_method %q, want S256", got)
		}
		var verifier string
		if err := portal.Superuser.Table("login_transactions").Select("code_verifier").Take(&verifier).Error; err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256([]byte(verifier))
		if want := base64.RawURLEncoding.EncodeToString(sum[:]); verifier == "" || q.Get("code_challenge") != want {
			t.Errorf("code_challenge %q, want %q, the S256 of the login's verifier", q.Get("code_challenge"), want)
		}
	})
}

// docs/security.md 11: the provider redeems the code only with the login's own verifier, so a token request whose
// verifier is changed or dropped on the way fails, and so does the sign-in.
func TestSignIn_RefusesExchangeWithWrongCodeVerifier(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		change  func(form url.Values)
		signsIn bool
	}{
		{"verifier unchanged (the tamper itself is harmless)", func(url.Values) {}, true},
		{"another verifier", func(f url.Values) { f.Set("code_verifier", oauth2.GenerateVerifier()) }, false},
		{"no verifier", func(f url.Values) { f.Del("code_verifier") }, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
				t.Parallel()
				portal := portaltest.Start(t, db, portaltest.Options{WrapIdentityProvider: portaltest.TamperTokenRequest(tc.change)})

				page := portal.NewBrowser(t).SignInAs("demo-gm-manager")

				if tc.signsIn {
					expectSignedIn(t, page, "Nadia Rahman", "Greater Manchester")
					return
				}
				expectPage(t, page, http.StatusBadRequest, headingNotConfirmed)
				if n := sessions(t, portal); n != 0 {
					t.Errorf("%d sessions, want none", n)
				}
			})
		})
	}
}
