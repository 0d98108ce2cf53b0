package handlers_test

import (
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

// crossSiteHeaders are what a browser sends with a form another website submits to the portal.
var crossSiteHeaders = map[string]http.Header{
	"Sec-Fetch-Site cross-site":           {"Sec-Fetch-Site": {"cross-site"}},
	"Sec-Fetch-Site same-site":            {"Sec-Fetch-Site": {"same-site"}, "Origin": {"https://sub.portal.example"}},
	"foreign Origin, no Sec-Fetch-Site":   {"Origin": {"https://evil.example"}},
	"cross-site with a foreign Origin":    {"Sec-Fetch-Site": {"cross-site"}, "Origin": {"https://evil.example"}},
	"Origin null, from a sandboxed frame": {"Origin": {"null"}},
}

const crossSiteRefusal = "This request came from another website, so it was refused."

func TestCrossSiteRequests_AreRefusedOnEveryStateChangingRouteAndChangeNothing(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := portal.NewBrowser(t)
		manager.SignInAs("demo-gm-manager")
		session := manager.Cookie("portal_session")
		before := portal.RowCounts(t)

		for _, route := range routesWith(t, stateChangingMethods...) {
			for name, headers := range crossSiteHeaders {
				t.Run(route.Method+" "+route.Path+" "+name, func(t *testing.T) {
					attacker := portal.NewBrowser(t)
					attacker.SetCookie("portal_session", session)
					r := attacker.Do(crossSiteForm(t, route.Method, portal.URL+samplePath(route.Path), headers))
					if r.StatusCode != http.StatusForbidden || !strings.Contains(r.Body, crossSiteRefusal) {
						t.Errorf("status %d, body %q; want 403 with the cross-site refusal", r.StatusCode, r.Body)
					}
				})
			}
		}

		if diff := cmp.Diff(before, portal.RowCounts(t)); diff != "" {
			t.Errorf("cross-site requests changed the rows (-before +after):\n%s", diff)
		}
		if got := manager.Get("/").Text(`[data-testid="account-name"]`); got != "Nadia Rahman" {
			t.Errorf("after the cross-site requests the home page shows %q signed in, want Nadia Rahman", got)
		}
	})
}

// crossSiteForm is a form another site submits: a complete, valid invitation, so that only the
// cross-origin check can stop it.
func crossSiteForm(t *testing.T, method, target string, headers http.Header) *http.Request {
	t.Helper()
	body := url.Values{"email": {"planted@evil.example"}, "role": {"partnership_staff"}, "provider": {portaltest.DevProvider}}
	req, err := http.NewRequest(method, target, strings.NewReader(body.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header = headers.Clone()
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}

func TestSameSiteInvitation_IsAcceptedWhereTheCrossSiteOneIsRefused(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := portal.NewBrowser(t)
		manager.SignInAs("demo-gm-manager")

		r := manager.Do(crossSiteForm(t, http.MethodPost, portal.URL+"/people/invitations",
			http.Header{"Sec-Fetch-Site": {"same-origin"}, "Origin": {portal.URL}}))

		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("status %d, want 303 (the control for the cross-site test); body: %s", r.StatusCode, r.Body)
		}
		if got := manager.Follow(r).Text(`[data-testid="invitations"]`); !strings.Contains(got, "planted@evil.example") {
			t.Errorf("invitations %q lack the invited address", got)
		}
	})
}

// Routes that are GETs by protocol and change state: the OpenID provider sends the browser back to the
// callback with a GET, which consumes the single-use login transaction and records refused sign-ins.
var getsThatChangeState = map[string]string{
	"/auth/callback": "OpenID Connect returns by GET; the sign-in tests cover it",
}

func TestGetRequests_ChangeNothingWhoeverAsks(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		browsers := []*portaltest.Browser{portal.NewBrowser(t)} // signed out
		for _, person := range app.DemoPeople {
			b := portal.NewBrowser(t)
			b.SignInAs(person.Subject)
			browsers = append(browsers, b)
		}
		before := portal.RowCounts(t)

		for _, route := range routesWith(t, http.MethodGet) {
			if _, ok := getsThatChangeState[route.Path]; ok {
				continue
			}
			for _, b := range browsers {
				b.Get(samplePath(route.Path))
			}
			if diff := cmp.Diff(before, portal.RowCounts(t)); diff != "" {
				t.Fatalf("GET %s changed the rows (-before +after):\n%s", route.Path, diff)
			}
		}
	})
}
