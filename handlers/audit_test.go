package handlers_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestAuditPage_AProgrammeAdministratorSeesTheTrailHoldAndThenWhereItBroke(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		admin := portal.NewBrowser(t)
		admin.SignInAs("demo-programme-admin")

		r := admin.Get("/audit")
		if r.StatusCode != http.StatusOK || r.Text(`[data-testid="audit-holds"] h2`) != "The audit trail holds" {
			t.Fatalf("status %d, panel %q; want the trail to hold", r.StatusCode, r.Text(`[data-testid="audit-holds"] h2`))
		}
		if rows := tableRows(r, `[data-testid="audit-heads"]`); len(rows) < 2 {
			t.Errorf("chains listed: %q, want one row per chain", rows)
		}
		if !strings.Contains(r.Text("nav"), "Audit trail") {
			t.Errorf("the navigation %q does not offer the audit trail", r.Text("nav"))
		}

		edited := rewriteNewestAuditEvent(t, db)
		r = admin.Get("/audit")
		if broken := r.Text(`[data-testid="audit-broken"]`); !strings.Contains(broken, "audit event "+strconv.FormatInt(edited, 10)) ||
			!strings.Contains(broken, "its content was changed") {
			t.Errorf("after tampering the page says %q; want event %d named", broken, edited)
		}
	})
}

func TestAuditPage_IsForProgrammeAdministratorsOnly(t *testing.T) {
	portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{})
	for _, subject := range []string{"demo-funding-approver", "demo-council-observer", "demo-gm-manager", "demo-gm-director"} {
		b := portal.NewBrowser(t)
		b.SignInAs(subject)
		if r := b.Get("/audit"); r.StatusCode != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", subject, r.StatusCode)
		}
		if strings.Contains(b.Get("/").Text("nav"), "Audit trail") {
			t.Errorf("%s is offered the audit trail", subject)
		}
	}
}

// rewriteNewestAuditEvent changes the newest tenant event's detail as the tables' owner could, and returns
// its ID.
func rewriteNewestAuditEvent(t *testing.T, db *models.Database) int64 {
	t.Helper()
	var id int64
	if err := modeltest.Superuser(t, db).Raw("SELECT max(id) FROM audit_events WHERE tenant_id IS NOT NULL").Scan(&id).Error; err != nil {
		t.Fatal(err)
	}
	modeltest.TamperAsOwner(t, modeltest.Owner(t, db), "UPDATE audit_events SET detail = 'nothing to see' WHERE id = ?", id)
	return id
}
