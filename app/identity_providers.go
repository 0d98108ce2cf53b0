package app

import (
	"context"
	"fmt"
	"sync"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// providerSet holds the configured providers and discovers each one the first time it is needed. A failed
// discovery is not remembered, so a provider that was down is tried again on the next sign-in.
type providerSet struct {
	cfg    IdentityConfig
	mu     sync.Mutex
	byName map[string]*discoveredProvider
	config map[string]ProviderConfig
}

// discoveredProvider is a provider whose discovery document and keys we have.
type discoveredProvider struct {
	ProviderConfig
	oidc              *oidc.Provider
	oauth2            oauth2.Config
	verifier          *oidc.IDTokenVerifier
	endSessionURL     string
	authorizationResp bool // supports RFC 9207's iss parameter on the callback
}

func newProviderSet(cfg IdentityConfig) (*providerSet, error) {
	set := &providerSet{cfg: cfg, byName: map[string]*discoveredProvider{}, config: map[string]ProviderConfig{}}
	for _, p := range cfg.Providers {
		if err := validateProvider(p); err != nil {
			return nil, err
		}
		if _, dup := set.config[p.Name]; dup {
			return nil, fmt.Errorf("identity provider %q is configured twice", p.Name)
		}
		set.config[p.Name] = p
	}
	return set, nil
}

// known reports whether a provider of that name is configured.
func (s *providerSet) known(name string) (ProviderConfig, bool) {
	p, ok := s.config[name]
	return p, ok
}

// get returns a discovered provider, discovering it now if need be.
func (s *providerSet) get(ctx context.Context, name string) (*discoveredProvider, error) {
	cfg, ok := s.config[name]
	if !ok {
		return nil, fmt.Errorf("provider %q: %w", name, ErrNotFound)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.byName[name]; ok {
		return p, nil
	}
	p, err := s.discover(ctx, cfg)
	if err != nil {
		return nil, err
	}
	s.byName[name] = p
	return p, nil
}

func (s *providerSet) discover(ctx context.Context, cfg ProviderConfig) (*discoveredProvider, error) {
	ctx = oidc.ClientContext(ctx, s.cfg.HTTPClient)
	op, err := oidc.NewProvider(ctx, cfg.Issuer)
	if err != nil {
		return nil, fmt.Errorf("discover %s: %w: %w", cfg.Issuer, ErrProviderUnavailable, err)
	}
	var extra struct {
		EndSessionEndpoint string `json:"end_session_endpoint"`
		IssParameter       bool   `json:"authorization_response_iss_parameter_supported"`
	}
	if err := op.Claims(&extra); err != nil {
		return nil, fmt.Errorf("read discovery of %s: %w", cfg.Issuer, err)
	}
	return &discoveredProvider{
		ProviderConfig: cfg,
		oidc:           op,
		oauth2: oauth2.Config{
			ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, Endpoint: op.Endpoint(),
			RedirectURL: s.cfg.RedirectURL, Scopes: []string{oidc.ScopeOpenID, "email", "profile"},
		},
		verifier:          op.Verifier(&oidc.Config{ClientID: cfg.ClientID}),
		endSessionURL:     extra.EndSessionEndpoint,
		authorizationResp: extra.IssParameter,
	}, nil
}
