package models_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"github.com/innovation-accelerators/portal/migrations"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// TestTransaction_ASerializationFailureIsRetriedAndThenSucceeds: two serializable transactions that each
// count a tenant's organisations and then add one cannot both commit as first run (write skew); PostgreSQL
// aborts one with SQLSTATE 40001, and Transaction runs it again, after which it succeeds.
func TestTransaction_ASerializationFailureIsRetriedAndThenSucceeds(t *testing.T) {
	db := postgresOnly(t)
	store := models.NewStore(db.Gorm)
	tenant := newTenant(t, store)
	var attempts atomic.Int32
	var bothRead sync.WaitGroup
	bothRead.Add(2)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			first := true
			errs[i] = store.Transaction(context.Background(), func(tx *models.Store) error {
				attempts.Add(1)
				if _, err := tx.Organisations(context.Background(), models.InTenant(tenant.ID)); err != nil {
					return err
				}
				if first {
					// Both transactions have read before either writes: the first run cannot serialize.
					first = false
					bothRead.Done()
					bothRead.Wait()
				}
				o := models.Organisation{TenantID: tenant.ID, Name: unique("Org"), Kind: models.KindBusiness, CreatedAt: testNow, UpdatedAt: testNow}
				return tx.CreateOrganisation(context.Background(), &o)
			}, models.Serializable())
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatalf("transaction failed: %v", err)
		}
	}
	if attempts.Load() < 3 {
		t.Errorf("%d attempts for two transactions, want a retry", attempts.Load())
	}
	orgs, err := store.Organisations(context.Background(), models.InTenant(tenant.ID))
	if err != nil || len(orgs) != 2 {
		t.Errorf("%d organisations (error %v), want both transactions' two", len(orgs), err)
	}
}

func TestTransaction_RetriesABoundedNumberOfTimesThenAsksToTryLater(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := models.NewStore(db.Gorm)
		var calls int
		err := store.Transaction(context.Background(), func(tx *models.Store) error {
			calls++
			return &pgconn.PgError{Code: "40P01", Message: "deadlock detected"}
		})
		if !errors.Is(err, models.ErrRetryLater) || calls != 5 {
			t.Errorf("error %v after %d calls, want ErrRetryLater after 5", err, calls)
		}
	})
}

func TestTransaction_OtherErrorsAreNotRetried(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := models.NewStore(db.Gorm)
		var calls int
		refusal := errors.New("refused by a rule")
		err := store.Transaction(context.Background(), func(tx *models.Store) error {
			calls++
			return refusal
		})
		if !errors.Is(err, refusal) || calls != 1 {
			t.Errorf("error %v after %d calls, want the refusal after one", err, calls)
		}
	})
}

// TestTransaction_NestedScopesEachSeeTheirOwnTenant: within one transaction, store calls for different scopes
// each run under their own scope's setting, and a rolled-back savepoint leaves the outer scope as it was.
func TestTransaction_NestedScopesEachSeeTheirOwnTenant(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := models.NewStore(db.Gorm)
		a, b := newRegisterFixture(t, store), newRegisterFixture(t, store)
		err := store.Transaction(context.Background(), func(tx *models.Store) error {
			for _, step := range []struct {
				scope models.Scope
				want  int
			}{{models.InTenant(a.tenant.ID), 2}, {models.AllTenants(), 4}, {models.InTenant(b.tenant.ID), 2}} {
				// A savepoint that changes the scope and then fails must not leave its scope behind.
				_ = tx.Transaction(context.Background(), func(inner *models.Store) error {
					_, _ = inner.Organisations(context.Background(), models.InTenant(b.tenant.ID))
					return errors.New("roll the savepoint back")
				})
				orgs, err := tx.Organisations(context.Background(), step.scope)
				if err != nil {
					return err
				}
				if len(orgs) != step.want {
					t.Errorf("scope %+v: %d organisations, want %d", step.scope, len(orgs), step.want)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if db.Dialect == migrations.Postgres {
			assertNoSettingLeaks(t, db)
		}
	})
}

// assertNoSettingLeaks checks that a connection returned to the pool carries no tenant setting: it was
// transaction-local.
func assertNoSettingLeaks(t *testing.T, db *models.Database) {
	t.Helper()
	sqlDB, _ := db.Gorm.DB()
	sqlDB.SetMaxOpenConns(1)
	defer sqlDB.SetMaxOpenConns(20)
	var setting *string
	if err := db.Gorm.Session(&gorm.Session{}).Raw("SELECT current_setting('portal.tenant', true)").Scan(&setting).Error; err != nil {
		t.Fatal(err)
	}
	if setting != nil && *setting != "" {
		t.Errorf("a pooled connection still carries portal.tenant = %q", *setting)
	}
}
