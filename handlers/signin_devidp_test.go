package handlers_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// The development provider's own addresses under the portal.
var devProviderPaths = []string{"/dev-idp/.well-known/openid-configuration", "/dev-idp/keys", "/dev-idp/login"}

// docs/security.md 13: a portal built without the development provider (a real one is configured, or it runs in
// production) does not answer for it. That production refuses to start with it is cmd/portal's test.
func TestDevProvider_IsNotServedWhenNotConfigured(t *testing.T) {
	t.Parallel()
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		t.Parallel()
		portal := startWithoutDevProvider(t, db)
		browser := portal.NewBrowser(t)

		for _, path := range devProviderPaths {
			expectPage(t, browser.Get(path), http.StatusNotFound, "Page not found")
		}
	})
}

// The same addresses answer when the development provider is configured, so the 404s above are its absence.
func TestDevProvider_IsServedWhenConfigured(t *testing.T) {
	t.Parallel()
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		t.Parallel()
		portal := portaltest.Start(t, db, portaltest.Options{})

		discovery := portal.NewBrowser(t).Get(devProviderPaths[0])

		if discovery.StatusCode != http.StatusOK {
			t.Errorf("discovery: status %d, want 200", discovery.StatusCode)
		}
	})
}

// startWithoutDevProvider runs the router and services as the binary does with a real provider configured:
// no development provider handler.
func startWithoutDevProvider(t *testing.T, db *models.Database) *portaltest.Portal {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	base := &url.URL{Scheme: "http", Host: srv.Listener.Addr().String()}
	store := models.NewStore(db.Gorm)
	services, err := app.NewServices(store, app.DefaultSettings(), app.IdentityConfig{
		Providers: []app.ProviderConfig{{
			Name: "oidc", Issuer: "https://sign-in.example.gov.uk", ClientID: "portal", Tenants: []string{"*"},
		}},
		RedirectURL: base.String() + "/auth/callback",
	}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv.Config.Handler, err = handlers.New(handlers.Config{BaseURL: base, DevIdentityProvider: nil},
		handlers.ServicesFrom(services, db.Ping))
	if err != nil {
		t.Fatal(err)
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return &portaltest.Portal{URL: srv.URL, DB: db, Store: store, Services: services}
}
