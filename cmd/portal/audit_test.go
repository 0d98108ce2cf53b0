package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/innovation-accelerators/portal/migrations"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestAuditVerify_PassesOnTheDemoTrailAndNamesTheEventTheOwnerChanged(t *testing.T) {
	forEachDatabaseURL(t, func(t *testing.T, settings map[string]string) {
		if code := newInvocation(settings).run("seed", "--demo"); code != 0 {
			t.Fatalf("seed: exit %d", code)
		}
		verify := newInvocation(settings)
		if code := verify.run("audit", "verify"); code != 0 {
			t.Fatalf("audit verify on a fresh trail: exit %d; stdout %s; stderr %s", code, verify.stdout, verify.stderr)
		}
		if out := verify.stdout.String(); !strings.HasPrefix(out, "The audit trail holds: ") || !strings.Contains(out, "chain tenant ") {
			t.Errorf("stdout %q, want the trail to hold, with each chain's newest event", out)
		}

		edited := tamperWithAnAuditEvent(t, settings)

		verify = newInvocation(settings)
		if code := verify.run("audit", "verify"); code != 1 {
			t.Fatalf("audit verify after tampering: exit %d, want 1; stdout %s", code, verify.stdout)
		}
		want := fmt.Sprintf("BROKEN at audit event %d ", edited)
		if out := verify.stdout.String(); !strings.HasPrefix(out, want) || !strings.Contains(out, "its content was changed") {
			t.Errorf("stdout %q, want it to start %q and say the content was changed", out, want)
		}
	})
}

func TestAuditVerify_HelpAndMistakes(t *testing.T) {
	help := newInvocation(nil)
	if code := help.run("audit", "verify", "--help"); code != 0 || !strings.Contains(help.stdout.String(), "Usage: portal audit verify") {
		t.Errorf("--help: exit %d, stdout %q", code, help.stdout)
	}
	for _, args := range [][]string{{"audit"}, {"audit", "erase"}, {"audit", "verify", "now"}} {
		inv := newInvocation(nil)
		if code := inv.run(args...); code != 2 || !strings.HasPrefix(inv.stderr.String(), "portal audit: usage: ") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a usage line", args, code, inv.stderr)
		}
	}
}

// tamperWithAnAuditEvent rewrites the detail of the newest tenant audit event as the tables' owner could,
// and returns its ID.
func tamperWithAnAuditEvent(t *testing.T, settings map[string]string) int64 {
	t.Helper()
	ownerURL := settings["PORTAL_MIGRATE_DATABASE_URL"]
	if ownerURL == "" {
		ownerURL = settings["PORTAL_DATABASE_URL"] // SQLite: one file, no roles
	}
	owner, err := models.Open(context.Background(), ownerURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer owner.Close()
	var id int64
	err = owner.Gorm.Transaction(func(tx *gorm.DB) error {
		if owner.Dialect == migrations.Postgres {
			if err := tx.Exec("SELECT set_config('portal.tenant', 'all', true)").Error; err != nil {
				return err
			}
		}
		return tx.Raw("SELECT max(id) FROM audit_events WHERE tenant_id IS NOT NULL").Scan(&id).Error
	})
	if err != nil {
		t.Fatal(err)
	}
	modeltest.TamperAsOwner(t, owner.Gorm, "UPDATE audit_events SET detail = 'nothing to see' WHERE id = ?", id)
	return id
}
