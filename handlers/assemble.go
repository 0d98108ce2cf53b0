package handlers

import (
	"context"
	"net/http"
	"time"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/models"
)

// Assemble builds the app's services over a store and the portal's HTTP handler over them, so that the
// binary and the test portal wire the portal alike. The identity providers send browsers back to this
// router's own addresses, which it fills in from cfg.BaseURL. now may be nil for the real clock.
func Assemble(store *models.Store, settings app.Settings, identity app.IdentityConfig, now func() time.Time,
	cfg Config, ready func(ctx context.Context) error) (*app.Services, http.Handler, error) {
	identity.RedirectURL = cfg.BaseURL.String() + "/auth/callback"
	identity.PostLogoutRedirectURL = cfg.BaseURL.String() + "/signed-out"
	services, err := app.NewServices(store, settings, identity, now, cfg.Log)
	if err != nil {
		return nil, nil, err
	}
	handler, err := New(cfg, ServicesFrom(services, ready))
	return services, handler, err
}
