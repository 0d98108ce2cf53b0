package app

import (
	"context"
	"fmt"
	"slices"

	"github.com/innovation-accelerators/portal/models"
)

// A person with roles in several tenants acts in one at a time, the one their session records. They choose
// another from the header; the portal never infers it from what they open.

// TenantChoices lists the tenants the principal may act in through the provider they signed in with: the
// current one first, then the others by name.
func (id *Identity) TenantChoices(ctx context.Context, p Principal) ([]models.Tenant, error) {
	if !p.Authenticated() {
		return nil, ErrUnauthenticated
	}
	provider, ok := id.providers.known(p.Provider)
	if !ok {
		return nil, ErrForbidden // an API token's principal has no session to switch
	}
	all, err := id.store.Tenants(ctx)
	if err != nil {
		return nil, err
	}
	choices := []models.Tenant{}
	for _, t := range all {
		if t.ID == p.TenantID {
			choices = append([]models.Tenant{t}, choices...)
		} else if slices.Contains(p.OtherTenants, t.ID) && provider.AllowsTenant(t.Slug) {
			choices = append(choices, t)
		}
	}
	return choices, nil
}

// SwitchTenant moves the principal's session to another tenant they hold a role in. The session is replaced,
// not changed: the browser gets a new session ID for its new powers, and the old one stops working.
func (id *Identity) SwitchTenant(ctx context.Context, sessionToken string, p Principal, tenantSlug string) (string, error) {
	verr := &ValidationError{}
	if tenantSlug == "" {
		verr.Add("organisation", "Select the organisation you are acting for")
	}
	checkText(verr, "organisation", tenantSlug)
	if err := verr.OrNil(); err != nil {
		return "", err
	}
	choices, err := id.TenantChoices(ctx, p)
	if err != nil {
		return "", err
	}
	i := slices.IndexFunc(choices, func(t models.Tenant) bool { return t.Slug == tenantSlug })
	if i < 0 {
		return "", fmt.Errorf("tenant %q for user %d: %w", tenantSlug, p.UserID, ErrNotFound)
	}
	to := choices[i]
	if to.ID == p.TenantID {
		return sessionToken, nil
	}
	old, err := id.store.SessionCredential(ctx, hashToken(sessionToken))
	if err != nil {
		return "", fromStore(err, "read session")
	}
	token, err := randomToken()
	if err != nil {
		return "", err
	}
	err = id.store.Transaction(ctx, func(tx *models.Store) error {
		if err := tx.DeleteSession(ctx, hashToken(sessionToken)); err != nil {
			return err
		}
		// The new session ends when the old one would have: switching does not lengthen a session.
		n := newSession{user: old.User, tenant: to, provider: old.Provider, rawIDToken: old.IDToken,
			verifiedEmail: old.VerifiedEmail, expiresAt: old.ExpiresAt}
		if err := id.storeSession(ctx, tx, token, n); err != nil {
			return err
		}
		return appendAudit(ctx, tx, id.now(), auditRecord{Actor: p.UserID, Tenant: to.ID, Action: "session.switched_tenant",
			EntityType: "user", EntityID: idString(p.UserID), Before: map[string]any{"tenant_id": p.TenantID}})
	})
	return token, err
}
