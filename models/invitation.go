package models

import (
	"context"
	"errors"
	"time"
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

// Pending reports whether the invitation can still be accepted.
func (i Invitation) Pending(now time.Time) bool {
	return i.AcceptedAt == nil && now.Before(i.ExpiresAt)
}

// SaveInvitation stores an invitation, or renews the open one for the same person, tenant and role
// (new provider, inviter and expiry) so that inviting twice is harmless.
func (s *Store) SaveInvitation(ctx context.Context, inv *Invitation) error {
	if err := requireTenant(inv.TenantID); err != nil {
		return err
	}
	var open Invitation
	err := s.db.WithContext(ctx).
		Where("tenant_id = ? AND email = ? AND role = ? AND accepted_at IS NULL", inv.TenantID, inv.Email, inv.Role).
		Take(&open).Error
	if errors.Is(translate(err), ErrNotFound) {
		return translate(s.db.WithContext(ctx).Create(inv).Error)
	}
	if err != nil {
		return translate(err)
	}
	inv.ID, inv.CreatedAt = open.ID, open.CreatedAt
	return translate(s.db.WithContext(ctx).Model(&open).Where("accepted_at IS NULL").Updates(map[string]any{
		"provider": inv.Provider, "invited_by_user_id": inv.InvitedByUserID, "expires_at": inv.ExpiresAt,
	}).Error)
}

// PendingInvitationsFor lists the open, unexpired invitations for an e-mail address through one provider.
func (s *Store) PendingInvitationsFor(ctx context.Context, email, provider string, now time.Time) ([]Invitation, error) {
	var invs []Invitation
	err := s.db.WithContext(ctx).
		Where("email = ? AND provider = ? AND accepted_at IS NULL AND expires_at > ?", email, provider, now).
		Order("id").Find(&invs).Error
	return invs, translate(err)
}

// PendingInvitations lists a tenant's open invitations, newest first.
func (s *Store) PendingInvitations(ctx context.Context, tenantID int64, now time.Time) ([]Invitation, error) {
	if err := requireTenant(tenantID); err != nil {
		return nil, err
	}
	var invs []Invitation
	err := s.db.WithContext(ctx).
		Where("tenant_id = ? AND accepted_at IS NULL AND expires_at > ?", tenantID, now).
		Order("created_at DESC, id DESC").Find(&invs).Error
	return invs, translate(err)
}

// AllPendingInvitations lists every open invitation through one provider, for the development sign-in page.
func (s *Store) AllPendingInvitations(ctx context.Context, provider string, now time.Time) ([]Invitation, error) {
	var invs []Invitation
	err := s.db.WithContext(ctx).
		Where("provider = ? AND accepted_at IS NULL AND expires_at > ?", provider, now).
		Order("email, id").Find(&invs).Error
	return invs, translate(err)
}

// AcceptInvitation marks an invitation used by a user. Only one acceptance can win: a second gets ErrConflict.
func (s *Store) AcceptInvitation(ctx context.Context, tenantID, invitationID, userID int64, at time.Time) error {
	if err := requireTenant(tenantID); err != nil {
		return err
	}
	res := s.db.WithContext(ctx).Model(&Invitation{}).
		Where("tenant_id = ? AND id = ? AND accepted_at IS NULL", tenantID, invitationID).
		Updates(map[string]any{"accepted_at": at, "accepted_by_user_id": userID})
	if res.Error != nil {
		return translate(res.Error)
	}
	if res.RowsAffected != 1 {
		return ErrConflict
	}
	return nil
}
