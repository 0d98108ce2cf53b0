package app

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/innovation-accelerators/portal/models"
)

// WaitingInvitation is an invitation a signed-in person may accept or decline, with the tenant it is to.
type WaitingInvitation struct {
	Invitation models.Invitation
	Tenant     models.Tenant
}

// MyInvitations lists the open invitations to the address the principal's identity provider verified at
// sign-in, through that provider, to tenants it may sign people into: the same invitations a new person's
// first sign-in would bind, which a person who already works in the portal accepts or declines here.
func (s *People) MyInvitations(ctx context.Context, p Principal) ([]WaitingInvitation, error) {
	if !p.Authenticated() {
		return nil, ErrUnauthenticated
	}
	if p.VerifiedEmail == "" || p.Provider == "" {
		return nil, nil
	}
	provider := slices.IndexFunc(s.providers, func(c ProviderConfig) bool { return c.Name == p.Provider })
	if provider < 0 {
		return nil, nil
	}
	open, err := s.store.PendingInvitationsFor(ctx, p.VerifiedEmail, p.Provider, s.now())
	if err != nil {
		return nil, err
	}
	var waiting []WaitingInvitation
	for _, inv := range open {
		t, err := s.store.Tenant(ctx, inv.TenantID)
		if err != nil {
			return nil, err
		}
		if s.providers[provider].AllowsTenant(t.Slug) {
			waiting = append(waiting, WaitingInvitation{Invitation: inv, Tenant: t})
		}
	}
	return waiting, nil
}

// AnswerInvitation accepts one of the principal's waiting invitations, which gives them its role in its tenant
// (they stay where they are acting now, and can switch), or declines it.
func (s *People) AnswerInvitation(ctx context.Context, p Principal, invitationID string, accept bool) (WaitingInvitation, error) {
	waiting, err := s.MyInvitations(ctx, p)
	if err != nil {
		return WaitingInvitation{}, err
	}
	id, _ := strconv.ParseInt(invitationID, 10, 64)
	i := slices.IndexFunc(waiting, func(w WaitingInvitation) bool { return w.Invitation.ID == id })
	if i < 0 {
		return WaitingInvitation{}, fmt.Errorf("invitation %q for user %d: %w", invitationID, p.UserID, ErrNotFound)
	}
	w := waiting[i]
	now := s.now()
	err = s.store.Transaction(ctx, func(tx *models.Store) error {
		if accept {
			return acceptInvitation(ctx, tx, now, p.UserID, w.Invitation)
		}
		if err := tx.EndInvitation(ctx, w.Tenant.ID, w.Invitation.ID, models.InvitationDeclined, now); err != nil {
			return fromStore(err, "decline invitation")
		}
		return appendAudit(ctx, tx, now, auditRecord{Actor: p.UserID, Tenant: w.Tenant.ID, Action: "invitation.declined",
			EntityType: "invitation", EntityID: idString(w.Invitation.ID)})
	})
	return w, err
}

// acceptInvitation marks an invitation accepted by a person and gives them its role, in one transaction.
func acceptInvitation(ctx context.Context, tx *models.Store, now time.Time, userID int64, inv models.Invitation) error {
	if err := tx.AcceptInvitation(ctx, inv.TenantID, inv.ID, userID, now); err != nil {
		return fmt.Errorf("accept invitation %d: %w", inv.ID, err)
	}
	m := models.Membership{UserID: userID, TenantID: inv.TenantID, Role: inv.Role, CreatedAt: now}
	if err := tx.AddMembership(ctx, &m); err != nil {
		return fmt.Errorf("add membership: %w", err)
	}
	return appendAudit(ctx, tx, now, auditRecord{
		Actor: userID, Tenant: inv.TenantID, Action: "invitation.accepted",
		EntityType: "invitation", EntityID: idString(inv.ID), After: map[string]any{"role": inv.Role, "user_id": userID},
	})
}
