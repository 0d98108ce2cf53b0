package models_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/migrations"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestAuditEvents_CannotBeChangedOrDeletedEvenByRawSQL(t *testing.T) {
	attempts := []struct {
		name     string
		sql      string
		postgres bool // only PostgreSQL has the statement
	}{
		{name: "update one", sql: "UPDATE audit_events SET detail = 'rewritten' WHERE id = @id"},
		{name: "update all", sql: "UPDATE audit_events SET actor_user_id = NULL"},
		{name: "delete one", sql: "DELETE FROM audit_events WHERE id = @id"},
		{name: "delete all", sql: "DELETE FROM audit_events"},
		{name: "truncate", sql: "TRUNCATE audit_events", postgres: true},
	}
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
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
				// The refusal must come from the append-only rule, not from some other mistake in the statement.
				if err := db.Gorm.Exec(a.sql, args...).Error; err == nil || !strings.Contains(err.Error(), "append-only") {
					t.Errorf("%s: error %v, want it refused as append-only", a.sql, err)
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
	})
}
