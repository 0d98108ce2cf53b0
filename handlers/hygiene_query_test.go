package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// pageParameters are the query parameters the pages read; the sweep adds the names of each page's own
// GET forms, and one no page reads.
var pageParameters = []string{"tenant", "status", "sector", "lead_organisation", "q", "sort", "page", "page_size", "return_to", "unknown"}

// TestInputHygiene_EveryQueryParameterOfEveryRouteIsRefusedOrDroppedWhenItIsNotText walks the route table's
// GET routes. Every query parameter a route reads (the OpenAPI document's for the API; the pages' forms
// and filters for pages), and its name, is sent holding each value of notText and notOneLine. The API
// refuses it with 400 naming the parameter; a page answers without a server error and without showing
// it back. A path parameter that is not text is a record that does not exist.
func TestInputHygiene_EveryQueryParameterOfEveryRouteIsRefusedOrDroppedWhenItIsNotText(t *testing.T) {
	_, ops, pathParams := fetchOpenAPI(t)
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{RateLimits: unlimited()})
		records := newHygieneRecords(t, portal)
		browser := portal.NewBrowser(t)
		browser.SignInAs("demo-gm-manager")
		api := apiAs(t, portal, "demo-gm-manager")
		sent := 0
		for _, route := range routesWith(t, http.MethodGet) {
			path := records.fill(t, route.Path)
			if api, ok := strings.CutPrefix(route.Path, "/api/v1"); ok {
				name := "GET " + ginParameter.ReplaceAllString(api, "{$1}")
				sent += sweepAPIQuery(t, apiClientFor(t, portal, api, path, browser), path, queryNames(ops[name].Parameters, pathParams[name]))
				continue
			}
			sent += sweepPageQuery(t, browser, path)
		}
		sent += sweepPathParameters(t, browser, api)
		if sent < 1000 {
			t.Errorf("only %d poisoned requests: the sweep found fewer parameters than the portal reads", sent)
		}
	})
}

// apiClientFor is the manager's token client, but the document itself is read without one.
func apiClientFor(t *testing.T, portal *portaltest.Portal, route, path string, _ *portaltest.Browser) *apiClient {
	if route == "/openapi.json" {
		return apiWith(t, portal, http.Header{})
	}
	return apiAs(t, portal, "demo-gm-manager")
}

// queryNames are an API operation's query parameters, and one it does not read.
func queryNames(params ...[]openAPIParameter) []string {
	names := []string{"unknown"}
	for _, list := range params {
		for _, p := range list {
			if p.In == "query" {
				names = append(names, p.Name)
			}
		}
	}
	return names
}

func sweepAPIQuery(t *testing.T, api *apiClient, path string, names []string) int {
	t.Helper()
	sent := 0
	for _, name := range names {
		for poison, value := range allPoisons() {
			for _, query := range []url.Values{{name: {value}}, {name + value: {"1"}}} {
				answer := api.do(http.MethodGet, path+"?"+query.Encode(), nil)
				sent++
				e := answer.expectError(t, http.StatusBadRequest, "invalid_query")
				if len(e.Error.Fields) != 1 {
					t.Errorf("GET %s with %s in %s: fields %v, want the parameter named", path, poison, name, e.Error.Fields)
				}
				for field := range e.Error.Fields {
					if !storable(field) {
						t.Errorf("GET %s: the answer names the parameter %q, not text itself", path, field)
					}
				}
			}
		}
	}
	return sent
}

func sweepPageQuery(t *testing.T, b *portaltest.Browser, path string) int {
	t.Helper()
	names := slices.Clone(pageParameters)
	if page := b.Get(path); page.Doc != nil {
		for _, el := range page.Doc.Find(`form[method="get"] [name], form:not([method]) [name]`).EachIter() {
			names = append(names, el.AttrOr("name", ""))
		}
	}
	sent := 0
	for _, name := range names {
		for poison, value := range allPoisons() {
			for _, query := range []url.Values{{name: {value}}, {name + value: {"1"}}} {
				r := b.Get(path + "?" + query.Encode())
				sent++
				if r.StatusCode >= http.StatusInternalServerError {
					t.Errorf("GET %s with %s in %s: status %d", path, poison, name, r.StatusCode)
				}
				// A workbook (a zip file) or an image holds NULs and the like whatever was asked for.
				contentType := r.Header.Get("Content-Type")
				binary := strings.Contains(contentType, "spreadsheetml") || strings.HasPrefix(contentType, "image/")
				if _, invisible := notText[poison]; invisible && !binary && strings.Contains(r.Body, strings.Trim(value, "ab")) {
					t.Errorf("GET %s with %s in %s: the page shows it back", path, poison, name)
				}
			}
		}
	}
	return sent
}

// sweepPathParameters asks for records by "IDs" that are not text: none exists.
func sweepPathParameters(t *testing.T, b *portaltest.Browser, api *apiClient) int {
	t.Helper()
	sent := 0
	for _, route := range portalRoutes(t) {
		if !strings.Contains(route.Path, ":id") || route.Method != http.MethodGet {
			continue
		}
		for poison, value := range allPoisons() {
			path := strings.Replace(route.Path, ":id", url.PathEscape(value), 1)
			path = strings.Replace(path, ":action", "submit", 1)
			sent++
			if strings.HasPrefix(path, "/api/") {
				api.do(route.Method, path, nil).expectError(t, http.StatusNotFound, "not_found")
				continue
			}
			if r := b.Get(path); r.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s with %s as its ID: status %d, want 404", route.Path, poison, r.StatusCode)
			}
		}
	}
	return sent
}

func allPoisons() map[string]string {
	values := map[string]string{}
	for name, v := range notText {
		values[name] = v
	}
	for name, v := range notOneLine {
		values[fmt.Sprint(name)] = v
	}
	return values
}
