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
	EndedAt          *time.Time
	EndedReason      InvitationEnd
	CreatedAt        time.Time
}

// InvitationEnd says why an invitation closed without being accepted.
type InvitationEnd string

const (
	InvitationWithdrawn InvitationEnd = "withdrawn" // by someone who administers the tenant's people
	InvitationDeclined  InvitationEnd = "declined"  // by the person it was for
)

// openInvitation is the condition of an invitation that can still be accepted.
const openInvitation = "accepted_at IS NULL AND ended_at IS NULL"

// SaveInvitation stores an invitation, or renews the open one for the same person, tenant and role
// (new provider, inviter and expiry) so that inviting twice is harmless.
func (s *Store) SaveInvitation(ctx context.Context, inv *Invitation) error {
	return translate(s.inScope(ctx, InTenant(inv.TenantID), func(db *gorm.DB) error {
		var open Invitation
		err := db.Where("tenant_id = ? AND email = ? AND role = ? AND "+openInvitation, inv.TenantID, inv.Email, inv.Role).
			Take(&open).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return db.Create(inv).Error
		}
		if err != nil {
			return err
		}
		inv.ID, inv.CreatedAt = open.ID, open.CreatedAt
		return db.Model(&open).Where("tenant_id = ? AND "+openInvitation, inv.TenantID).Updates(map[string]any{
			"provider": inv.Provider, "invited_by_user_id": inv.InvitedByUserID, "expires_at": inv.ExpiresAt,
		}).Error
	}))
}

// PendingInvitations lists a tenant's open invitations, newest first. The invitations awaiting one e-mail
// address in any tenant are the sign-in path's (PendingInvitationsFor).
func (s *Store) PendingInvitations(ctx context.Context, tenantID int64, now time.Time) ([]Invitation, error) {
	var invs []Invitation
	err := s.inScope(ctx, InTenant(tenantID), func(db *gorm.DB) error {
		return db.Where("tenant_id = ? AND "+openInvitation+" AND expires_at > ?", tenantID, now).
			Order("created_at DESC, id DESC").Find(&invs).Error
	})
	return invs, translate(err)
}

// AcceptInvitation marks an invitation used by a user. Only one acceptance can win: a second gets ErrConflict.
func (s *Store) AcceptInvitation(ctx context.Context, tenantID, invitationID, userID int64, at time.Time) error {
	return translate(s.inScope(ctx, InTenant(tenantID), func(db *gorm.DB) error {
		res := db.Model(&Invitation{}).
			Where("tenant_id = ? AND id = ? AND "+openInvitation, tenantID, invitationID).
			Updates(map[string]any{"accepted_at": at, "accepted_by_user_id": userID})
		if res.Error == nil && res.RowsAffected != 1 {
			return ErrConflict
		}
		return res.Error
	}))
}

// Invitation returns one of a tenant's invitations, open or not.
func (s *Store) Invitation(ctx context.Context, tenantID, invitationID int64) (Invitation, error) {
	var inv Invitation
	err := s.inScope(ctx, InTenant(tenantID), func(db *gorm.DB) error {
		return db.Where("tenant_id = ? AND id = ?", tenantID, invitationID).Take(&inv).Error
	})
	return inv, translate(err)
}

// EndInvitation closes an open invitation without it being accepted; one that is no longer open is ErrConflict.
func (s *Store) EndInvitation(ctx context.Context, tenantID, invitationID int64, reason InvitationEnd, at time.Time) error {
	return translate(s.inScope(ctx, InTenant(tenantID), func(db *gorm.DB) error {
		res := db.Model(&Invitation{}).Where("tenant_id = ? AND id = ? AND "+openInvitation, tenantID, invitationID).
			Updates(map[string]any{"ended_at": at, "ended_reason": reason})
		if res.Error == nil && res.RowsAffected != 1 {
			return ErrConflict
		}
		return res.Error
	}))
}

// RenewInvitation gives an open invitation a new expiry; one that is no longer open is ErrConflict.
func (s *Store) RenewInvitation(ctx context.Context, tenantID, invitationID int64, expiresAt time.Time) error {
	return translate(s.inScope(ctx, InTenant(tenantID), func(db *gorm.DB) error {
		res := db.Model(&Invitation{}).Where("tenant_id = ? AND id = ? AND "+openInvitation, tenantID, invitationID).
			Update("expires_at", expiresAt)
		if res.Error == nil && res.RowsAffected != 1 {
			return ErrConflict
		}
		return res.Error
	}))
}
