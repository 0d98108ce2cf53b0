package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"slices"
	"time"

	"github.com/innovation-accelerators/portal/models"
)

// invitationLifetime is how long an invitation can be accepted.
const invitationLifetime = 14 * 24 * time.Hour

// People lists the people of a tenant and invites new ones.
type People struct {
	store     *models.Store
	providers []ProviderConfig
	now       func() time.Time
	log       *slog.Logger
}

// NewPeople returns the service. Providers are those invitations may name.
func NewPeople(store *models.Store, providers []ProviderConfig, now func() time.Time, log *slog.Logger) *People {
	if now == nil {
		now = func() time.Time { return time.Now().UTC() }
	}
	return &People{store: store, providers: providers, now: now, log: log}
}

// PeopleOfTenant is what the people page shows.
type PeopleOfTenant struct {
	Tenant         models.Tenant
	Members        []models.Member
	Invitations    []models.Invitation
	InvitableRoles []models.Role
	Providers      []ProviderConfig // the providers an invitation to this tenant may name
	Tenants        []models.Tenant  // for central roles, every tenant, to choose whose people to see
}

// InviteInput is a request to invite someone. Provider may be empty when only one provider serves the tenant.
type InviteInput struct {
	TenantSlug string
	Email      string
	Role       string
	Provider   string
}

// Tenant returns a tenant the principal may see, by slug; an empty slug means the principal's own tenant.
// A tenant out of reach is ErrNotFound, never ErrForbidden, so its existence is not revealed.
func (s *People) Tenant(ctx context.Context, p Principal, slug string) (models.Tenant, error) {
	if slug == "" {
		t, err := s.store.Tenant(ctx, p.TenantID)
		return t, fromStore(err, "read own tenant")
	}
	t, err := s.store.TenantBySlug(ctx, slug)
	if err != nil || !p.Reaches(t.ID) {
		return models.Tenant{}, fmt.Errorf("tenant %q: %w", slug, ErrNotFound)
	}
	return t, nil
}

// List returns the people of a tenant and its open invitations.
func (s *People) List(ctx context.Context, p Principal, tenantSlug string) (PeopleOfTenant, error) {
	t, err := s.Tenant(ctx, p, tenantSlug)
	if err != nil {
		return PeopleOfTenant{}, err
	}
	if !p.CanIn(ActionViewPeople, t.ID) {
		return PeopleOfTenant{}, ErrForbidden
	}
	members, err := s.store.Members(ctx, t.ID)
	if err != nil {
		return PeopleOfTenant{}, fmt.Errorf("list members: %w", err)
	}
	invitations, err := s.store.PendingInvitations(ctx, t.ID, s.now())
	if err != nil {
		return PeopleOfTenant{}, fmt.Errorf("list invitations: %w", err)
	}
	people := PeopleOfTenant{
		Tenant: t, Members: members, Invitations: invitations,
		InvitableRoles: p.InvitableRoles(t), Providers: s.providersFor(t),
	}
	if p.IsCentral() {
		if people.Tenants, err = s.store.Tenants(ctx); err != nil {
			return PeopleOfTenant{}, fmt.Errorf("list tenants: %w", err)
		}
	}
	return people, nil
}

// Invite invites a person to a role in a tenant, on behalf of a signed-in principal.
func (s *People) Invite(ctx context.Context, p Principal, in InviteInput) (models.Invitation, error) {
	t, err := s.Tenant(ctx, p, in.TenantSlug)
	if err != nil {
		return models.Invitation{}, err
	}
	if !p.CanIn(ActionInvitePeople, t.ID) {
		return models.Invitation{}, ErrForbidden
	}
	return s.invite(ctx, p.UserID, t, p.InvitableRoles(t), in, func(inv models.Invitation, verr *ValidationError) error {
		if _, bad := verr.Fields["email"]; bad {
			return nil // an address that is not one cannot belong to anybody
		}
		return s.checkNotCaptured(ctx, p, t, inv.Email, verr)
	})
}

// InviteFromCommandLine invites a person on behalf of the operator running `portal users invite`, who has the
// database in hand anyway; the roles are still limited to those the tenant can hold.
func (s *People) InviteFromCommandLine(ctx context.Context, in InviteInput) (models.Invitation, error) {
	t, err := s.store.TenantBySlug(ctx, in.TenantSlug)
	if errors.Is(err, models.ErrNotFound) {
		return models.Invitation{}, &ValidationError{Fields: map[string]string{"tenant": fmt.Sprintf("There is no tenant %q", in.TenantSlug)}}
	}
	if err != nil {
		return models.Invitation{}, err
	}
	return s.invite(ctx, 0, t, rolesForTenant(t.Kind), in, nil)
}

// invite checks and stores an invitation; check, when given, adds the inviter's own checks of it.
func (s *People) invite(ctx context.Context, actor int64, t models.Tenant, allowedRoles []models.Role, in InviteInput,
	check func(models.Invitation, *ValidationError) error) (models.Invitation, error) {
	inv, verr := s.validateInvitation(t, allowedRoles, in)
	if check != nil {
		if err := check(inv, verr); err != nil {
			return inv, err
		}
	}
	if err := verr.OrNil(); err != nil {
		return inv, err
	}
	inv.InvitedByUserID = optionalID(actor)
	err := s.store.Transaction(ctx, func(store *models.Store) error {
		if err := store.SaveInvitation(ctx, &inv); err != nil {
			return err
		}
		return appendAudit(ctx, store, s.now(), auditRecord{
			Actor: actor, Tenant: t.ID, Action: "invitation.created", EntityType: "invitation", EntityID: idString(inv.ID),
			After: map[string]any{"email": inv.Email, "role": inv.Role, "provider": inv.Provider},
		})
	})
	return inv, fromStore(err, "save invitation")
}

func (s *People) validateInvitation(t models.Tenant, allowedRoles []models.Role, in InviteInput) (models.Invitation, *ValidationError) {
	verr := &ValidationError{}
	email := NormaliseEmail(in.Email)
	if email == "" {
		verr.Add("email", "Enter an email address")
	} else if addr, err := mail.ParseAddress(email); err != nil || addr.Address != email {
		verr.Add("email", "Enter an email address in the correct format, like name@example.org")
	}
	role := models.Role(in.Role)
	if in.Role == "" {
		verr.Add("role", "Select a role")
	} else if !slices.Contains(allowedRoles, role) {
		verr.Add("role", fmt.Sprintf("Select a role that %s can give", t.Name))
	}
	provider, msg := s.chooseProvider(t, in.Provider)
	if msg != "" {
		verr.Add("provider", msg)
	}
	now := s.now()
	return models.Invitation{
		TenantID: t.ID, Email: email, Role: role, Provider: provider, ExpiresAt: now.Add(invitationLifetime), CreatedAt: now,
	}, verr
}

// chooseProvider picks the provider the invitation names, or says why it cannot.
func (s *People) chooseProvider(t models.Tenant, requested string) (string, string) {
	eligible := s.providersFor(t)
	if requested == "" && len(eligible) == 1 {
		return eligible[0].Name, ""
	}
	for _, p := range eligible {
		if p.Name == requested {
			return p.Name, ""
		}
	}
	if len(eligible) == 0 {
		return "", fmt.Sprintf("No sign-in service is set up for %s", t.Name)
	}
	return "", "Select how this person will sign in"
}

func (s *People) providersFor(t models.Tenant) []ProviderConfig {
	var eligible []ProviderConfig
	for _, p := range s.providers {
		if p.AllowsTenant(t.Slug) {
			eligible = append(eligible, p)
		}
	}
	return eligible
}
