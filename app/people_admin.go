package app

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/innovation-accelerators/portal/models"
)

// People administration: a programme administrator looks after everyone's access, in any tenant; a partnership
// manager looks after their own tenant's staff and project leads. Every change is audited in the tenant's chain
// and takes effect on the person's next request, since every request reads the person's roles and account
// afresh. Nobody can leave the programme without an enabled programme administrator.

// PersonInTenant is one person as a tenant's people page shows them, with what the principal may do.
type PersonInTenant struct {
	Tenant    models.Tenant
	User      models.User
	Roles     []models.Role
	Manage    PersonActions
	Elsewhere bool // the person holds a role in another tenant too
}

// PersonActions says what the principal may do to a person's access.
type PersonActions struct {
	RolesToGive []models.Role // the roles the person may be given instead of one they hold
	Remove      bool
	Disable     bool
	Enable      bool
	// Refusal says why a partnership manager may not change this person, when they may not.
	Refusal string
}

// Any reports whether the principal may change anything.
func (a PersonActions) Any() bool { return a.Remove || a.Disable || a.Enable }

// Person returns one person of a tenant, for the principal to manage. Someone with no role in the tenant, or a
// tenant out of reach, is ErrNotFound.
func (s *People) Person(ctx context.Context, p Principal, tenantSlug string, userID string) (PersonInTenant, error) {
	t, err := s.Tenant(ctx, p, tenantSlug)
	if err != nil {
		return PersonInTenant{}, err
	}
	// The person is looked for first: someone who is not of the tenant is not found, whoever asks.
	person, err := s.person(ctx, s.store, p, t, userID)
	if err != nil {
		return PersonInTenant{}, err
	}
	if !p.CanIn(ActionViewPeople, t.ID) {
		return PersonInTenant{}, ErrForbidden
	}
	return person, nil
}

func (s *People) person(ctx context.Context, store *models.Store, p Principal, t models.Tenant, userID string) (PersonInTenant, error) {
	id, err := strconv.ParseInt(userID, 10, 64)
	if err != nil || id <= 0 {
		return PersonInTenant{}, fmt.Errorf("person %q: %w", userID, ErrNotFound)
	}
	roles, err := store.RolesIn(ctx, t.ID, id)
	if err != nil {
		return PersonInTenant{}, err
	}
	if len(roles) == 0 {
		return PersonInTenant{}, fmt.Errorf("person %d in tenant %d: %w", id, t.ID, ErrNotFound)
	}
	user, err := store.User(ctx, id)
	if err != nil {
		return PersonInTenant{}, fromStore(err, "read person")
	}
	everywhere, err := store.MembershipsOfUser(ctx, id)
	if err != nil {
		return PersonInTenant{}, err
	}
	person := PersonInTenant{Tenant: t, User: user, Roles: roles}
	person.Elsewhere = slices.ContainsFunc(everywhere, func(m models.Membership) bool { return m.TenantID != t.ID })
	person.Manage = managePerson(p, person)
	return person, nil
}

// managePerson decides what the principal may do to a person of a tenant.
func managePerson(p Principal, person PersonInTenant) PersonActions {
	manageable := p.InvitableRoles(person.Tenant)
	if !p.CanIn(ActionManagePeople, person.Tenant.ID) || len(manageable) == 0 {
		return PersonActions{}
	}
	for _, r := range person.Roles {
		if !slices.Contains(manageable, r) {
			return PersonActions{Refusal: fmt.Sprintf("Only the programme administrator can change the access of a %s.", r.Label())}
		}
	}
	a := PersonActions{RolesToGive: manageable, Remove: true}
	centralAdmin := p.IsCentral() && p.HasRole(models.RoleProgrammeAdmin)
	switch {
	case person.Elsewhere && !centralAdmin:
		a.Refusal = person.User.DisplayName + " also has access to another organisation, so only the programme administrator can disable their account."
	case person.User.Disabled():
		a.Enable = true
	default:
		a.Disable = true
	}
	return a
}

// managed reads a person the principal may change, in one transaction: out of reach is ErrNotFound; within
// reach but not theirs to change, a Refusal saying why.
func (s *People) managed(ctx context.Context, tx *models.Store, p Principal, tenantSlug, userID string) (PersonInTenant, error) {
	t, err := s.Tenant(ctx, p, tenantSlug)
	if err != nil {
		return PersonInTenant{}, err
	}
	person, err := s.person(ctx, tx, p, t, userID)
	if err != nil {
		return person, err
	}
	if !p.CanIn(ActionManagePeople, t.ID) {
		return PersonInTenant{}, ErrForbidden
	}
	if !person.Manage.Remove {
		return person, forbidden(person.Manage.Refusal)
	}
	return person, nil
}

// ChangeRole gives a person another role in the tenant in place of one they hold.
func (s *People) ChangeRole(ctx context.Context, p Principal, tenantSlug, userID, from, to string) error {
	return s.store.Transaction(ctx, func(tx *models.Store) error {
		person, err := s.managed(ctx, tx, p, tenantSlug, userID)
		if err != nil {
			return err
		}
		old, next := models.Role(from), models.Role(to)
		if !slices.Contains(person.Roles, old) {
			return fmt.Errorf("role %q of person %d: %w", from, person.User.ID, ErrNotFound)
		}
		if !slices.Contains(person.Manage.RolesToGive, next) {
			return &ValidationError{Fields: map[string]string{"role": "Select a role that " + person.Tenant.Name + " can give"}}
		}
		if old == next {
			return nil
		}
		if err := s.keepAProgrammeAdministrator(ctx, tx, person, old); err != nil {
			return err
		}
		if err := tx.ChangeRole(ctx, person.Tenant.ID, person.User.ID, old, next); err != nil {
			return fromStore(err, "change role")
		}
		return s.auditPerson(ctx, tx, p, person, "membership.role_changed", map[string]any{"role": old}, map[string]any{"role": next})
	})
}

// RemoveRole takes a role in the tenant away from a person.
func (s *People) RemoveRole(ctx context.Context, p Principal, tenantSlug, userID, role string) error {
	return s.store.Transaction(ctx, func(tx *models.Store) error {
		person, err := s.managed(ctx, tx, p, tenantSlug, userID)
		if err != nil {
			return err
		}
		r := models.Role(role)
		if !slices.Contains(person.Roles, r) {
			return fmt.Errorf("role %q of person %d: %w", role, person.User.ID, ErrNotFound)
		}
		if err := s.keepAProgrammeAdministrator(ctx, tx, person, r); err != nil {
			return err
		}
		if err := tx.RemoveRole(ctx, person.Tenant.ID, person.User.ID, r); err != nil {
			return fromStore(err, "remove role")
		}
		return s.auditPerson(ctx, tx, p, person, "membership.removed", map[string]any{"role": r}, nil)
	})
}

// SetDisabled disables a person's account, which ends their sessions and stops their API tokens at once, or
// lets a disabled account in again.
func (s *People) SetDisabled(ctx context.Context, p Principal, tenantSlug, userID string, disable bool) error {
	return s.store.Transaction(ctx, func(tx *models.Store) error {
		person, err := s.managed(ctx, tx, p, tenantSlug, userID)
		if err != nil {
			return err
		}
		now := s.now()
		if !disable {
			if !person.Manage.Enable {
				return conflict(person.User.DisplayName + "'s account is not disabled.")
			}
			if err := tx.EnableUser(ctx, person.User.ID, now); err != nil {
				return err
			}
			return s.auditPerson(ctx, tx, p, person, "user.enabled", nil, nil)
		}
		if !person.Manage.Disable {
			return forbiddenOrConflict(person)
		}
		if err := s.keepAProgrammeAdministrator(ctx, tx, person, models.RoleProgrammeAdmin); err != nil {
			return err
		}
		if err := tx.DisableUser(ctx, person.User.ID, now); err != nil {
			return err
		}
		return s.auditPerson(ctx, tx, p, person, "user.disabled", nil, nil)
	})
}

func forbiddenOrConflict(person PersonInTenant) error {
	if person.Manage.Refusal != "" {
		return forbidden(person.Manage.Refusal)
	}
	return conflict(person.User.DisplayName + "'s account is disabled already.")
}

// keepAProgrammeAdministrator refuses a change that takes a role from a person if it is the programme
// administrator role and they are the last enabled holder of it. The holders are locked until the transaction
// ends, so two administrators removing each other at once cannot both succeed.
func (s *People) keepAProgrammeAdministrator(ctx context.Context, tx *models.Store, person PersonInTenant, losing models.Role) error {
	if losing != models.RoleProgrammeAdmin || !slices.Contains(person.Roles, models.RoleProgrammeAdmin) {
		return nil
	}
	holders, err := tx.LockActiveHolders(ctx, person.Tenant.ID, models.RoleProgrammeAdmin)
	if err != nil {
		return err
	}
	others := slices.DeleteFunc(holders, func(id int64) bool { return id == person.User.ID })
	if len(others) == 0 {
		return conflict(person.User.DisplayName + " is the last programme administrator. Invite another before changing their access.")
	}
	return nil
}

func (s *People) auditPerson(ctx context.Context, tx *models.Store, p Principal, person PersonInTenant, action string, before, after any) error {
	return appendAudit(ctx, tx, s.now(), auditRecord{
		Actor: p.UserID, Tenant: person.Tenant.ID, Action: action, EntityType: "user", EntityID: idString(person.User.ID),
		Before: before, After: after,
	})
}
