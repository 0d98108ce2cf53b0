package models_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// tenantScopedCall calls one tenant-scoped store method for a tenant.
type tenantScopedCall func(ctx context.Context, store *models.Store, tenantID, userID int64) error

// tenantScopedMethods lists every store method that takes a tenant (docs/security.md 22). A new one belongs here.
var tenantScopedMethods = map[string]tenantScopedCall{
	"Tenant": func(ctx context.Context, s *models.Store, tenantID, _ int64) error {
		_, err := s.Tenant(ctx, tenantID)
		return err
	},
	"AddMembership": func(ctx context.Context, s *models.Store, tenantID, userID int64) error {
		return s.AddMembership(ctx, &models.Membership{UserID: userID, TenantID: tenantID, Role: models.RoleObserver, CreatedAt: testNow})
	},
	"Members": func(ctx context.Context, s *models.Store, tenantID, _ int64) error {
		_, err := s.Members(ctx, tenantID)
		return err
	},
	"SaveInvitation": func(ctx context.Context, s *models.Store, tenantID, _ int64) error {
		inv := invitation(models.Tenant{ID: tenantID})
		return s.SaveInvitation(ctx, &inv)
	},
	"PendingInvitations": func(ctx context.Context, s *models.Store, tenantID, _ int64) error {
		_, err := s.PendingInvitations(ctx, tenantID, testNow)
		return err
	},
	"AcceptInvitation": func(ctx context.Context, s *models.Store, tenantID, userID int64) error {
		return s.AcceptInvitation(ctx, tenantID, 1, userID, testNow)
	},
	"CreateSession": func(ctx context.Context, s *models.Store, tenantID, userID int64) error {
		return s.CreateSession(ctx, &models.Session{IDHash: unique("session"), UserID: userID, TenantID: tenantID,
			Provider: "development", CreatedAt: testNow, LastSeenAt: testNow, ExpiresAt: testNow.Add(time.Hour)})
	},
	"AuditEventsForEntity": func(ctx context.Context, s *models.Store, tenantID, _ int64) error {
		_, err := s.AuditEventsForEntity(ctx, tenantID, "invitation", "1")
		return err
	},
}

func TestTenantScopedMethods_RefuseAMissingTenantWithoutRunningAnyQuery(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		setup := models.NewStore(db.Gorm)
		tenant := newTenant(t, setup)
		user := newUser(t, setup)
		for name, call := range tenantScopedMethods {
			t.Run(name, func(t *testing.T) {
				for _, missing := range []int64{0, -1} {
					store, statements := countingStore(db)
					err := call(context.Background(), store, missing, user.ID)
					if !errors.Is(err, models.ErrNoTenant) {
						t.Errorf("tenant %d: error %v, want ErrNoTenant", missing, err)
					}
					if n := statements.Load(); n != 0 {
						t.Errorf("tenant %d: ran %d statements, want none", missing, n)
					}
				}
				// The counter must see the queries a real tenant causes, or the check above proves nothing.
				store, statements := countingStore(db)
				if err := call(context.Background(), store, tenant.ID, user.ID); errors.Is(err, models.ErrNoTenant) {
					t.Errorf("tenant %d: ErrNoTenant for a real tenant", tenant.ID)
				}
				if statements.Load() == 0 {
					t.Errorf("tenant %d: no statement counted for a real tenant", tenant.ID)
				}
			})
		}
	})
}

func TestTenantScopedReads_NeverReturnAnotherTenantsRows(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := models.NewStore(db.Gorm)
		ctx := context.Background()
		tenants := []models.Tenant{newTenant(t, store), newTenant(t, store)}
		want := map[int64]string{}
		for _, tenant := range tenants {
			person := newUser(t, store)
			newMembership(t, store, person, tenant, models.RolePartnershipManager)
			inv := newInvitation(t, store, tenant)
			// Both tenants have an event about the same entity type and ID.
			event := newAuditEvent(t, store, tenant.ID, "project", "42")
			want[tenant.ID] = fmt.Sprintf("member %d, invitation %d, event %d", person.ID, inv.ID, event.ID)
		}

		for _, tenant := range tenants {
			members, err := store.Members(ctx, tenant.ID)
			if err != nil {
				t.Fatal(err)
			}
			invitations, err := store.PendingInvitations(ctx, tenant.ID, testNow)
			if err != nil {
				t.Fatal(err)
			}
			events, err := store.AuditEventsForEntity(ctx, tenant.ID, "project", "42")
			if err != nil {
				t.Fatal(err)
			}
			if len(members) != 1 || len(invitations) != 1 || len(events) != 1 {
				t.Fatalf("tenant %d: %d members, %d invitations, %d events; want one of each", tenant.ID, len(members), len(invitations), len(events))
			}
			got := fmt.Sprintf("member %d, invitation %d, event %d", members[0].ID, invitations[0].ID, events[0].ID)
			if diff := cmp.Diff(want[tenant.ID], got); diff != "" {
				t.Errorf("tenant %d read another tenant's rows (-want +got):\n%s", tenant.ID, diff)
			}
		}
	})
}

// countingStore returns a store over db that counts the SQL statements it runs.
func countingStore(db *models.Database) (*models.Store, *atomic.Int64) {
	counter := &statementCounter{}
	return models.NewStore(db.Gorm.Session(&gorm.Session{Logger: counter})), &counter.n
}

// statementCounter is a GORM logger that counts every statement GORM sends to the database.
type statementCounter struct{ n atomic.Int64 }

func (c *statementCounter) LogMode(logger.LogLevel) logger.Interface { return c }
func (c *statementCounter) Info(context.Context, string, ...any)     {}
func (c *statementCounter) Warn(context.Context, string, ...any)     {}
func (c *statementCounter) Error(context.Context, string, ...any)    {}

func (c *statementCounter) Trace(context.Context, time.Time, func() (string, int64), error) {
	c.n.Add(1)
}
