package app

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/innovation-accelerators/portal/models"
)

// Sign-in outcomes a person is told about. Each gets its own page.
var (
	// ErrLoginInvalid: the callback does not belong to a sign-in this browser started (state missing, altered,
	// used already or expired).
	ErrLoginInvalid = errors.New("sign-in could not be matched to one this browser started")
	// ErrSignInRefused: the provider's answer failed a check (token, nonce, signature, issuer, audience…).
	ErrSignInRefused = errors.New("sign-in refused")
	// ErrNoAccess: the person proved who they are but holds no role the provider may grant.
	ErrNoAccess = errors.New("no access yet")
	// ErrProviderUnavailable: the identity provider could not be reached.
	ErrProviderUnavailable = errors.New("identity provider unavailable")
)

// Default lifetimes; IdentityConfig may override the session ones.
const (
	DefaultSessionIdle     = 30 * time.Minute
	DefaultSessionAbsolute = 12 * time.Hour
	loginTransactionTTL    = 10 * time.Minute
	// sessionTouchInterval limits last-seen writes to one a minute per session.
	sessionTouchInterval = time.Minute
	// allowedClockSkew tolerates small clock differences between us and a provider when checking iat.
	allowedClockSkew = 5 * time.Minute
)

// ProviderConfig describes one OpenID provider and the tenants it may sign people into.
type ProviderConfig struct {
	Name         string // stable key, named by invitations, e.g. "development", "oidc", "gm-entra"
	DisplayName  string // on the sign-in choice page
	Issuer       string
	ClientID     string
	ClientSecret string
	Tenants      []string // tenant slugs it may sign people into; "*" means every tenant
}

// AllowsTenant reports whether the provider may sign people into a tenant.
func (p ProviderConfig) AllowsTenant(slug string) bool {
	for _, t := range p.Tenants {
		if t == "*" || t == slug {
			return true
		}
	}
	return false
}

// IdentityConfig configures sign-in and sessions.
type IdentityConfig struct {
	Providers             []ProviderConfig
	RedirectURL           string // this portal's /auth/callback, absolute
	PostLogoutRedirectURL string // where a provider's logout sends the browser back, absolute
	SessionIdle           time.Duration
	SessionAbsolute       time.Duration
	HTTPClient            *http.Client // for talking to providers; a 10-second-timeout client when nil
}

// Identity signs people in through OpenID Connect, binds invitations and keeps their sessions.
type Identity struct {
	store     *models.Store
	cfg       IdentityConfig
	providers *providerSet
	now       func() time.Time
	log       *slog.Logger
}

// NewIdentity checks the configuration and returns the service. Providers are contacted lazily, on the first
// sign-in through each, so the portal starts even when one is down (and can serve its own development one).
func NewIdentity(store *models.Store, cfg IdentityConfig, now func() time.Time, log *slog.Logger) (*Identity, error) {
	if len(cfg.Providers) == 0 {
		return nil, errors.New("no identity provider configured")
	}
	if cfg.RedirectURL == "" {
		return nil, errors.New("identity: RedirectURL is required")
	}
	if cfg.SessionIdle <= 0 {
		cfg.SessionIdle = DefaultSessionIdle
	}
	if cfg.SessionAbsolute <= 0 {
		cfg.SessionAbsolute = DefaultSessionAbsolute
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	}
	providers, err := newProviderSet(cfg)
	if err != nil {
		return nil, err
	}
	now = orNow(now)
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Identity{store: store, cfg: cfg, providers: providers, now: now, log: log}, nil
}

// Providers lists the configured providers, for the sign-in choice page.
func (id *Identity) Providers() []ProviderConfig {
	return id.cfg.Providers
}

// SessionIdle is how long a session lives without activity.
func (id *Identity) SessionIdle() time.Duration { return id.cfg.SessionIdle }

// SessionAbsolute is the longest a session lives.
func (id *Identity) SessionAbsolute() time.Duration { return id.cfg.SessionAbsolute }

func validateProvider(p ProviderConfig) error {
	switch {
	case p.Name == "":
		return errors.New("identity provider without a name")
	case p.Issuer == "":
		return fmt.Errorf("identity provider %q: issuer is required", p.Name)
	case p.ClientID == "":
		return fmt.Errorf("identity provider %q: client ID is required", p.Name)
	case len(p.Tenants) == 0:
		return fmt.Errorf("identity provider %q: name the tenants it may sign people into (or \"*\")", p.Name)
	}
	return nil
}
