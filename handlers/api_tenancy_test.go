package handlers_test

import (
	"net/http"
	"slices"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// gmRecords is a Greater Manchester organisation and a draft project it leads, made through the API.
type gmRecords struct {
	manager        *apiClient
	organisationID int64
	project        apiProjectOut
}

func newGMRecords(t *testing.T, portal *portaltest.Portal, leadUserIDs ...int64) gmRecords {
	t.Helper()
	manager := apiAs(t, portal, "demo-gm-manager")
	org := apiCreateOrganisation(t, manager, "Institute for Graphene Testing", "10012345")
	return gmRecords{manager: manager, organisationID: org, project: apiCreateProject(t, manager, apiProjectBody(org, leadUserIDs...))}
}

// requestsOnGMRecords are a call on every API endpoint that names a record, each with a body that would
// succeed for a person who may do it.
func requestsOnGMRecords(gm gmRecords) []struct {
	method, path string
	body         any
} {
	id, version := gm.project.ID, gm.project.Version
	requests := []struct {
		method, path string
		body         any
	}{
		{http.MethodGet, apiProjectURL(id), nil},
		{http.MethodPatch, apiProjectURL(id), map[string]any{"title": "Taken over", "version": version}},
		{http.MethodPut, apiProjectURL(id), withFields(apiProjectBody(gm.organisationID), map[string]any{"title": "Taken over", "version": version})},
		{http.MethodGet, apiOrganisationURL(gm.organisationID), nil},
		{http.MethodPatch, apiOrganisationURL(gm.organisationID), map[string]any{"name": "Taken over", "kind": "business", "version": 1}},
		{http.MethodGet, "/api/v1/projects?tenant=greater-manchester", nil},
		{http.MethodGet, "/api/v1/organisations?tenant_id=" + strconv.FormatInt(gm.project.TenantID, 10), nil},
	}
	for _, step := range []string{"submit", "approve", "request-changes", "reject", "withdraw", "close"} {
		requests = append(requests, struct {
			method, path string
			body         any
		}{http.MethodPost, apiProjectURL(id, step), map[string]any{"reason": "Because", "version": version}})
	}
	return requests
}

func TestAPI_AnotherAcceleratorsRecordsAreNotFoundAndStayUnchanged(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		gm := newGMRecords(t, portal)
		wm := apiAs(t, portal, "demo-wm-manager")
		before, rows := gm.manager.do(http.MethodGet, apiProjectURL(gm.project.ID), nil).Body, portal.RowCounts(t)

		for _, r := range requestsOnGMRecords(gm) {
			answer := wm.do(r.method, r.path, r.body)
			if answer.Status != http.StatusNotFound {
				t.Errorf("West Midlands manager: %s %s answered %d, want 404; body %s", r.method, r.path, answer.Status, answer.Body)
			}
		}
		if refs := apiReferences(t, wm, "/api/v1/projects?page_size=100"); slices.Contains(refs, gm.project.Reference) {
			t.Errorf("West Midlands manager's register lists %s", gm.project.Reference)
		}
		var orgs struct{ Data []apiOrganisationOut }
		wm.do(http.MethodGet, "/api/v1/organisations", nil).expect(t, http.StatusOK, &orgs)
		for _, o := range orgs.Data {
			if o.ID == gm.organisationID {
				t.Errorf("West Midlands manager's organisations list %s", o.Name)
			}
		}
		if after := gm.manager.do(http.MethodGet, apiProjectURL(gm.project.ID), nil).Body; after != before {
			t.Errorf("the project changed:\nbefore %s\nafter  %s", before, after)
		}
		if diff := cmp.Diff(rows, portal.RowCounts(t)); diff != "" {
			t.Errorf("rows changed (-before +after):\n%s", diff)
		}
	})
}

func TestAPI_ProjectLeadCannotReachAProjectTheyDoNotLead(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		gm := newGMRecords(t, portal)
		lead := apiAs(t, portal, "demo-gm-lead")
		rows := portal.RowCounts(t)

		lead.do(http.MethodGet, apiProjectURL(gm.project.ID), nil).expectError(t, http.StatusNotFound, "not_found")
		lead.do(http.MethodPatch, apiProjectURL(gm.project.ID), withFields(apiProjectBody(gm.organisationID),
			map[string]any{"version": gm.project.Version})).expectError(t, http.StatusNotFound, "not_found")
		if refs := apiReferences(t, lead, "/api/v1/projects?page_size=100"); slices.Contains(refs, gm.project.Reference) {
			t.Errorf("the lead's register lists %s, which they do not lead", gm.project.Reference)
		}
		if diff := cmp.Diff(rows, portal.RowCounts(t)); diff != "" {
			t.Errorf("rows changed (-before +after):\n%s", diff)
		}

		led := apiCreateProject(t, gm.manager, apiProjectBody(gm.organisationID, seededUser(t, portal, "demo-gm-lead").ID))
		lead.do(http.MethodGet, apiProjectURL(led.ID), nil).expect(t, http.StatusOK, nil)
	})
}
