package handlers_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestUnknownPath_ShowsThePageNotFoundPage(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		signedIn := portal.NewBrowser(t)
		signedIn.SignInAs("demo-gm-staff")
		for name, b := range map[string]*portaltest.Browser{"signed out": portal.NewBrowser(t), "signed in": signedIn} {
			for _, path := range []string{"/no-such-page", "/people/42/history", "/people/invitations/1/edit"} {
				r := b.Get(path)
				if r.StatusCode != http.StatusNotFound || r.Text("h1") != "Page not found" {
					t.Errorf("%s, GET %s: status %d, heading %q; want the 404 page", name, path, r.StatusCode, r.Text("h1"))
				}
			}
		}
		if got := signedIn.Get("/nowhere").Text(`[data-testid="account-name"]`); got != "Chris Doyle" {
			t.Errorf("the signed-in 404 page shows %q signed in, want Chris Doyle", got)
		}
	})
}

func TestMethodNotAllowed_ShowsAFriendlyPage(t *testing.T) {
	portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{})
	b := portal.NewBrowser(t)

	r := b.Do(newRequest(t, http.MethodDelete, portal.URL+"/people", nil))

	if r.StatusCode != http.StatusMethodNotAllowed || r.Text("h1") != "That action is not available here" {
		t.Errorf("status %d, heading %q; want 405 with a friendly heading", r.StatusCode, r.Text("h1"))
	}
}

func TestSignedOutVisitor_IsSentToSignInAndBroughtBackToThePageTheyAskedFor(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		b := portal.NewBrowser(t)

		asked := b.Get("/people?tenant=west-midlands")

		wantLocation := "/login?return_to=" + url.QueryEscape("/people?tenant=west-midlands")
		if asked.StatusCode != http.StatusSeeOther || asked.Header.Get("Location") != wantLocation {
			t.Fatalf("status %d to %q, want 303 to %s", asked.StatusCode, asked.Header.Get("Location"), wantLocation)
		}
		landed := b.SignInFrom(b.Follow(asked), "demo-programme-admin")
		got := []any{landed.StatusCode, landed.Request.URL.RequestURI(), landed.Text("h1"), landed.Text(".govuk-caption-l")}
		want := []any{http.StatusOK, "/people?tenant=west-midlands", "People", "West Midlands"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("after signing in: status, address, heading, caption (-want +got):\n%s", diff)
		}
	})
}

func TestSignIn_RefusesToReturnToAnotherSite(t *testing.T) {
	offsite := []string{"//evil.example", "https://evil.example", "/\\evil.example", "http:/evil.example", "evil.example",
		"/\t/evil.example", "/\r\nSet-Cookie: x=y", "/\x00/evil.example"}
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		for _, returnTo := range offsite {
			t.Run(returnTo, func(t *testing.T) {
				b := portal.NewBrowser(t)
				login := b.Get("/login?return_to=" + url.QueryEscape(returnTo))
				kept, _ := login.Doc.Find(`form[action="/login"] input[name="return_to"]`).Attr("value")
				if kept != "/" {
					t.Errorf("the sign-in form carries return_to %q", kept)
				}
				// A forged form posts the address straight to the sign-in, past the page.
				toProvider := b.PostForm("/login", url.Values{"provider": {portaltest.DevProvider}, "return_to": {returnTo}})
				callback := b.ChooseAccount(toProvider, "demo-gm-manager")
				signedIn := b.Get(callback.Header.Get("Location"))
				if got := signedIn.Header.Get("Location"); signedIn.StatusCode != http.StatusSeeOther || got != "/" {
					t.Errorf("after signing in: status %d to %q, want 303 to /", signedIn.StatusCode, got)
				}
			})
		}
	})
}
