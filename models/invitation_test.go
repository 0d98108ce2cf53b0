package models_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestSaveInvitation_TwiceForTheSamePersonTenantAndRoleRenewsTheOpenOne(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := models.NewStore(db.Gorm)
		ctx := context.Background()
		tenant := newTenant(t, store)
		inviter := newUser(t, store)
		first := newInvitation(t, store, tenant, withEmail("pat@example.org"))

		renewedUntil := testNow.Add(30 * 24 * time.Hour)
		second := invitation(tenant, withEmail("pat@example.org"), func(i *models.Invitation) {
			i.Provider, i.InvitedByUserID, i.ExpiresAt, i.CreatedAt = "gm-entra", &inviter.ID, renewedUntil, testNow.Add(time.Hour)
		})
		if err := store.SaveInvitation(ctx, &second); err != nil {
			t.Fatalf("save again: %v", err)
		}

		if second.ID != first.ID || !second.CreatedAt.Equal(first.CreatedAt) {
			t.Errorf("second save gave invitation %d created %s, want the first, %d created %s", second.ID, second.CreatedAt, first.ID, first.CreatedAt)
		}
		open, err := store.PendingInvitations(ctx, tenant.ID, testNow)
		if err != nil {
			t.Fatal(err)
		}
		if len(open) != 1 {
			t.Fatalf("%d open invitations, want 1: %+v", len(open), open)
		}
		got := open[0]
		if got.Provider != "gm-entra" || got.InvitedByUserID == nil || *got.InvitedByUserID != inviter.ID || !got.ExpiresAt.Equal(renewedUntil) {
			t.Errorf("renewed invitation %+v, want provider gm-entra, inviter %d, expiry %s", got, inviter.ID, renewedUntil)
		}
	})
}

func TestSaveInvitation_ForAnotherRoleOrAfterAcceptanceAddsANewOne(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := models.NewStore(db.Gorm)
		ctx := context.Background()
		tenant := newTenant(t, store)
		accepted := newInvitation(t, store, tenant, withEmail("pat@example.org"))
		if err := store.AcceptInvitation(ctx, tenant.ID, accepted.ID, newUser(t, store).ID, testNow); err != nil {
			t.Fatal(err)
		}
		again := newInvitation(t, store, tenant, withEmail("pat@example.org"))
		lead := newInvitation(t, store, tenant, withEmail("pat@example.org"), func(i *models.Invitation) { i.Role = models.RoleProjectLead })

		if again.ID == accepted.ID || lead.ID == again.ID {
			t.Errorf("invitations %d (accepted), %d (again), %d (lead): want three different ones", accepted.ID, again.ID, lead.ID)
		}
		open, err := store.PendingInvitations(ctx, tenant.ID, testNow)
		if err != nil {
			t.Fatal(err)
		}
		if len(open) != 2 {
			t.Errorf("%d open invitations, want 2", len(open))
		}
	})
}

func TestAcceptInvitation_SecondAcceptanceIsAConflict(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := models.NewStore(db.Gorm)
		ctx := context.Background()
		tenant := newTenant(t, store)
		inv := newInvitation(t, store, tenant)
		first, second := newUser(t, store), newUser(t, store)

		if err := store.AcceptInvitation(ctx, tenant.ID, inv.ID, first.ID, testNow); err != nil {
			t.Fatalf("first acceptance: %v", err)
		}
		if err := store.AcceptInvitation(ctx, tenant.ID, inv.ID, second.ID, testNow); !errors.Is(err, models.ErrConflict) {
			t.Errorf("second acceptance: error %v, want ErrConflict", err)
		}
		open, err := store.PendingInvitations(ctx, tenant.ID, testNow)
		if err != nil {
			t.Fatal(err)
		}
		if len(open) != 0 {
			t.Errorf("accepted invitation still listed as open: %+v", open)
		}
	})
}

func TestAcceptInvitation_OfAnotherTenantIsAConflictAndLeavesItOpen(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := models.NewStore(db.Gorm)
		ctx := context.Background()
		mine, theirs := newTenant(t, store), newTenant(t, store)
		inv := newInvitation(t, store, theirs)

		if err := store.AcceptInvitation(ctx, mine.ID, inv.ID, newUser(t, store).ID, testNow); !errors.Is(err, models.ErrConflict) {
			t.Errorf("accept through another tenant: error %v, want ErrConflict", err)
		}
		open, err := store.PendingInvitations(ctx, theirs.ID, testNow)
		if err != nil {
			t.Fatal(err)
		}
		if len(open) != 1 {
			t.Errorf("%d open invitations in the invitation's own tenant, want 1", len(open))
		}
	})
}
