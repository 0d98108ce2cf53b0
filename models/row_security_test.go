package models_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/innovation-accelerators/portal/migrations"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// These tests run on PostgreSQL as the portal's application role and send direct SQL through the store's own
// transaction helper, to prove that the database refuses what the application's conditions would: with no
// tenant set nothing is visible or writable, and with one tenant set nothing of another is
// (docs/security.md, "Row-level security").

// tenantOwnedTables reads, from the catalogue, every table of the schema with a tenant_id column: the tables
// row-level security must protect, including any added after these tests were written.
func tenantOwnedTables(t *testing.T, raw *gorm.DB) []string {
	t.Helper()
	var tables []string
	err := raw.Raw(`SELECT c.table_name FROM information_schema.columns c
		JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		WHERE c.table_schema = current_schema() AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'
		ORDER BY c.table_name`).Scan(&tables).Error
	if err != nil {
		t.Fatal(err)
	}
	// Guard against a catalogue query that finds nothing and so proves nothing.
	if len(tables) < 11 {
		t.Fatalf("the catalogue lists only %d tenant-owned tables: %v", len(tables), tables)
	}
	return tables
}

func postgresOnly(t *testing.T) *models.Database {
	t.Helper()
	if len(modeltest.Dialects()) < 2 {
		t.Skip(modeltest.PostgresURLVariable + " is not set: row-level security is PostgreSQL's")
	}
	return modeltest.New(t, migrations.Postgres)
}

func TestRowLevelSecurity_EveryTenantOwnedTableIsProtectedByAForcedPolicy(t *testing.T) {
	db := postgresOnly(t)
	raw := modeltest.Superuser(t, db)
	for _, table := range tenantOwnedTables(t, raw) {
		var state struct {
			Enabled, Forced bool
			Policies        int
		}
		err := raw.Raw(`SELECT c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
				(SELECT count(*) FROM pg_policies p WHERE p.schemaname = current_schema() AND p.tablename = c.relname
					AND p.policyname = 'tenant_scope' AND p.cmd = 'ALL' AND p.qual IS NOT NULL AND p.with_check IS NOT NULL) AS policies
			FROM pg_class c WHERE c.oid = ?::regclass`, table).Scan(&state).Error
		if err != nil {
			t.Fatal(err)
		}
		if !state.Enabled || !state.Forced || state.Policies != 1 {
			t.Errorf("table %s has a tenant_id but row-level security enabled=%v forced=%v with %d tenant_scope policies; "+
				"call portal_protect_tenant_table in its migration", table, state.Enabled, state.Forced, state.Policies)
		}
	}
}

// securityFixture is two tenants, each with a row in every tenant-owned table.
type securityFixture struct {
	store *models.Store
	raw   *gorm.DB
	a, b  models.Tenant
}

func newSecurityFixture(t *testing.T, db *models.Database) securityFixture {
	t.Helper()
	store := models.NewStore(db.Gorm)
	f := securityFixture{store: store, raw: modeltest.Superuser(t, db)}
	f.a, f.b = fillTenant(t, store), fillTenant(t, store)
	for _, table := range tenantOwnedTables(t, f.raw) {
		for _, tenant := range []models.Tenant{f.a, f.b} {
			if f.count(t, table, tenant) == 0 {
				t.Fatalf("the fixture has no %s row for tenant %d: the test would prove nothing there", table, tenant.ID)
			}
		}
	}
	return f
}

// fillTenant makes a tenant with a row in every table the register and sign-in use.
func fillTenant(t *testing.T, store *models.Store) models.Tenant {
	t.Helper()
	ctx := context.Background()
	f := newRegisterFixture(t, store)
	newInvitation(t, store, f.tenant)
	newSession(t, store, f.lead, f.tenant)
	token := models.APIToken{UserID: f.lead.ID, TenantID: f.tenant.ID, Name: "script", TokenHash: unique("hash"),
		Prefix: "iap_", ExpiresAt: testNow.Add(time.Hour), CreatedAt: testNow}
	if err := store.CreateAPIToken(ctx, &token); err != nil {
		t.Fatal(err)
	}
	if _, err := store.NextProjectNumber(ctx, f.tenant.ID, 2026); err != nil {
		t.Fatal(err)
	}
	return f.tenant
}

func (f securityFixture) count(t *testing.T, table string, tenant models.Tenant) int64 {
	t.Helper()
	var n int64
	if err := f.raw.Table(table).Where("tenant_id = ?", tenant.ID).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// rowOf reads one of a tenant's rows of a table, past row-level security, to try writing a copy of it.
func (f securityFixture) rowOf(t *testing.T, table string, tenant models.Tenant) map[string]any {
	t.Helper()
	var rows []map[string]any
	if err := f.raw.Table(table).Where("tenant_id = ?", tenant.ID).Limit(1).Find(&rows).Error; err != nil || len(rows) != 1 {
		t.Fatalf("read a %s row of tenant %d: %v", table, tenant.ID, err)
	}
	// A generated column (the register's search words) is the database's to fill, so a copy leaves it out.
	var generated []string
	err := f.raw.Raw(`SELECT column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = ? AND is_generated = 'ALWAYS'`, table).Scan(&generated).Error
	if err != nil {
		t.Fatal(err)
	}
	for _, column := range generated {
		delete(rows[0], column)
	}
	return rows[0]
}

// asApplication runs fn in a transaction of the application's own connection with no tenant setting at all.
func asApplicationUnscoped(db *models.Database, fn func(tx *gorm.DB) error) error {
	return db.Gorm.Transaction(fn)
}

func refusedByRowSecurity(err error) bool {
	return err != nil && strings.Contains(err.Error(), "row-level security")
}

func TestRowLevelSecurity_WithNoTenantSetEveryTableReadsEmptyAndRefusesWrites(t *testing.T) {
	db := postgresOnly(t)
	f := newSecurityFixture(t, db)
	for _, table := range tenantOwnedTables(t, f.raw) {
		t.Run(table, func(t *testing.T) {
			row := f.rowOf(t, table, f.a)
			err := asApplicationUnscoped(db, func(tx *gorm.DB) error {
				var n int64
				if err := tx.Table(table).Count(&n).Error; err != nil || n != 0 {
					return fmt.Errorf("reads %d rows (error %v), want none", n, err)
				}
				return nil
			})
			if err != nil {
				t.Error(err)
			}
			// A refused statement aborts its transaction, so each write is tried in one of its own.
			if err := asApplicationUnscoped(db, func(tx *gorm.DB) error { return tx.Table(table).Create(row).Error }); !refusedByRowSecurity(err) {
				t.Errorf("insert: error %v, want a row-level security refusal", err)
			}
			for _, stmt := range []string{"UPDATE " + table + " SET tenant_id = tenant_id", "DELETE FROM " + table} {
				var affected int64
				err := asApplicationUnscoped(db, func(tx *gorm.DB) error {
					res := tx.Exec(stmt)
					affected = res.RowsAffected
					return res.Error
				})
				// The application role may not UPDATE or DELETE some tables at all; that refusal is as good.
				if (err != nil && !strings.Contains(err.Error(), "permission denied")) || affected != 0 {
					t.Errorf("%s: changed %d rows (error %v), want none", stmt, affected, err)
				}
			}
			f.assertUntouched(t, table)
		})
	}
}

func TestRowLevelSecurity_WithOneTenantSetNothingOfAnotherIsVisibleOrWritable(t *testing.T) {
	db := postgresOnly(t)
	f := newSecurityFixture(t, db)
	for _, table := range tenantOwnedTables(t, f.raw) {
		t.Run(table, func(t *testing.T) {
			ownRows, theirRow := f.count(t, table, f.a), f.rowOf(t, table, f.b)
			err := f.store.InScope(context.Background(), models.InTenant(f.a.ID), func(db *gorm.DB) error {
				var visible, theirs int64
				if err := db.Table(table).Count(&visible).Error; err != nil {
					return err
				}
				if err := db.Table(table).Where("tenant_id = ?", f.b.ID).Count(&theirs).Error; err != nil {
					return err
				}
				if visible != ownRows || theirs != 0 {
					return fmt.Errorf("sees %d rows with %d of tenant B, want its own %d and none of B's", visible, theirs, ownRows)
				}
				return nil
			})
			if err != nil {
				t.Error(err)
			}
			err = f.store.InScope(context.Background(), models.InTenant(f.a.ID), func(db *gorm.DB) error {
				return db.Table(table).Create(theirRow).Error
			})
			if !refusedByRowSecurity(err) {
				t.Errorf("insert of B's row: error %v, want a row-level security refusal", err)
			}
			f.assertNoWriteReachesB(t, table)
			f.assertUntouched(t, table)
		})
	}
}

// assertNoWriteReachesB tries to change and delete tenant B's rows with tenant A in scope: the statements run,
// and touch nothing.
func (f securityFixture) assertNoWriteReachesB(t *testing.T, table string) {
	t.Helper()
	for _, stmt := range []string{"UPDATE " + table + " SET tenant_id = tenant_id WHERE tenant_id = ?", "DELETE FROM " + table + " WHERE tenant_id = ?"} {
		var affected int64
		err := f.store.InScope(context.Background(), models.InTenant(f.a.ID), func(db *gorm.DB) error {
			res := db.Exec(stmt, f.b.ID)
			affected = res.RowsAffected
			return res.Error
		})
		// The application role may not UPDATE or DELETE some tables at all; that refusal is as good.
		if err != nil && !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("%s: %v", stmt, err)
		}
		if affected != 0 {
			t.Errorf("%s: changed %d of tenant B's rows", stmt, affected)
		}
	}
}

// assertUntouched checks both tenants still have their rows.
func (f securityFixture) assertUntouched(t *testing.T, table string) {
	t.Helper()
	for _, tenant := range []models.Tenant{f.a, f.b} {
		if f.count(t, table, tenant) == 0 {
			t.Errorf("%s: tenant %d's rows are gone", table, tenant.ID)
		}
	}
}

func TestRowLevelSecurity_TheSignInPathReadsOnlyWhoSomeoneIsAndWritesNothing(t *testing.T) {
	db := postgresOnly(t)
	f := newSecurityFixture(t, db)
	identity := map[string]bool{"sessions": true, "api_tokens": true, "memberships": true, "invitations": true}
	for _, table := range tenantOwnedTables(t, f.raw) {
		t.Run(table, func(t *testing.T) {
			want := int64(0)
			if identity[table] {
				want = f.count(t, table, f.a) + f.count(t, table, f.b)
			}
			row := f.rowOf(t, table, f.a)
			err := f.store.OnSignInPath(context.Background(), func(db *gorm.DB) error {
				var n int64
				if err := db.Table(table).Where("tenant_id IN ?", []int64{f.a.ID, f.b.ID}).Count(&n).Error; err != nil {
					return err
				}
				if n != want {
					return fmt.Errorf("sees %d rows of the two tenants, want %d", n, want)
				}
				return nil
			})
			if err != nil {
				t.Error(err)
			}
			err = f.store.OnSignInPath(context.Background(), func(db *gorm.DB) error { return db.Table(table).Create(row).Error })
			if !refusedByRowSecurity(err) {
				t.Errorf("insert: error %v, want a row-level security refusal", err)
			}
		})
	}
}

// TestCompositeKeys_AChildRowCannotPointAtAnotherTenantsParent: even with every check of the application and
// of row-level security out of the way (as the superuser), the schema refuses a project, partner, target or
// lead whose tenant differs from its project's or organisation's.
func TestCompositeKeys_AChildRowCannotPointAtAnotherTenantsParent(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		store := models.NewStore(db.Gorm)
		raw := modeltest.Superuser(t, db)
		a, b := newRegisterFixture(t, store), newRegisterFixture(t, store)
		attempts := map[string]func() error{
			"partner of another tenant's organisation": func() error {
				return raw.Create(&models.ProjectPartner{TenantID: a.tenant.ID, ProjectID: a.project.ID, OrganisationID: b.org.ID}).Error
			},
			"partner row claiming the other tenant": func() error {
				return raw.Create(&models.ProjectPartner{TenantID: b.tenant.ID, ProjectID: a.project.ID, OrganisationID: b.org.ID}).Error
			},
			"target of another tenant's project": func() error {
				return raw.Create(&models.ProjectTarget{TenantID: b.tenant.ID, ProjectID: a.project.ID, IndicatorCode: "jobs_created", Target: 1}).Error
			},
			"lead of another tenant's project": func() error {
				return raw.Create(&models.ProjectLead{TenantID: b.tenant.ID, ProjectID: a.project.ID, UserID: b.lead.ID}).Error
			},
			"project led by another tenant's organisation": func() error {
				return raw.Model(&models.Project{}).Where("id = ?", a.project.ID).Update("lead_organisation_id", b.org.ID).Error
			},
			"new project led by another tenant's organisation": func() error {
				p := a.project
				p.ID, p.Reference, p.LeadOrganisationID = 0, unique("REF"), &b.org.ID
				return raw.Create(&p).Error
			},
		}
		for name, attempt := range attempts {
			if err := models.Translate(attempt()); !errors.Is(err, models.ErrInvalidReference) {
				t.Errorf("%s: error %v, want ErrInvalidReference", name, err)
			}
		}
	})
}
