package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/innovation-accelerators/portal/models"
)

// apiTokenPrefix marks the portal's tokens, so a leaked one is recognisable (and secret scanners can find it).
const apiTokenPrefix = "iap_"

// Token lifetimes a person may choose.
const (
	DefaultTokenDays = 90
	MaxTokenDays     = 366
)

// APITokens issues personal API tokens and turns a presented token back into its owner's principal.
type APITokens struct {
	store *models.Store
	now   func() time.Time
}

// NewAPITokens returns the service.
func NewAPITokens(store *models.Store, now func() time.Time) *APITokens {
	return &APITokens{store: store, now: orNow(now)}
}

// NewToken is a token just made: Secret is shown once and never again.
type NewToken struct {
	Token  models.APIToken
	Secret string
}

// Create makes a token that acts as the principal, in the principal's current tenant.
func (s *APITokens) Create(ctx context.Context, p Principal, name, days string) (NewToken, error) {
	if !p.Authenticated() {
		return NewToken{}, ErrUnauthenticated
	}
	verr := &ValidationError{}
	checkTexts(verr, map[string]string{"name": name, "expires_in_days": days})
	name = strings.TrimSpace(name)
	if name == "" {
		verr.Add("name", "Enter a name for the token, like the program that will use it")
	} else if len(name) > 100 {
		verr.Add("name", "Name must be 100 characters or fewer")
	}
	lifetime := positive(strings.TrimSpace(days), DefaultTokenDays, MaxTokenDays, "expires_in_days", verr)
	if err := verr.OrNil(); err != nil {
		return NewToken{}, err
	}
	random, err := randomToken()
	if err != nil {
		return NewToken{}, err
	}
	secret := apiTokenPrefix + random
	now := s.now()
	t := models.APIToken{
		UserID: p.UserID, TenantID: p.TenantID, Name: name, TokenHash: hashToken(secret),
		Prefix: secret[:len(apiTokenPrefix)+6], ExpiresAt: now.AddDate(0, 0, lifetime), CreatedAt: now,
	}
	err = s.store.Transaction(ctx, func(tx *models.Store) error {
		if err := tx.CreateAPIToken(ctx, &t); err != nil {
			return err
		}
		return appendAudit(ctx, tx, now, auditRecord{Actor: p.UserID, Tenant: p.TenantID, Action: "api_token.created",
			EntityType: "api_token", EntityID: idString(t.ID), After: map[string]any{"name": t.Name, "expires_at": t.ExpiresAt}})
	})
	return NewToken{Token: t, Secret: secret}, err
}

// List returns the principal's own tokens that act in the tenant they are acting in now.
func (s *APITokens) List(ctx context.Context, p Principal) ([]models.APIToken, error) {
	if !p.Authenticated() {
		return nil, ErrUnauthenticated
	}
	return s.store.APITokensOf(ctx, models.InTenant(p.TenantID), p.UserID)
}

// Revoke ends one of the principal's tokens in the tenant they act in; someone else's is ErrNotFound.
func (s *APITokens) Revoke(ctx context.Context, p Principal, tokenID string) error {
	id, err := strconv.ParseInt(tokenID, 10, 64)
	if err != nil {
		return ErrNotFound
	}
	now := s.now()
	return s.store.Transaction(ctx, func(tx *models.Store) error {
		if err := tx.RevokeAPIToken(ctx, models.InTenant(p.TenantID), p.UserID, id, now); err != nil {
			return fromStore(err, "revoke token")
		}
		return appendAudit(ctx, tx, now, auditRecord{Actor: p.UserID, Tenant: p.TenantID, Action: "api_token.revoked",
			EntityType: "api_token", EntityID: idString(id)})
	})
}

// Authenticate returns the principal a presented token acts as: its owner, with the roles they hold now in
// the token's tenant. An unknown, expired or revoked token, or a disabled owner, is ErrUnauthenticated.
func (s *APITokens) Authenticate(ctx context.Context, secret string) (Principal, error) {
	if !strings.HasPrefix(secret, apiTokenPrefix) {
		return Principal{}, ErrUnauthenticated
	}
	cred, err := s.store.APITokenCredential(ctx, hashToken(secret))
	if errors.Is(err, models.ErrNotFound) {
		return Principal{}, ErrUnauthenticated
	}
	if err != nil {
		return Principal{}, fmt.Errorf("read token: %w", err)
	}
	now := s.now()
	if cred.RevokedAt != nil || !now.Before(cred.ExpiresAt) {
		return Principal{}, ErrUnauthenticated
	}
	p, err := principalOf(cred)
	if err != nil {
		return Principal{}, err
	}
	if cred.LastSeenAt == nil || now.Sub(*cred.LastSeenAt) >= sessionTouchInterval {
		if err := s.store.TouchAPIToken(ctx, models.InTenant(cred.TenantID), cred.TokenID, now); err != nil {
			return Principal{}, err
		}
	}
	return p, nil
}
