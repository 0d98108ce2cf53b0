package handlers_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestAPITokensPage_ShowsANewTokenOnceAndRevokesIt(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		person := signInForRegister(t, portal, "demo-gm-staff")
		list := person.Get(person.Get("/").Doc.Find(`[data-testid="account"] a:contains("API tokens")`).AttrOr("href", "no link"))
		expectStatus(t, list, http.StatusOK)

		created := person.SubmitForm(list, `[data-testid="token-form"]`, url.Values{"name": {"Finance report"}})

		expectStatus(t, created, http.StatusCreated)
		secret := created.Doc.Find(`[data-testid="new-token"]`).AttrOr("value", "")
		if !strings.HasPrefix(secret, "iap_") || created.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("new token %q with Cache-Control %q; want the secret shown, not cached", secret, created.Header.Get("Cache-Control"))
		}
		if p, err := portal.Services.APITokens.Authenticate(t.Context(), secret); err != nil || p.UserID != person.principal.UserID {
			t.Errorf("the shown token authenticates as user %d (%v), want %d", p.UserID, err, person.principal.UserID)
		}
		later := person.Get("/account/tokens")
		if strings.Contains(later.Body, secret) {
			t.Error("the token's secret is shown again")
		}
		want := []string{"Finance report | " + secret[:10] + "… | Active"}
		if got := tokenRows(later); !cmp.Equal(want, got) {
			t.Errorf("tokens: %q, want %q", got, want)
		}

		revoked := person.SubmitForm(later, `form[action$="/revoke"]`, nil)
		expectRedirect(t, revoked, "/account/tokens")
		page := person.Follow(revoked)
		if got := []string{page.Text(`[data-testid="flash"]`), strings.Split(tokenRows(page)[0], " | ")[2]}; !strings.HasPrefix(got[1], "Revoked") || got[0] != "Token revoked" {
			t.Errorf("after revoking: flash and status %q", got)
		}
		if _, err := portal.Services.APITokens.Authenticate(t.Context(), secret); !errors.Is(err, app.ErrUnauthenticated) {
			t.Errorf("the revoked token still authenticates: %v", err)
		}
	})
}

// tokenRows reads the tokens table as "name | starts with | status".
func tokenRows(page *portaltest.Response) []string {
	var rows []string
	for _, row := range tableRows(page, `[data-testid="tokens"]`) {
		cells := strings.Split(row, " | ")
		rows = append(rows, strings.Join([]string{cells[0], cells[1], cells[5]}, " | "))
	}
	return rows
}

func TestAPITokensPage_MistakesAreShownAndOthersTokensCannotBeRevoked(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		owner := signInForRegister(t, portal, "demo-gm-manager")
		token, err := portal.Services.APITokens.Create(t.Context(), owner.principal, "Nightly sync", "30")
		if err != nil {
			t.Fatal(err)
		}
		other := portal.NewBrowser(t)
		other.SignInAs("demo-wm-manager")
		form := other.Get("/account/tokens")
		before := portal.RowCounts(t)

		for _, tc := range []struct{ name, days, field, message string }{
			{" ", "90", "name", "Enter a name for the token, like the program that will use it"},
			{"Sync", "400", "expires_in_days", "Enter a whole number from 1 to 366"},
			{"Sync", "ninety", "expires_in_days", "Enter a whole number from 1 to 366"},
		} {
			page := other.SubmitForm(form, `[data-testid="token-form"]`, url.Values{"name": {tc.name}, "expires_in_days": {tc.days}})
			expectStatus(t, page, http.StatusUnprocessableEntity)
			checkOneFieldError(t, page, tc.field, tc.message)
			if page.Doc.Find(`[data-testid="new-token"]`).Length() != 0 {
				t.Error("a token is shown after a mistake")
			}
		}
		for _, id := range []string{fmt.Sprint(token.Token.ID), "abc"} {
			expectStatus(t, other.PostForm("/account/tokens/"+id+"/revoke", nil), http.StatusNotFound)
		}
		if diff := cmp.Diff(before, portal.RowCounts(t)); diff != "" {
			t.Errorf("rows changed (-before +after):\n%s", diff)
		}
	})
}
