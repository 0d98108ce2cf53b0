package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
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

// RolesIn lists the roles a user holds in one tenant.
func (s *Store) RolesIn(ctx context.Context, tenantID, userID int64) ([]Role, error) {
	var roles []Role
	err := s.inScope(ctx, InTenant(tenantID), func(db *gorm.DB) error {
		return db.Model(&Membership{}).Where("tenant_id = ? AND user_id = ?", tenantID, userID).Order("role").Pluck("role", &roles).Error
	})
	return roles, translate(err)
}

// ChangeRole gives a user another role in a tenant in place of one they hold; if they hold the new role
// already, the old one simply goes. A role they do not hold is ErrNotFound.
func (s *Store) ChangeRole(ctx context.Context, tenantID, userID int64, from, to Role) error {
	return s.Transaction(ctx, func(tx *Store) error {
		return translate(tx.inScope(ctx, InTenant(tenantID), func(db *gorm.DB) error {
			var held int64
			if err := db.Model(&Membership{}).Where("tenant_id = ? AND user_id = ? AND role = ?", tenantID, userID, to).Count(&held).Error; err != nil {
				return err
			}
			mine := db.Model(&Membership{}).Where("tenant_id = ? AND user_id = ? AND role = ?", tenantID, userID, from)
			var res *gorm.DB
			if held > 0 {
				res = mine.Delete(&Membership{})
			} else {
				res = mine.Update("role", to)
			}
			if res.Error == nil && res.RowsAffected != 1 {
				return ErrNotFound
			}
			return res.Error
		}))
	})
}

// RemoveRole takes one role in a tenant away from a user; a role they do not hold is ErrNotFound.
func (s *Store) RemoveRole(ctx context.Context, tenantID, userID int64, role Role) error {
	return translate(s.inScope(ctx, InTenant(tenantID), func(db *gorm.DB) error {
		res := db.Where("tenant_id = ? AND user_id = ? AND role = ?", tenantID, userID, role).Delete(&Membership{})
		if res.Error == nil && res.RowsAffected != 1 {
			return ErrNotFound
		}
		return res.Error
	}))
}

// LockActiveHolders locks a tenant's memberships of a role until the transaction ends and returns the IDs of
// the people holding it whose accounts are enabled: a change that could leave nobody in the role (the last
// programme administrator) checks the answer, and two such changes at once wait for each other.
func (s *Store) LockActiveHolders(ctx context.Context, tenantID int64, role Role) ([]int64, error) {
	var holders []int64
	err := s.inScope(ctx, InTenant(tenantID), func(db *gorm.DB) error {
		q := db.Table("memberships").Where("memberships.tenant_id = ? AND memberships.role = ?", tenantID, role)
		if s.postgres {
			// SQLite's write transactions run one at a time already; it has no FOR UPDATE.
			var locked []int64
			if err := q.Session(&gorm.Session{}).Clauses(clause.Locking{Strength: "UPDATE"}).Pluck("memberships.id", &locked).Error; err != nil {
				return err
			}
		}
		return q.Joins("JOIN users ON users.id = memberships.user_id").Where("users.disabled_at IS NULL").
			Order("memberships.user_id").Pluck("memberships.user_id", &holders).Error
	})
	return holders, translate(err)
}
