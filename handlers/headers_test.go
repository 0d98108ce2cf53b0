package handlers_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/innovation-accelerators/portal/handlers"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// headerCase is one kind of answer the portal gives, asked for by a signed-in or a signed-out browser.
type headerCase struct {
	name       string
	signedIn   bool
	method     string
	path       string
	header     http.Header
	wantStatus int
}

var headerCases = []headerCase{
	{"home page", true, http.MethodGet, "/", nil, http.StatusOK},
	{"people page", true, http.MethodGet, "/people", nil, http.StatusOK},
	{"another tenant's people", true, http.MethodGet, "/people?tenant=west-midlands", nil, http.StatusNotFound},
	{"unknown page, signed in", true, http.MethodGet, "/no-such-page", nil, http.StatusNotFound},
	{"sign-in page when signed in", true, http.MethodGet, "/login", nil, http.StatusSeeOther},
	{"sign-in page", false, http.MethodGet, "/login", nil, http.StatusOK},
	{"unknown page, signed out", false, http.MethodGet, "/no-such-page", nil, http.StatusNotFound},
	{"protected page, signed out", false, http.MethodGet, "/people", nil, http.StatusSeeOther},
	{"signed-out page", false, http.MethodGet, "/signed-out", nil, http.StatusOK},
	{"method not allowed", false, http.MethodPut, "/people", nil, http.StatusMethodNotAllowed},
	{"liveness", false, http.MethodGet, "/healthz", nil, http.StatusOK},
	{"readiness", false, http.MethodGet, "/readyz", nil, http.StatusOK},
	{"static file", false, http.MethodGet, "/static/x/portal.js", nil, http.StatusOK},
	{"missing static file", false, http.MethodGet, "/static/x/nothing.js", nil, http.StatusNotFound},
	{"development provider page", false, http.MethodGet, "/dev-idp/signed-out", nil, http.StatusOK},
	{"development provider discovery", false, http.MethodGet, "/dev-idp/.well-known/openid-configuration", nil, http.StatusOK},
	{"cross-origin refusal", false, http.MethodPost, "/logout", http.Header{"Sec-Fetch-Site": {"cross-site"}}, http.StatusForbidden},
}

func TestEveryResponse_CarriesTheSecurityHeaders(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		session := signedInSession(t, portal, "demo-gm-manager")
		for _, tc := range headerCases {
			t.Run(tc.name, func(t *testing.T) {
				b := portal.NewBrowser(t)
				if tc.signedIn {
					b.SetCookie("portal_session", session)
				}
				r := b.Do(newRequest(t, tc.method, portal.URL+tc.path, tc.header))
				if r.StatusCode != tc.wantStatus {
					t.Fatalf("status %d, want %d", r.StatusCode, tc.wantStatus)
				}
				checkSecurityHeaders(t, r.Header, false)
				if tc.signedIn && r.Header.Get("Cache-Control") != "no-store" {
					t.Errorf("Cache-Control %q on a signed-in answer, want no-store", r.Header.Get("Cache-Control"))
				}
			})
		}
	})
}

func TestSignedInPages_AreNeverCached(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		for _, subject := range []string{"demo-programme-admin", "demo-gm-manager", "demo-gm-lead"} {
			b := portal.NewBrowser(t)
			b.SignInAs(subject)
			for _, route := range routesWith(t, http.MethodGet) {
				r := b.Get(samplePath(route.Path))
				if isPortalPage(route.Path, r) && r.Header.Get("Cache-Control") != "no-store" {
					t.Errorf("%s: GET %s answered %d with Cache-Control %q, want no-store",
						subject, route.Path, r.StatusCode, r.Header.Get("Cache-Control"))
				}
			}
		}
	})
}

// isPortalPage tells a page of the portal's own from a static file or the development provider's page.
func isPortalPage(route string, r *portaltest.Response) bool {
	return strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") &&
		!strings.HasPrefix(route, "/dev-idp/") && !strings.HasPrefix(route, "/static/")
}

func TestStrictTransportSecurity_IsSentOnlyWhenThePortalIsOnHTTPS(t *testing.T) {
	portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{})
	base, _ := url.Parse("https://portal.example")
	handler, err := handlers.New(handlers.Config{BaseURL: base}, handlers.ServicesFrom(portal.Services, portal.DB.Ping))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range headerCases {
		if tc.signedIn || strings.HasPrefix(tc.path, "/dev-idp/") {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			handler.ServeHTTP(w, newRequest(t, tc.method, "https://portal.example"+tc.path, tc.header))
			checkSecurityHeaders(t, w.Header(), true)
		})
	}
}

func checkSecurityHeaders(t *testing.T, h http.Header, https bool) {
	t.Helper()
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("Content-Security-Policy %q lacks frame-ancestors 'none'", csp)
	}
	if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("X-Content-Type-Options %q, want nosniff", got)
	}
	if got := h.Get("Referrer-Policy"); got == "" || got == "unsafe-url" {
		t.Errorf("Referrer-Policy %q, want a policy that keeps addresses on the site", got)
	}
	hsts := h.Get("Strict-Transport-Security")
	if https && !strings.HasPrefix(hsts, "max-age=") {
		t.Errorf("Strict-Transport-Security %q on https, want max-age=…", hsts)
	}
	if !https && hsts != "" {
		t.Errorf("Strict-Transport-Security %q on plain http, want none", hsts)
	}
}

func newRequest(t *testing.T, method, target string, header http.Header) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, target, nil)
	if err != nil {
		t.Fatal(err)
	}
	if header != nil {
		req.Header = header.Clone()
	}
	return req
}

// signedInSession signs a demo person in and returns their session cookie, for browsers of subtests.
func signedInSession(t *testing.T, portal *portaltest.Portal, subject string) string {
	t.Helper()
	b := portal.NewBrowser(t)
	b.SignInAs(subject)
	session := b.Cookie("portal_session")
	if session == "" {
		t.Fatalf("signing in as %s set no session cookie", subject)
	}
	return session
}
