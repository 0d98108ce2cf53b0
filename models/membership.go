package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
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

// AddMembership gives a user a role in a tenant; holding it already is not an error. Listing a person's
// memberships in every tenant is the sign-in path's (MembershipsOfUser).
func (s *Store) AddMembership(ctx context.Context, m *Membership) error {
	return translate(s.inScope(ctx, InTenant(m.TenantID), func(db *gorm.DB) error {
		var existing Membership
		err := db.Where("tenant_id = ? AND user_id = ? AND role = ?", m.TenantID, m.UserID, m.Role).Take(&existing).Error
		if err == nil {
			*m = existing
			return nil
		}
		if !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		return db.Create(m).Error
	}))
}

// Members lists the people of one tenant with their roles, by name.
func (s *Store) Members(ctx context.Context, tenantID int64) ([]Member, error) {
	var ms []Member
	err := s.inScope(ctx, InTenant(tenantID), func(db *gorm.DB) error {
		return db.Table("users").
			Select("users.*, memberships.role").
			Joins("JOIN memberships ON memberships.user_id = users.id").
			Where("memberships.tenant_id = ?", tenantID).
			Order("users.display_name, users.email, memberships.role").
			Scan(&ms).Error
	})
	return ms, translate(err)
}
