package app

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/innovation-accelerators/portal/models"
)

// WithdrawInvitation closes an open invitation of the tenant before it is accepted.
func (s *People) WithdrawInvitation(ctx context.Context, p Principal, tenantSlug, invitationID string) error {
	return s.store.Transaction(ctx, func(tx *models.Store) error {
		inv, err := s.managedInvitation(ctx, tx, p, tenantSlug, invitationID)
		if err != nil {
			return err
		}
		if err := tx.EndInvitation(ctx, inv.TenantID, inv.ID, models.InvitationWithdrawn, s.now()); err != nil {
			return fromStore(err, "withdraw invitation")
		}
		return appendAudit(ctx, tx, s.now(), auditRecord{Actor: p.UserID, Tenant: inv.TenantID, Action: "invitation.withdrawn",
			EntityType: "invitation", EntityID: idString(inv.ID), Before: map[string]any{"email": inv.Email, "role": inv.Role}})
	})
}

// ResendInvitation gives an open invitation a fresh lifetime, from now.
func (s *People) ResendInvitation(ctx context.Context, p Principal, tenantSlug, invitationID string) error {
	return s.store.Transaction(ctx, func(tx *models.Store) error {
		inv, err := s.managedInvitation(ctx, tx, p, tenantSlug, invitationID)
		if err != nil {
			return err
		}
		expires := s.now().Add(invitationLifetime)
		if err := tx.RenewInvitation(ctx, inv.TenantID, inv.ID, expires); err != nil {
			return fromStore(err, "renew invitation")
		}
		return appendAudit(ctx, tx, s.now(), auditRecord{Actor: p.UserID, Tenant: inv.TenantID, Action: "invitation.resent",
			EntityType: "invitation", EntityID: idString(inv.ID), Before: map[string]any{"expires_at": inv.ExpiresAt},
			After: map[string]any{"expires_at": expires}})
	})
}

// managedInvitation reads an open invitation of a tenant whose role the principal may give.
func (s *People) managedInvitation(ctx context.Context, tx *models.Store, p Principal, tenantSlug, invitationID string) (models.Invitation, error) {
	t, err := s.Tenant(ctx, p, tenantSlug)
	if err != nil {
		return models.Invitation{}, err
	}
	id, err := strconv.ParseInt(invitationID, 10, 64)
	if err != nil || id <= 0 {
		return models.Invitation{}, fmt.Errorf("invitation %q: %w", invitationID, ErrNotFound)
	}
	inv, err := tx.Invitation(ctx, t.ID, id)
	if err != nil {
		return inv, fromStore(err, "read invitation")
	}
	if !p.CanIn(ActionManagePeople, t.ID) {
		return models.Invitation{}, ErrForbidden
	}
	if !slices.Contains(p.InvitableRoles(t), inv.Role) {
		return inv, forbidden(fmt.Sprintf("Only the programme administrator can change an invitation to be a %s.", inv.Role.Label()))
	}
	if inv.AcceptedAt != nil || inv.EndedAt != nil {
		return inv, conflict("That invitation has been accepted, declined or withdrawn already.")
	}
	return inv, nil
}

// checkNotCaptured refuses an invitation from a tenant's own people administrator to an address that belongs
// to someone of another tenant: they would otherwise be asked to move on their next sign-in at the bidding of
// an organisation they do not work for. The programme administrator may invite them: the person still accepts
// or declines (docs/security.md 9).
func (s *People) checkNotCaptured(ctx context.Context, p Principal, t models.Tenant, email string, verr *ValidationError) error {
	if email == "" || (p.IsCentral() && p.HasRole(models.RoleProgrammeAdmin)) {
		return nil
	}
	tenants, err := s.store.TenantsOfEmail(ctx, email)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(tenants, func(id int64) bool { return id != t.ID }) {
		verr.Add("email", "This person already works with another organisation in the portal. Ask the programme administrator to give them access to "+t.Name)
	}
	return nil
}
