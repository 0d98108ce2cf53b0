package handlers_test

import (
	"net/http"
	"regexp"
	"slices"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/innovation-accelerators/portal/handlers"
)

// portalRoutes is the router's own route table, as the development portal (with its identity provider)
// has it, so that a route added later is covered by the tests that walk it.
func portalRoutes(t *testing.T) []gin.RouteInfo {
	t.Helper()
	routes, err := handlers.RouteTable(handlers.Config{DevIdentityProvider: http.NotFoundHandler()})
	if err != nil {
		t.Fatal(err)
	}
	return routes
}

// stateChangingMethods are those Go's cross-origin protection checks and no GET may stand in for.
var stateChangingMethods = []string{http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

func routesWith(t *testing.T, methods ...string) []gin.RouteInfo {
	t.Helper()
	var found []gin.RouteInfo
	for _, r := range portalRoutes(t) {
		if slices.Contains(methods, r.Method) {
			found = append(found, r)
		}
	}
	if len(found) == 0 {
		t.Fatalf("the router has no %v routes", methods)
	}
	return found
}

// samplePaths are concrete addresses for routes with parameters where any value would say too little.
var samplePaths = map[string]string{
	"/static/:version/*path": "/static/x/portal.js",
	"/dev-idp/*path":         "/dev-idp/login",
}

var routeParameter = regexp.MustCompile(`[:*][^/]+`)

// samplePath turns a route pattern into an address that reaches it.
func samplePath(pattern string) string {
	if p, ok := samplePaths[pattern]; ok {
		return p
	}
	return routeParameter.ReplaceAllString(pattern, "1")
}

func TestRouteTable_ListsTheRoutesThePortalServes(t *testing.T) {
	var got []string
	for _, r := range portalRoutes(t) {
		got = append(got, r.Method+" "+r.Path)
	}
	for _, want := range []string{"GET /", "GET /people", "POST /people/invitations", "POST /logout", "GET /healthz"} {
		if !slices.Contains(got, want) {
			t.Errorf("route table lacks %q; it has %v", want, got)
		}
	}
}
