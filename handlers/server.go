// Package handlers turns HTTP requests into calls on the app services and their answers into pages or JSON.
// It holds no business rule: permissions, tenancy and money rules live in app.
package handlers

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/templates"
)

// Config is how the portal is reached and presented.
type Config struct {
	BaseURL             *url.URL
	Development         bool         // shows the development banner
	TrustedProxies      []string     // addresses whose X-Forwarded-For is believed; none by default
	FormActionOrigins   []string     // identity providers' origins, which sign-in and sign-out redirect to
	DevIdentityProvider http.Handler // the development identity provider, mounted at /dev-idp/; nil for none
	ExportConcurrency   int          // exports one process prepares at once; more are told to retry (429)
	Log                 *slog.Logger
}

func (c Config) secure() bool { return c.BaseURL != nil && c.BaseURL.Scheme == "https" }

// Services are the app capabilities the handlers call.
type Services struct {
	Identity      IdentityService
	People        PeopleService
	Overview      OverviewService
	Organisations OrganisationService
	Projects      ProjectService
	APITokens     APITokenService
	AuditTrail    AuditTrailService
	Programmes    ProgrammeService
	RateLimiter   RateLimiter
	// Settings are the business settings pages show, such as the support e-mail address.
	Settings app.Settings
	// Ready reports whether the portal can serve requests (the database answers).
	Ready func(ctx context.Context) error
}

// ServicesFrom takes the handlers' services from the app's bundle.
func ServicesFrom(s *app.Services, ready func(ctx context.Context) error) Services {
	return Services{
		Identity: s.Identity, People: s.People, Overview: s.Overview,
		Organisations: s.Organisations, Projects: s.Projects, APITokens: s.APITokens, AuditTrail: s.AuditTrail,
		Programmes: s.Programmes, RateLimiter: s.RateLimiter, Settings: s.Settings, Ready: ready,
	}
}

// Server holds what the handlers share.
type Server struct {
	cfg               Config
	log               *slog.Logger
	pages             *renderer
	assets            *assetSet
	identity          IdentityService
	people            PeopleService
	overview          OverviewService
	organisations     OrganisationService
	projects          ProjectService
	apiTokens         APITokenService
	auditTrailService AuditTrailService
	programmes        ProgrammeService
	limiter           RateLimiter
	settings          app.Settings
	ready             func(ctx context.Context) error
	exports           exportSlots
}

// New builds the portal's HTTP handler: the Gin router inside the security headers.
func New(cfg Config, svc Services) (http.Handler, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if svc.Identity == nil || svc.People == nil || svc.Overview == nil || svc.Organisations == nil ||
		svc.Projects == nil || svc.APITokens == nil || svc.AuditTrail == nil || svc.Programmes == nil ||
		svc.RateLimiter == nil || svc.Ready == nil {
		return nil, errors.New("handlers: every service is required")
	}
	static, err := fs.Sub(templates.Static, "static")
	if err != nil {
		return nil, err
	}
	assets, err := newAssetSet(static, cfg.Log)
	if err != nil {
		return nil, err
	}
	pages, err := newRenderer(templates.Pages, assets)
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg: cfg, log: cfg.Log, pages: pages, assets: assets,
		identity: svc.Identity, people: svc.People, overview: svc.Overview,
		organisations: svc.Organisations, projects: svc.Projects, apiTokens: svc.APITokens,
		auditTrailService: svc.AuditTrail, programmes: svc.Programmes, limiter: svc.RateLimiter, settings: svc.Settings,
		ready: svc.Ready, exports: newExportSlots(cfg.ExportConcurrency),
	}
	engine, err := s.router()
	if err != nil {
		return nil, err
	}
	return securityHeaders(engine, cfg.FormActionOrigins, cfg.secure()), nil
}
