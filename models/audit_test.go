package models_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gorm.io/gorm"

	"github.com/innovation-accelerators/portal/migrations"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// auditRewrite is an attempt to change the audit trail behind the application's back.
type auditRewrite struct {
	name     string
	sql      string
	postgres bool // only PostgreSQL has the statement
}

var auditRewrites = []auditRewrite{
	{name: "update one", sql: "UPDATE audit_events SET detail = 'rewritten' WHERE id = @id"},
	{name: "update all", sql: "UPDATE audit_events SET actor_user_id = NULL"},
	{name: "delete one", sql: "DELETE FROM audit_events WHERE id = @id"},
	{name: "delete all", sql: "DELETE FROM audit_events"},
	{name: "truncate", sql: "TRUNCATE audit_events", postgres: true},
}

// TestAuditEvents_TheApplicationCannotChangeOrRemoveThem: the portal's own connection may add and read audit
// events and nothing else. On PostgreSQL the grants refuse it (the application role may only INSERT and SELECT,
// and owns nothing, so it cannot switch the triggers off either); on SQLite the append-only triggers do.
func TestAuditEvents_TheApplicationCannotChangeOrRemoveThem(t *testing.T) {
	attempts := auditRewrites
	attempts = append(attempts,
		auditRewrite{name: "switch the trigger off", sql: "ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update", postgres: true},
		auditRewrite{name: "switch every trigger off", sql: "ALTER TABLE audit_events DISABLE TRIGGER ALL", postgres: true},
		auditRewrite{name: "drop the trigger", sql: "DROP TRIGGER audit_events_no_update ON audit_events", postgres: true},
	)
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		refusal := "append-only"
		if db.Dialect == migrations.Postgres {
			refusal = "42501" // insufficient privilege: permission denied, or must be the owner
		}
		tryRewrites(t, db, db.Gorm, attempts, refusal)
	})
}

// TestAuditEvents_TheOwnerIsRefusedByTheAppendOnlyTriggers: the role that owns the tables, which could switch
// the triggers off, is still refused by them while they are on.
func TestAuditEvents_TheOwnerIsRefusedByTheAppendOnlyTriggers(t *testing.T) {
	if len(modeltest.Dialects()) < 2 {
		t.Skip(modeltest.PostgresURLVariable + " is not set")
	}
	db := modeltest.New(t, migrations.Postgres)
	tryRewrites(t, db, modeltest.Owner(t, db), auditRewrites, "append-only")
}

func tryRewrites(t *testing.T, db *models.Database, conn *gorm.DB, attempts []auditRewrite, refusal string) {
	t.Helper()
	store := models.NewStore(db.Gorm)
	ctx := context.Background()
	tenant := newTenant(t, store)
	event := newAuditEvent(t, store, tenant.ID, "project", "7")
	before, err := store.AuditEventsForEntity(ctx, tenant.ID, "project", "7")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range attempts {
		if a.postgres && db.Dialect != migrations.Postgres {
			continue
		}
		t.Run(a.name, func(t *testing.T) {
			var args []any
			if strings.Contains(a.sql, "@id") {
				args = append(args, sql.Named("id", event.ID))
			}
			// The refusal must come from the rule under test, not from some other mistake in the statement, nor
			// from row-level security hiding the rows: the statement runs with every tenant in scope.
			err := conn.Transaction(func(tx *gorm.DB) error {
				if db.Dialect == migrations.Postgres {
					if err := tx.Exec("SELECT set_config('portal.tenant', 'all', true)").Error; err != nil {
						return err
					}
				}
				return tx.Exec(a.sql, args...).Error
			})
			if err == nil || !strings.Contains(err.Error(), refusal) {
				t.Errorf("%s: error %v, want it refused (%s)", a.sql, err, refusal)
			}
			after, err := store.AuditEventsForEntity(ctx, tenant.ID, "project", "7")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(before, after); diff != "" {
				t.Errorf("audit trail changed (-before +after):\n%s", diff)
			}
		})
	}
}
