package handlers_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// TestRefusals_NameThePersonTheirTenantAndTheRequestButNotTheRecord: a probe across tenants, by page or by
// API, leaves a log line for each refusal that a person can be traced by, and none that repeats what they
// were refused.
func TestRefusals_NameThePersonTheirTenantAndTheRequestButNotTheRecord(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		logs := portaltest.NewLogRecorder()
		portal := portaltest.Start(t, db, portaltest.Options{Log: logs.Logger()})
		wm := signInForRegister(t, portal, "demo-wm-manager")
		wmOrg := registerTestOrganisation(t, portal, wm.principal, "Coventry Batteries Ltd")
		secret := registerTestProject(t, portal, wm.principal, wmOrg.ID, func(in *app.ProjectInput) { in.Title = "Secret solid-state cells" })
		gm := signInForRegister(t, portal, "demo-gm-manager")
		api := apiAs(t, portal, "demo-gm-manager")

		page := gm.Get(projectURL(secret.ID))
		decision := gm.PostForm(projectURL(secret.ID)+"/transitions/approve", url.Values{"version": {"1"}, "reason": {"x"}})
		answer := api.do(http.MethodGet, "/api/v1/projects/"+strconv.FormatInt(secret.ID, 10), nil)
		refusals := []struct {
			what      string
			status    int
			requestID string
		}{
			{"page", page.StatusCode, page.Header.Get("X-Request-ID")},
			{"decision", decision.StatusCode, decision.Header.Get("X-Request-ID")},
			{"API", answer.Status, answer.Header.Get("X-Request-ID")},
		}
		for _, r := range refusals {
			if r.status != http.StatusNotFound || r.requestID == "" {
				t.Fatalf("%s: status %d, request ID %q; want a 404 with an ID", r.what, r.status, r.requestID)
			}
			line := logs.WaitFor(t, func(l portaltest.LogRecord) bool {
				return l["msg"] == "request refused" && l["request_id"] == r.requestID
			})
			if line["user_id"] != float64(gm.principal.UserID) || line["tenant_id"] != float64(gm.principal.TenantID) || line["status"] != float64(404) {
				t.Errorf("%s: refusal logged as %v; want the Greater Manchester manager's user and tenant, status 404", r.what, line)
			}
		}
		if text := logs.String(); strings.Contains(text, "solid-state") {
			t.Errorf("the log repeats the refused record's content:\n%s", text)
		}
	})
}
