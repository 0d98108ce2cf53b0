// Package handlers turns HTTP requests into calls on the app services and their answers into pages or JSON.
// It holds no business rule: permissions, tenancy and money rules live in app.
package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

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
	// Settings are the business settings pages show, such as the support e-mail address.
	Settings app.Settings
	// Ready reports whether the portal can serve requests (the database answers).
	Ready func(ctx context.Context) error
}

// ServicesFrom takes the handlers' services from the app's bundle.
func ServicesFrom(s *app.Services, ready func(ctx context.Context) error) Services {
	return Services{
		Identity: s.Identity, People: s.People, Overview: s.Overview,
		Organisations: s.Organisations, Projects: s.Projects, APITokens: s.APITokens, Settings: s.Settings, Ready: ready,
	}
}

// Server holds what the handlers share.
type Server struct {
	cfg           Config
	log           *slog.Logger
	pages         *renderer
	assets        *assetSet
	identity      IdentityService
	people        PeopleService
	overview      OverviewService
	organisations OrganisationService
	projects      ProjectService
	apiTokens     APITokenService
	settings      app.Settings
	ready         func(ctx context.Context) error
}

// New builds the portal's HTTP handler: the Gin router inside Go's cross-origin protection and the security
// headers.
func New(cfg Config, svc Services) (http.Handler, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if svc.Identity == nil || svc.People == nil || svc.Overview == nil || svc.Organisations == nil ||
		svc.Projects == nil || svc.APITokens == nil || svc.Ready == nil {
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
		organisations: svc.Organisations, projects: svc.Projects, apiTokens: svc.APITokens, settings: svc.Settings, ready: svc.Ready,
	}
	engine, err := s.router()
	if err != nil {
		return nil, err
	}
	return securityHeaders(s.crossOriginProtection(engine), cfg.FormActionOrigins, cfg.secure()), nil
}

// crossOriginProtection refuses state-changing requests that a browser marks as coming from another site
// (Sec-Fetch-Site or a foreign Origin), with the friendly 403 page.
func (s *Server) crossOriginProtection(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.log.WarnContext(r.Context(), "cross-origin request refused", "method", r.Method, "path", r.URL.Path,
			"origin", r.Header.Get("Origin"), "sec_fetch_site", r.Header.Get("Sec-Fetch-Site"))
		const message = "This request came from another website, so it was refused. Go back to the portal and try again."
		if strings.HasPrefix(r.URL.Path, "/api/") {
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(http.StatusForbidden)
			_ = json.NewEncoder(w).Encode(apiError{apiErrorBody{Code: "cross_origin", Message: message}})
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(message + "\n"))
	}))
	return cop.Handler(next)
}
