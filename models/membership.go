package models

import (
	"context"
	"time"
)

// Membership gives a user a role in a tenant.
type Membership struct {
	ID        int64
	UserID    int64
	TenantID  int64
	Role      Role
	CreatedAt time.Time
}

// Member is a user with one of their roles in a tenant, as the people page lists them.
type Member struct {
	User
	Role Role
}

// MembershipsOfUser lists every role the user holds, in any tenant.
func (s *Store) MembershipsOfUser(ctx context.Context, userID int64) ([]Membership, error) {
	var ms []Membership
	err := s.db.WithContext(ctx).Where("user_id = ?", userID).Order("tenant_id, role").Find(&ms).Error
	return ms, translate(err)
}

// AddMembership gives a user a role in a tenant; holding it already is not an error.
func (s *Store) AddMembership(ctx context.Context, m *Membership) error {
	if err := requireTenant(m.TenantID); err != nil {
		return err
	}
	var existing Membership
	err := s.db.WithContext(ctx).
		Where("user_id = ? AND tenant_id = ? AND role = ?", m.UserID, m.TenantID, m.Role).
		Take(&existing).Error
	if err == nil {
		*m = existing
		return nil
	}
	if err := translate(err); err != ErrNotFound {
		return err
	}
	return translate(s.db.WithContext(ctx).Create(m).Error)
}

// Members lists the people of one tenant with their roles, by name.
func (s *Store) Members(ctx context.Context, tenantID int64) ([]Member, error) {
	if err := requireTenant(tenantID); err != nil {
		return nil, err
	}
	var ms []Member
	err := s.db.WithContext(ctx).Table("users").
		Select("users.*, memberships.role").
		Joins("JOIN memberships ON memberships.user_id = users.id").
		Where("memberships.tenant_id = ?", tenantID).
		Order("users.display_name, users.email, memberships.role").
		Scan(&ms).Error
	return ms, translate(err)
}
