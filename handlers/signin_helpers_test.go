package handlers_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// The headings of the pages a person sees when a sign-in does not go through.
const (
	headingNotCompleted = "Your sign-in could not be completed" // the callback is not one this browser started
	headingNotConfirmed = "We could not confirm who you are"    // the provider's answer failed a check
	headingNoAccess     = "You do not have access yet"          // a real person, but no role to give them
)

// Cookie names, as browsers see them.
const (
	sessionCookie = "portal_session"
	loginCookie   = "portal_login"
)

// expectPage checks the status of a page and the heading a person reads on it.
func expectPage(t *testing.T, r *portaltest.Response, status int, heading string) {
	t.Helper()
	if r.StatusCode != status {
		t.Errorf("status %d, want %d", r.StatusCode, status)
	}
	if got := r.Text("h1"); got != heading {
		t.Errorf("heading %q, want %q", got, heading)
	}
}

// expectSignedIn checks the page shows a person signed in, by name and organisation.
func expectSignedIn(t *testing.T, r *portaltest.Response, name, organisation string) {
	t.Helper()
	if r.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200; heading %q", r.StatusCode, r.Text("h1"))
	}
	if got := r.Text(`[data-testid="account-name"]`); got != name {
		t.Errorf("signed in as %q, want %q", got, name)
	}
	if got := r.Text(`[data-testid="account-organisation"]`); got != organisation {
		t.Errorf("signed in to %q, want %q", got, organisation)
	}
}

// expectSentToSignIn checks a page was refused for want of a live session: a redirect to the sign-in page.
func expectSentToSignIn(t *testing.T, r *portaltest.Response) {
	t.Helper()
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/login" {
		t.Errorf("status %d to %q, want 303 to /login", r.StatusCode, r.Header.Get("Location"))
	}
}

// auditEvents counts the audit events with an action.
func auditEvents(t *testing.T, portal *portaltest.Portal, action string) int {
	t.Helper()
	return len(modeltest.AuditEvents(t, portal.Superuser, action))
}

// sessions counts the sessions the portal holds.
func sessions(t *testing.T, portal *portaltest.Portal) int64 {
	t.Helper()
	return portal.CountRows(t, "sessions", "")
}

// callbackURL is where a provider's redirect sends the browser back to, with its query changed.
func callbackURL(t *testing.T, toCallback *portaltest.Response, change func(q url.Values)) string {
	t.Helper()
	u, err := toCallback.Request.URL.Parse(toCallback.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	change(q)
	u.RawQuery = q.Encode()
	return u.String()
}

// invite invites a person as the operator does from the command line.
func invite(t *testing.T, portal *portaltest.Portal, email, tenant string, role models.Role, provider string) models.Invitation {
	t.Helper()
	inv, err := portal.Services.People.InviteFromCommandLine(t.Context(), app.InviteInput{
		TenantSlug: tenant, Email: email, Role: string(role), Provider: provider,
	})
	if err != nil {
		t.Fatalf("invite %s to %s: %v", email, tenant, err)
	}
	return inv
}

// startWithProvider runs a portal that signs people in through a second provider as well as its own.
func startWithProvider(t *testing.T, db *models.Database, second *portaltest.Provider, opts portaltest.Options) *portaltest.Portal {
	t.Helper()
	opts.ExtraProviders = append(opts.ExtraProviders, second.Config)
	portal := portaltest.Start(t, db, opts)
	second.RegisterClient(t, portal)
	return portal
}
