package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/innovation-accelerators/portal/models"
)

// openSession finds or binds the account, chooses the tenant and stores a new session, all in one transaction.
// A person who already works in the portal and has invitations waiting is sent to accept or decline them.
func (id *Identity) openSession(ctx context.Context, tx models.LoginTransaction, c identityClaims, previousSession string) (SignedIn, error) {
	provider, _ := id.providers.known(tx.Provider)
	token, err := randomToken()
	if err != nil {
		return SignedIn{}, err
	}
	signedIn := SignedIn{SessionToken: token, ReturnTo: tx.ReturnTo}
	err = id.store.Transaction(ctx, func(store *models.Store) error {
		user, waiting, err := id.findOrBindUser(ctx, store, provider, c)
		if err != nil {
			return err
		}
		tenant, roles, err := id.chooseTenant(ctx, store, provider, user.ID)
		if err != nil {
			return err
		}
		session := newSession{user: user, tenant: tenant, provider: provider.Name, rawIDToken: c.RawIDToken}
		if c.EmailVerified {
			session.verifiedEmail = c.Email
		}
		if err := id.storeSession(ctx, store, token, session); err != nil {
			return err
		}
		if previousSession != "" {
			if err := store.DeleteSession(ctx, hashToken(previousSession)); err != nil {
				return err
			}
		}
		signedIn.Principal = newPrincipal(user, tenant, roles)
		if waiting > 0 {
			signedIn.ReturnTo = InvitationsPath
		}
		return appendAudit(ctx, store, id.now(), auditRecord{
			Actor: user.ID, Tenant: tenant.ID, Action: "signin.succeeded",
			EntityType: "user", EntityID: idString(user.ID), Detail: "provider " + provider.Name,
		})
	})
	if err != nil {
		return SignedIn{}, err
	}
	return signedIn, nil
}

// InvitationsPath is where a person accepts or declines the invitations waiting for them.
const InvitationsPath = "/account/invitations"

// findOrBindUser returns the account the provider's (issuer, subject) names. A new person's open invitations
// for the verified e-mail through this provider are bound at once: that is how people arrive. A person who
// already holds a role somewhere is never moved by an invitation: theirs wait, and the count of them comes
// back, for the person to accept or decline (docs/security.md 9). Without an account or an invitation the
// answer is ErrNoAccess.
func (id *Identity) findOrBindUser(ctx context.Context, store *models.Store, p ProviderConfig, c identityClaims) (models.User, int, error) {
	user, err := store.UserByIdentity(ctx, c.Issuer, c.Subject)
	exists := err == nil
	if err != nil && !errors.Is(err, models.ErrNotFound) {
		return user, 0, err
	}
	if exists && user.Disabled() {
		return user, 0, fmt.Errorf("account %d is disabled: %w", user.ID, ErrNoAccess)
	}
	invitations, err := id.bindableInvitations(ctx, store, p, c)
	if err != nil {
		return user, 0, err
	}
	if !exists && len(invitations) == 0 {
		return user, 0, fmt.Errorf("no account or invitation for this identity: %w", ErrNoAccess)
	}
	now := id.now()
	if !exists {
		user = models.User{Issuer: c.Issuer, Subject: c.Subject, Email: c.Email, DisplayName: c.Name, CreatedAt: now, UpdatedAt: now}
		if err := store.CreateUser(ctx, &user); err != nil {
			return user, 0, fmt.Errorf("create user: %w", err)
		}
	}
	memberships, err := store.MembershipsOfUser(ctx, user.ID)
	if err != nil {
		return user, 0, err
	}
	waiting := 0
	if len(memberships) > 0 {
		waiting, invitations = len(invitations), nil
	}
	for _, inv := range invitations {
		if err := acceptInvitation(ctx, store, now, user.ID, inv); err != nil {
			return user, 0, err
		}
	}
	return user, waiting, store.RecordSignIn(ctx, user.ID, c.Email, c.Name, now)
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
