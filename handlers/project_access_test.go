package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

func TestRegisterPages_AnotherAcceleratorsRecordsAreNotFoundAndNothingChanges(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		wm := signInForRegister(t, portal, "demo-wm-manager")
		wmOrg := registerTestOrganisation(t, portal, wm.principal, "Coventry Batteries Ltd")
		wmProject := registerTestProject(t, portal, wm.principal, wmOrg.ID)
		gm := signInForRegister(t, portal, "demo-gm-manager")
		gmOrg := registerTestOrganisation(t, portal, gm.principal, "Salford Materials Ltd")
		project, org := projectURL(wmProject.ID), fmt.Sprintf("/organisations/%d", wmOrg.ID)
		version := url.Values{"version": {"1"}}
		before := portal.RowCounts(t)

		answers := []*portaltest.Response{
			gm.Get(project), gm.Get(project + "/edit"),
			gm.PostForm(project, with(projectForm(gmOrg.ID), version)),
			gm.PostForm(project+"/transitions/submit", version),
			gm.PostForm(project+"/transitions/withdraw", version),
			gm.Get(org), gm.Get(org + "/edit"),
			gm.PostForm(org, url.Values{"name": {"Taken over"}, "kind": {"business"}, "version": {"1"}}),
			gm.Get("/projects?tenant=west-midlands"), gm.Get("/projects.csv?tenant=west-midlands"),
			gm.Get("/organisations?tenant=west-midlands"),
			gm.Get("/projects/abc"), gm.Get("/projects/0"), gm.Get("/projects/99999999"), gm.Get("/organisations/-1"),
			gm.PostForm(projectURL(wmProject.ID)+"/transitions/launch", version),
		}

		for _, r := range answers {
			if r.StatusCode != http.StatusNotFound || r.Text("h1") != "Page not found" {
				t.Errorf("%s %s: status %d, heading %q; want the 404 page", r.Request.Method, r.Request.URL, r.StatusCode, r.Text("h1"))
			}
		}
		if diff := cmp.Diff(before, portal.RowCounts(t)); diff != "" {
			t.Errorf("rows changed (-before +after):\n%s", diff)
		}
		if rows := tableRows(gm.Get("/projects?q="+url.QueryEscape(wmProject.Reference)), `[data-testid="projects"]`); len(rows) > 0 {
			t.Errorf("searching for %s, the Greater Manchester register lists %q", wmProject.Reference, rows)
		}
	})
}

func TestProjectPages_AProjectLeadSeesOnlyTheProjectsTheyLead(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := signInForRegister(t, portal, "demo-gm-manager")
		helen := signInForRegister(t, portal, "demo-gm-lead")
		org := registerTestOrganisation(t, portal, manager.principal, "Salford Materials Ltd")
		theirs := registerTestProject(t, portal, manager.principal, org.ID, func(in *app.ProjectInput) {
			in.Title, in.LeadUserIDs = "Quasar coatings", []int64{helen.principal.UserID}
		})
		other := registerTestProject(t, portal, manager.principal, org.ID, func(in *app.ProjectInput) { in.Title = "Quasar sensors" })
		before := portal.RowCounts(t)

		if got := projectTitles(helen.Get("/projects?q=quasar")); !slices.Equal(got, []string{"Quasar coatings"}) {
			t.Errorf("the lead's register finds %q, want only Quasar coatings", got)
		}
		for _, row := range tableRows(helen.Get("/projects"), `[data-testid="projects"]`) {
			if strings.HasPrefix(row, other.Reference+" ") {
				t.Errorf("the lead's register lists %s, which they do not lead", other.Reference)
			}
		}
		expectStatus(t, helen.Get(projectURL(theirs.ID)), http.StatusOK)
		for _, r := range []*portaltest.Response{
			helen.Get(projectURL(other.ID)), helen.Get(projectURL(other.ID) + "/edit"),
			helen.PostForm(projectURL(other.ID), with(projectForm(org.ID), url.Values{"version": {"1"}})),
		} {
			expectStatus(t, r, http.StatusNotFound)
		}
		if diff := cmp.Diff(before, portal.RowCounts(t)); diff != "" {
			t.Errorf("rows changed (-before +after):\n%s", diff)
		}
	})
}

func TestProjectForm_ServerOwnedFieldsInTheFormAreIgnored(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := signInForRegister(t, portal, "demo-gm-manager")
		org := registerTestOrganisation(t, portal, manager.principal, "Salford Materials Ltd")
		wm, approver := tenantBySlug(t, portal, "west-midlands"), seededUser(t, portal, "demo-funding-approver")
		forged := url.Values{
			"tenant_id": {fmt.Sprint(wm.ID)}, "TenantID": {fmt.Sprint(wm.ID)}, "status": {"approved"},
			"reference": {"WM-1999-999"}, "decided_by_user_id": {fmt.Sprint(approver.ID)}, "version": {"42"},
			"created_by_user_id": {fmt.Sprint(approver.ID)}, "id": {"1"},
		}

		sent := manager.PostForm("/projects", with(projectForm(org.ID), forged))

		expectRedirect(t, sent, "/projects/")
		var id int64
		fmt.Sscanf(sent.Header.Get("Location"), "/projects/%d", &id)
		var stored models.Project
		if err := portal.Superuser.Where("id = ?", id).Take(&stored).Error; err != nil {
			t.Fatal(err)
		}
		gm := tenantBySlug(t, portal, "greater-manchester")
		got := []any{stored.TenantID, stored.Status, strings.HasPrefix(stored.Reference, "GM-"), stored.CreatedByUserID, stored.DecidedByUserID, stored.Version}
		want := []any{gm.ID, models.StatusDraft, true, manager.principal.UserID, (*int64)(nil), 1}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("stored tenant, status, GM reference, creator, decider, version (-want +got):\n%s", diff)
		}
	})
}
