// Package portaltest runs the whole portal for tests: the real router and services over a real database,
// served on a local port, signing people in through a real OpenID provider (the development provider, over
// HTTP) exactly as the binary does. A Browser drives it like a person would, one request at a time.
package portaltest

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers"
	"github.com/innovation-accelerators/portal/handlers/devidp"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// DevProvider is the name of the portal's own development provider in tests, as in the binary.
const DevProvider = "development"

// Options change how the test portal is built. The zero value is a development portal with demo data.
type Options struct {
	// ExtraProviders are signed-in through as well as the development provider.
	ExtraProviders []app.ProviderConfig
	// DevTenants limits the tenants the development provider may sign people into (default: all).
	DevTenants []string
	// WrapIdentityProvider, when set, stands between the portal and its development provider, e.g. to
	// tamper with token responses.
	WrapIdentityProvider func(http.Handler) http.Handler
	// Now replaces the services' clock.
	Now func() time.Time
	// SessionIdle and SessionAbsolute override the session lifetimes.
	SessionIdle, SessionAbsolute time.Duration
	// NoDemoData leaves the database empty of demo data.
	NoDemoData bool
	// TrustedProxies is passed to the router.
	TrustedProxies []string
	// Log receives the portal's log (discarded when nil).
	Log *slog.Logger
	// RateLimits replaces the default limits (app.DefaultRateLimits), e.g. tiny ones to reach, or huge
	// ones for a benchmark.
	RateLimits *app.RateLimits
	// Settings changes the business settings from their defaults.
	Settings func(*app.Settings)
}

// Portal is a running test portal.
type Portal struct {
	URL        string
	DB         *models.Database
	Store      *models.Store
	Services   *app.Services
	SigningKey *rsa.PrivateKey // the development provider's key, for crafting tokens
	Issuer     string          // the development provider's issuer
	// Superuser sees every row whatever the tenant, for tests that count or tamper with rows directly.
	Superuser *gorm.DB
	server    *httptest.Server
}

// Start runs a portal over db until the test ends.
func Start(t testing.TB, db *models.Database, opts Options) *Portal {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	p := &Portal{URL: base, DB: db, Store: models.NewStore(db.Gorm), Issuer: base + "/dev-idp", server: srv,
		Superuser: modeltest.Superuser(t, db)}
	if !opts.NoDemoData {
		if err := app.SeedDemo(context.Background(), p.Store, p.Issuer, time.Now().UTC()); err != nil {
			t.Fatalf("seed demo data: %v", err)
		}
	}
	p.SigningKey = signingKey(t)
	srv.Config.Handler = p.build(t, opts)
	srv.Start()
	t.Cleanup(srv.Close)
	return p
}

// sharedKey is one development-provider signing key for every portal of the test run: making a 2048-bit RSA
// key takes a noticeable fraction of a second, and tests that need another key make their own.
var sharedKey = sync.OnceValues(func() (*rsa.PrivateKey, error) { return rsa.GenerateKey(rand.Reader, 2048) })

func signingKey(t testing.TB) *rsa.PrivateKey {
	t.Helper()
	key, err := sharedKey()
	if err != nil {
		t.Fatal(err)
	}
	return key
}

func (p *Portal) build(t testing.TB, opts Options) http.Handler {
	t.Helper()
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	devTenants := opts.DevTenants
	if devTenants == nil {
		devTenants = []string{"*"}
	}
	dev := app.ProviderConfig{Name: DevProvider, DisplayName: "the development sign-in", Issuer: p.Issuer,
		ClientID: "portal-test", ClientSecret: "portal-test-secret", Tenants: devTenants}
	providers := append([]app.ProviderConfig{dev}, opts.ExtraProviders...)
	settings := app.DefaultSettings()
	if opts.RateLimits != nil {
		settings.RateLimits = *opts.RateLimits
	}
	if opts.Settings != nil {
		opts.Settings(&settings)
	}
	idp := p.developmentProvider(t, dev, log)
	if opts.WrapIdentityProvider != nil {
		idp = opts.WrapIdentityProvider(idp)
	}
	base, _ := url.Parse(p.URL)
	services, handler, err := handlers.Assemble(p.Store, settings, app.IdentityConfig{
		Providers: providers, SessionIdle: opts.SessionIdle, SessionAbsolute: opts.SessionAbsolute,
	}, opts.Now, handlers.Config{
		BaseURL: base, Development: true, TrustedProxies: opts.TrustedProxies, DevIdentityProvider: idp, Log: log,
		ExportConcurrency: settings.ExportConcurrency,
	}, p.DB.Ping)
	if err != nil {
		t.Fatalf("build the portal: %v", err)
	}
	p.Services = services
	return handler
}

func (p *Portal) developmentProvider(t testing.TB, dev app.ProviderConfig, log *slog.Logger) http.Handler {
	t.Helper()
	idp, err := devidp.New(devidp.Config{
		Issuer: dev.Issuer, ClientID: dev.ClientID, ClientSecret: dev.ClientSecret,
		RedirectURIs: []string{p.URL + "/auth/callback"}, PostLogoutRedirectURIs: []string{p.URL + "/signed-out"},
		SigningKey: p.SigningKey, StylesheetURL: "/static/current/govuk/portal.css", // as the binary serves it
		Directory: handlers.DevelopmentDirectory{Store: p.Store, Provider: DevProvider},
		Logger:    log,
	})
	if err != nil {
		t.Fatalf("development provider: %v", err)
	}
	return idp
}
