package handlers_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// pageWords belong on pages for people, never in an answer to a program.
var pageWords = []string{"Page not found", "page", "Sign in", "highlighted", "Reload", "click", "button"}

// TestAPIErrors_EveryFailureIsTheJSONErrorInWordsForPrograms provokes each kind of failure on the API:
// each is answered with the JSON error shape, its status and code, and a message for a program.
func TestAPIErrors_EveryFailureIsTheJSONErrorInWordsForPrograms(t *testing.T) {
	limits := unlimited()
	limits.API = app.RateLimit{Requests: 30, Per: time.Minute}
	portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{RateLimits: limits})
	manager := apiAs(t, portal, "demo-gm-manager")
	org := apiCreateOrganisation(t, manager, "Errors Ltd", "")
	project := apiCreateProject(t, manager, apiProjectBody(org))
	staleEdit := withFields(apiProjectBody(org), map[string]any{"version": project.Version + 5})
	cases := []struct {
		name    string
		client  *apiClient
		method  string
		path    string
		body    any
		status  int
		code    string
		message string // a part of it
	}{
		{"an address the API does not have", manager, http.MethodGet, "/api/v1/nowhere", nil, 404, "not_found", "There is no such address in the API"},
		{"a record that does not exist", manager, http.MethodGet, "/api/v1/projects/999999", nil, 404, "not_found", "There is no such record"},
		{"a method the address does not take", manager, http.MethodDelete, "/api/v1/projects", nil, 405, "method_not_allowed", "does not take DELETE requests"},
		{"no token", apiWith(t, portal, http.Header{}), http.MethodGet, "/api/v1/projects", nil, 401, "unauthenticated", "Authorization: Bearer"},
		{"a role that may not", manager, http.MethodPost, apiProjectURL(project.ID, "approve"), map[string]any{"reason": "x", "version": project.Version}, 403, "forbidden", ""},
		{"a stale version", manager, http.MethodPatch, apiProjectURL(project.ID), staleEdit, 409, "conflict", "current version"},
		{"a body that is not JSON", manager, http.MethodPost, "/api/v1/organisations", "{", 400, "malformed_json", "not valid JSON"},
		{"a query parameter that is not text", manager, http.MethodGet, "/api/v1/projects?q=%00", nil, 400, "invalid_query", "control characters"},
		{"fields that are wrong", manager, http.MethodPost, "/api/v1/organisations", map[string]any{"name": ""}, 422, "validation_failed", "see fields"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := c.client.do(c.method, c.path, c.body).expectError(t, c.status, c.code)
			if !strings.Contains(e.Error.Message, c.message) {
				t.Errorf("message %q, want it to say %q", e.Error.Message, c.message)
			}
			for _, word := range pageWords {
				if strings.Contains(e.Error.Message, word) {
					t.Errorf("message %q speaks of %q, as a page would", e.Error.Message, word)
				}
			}
		})
	}
	for range 30 {
		manager.do(http.MethodGet, "/api/v1/organisations", nil)
	}
	limited := manager.do(http.MethodGet, "/api/v1/organisations", nil)
	if e := limited.expectError(t, http.StatusTooManyRequests, "rate_limited"); !strings.Contains(e.Error.Message, "Retry-After") || limited.Header.Get("Retry-After") == "" {
		t.Errorf("rate-limited: message %q, Retry-After %q", e.Error.Message, limited.Header.Get("Retry-After"))
	}
}

func TestCrossOriginRefusal_IsAnsweredByTheOneRenderer(t *testing.T) {
	portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{})
	page := portal.NewBrowser(t).Do(crossSiteForm(t, http.MethodPost, portal.URL+"/organisations", http.Header{"Sec-Fetch-Site": {"cross-site"}}))
	if page.StatusCode != http.StatusForbidden || page.Text("h1") != "You do not have permission to do that" ||
		!strings.Contains(page.Text(`[data-testid="error-detail"]`), crossSiteRefusal) {
		t.Errorf("page: status %d, heading %q, detail %q; want the GOV.UK 403 page saying why", page.StatusCode, page.Text("h1"), page.Text(`[data-testid="error-detail"]`))
	}
	api := apiWith(t, portal, http.Header{"Origin": {"https://evil.example"}})
	e := api.do(http.MethodPost, "/api/v1/organisations", map[string]any{"name": "X", "kind": "business"}).expectError(t, http.StatusForbidden, "cross_origin")
	if !strings.Contains(e.Error.Message, crossSiteRefusal) {
		t.Errorf("API message %q", e.Error.Message)
	}
}
