package handlers_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// greaterManchesterPeople are everyone of tenant A in the sweep: one demo person for each role an
// accelerator can hold.
var greaterManchesterPeople = []string{"demo-gm-director", "demo-gm-manager", "demo-gm-staff", "demo-gm-lead"}

// westMidlandsRecords are tenant B's records the sweep aims every route at: a draft project (which West
// Midlands' own manager could edit and submit), its lead organisation, an API token of its manager, one of its
// people (whose access its manager could change), an open invitation, and the tenant itself (which a programme
// administrator could change).
type westMidlandsRecords struct {
	project      models.Project
	organisation models.Organisation
	tokenID      int64
	personID     int64
	invitationID int64
	tenant       models.Tenant
}

// TestTenancySweep_EveryRouteToAnotherAcceleratorsRecordIsNotFoundForEveryRole walks the router's own
// route table: every route that names a record is tried by each Greater Manchester role, through the pages
// and the API, on West Midlands' records. Each answer must be 404 and nothing may change (docs/security.md 18,
// 20). A new route that names a record fails here until the sweep knows which record to aim it at.
func TestTenancySweep_EveryRouteToAnotherAcceleratorsRecordIsNotFoundForEveryRole(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		target := westMidlandsRecordsFor(t, portal)
		requests := sweepRequests(t, target)
		people := signedInPeople(t, portal, greaterManchesterPeople)
		before := portal.RowCounts(t)

		for _, person := range people {
			for _, r := range requests {
				answer := person.browser.Do(r.build(t, portal.URL, person.token))
				if answer.StatusCode != http.StatusNotFound {
					t.Errorf("%s: %s %s answered %d, want 404", person.subject, r.method, r.path, answer.StatusCode)
				}
			}
		}
		if diff := cmp.Diff(before, portal.RowCounts(t)); diff != "" {
			t.Errorf("rows changed (-before +after):\n%s", diff)
		}
		if tenant, err := portal.Store.Tenant(t.Context(), target.tenant.ID); err != nil || tenant.Version != target.tenant.Version || tenant.Name != target.tenant.Name {
			t.Errorf("West Midlands changed: %+v, want %+v (%v)", tenant, target.tenant, err)
		}
		after, err := portal.Store.Project(t.Context(), models.InTenant(target.project.TenantID), target.project.ID)
		if err != nil || after.Version != target.project.Version || after.Status != target.project.Status {
			t.Errorf("West Midlands' project changed: version %d→%d, status %s→%s (%v)",
				target.project.Version, after.Version, target.project.Status, after.Status, err)
		}
	})
}

// sweepPerson is someone of tenant A with a browser signed in and an API token.
type sweepPerson struct {
	subject string
	browser *portaltest.Browser
	token   string
}

func signedInPeople(t *testing.T, portal *portaltest.Portal, subjects []string) []sweepPerson {
	t.Helper()
	var people []sweepPerson
	for _, subject := range subjects {
		browser := portal.NewBrowser(t)
		browser.SignInAs(subject)
		people = append(people, sweepPerson{subject, browser, newAPIToken(t, portal, subject, "").Secret})
	}
	return people
}

func westMidlandsRecordsFor(t *testing.T, portal *portaltest.Portal) westMidlandsRecords {
	t.Helper()
	manager := tokenPrincipal(t, portal, "demo-wm-manager")
	org := registerTestOrganisation(t, portal, manager, "Black Country Composites Ltd")
	project := registerTestProject(t, portal, manager, org.ID)
	token := newAPIToken(t, portal, "demo-wm-manager", "")
	inv, err := portal.Services.People.Invite(t.Context(), manager, app.InviteInput{Email: "new.lead@wm.example", Role: "project_lead"})
	if err != nil {
		t.Fatal(err)
	}
	tenant, err := portal.Store.Tenant(t.Context(), project.TenantID)
	if err != nil {
		t.Fatal(err)
	}
	return westMidlandsRecords{project: project, organisation: org, tokenID: token.Token.ID,
		personID: seededUser(t, portal, "demo-wm-lead").ID, invitationID: inv.ID, tenant: tenant}
}

// sweepRequest is one route with its parameters filled in with tenant B's records.
type sweepRequest struct {
	method, path string
	api          bool
	body         any // form values for pages, a JSON-able value for the API
}

// sweepRequests fills every route that names a record. Routes whose parameters name no record (static
// files, the development identity provider) are left to other tests.
func sweepRequests(t *testing.T, target westMidlandsRecords) []sweepRequest {
	t.Helper()
	var requests []sweepRequest
	for _, route := range portalRoutes(t) {
		if !strings.Contains(route.Path, ":") || strings.HasPrefix(route.Path, "/static/") {
			continue
		}
		for _, path := range fillRecordParameters(t, route.Path, target) {
			r := sweepRequest{method: route.Method, path: path, api: strings.HasPrefix(path, "/api/")}
			r.body = sweepBody(r, target)
			requests = append(requests, r)
		}
	}
	if len(requests) < 20 {
		t.Fatalf("only %d requests to sweep: the route table is not what the sweep expects", len(requests))
	}
	return requests
}

// fillRecordParameters puts tenant B's record into a route's :id, and every workflow step into :action.
func fillRecordParameters(t *testing.T, pattern string, target westMidlandsRecords) []string {
	t.Helper()
	var id int64
	switch {
	case strings.HasPrefix(pattern, "/projects/"), strings.HasPrefix(pattern, "/api/v1/projects/"):
		id = target.project.ID
	case strings.HasPrefix(pattern, "/organisations/"), strings.HasPrefix(pattern, "/api/v1/organisations/"):
		id = target.organisation.ID
	case strings.HasPrefix(pattern, "/account/tokens/"):
		id = target.tokenID
	case strings.HasPrefix(pattern, "/people/invitations/"), strings.HasPrefix(pattern, "/account/invitations/"):
		id = target.invitationID
	case strings.HasPrefix(pattern, "/people/"):
		id = target.personID
	case strings.HasPrefix(pattern, "/programme/accelerators/"):
		id = target.tenant.ID
	default:
		t.Errorf("route %s names a record the tenancy sweep does not know: add which record of another tenant it should aim at", pattern)
		return nil
	}
	path := strings.Replace(pattern, ":id", fmt.Sprint(id), 1)
	if !strings.Contains(path, ":action") {
		if strings.Contains(path, ":") {
			t.Errorf("route %s has a parameter the tenancy sweep cannot fill", pattern)
		}
		return []string{path}
	}
	var paths []string
	for _, step := range app.ProjectSteps() {
		paths = append(paths, strings.Replace(path, ":action", string(step), 1))
	}
	return paths
}

// sweepBody is a request body that tenant B's own manager could send with success, so that only the
// tenancy rule stands between tenant A and the record.
func sweepBody(r sweepRequest, target westMidlandsRecords) any {
	if r.method == http.MethodGet {
		return nil
	}
	version := target.project.Version
	if !r.api {
		form := with(projectForm(target.organisation.ID), url.Values{
			"version": {fmt.Sprint(version)}, "reason": {"Taken over"}, "name": {"Taken over"}, "kind": {"business"},
			"from": {"project_lead"}, "role": {"partnership_staff"},
			"lead_body": {"Taken over"}, "region": {"TLG"},
			"decision": {"approve"}, "reason-approve": {"Taken over"}, "confirmed": {"yes"},
		})
		switch {
		case strings.HasPrefix(r.path, "/organisations/"):
			form.Set("version", fmt.Sprint(target.organisation.Version))
		case strings.HasPrefix(r.path, "/programme/"):
			form.Set("version", fmt.Sprint(target.tenant.Version))
		}
		return form
	}
	switch {
	case strings.HasPrefix(r.path, "/api/v1/organisations/"):
		return map[string]any{"name": "Taken over", "kind": "business", "version": target.organisation.Version}
	case r.method == http.MethodPatch:
		return map[string]any{"title": "Taken over", "version": version}
	case r.method == http.MethodPut:
		return withFields(apiProjectBody(target.organisation.ID), map[string]any{"version": version})
	default:
		return map[string]any{"reason": "Taken over", "version": version}
	}
}

// build makes the HTTP request: pages with the browser's session and a same-origin form, the API with the
// person's token and JSON.
func (r sweepRequest) build(t *testing.T, base, token string) *http.Request {
	t.Helper()
	var body string
	contentType := ""
	switch b := r.body.(type) {
	case url.Values:
		body, contentType = b.Encode(), "application/x-www-form-urlencoded"
	case nil:
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		body, contentType = string(raw), "application/json"
		if r.method == http.MethodPatch && strings.HasPrefix(r.path, "/api/v1/projects/") {
			contentType = "application/merge-patch+json"
		}
	}
	req, err := http.NewRequest(r.method, base+r.path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if r.api {
		req.Header.Set("Authorization", "Bearer "+token)
	} else if r.method != http.MethodGet {
		req.Header.Set("Origin", base)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	return req
}
