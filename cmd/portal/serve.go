package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers"
	"github.com/innovation-accelerators/portal/handlers/devidp"
	"github.com/innovation-accelerators/portal/models"
)

// shutdownGrace is how long in-flight requests get to finish after SIGTERM or SIGINT.
const shutdownGrace = 20 * time.Second

func runServe(ctx context.Context, env environment, args []string) error {
	fs := newFlags(env, "serve", "serve\n\nRuns the web portal on PORTAL_ADDR (default :8080). Applies pending migrations first.\nWith no identity provider configured (and PORTAL_ENV not production) it serves the development\nidentity provider under /dev-idp.")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(env.getenv, env.readFile)
	if err != nil {
		return err
	}
	log := newLogger(env.stderr, cfg.Production)
	// Libraries that log to slog's default (the development identity provider's OpenID library) then write
	// through the portal's handler, in its format.
	slog.SetDefault(log)
	db, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close()
	handler, services, err := buildPortal(cfg, db, log)
	if err != nil {
		return err
	}
	listener, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return bad("PORTAL_ADDR", "cannot listen on %s: %v", cfg.Addr, err)
	}
	go keepHouse(ctx, services.Housekeeping, log)
	return serveUntilDone(ctx, listener, handler, cfg, log)
}

// buildPortal wires the services and the HTTP handler: the one place that knows every part.
func buildPortal(cfg config, db *models.Database, log *slog.Logger) (http.Handler, *app.Services, error) {
	store := models.NewStore(db.Gorm)
	devIdentityProvider, err := newDevelopmentProvider(cfg, store, log)
	if err != nil {
		return nil, nil, err
	}
	services, handler, err := handlers.Assemble(store, cfg.Settings, app.IdentityConfig{
		Providers: cfg.Providers, SessionIdle: cfg.SessionIdle, SessionAbsolute: cfg.SessionAbsolute,
	}, nil, handlers.Config{
		BaseURL: cfg.BaseURL, Development: !cfg.Production, TrustedProxies: cfg.TrustedProxies,
		FormActionOrigins: providerOrigins(cfg), DevIdentityProvider: devIdentityProvider, Log: log,
		ExportConcurrency: cfg.Settings.ExportConcurrency,
	}, db.Ping)
	return handler, services, err
}

// developmentProvider builds the built-in identity provider when the configuration asks for it.
func newDevelopmentProvider(cfg config, store *models.Store, log *slog.Logger) (http.Handler, error) {
	if !cfg.DevIdentityProvider {
		return nil, nil
	}
	p := cfg.Providers[0]
	log.Warn("using the development identity provider: anyone can sign in as any demo user", "issuer", p.Issuer)
	return devidp.New(devidp.Config{
		Issuer: p.Issuer, ClientID: p.ClientID, ClientSecret: p.ClientSecret,
		RedirectURIs:           []string{cfg.BaseURL.String() + "/auth/callback"},
		PostLogoutRedirectURIs: []string{cfg.BaseURL.String() + "/signed-out"},
		StylesheetURL:          "/static/current/govuk/portal.css",
		Directory:              handlers.DevelopmentDirectory{Store: store, Provider: p.Name},
		Logger:                 log,
	})
}

// providerOrigins are the origins sign-in and sign-out forms redirect to, for the CSP's form-action.
func providerOrigins(cfg config) []string {
	var origins []string
	for _, p := range cfg.Providers {
		if u, err := url.Parse(p.Issuer); err == nil {
			origins = append(origins, u.Scheme+"://"+u.Host)
		}
	}
	return origins
}

// serveUntilDone serves until the context ends (SIGTERM or SIGINT), then lets in-flight requests finish.
func serveUntilDone(ctx context.Context, listener net.Listener, handler http.Handler, cfg config, log *slog.Logger) error {
	srv := &http.Server{
		Handler: handler, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second, MaxHeaderBytes: 64 << 10,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(listener) }()
	log.Info("portal is listening", "addr", listener.Addr().String(), "base_url", cfg.BaseURL.String())
	if cfg.DevIdentityProvider {
		// make run ends here: tell the developer where to go, not only where the provider is.
		log.Info("open the portal in a browser, press Sign in and choose a demo user", "url", cfg.BaseURL.String()+"/")
	}
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// housekeepingCheck is how often this process offers to run the clean-up; it runs once per
// app.HousekeepingInterval across every process, whichever offers first.
const housekeepingCheck = time.Minute

// keepHouse offers to remove expired sessions, sign-ins and rate-limit windows every minute until the
// process stops.
func keepHouse(ctx context.Context, housekeeping *app.Housekeeping, log *slog.Logger) {
	ticker := time.NewTicker(housekeepingCheck)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			removed, ran, err := housekeeping.RunIfDue(ctx)
			switch {
			case err != nil:
				log.Warn("remove expired records", "error", err)
			case ran:
				log.Info("removed expired records", "sessions", removed.Sessions,
					"login_transactions", removed.LoginTransactions, "rate_limit_windows", removed.RateLimitWindows)
			}
		}
	}
}
