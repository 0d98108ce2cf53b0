package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/innovation-accelerators/portal/models"
)

// openSession finds or binds the account, chooses the tenant and stores a new session, all in one transaction.
func (id *Identity) openSession(ctx context.Context, tx models.LoginTransaction, c identityClaims, previousSession string) (SignedIn, error) {
	provider, _ := id.providers.known(tx.Provider)
	token, err := randomToken()
	if err != nil {
		return SignedIn{}, err
	}
	var principal Principal
	err = id.store.Transaction(ctx, func(store *models.Store) error {
		user, err := id.findOrBindUser(ctx, store, provider, c)
		if err != nil {
			return err
		}
		tenant, roles, err := id.chooseTenant(ctx, store, provider, user.ID)
		if err != nil {
			return err
		}
		if err := id.storeSession(ctx, store, token, user, tenant, provider.Name, c.RawIDToken); err != nil {
			return err
		}
		if previousSession != "" {
			if err := store.DeleteSession(ctx, hashToken(previousSession)); err != nil {
				return err
			}
		}
		principal = newPrincipal(user, tenant, roles)
		return appendAudit(ctx, store, id.now(), auditRecord{
			Actor: user.ID, Tenant: tenant.ID, Action: "signin.succeeded",
			EntityType: "user", EntityID: idString(user.ID), Detail: "provider " + provider.Name,
		})
	})
	if err != nil {
		return SignedIn{}, err
	}
	return SignedIn{SessionToken: token, ReturnTo: tx.ReturnTo, Principal: principal}, nil
}

// findOrBindUser returns the account the provider's (issuer, subject) names, binding any open invitations for
// the verified e-mail through this provider. Without an account or an invitation the answer is ErrNoAccess.
func (id *Identity) findOrBindUser(ctx context.Context, store *models.Store, p ProviderConfig, c identityClaims) (models.User, error) {
	user, err := store.UserByIdentity(ctx, c.Issuer, c.Subject)
	exists := err == nil
	if err != nil && !errors.Is(err, models.ErrNotFound) {
		return user, err
	}
	if exists && user.Disabled() {
		return user, fmt.Errorf("account %d is disabled: %w", user.ID, ErrNoAccess)
	}
	invitations, err := id.bindableInvitations(ctx, store, p, c)
	if err != nil {
		return user, err
	}
	if !exists && len(invitations) == 0 {
		return user, fmt.Errorf("no account or invitation for this identity: %w", ErrNoAccess)
	}
	now := id.now()
	if !exists {
		user = models.User{Issuer: c.Issuer, Subject: c.Subject, Email: c.Email, DisplayName: c.Name, CreatedAt: now, UpdatedAt: now}
		if err := store.CreateUser(ctx, &user); err != nil {
			return user, fmt.Errorf("create user: %w", err)
		}
	}
	for _, inv := range invitations {
		if err := id.acceptInvitation(ctx, store, user, inv); err != nil {
			return user, err
		}
	}
	return user, store.RecordSignIn(ctx, user.ID, c.Email, c.Name, now)
}

// bindableInvitations are the open invitations for this verified e-mail, naming this provider, for tenants
// the provider may sign people into.
func (id *Identity) bindableInvitations(ctx context.Context, store *models.Store, p ProviderConfig, c identityClaims) ([]models.Invitation, error) {
	if !c.EmailVerified || c.Email == "" {
		return nil, nil
	}
	open, err := store.PendingInvitationsFor(ctx, c.Email, p.Name, id.now())
	if err != nil {
		return nil, err
	}
	var allowed []models.Invitation
	for _, inv := range open {
		tenant, err := store.Tenant(ctx, inv.TenantID)
		if err != nil {
			return nil, err
		}
		if p.AllowsTenant(tenant.Slug) {
			allowed = append(allowed, inv)
		}
	}
	return allowed, nil
}

func (id *Identity) acceptInvitation(ctx context.Context, store *models.Store, user models.User, inv models.Invitation) error {
	now := id.now()
	if err := store.AcceptInvitation(ctx, inv.TenantID, inv.ID, user.ID, now); err != nil {
		return fmt.Errorf("accept invitation %d: %w", inv.ID, err)
	}
	m := models.Membership{UserID: user.ID, TenantID: inv.TenantID, Role: inv.Role, CreatedAt: now}
	if err := store.AddMembership(ctx, &m); err != nil {
		return fmt.Errorf("add membership: %w", err)
	}
	return appendAudit(ctx, store, now, auditRecord{
		Actor: user.ID, Tenant: inv.TenantID, Action: "invitation.accepted",
		EntityType: "invitation", EntityID: idString(inv.ID), After: map[string]any{"role": inv.Role, "user_id": user.ID},
	})
}

// chooseTenant picks the tenant the session acts in, among those the provider may sign this user into:
// central first, then the accelerators by name. The roles returned are the user's in that tenant.
func (id *Identity) chooseTenant(ctx context.Context, store *models.Store, p ProviderConfig, userID int64) (models.Tenant, []models.Role, error) {
	memberships, err := store.MembershipsOfUser(ctx, userID)
	if err != nil {
		return models.Tenant{}, nil, err
	}
	tenants, err := store.Tenants(ctx)
	if err != nil {
		return models.Tenant{}, nil, err
	}
	for _, t := range tenants {
		roles := rolesIn(memberships, t.ID)
		if len(roles) > 0 && p.AllowsTenant(t.Slug) {
			return t, roles, nil
		}
	}
	return models.Tenant{}, nil, fmt.Errorf("user %d holds no role this provider may grant: %w", userID, ErrNoAccess)
}

func rolesIn(memberships []models.Membership, tenantID int64) []models.Role {
	var roles []models.Role
	for _, m := range memberships {
		if m.TenantID == tenantID {
			roles = append(roles, m.Role)
		}
	}
	return roles
}

func newPrincipal(u models.User, t models.Tenant, roles []models.Role) Principal {
	return Principal{
		UserID: u.ID, Name: u.DisplayName, Email: u.Email,
		TenantID: t.ID, TenantName: t.Name, TenantKind: t.Kind, Roles: roles,
	}
}

// auditRefusal records a refused sign-in. It runs outside any transaction, so the record survives the
// refusal's rollback; a failure to record is logged, not shown.
func (id *Identity) auditRefusal(ctx context.Context, provider string, cause error) {
	action := "signin.refused"
	if errors.Is(cause, ErrNoAccess) {
		action = "signin.no_access"
	}
	detail := fmt.Sprintf("provider %q: %v", provider, cause)
	if err := appendAudit(ctx, id.store, id.now(), auditRecord{Action: action, EntityType: "signin", Detail: detail}); err != nil {
		id.log.ErrorContext(ctx, "record refused sign-in", "error", err)
	}
}
