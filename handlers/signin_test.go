package handlers_test

import (
	"net/http"
	"testing"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestSignIn_RoundTripThroughTheDevelopmentProviderLandsOnTheHomePage(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		browser := portal.NewBrowser(t)

		home := browser.SignInAs("demo-gm-manager")

		if home.StatusCode != http.StatusOK {
			t.Fatalf("status %d, want 200; body: %s", home.StatusCode, home.Body)
		}
		if got := home.Text("h1"); got != "Greater Manchester" {
			t.Errorf("heading %q, want Greater Manchester", got)
		}
		if got := home.Text(`[data-testid="account-name"]`); got != "Nadia Rahman" {
			t.Errorf("signed in as %q, want Nadia Rahman", got)
		}
	})
}
