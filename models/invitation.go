package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
)

// Invitation lets a person, known so far only by e-mail, take a role in a tenant the first time they sign in
// through the named identity provider with that e-mail verified.
type Invitation struct {
	ID               int64
	TenantID         int64
	Email            string // lower case
	Role             Role
	Provider         string
	InvitedByUserID  *int64
	ExpiresAt        time.Time
	AcceptedAt       *time.Time
	AcceptedByUserID *int64
	CreatedAt        time.Time
}

// SaveInvitation stores an invitation, or renews the open one for the same person, tenant and role
// (new provider, inviter and expiry) so that inviting twice is harmless.
func (s *Store) SaveInvitation(ctx context.Context, inv *Invitation) error {
	return translate(s.inScope(ctx, InTenant(inv.TenantID), func(db *gorm.DB) error {
		var open Invitation
		err := db.Where("tenant_id = ? AND email = ? AND role = ? AND accepted_at IS NULL", inv.TenantID, inv.Email, inv.Role).
			Take(&open).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return db.Create(inv).Error
		}
		if err != nil {
			return err
		}
		inv.ID, inv.CreatedAt = open.ID, open.CreatedAt
		return db.Model(&open).Where("tenant_id = ? AND accepted_at IS NULL", inv.TenantID).Updates(map[string]any{
			"provider": inv.Provider, "invited_by_user_id": inv.InvitedByUserID, "expires_at": inv.ExpiresAt,
		}).Error
	}))
}

// PendingInvitations lists a tenant's open invitations, newest first. The invitations awaiting one e-mail
// address in any tenant are the sign-in path's (PendingInvitationsFor).
func (s *Store) PendingInvitations(ctx context.Context, tenantID int64, now time.Time) ([]Invitation, error) {
	var invs []Invitation
	err := s.inScope(ctx, InTenant(tenantID), func(db *gorm.DB) error {
		return db.Where("tenant_id = ? AND accepted_at IS NULL AND expires_at > ?", tenantID, now).
			Order("created_at DESC, id DESC").Find(&invs).Error
	})
	return invs, translate(err)
}

// AcceptInvitation marks an invitation used by a user. Only one acceptance can win: a second gets ErrConflict.
func (s *Store) AcceptInvitation(ctx context.Context, tenantID, invitationID, userID int64, at time.Time) error {
	return translate(s.inScope(ctx, InTenant(tenantID), func(db *gorm.DB) error {
		res := db.Model(&Invitation{}).
			Where("tenant_id = ? AND id = ? AND accepted_at IS NULL", tenantID, invitationID).
			Updates(map[string]any{"accepted_at": at, "accepted_by_user_id": userID})
		if res.Error == nil && res.RowsAffected != 1 {
			return ErrConflict
		}
		return res.Error
	}))
}
