// Package devidp is the portal's built-in development OpenID Connect provider.
//
// When no real identity provider is configured in development, the portal
// mounts this provider under its own origin (for example /dev-idp) and signs
// in through it with exactly the same go-oidc code it uses for real providers,
// so the sign-in path exercised in development is the production one.
// Everything is held in memory; it is a development tool, never a real
// identity provider.
package devidp

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
)

// Account is a person the development provider can sign in as. The e-mail is always reported as verified.
type Account struct {
	Subject     string // stable, non-empty, becomes the ID token's sub
	Email       string
	Name        string
	Description string // shown on the sign-in page, e.g. "Partnership manager — Greater Manchester"
}

// Directory lists the accounts shown on the sign-in page; called on each page view and at token time.
type Directory interface {
	Accounts(ctx context.Context) ([]Account, error)
}

// Config configures the development provider. See New.
type Config struct {
	Issuer                 string // absolute URL incl. path, e.g. "http://localhost:8080/dev-idp" (no trailing slash)
	ClientID, ClientSecret string
	RedirectURIs           []string // exact match
	PostLogoutRedirectURIs []string
	SigningKey             *rsa.PrivateKey // optional; a fresh 2048-bit key is generated when nil
	StylesheetURL          string          // optional <link rel=stylesheet> for the sign-in page (GOV.UK Frontend CSS)
	Directory              Directory
	Logger                 *slog.Logger // optional
}

// New returns the provider's handler. It is mounted at the issuer's path: it receives requests whose URL path
// still starts with that path (e.g. /dev-idp/.well-known/openid-configuration) and handles the prefix itself.
func New(cfg Config) (http.Handler, error) {
	issuer, err := validate(cfg)
	if err != nil {
		return nil, err
	}
	key := cfg.SigningKey
	if key == nil {
		// A fresh key per process is fine: the portal re-reads the JWKS
		// through go-oidc, and dev sessions do not outlive a restart anyway.
		if key, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			return nil, fmt.Errorf("devidp: generate signing key: %w", err)
		}
	}
	signer, err := newSigningKey(key)
	if err != nil {
		return nil, err
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.Default()
	}
	prefix := issuer.Path
	store := newStorage(cfg, signer, prefix+loginPath)
	h, err := newHandler(cfg, prefix, store, logger)
	if err != nil {
		return nil, err // not a typed nil *handler inside the interface
	}
	return h, nil
}

// validate checks cfg and returns the parsed issuer.
func validate(cfg Config) (*url.URL, error) {
	switch {
	case cfg.Issuer == "":
		return nil, errors.New("devidp: Config.Issuer is required")
	case cfg.ClientID == "":
		return nil, errors.New("devidp: Config.ClientID is required")
	case cfg.ClientSecret == "":
		return nil, errors.New("devidp: Config.ClientSecret is required")
	case len(cfg.RedirectURIs) == 0:
		return nil, errors.New("devidp: Config.RedirectURIs is required")
	case cfg.Directory == nil:
		return nil, errors.New("devidp: Config.Directory is required")
	}
	issuer, err := url.Parse(cfg.Issuer)
	if err != nil || (issuer.Scheme != "http" && issuer.Scheme != "https") || issuer.Host == "" {
		return nil, fmt.Errorf("devidp: Config.Issuer %q must be an absolute http(s) URL", cfg.Issuer)
	}
	if issuer.RawQuery != "" || issuer.Fragment != "" || strings.HasSuffix(issuer.Path, "/") {
		return nil, fmt.Errorf("devidp: Config.Issuer %q must have no query, fragment or trailing slash", cfg.Issuer)
	}
	if err := validateURIs("RedirectURIs", cfg.RedirectURIs); err != nil {
		return nil, err
	}
	if err := validateURIs("PostLogoutRedirectURIs", cfg.PostLogoutRedirectURIs); err != nil {
		return nil, err
	}
	return issuer, nil
}

// validateURIs refuses relative or non-http(s) URIs early: op would only
// reject them one sign-in at a time, with a less helpful message.
func validateURIs(field string, uris []string) error {
	for _, raw := range uris {
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("devidp: Config.%s: %q must be an absolute http(s) URL", field, raw)
		}
	}
	return nil
}
