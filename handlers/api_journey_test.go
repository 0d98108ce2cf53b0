package handlers_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/handlers/portaltest"

	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// TestAPI_ProjectGoesFromDraftToApprovalThroughAChangeRequest follows a project through the whole workflow
// with personal API tokens: the accelerator registers it, its lead edits it, central government sends it
// back and then approves it, and its history tells who did what and why.
func TestAPI_ProjectGoesFromDraftToApprovalThroughAChangeRequest(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		j := journey{
			manager: apiAs(t, portal, "demo-gm-manager"), lead: apiAs(t, portal, "demo-gm-lead"),
			approver: apiAs(t, portal, "demo-funding-approver"), staff: apiAs(t, portal, "demo-gm-staff"),
			leadID: seededUser(t, portal, "demo-gm-lead").ID,
		}
		p := j.registerAndSubmit(t)
		p = j.sendBack(t, p)
		p = j.reviseAndResubmit(t, p)
		p = j.approve(t, p)
		checkAPIApprovedProject(t, j.manager, j.approver, p.ID)
	})
}

// journey is the people of the project journey and the organisation the project is led by.
type journey struct {
	manager, lead, approver, staff *apiClient
	leadID, organisationID         int64
}

func (j *journey) body(changes map[string]any) map[string]any {
	return withFields(apiProjectBody(j.organisationID, j.leadID), changes)
}

// registerAndSubmit: the manager registers the lead organisation and a draft led by the demo lead, the lead
// edits it, and the manager submits it.
func (j *journey) registerAndSubmit(t *testing.T) apiProjectOut {
	t.Helper()
	created := j.manager.do(http.MethodPost, "/api/v1/organisations",
		map[string]any{"name": "Institute for Graphene Testing", "kind": "rto", "companies_house_number": "09876543"})
	var org apiOrganisationOut
	created.expect(t, http.StatusCreated, &org)
	if got := created.Header.Get("Location"); got != apiOrganisationURL(org.ID) {
		t.Errorf("organisation Location %q, want %q", got, apiOrganisationURL(org.ID))
	}
	j.organisationID = org.ID

	answer := j.manager.do(http.MethodPost, "/api/v1/projects", j.body(nil))
	var p apiProjectOut
	answer.expect(t, http.StatusCreated, &p)
	if got := answer.Header.Get("Location"); got != apiProjectURL(p.ID) {
		t.Errorf("project Location %q, want %q", got, apiProjectURL(p.ID))
	}
	checkAPICreatedProject(t, p, j.leadID)

	p = apiStep(t, j.lead, http.MethodPatch, apiProjectURL(p.ID), j.body(map[string]any{"title": "Graphene composites pilot line", "version": p.Version}), "draft")
	if p.Title != "Graphene composites pilot line" {
		t.Errorf("after the lead's edit the title is %q", p.Title)
	}
	return apiStep(t, j.manager, http.MethodPost, apiProjectURL(p.ID, "submit"), map[string]any{"version": p.Version}, "submitted")
}

// sendBack: the approver finds the project among the submitted ones and sends it back, with a reason.
func (j *journey) sendBack(t *testing.T, p apiProjectOut) apiProjectOut {
	t.Helper()
	if refs := apiReferences(t, j.approver, "/api/v1/projects?status=submitted&page_size=100"); !slices.Contains(refs, p.Reference) {
		t.Errorf("approver's submitted projects %v lack %s", refs, p.Reference)
	}
	noReason := j.approver.do(http.MethodPost, apiProjectURL(p.ID, "request-changes"), map[string]any{"version": p.Version})
	if e := noReason.expectError(t, http.StatusUnprocessableEntity, "validation_failed"); e.Error.Fields["reason"] == "" {
		t.Errorf("request changes without a reason: fields %v, want reason", e.Error.Fields)
	}
	return apiStep(t, j.approver, http.MethodPost, apiProjectURL(p.ID, "request-changes"),
		map[string]any{"reason": "Add the private co-investment evidence", "version": p.Version}, "changes_requested")
}

// reviseAndResubmit: an update at an old version is refused; at the current one it is made and submitted.
func (j *journey) reviseAndResubmit(t *testing.T, p apiProjectOut) apiProjectOut {
	t.Helper()
	stale := j.manager.do(http.MethodPatch, apiProjectURL(p.ID), j.body(map[string]any{"version": p.Version - 1}))
	if e := stale.expectError(t, http.StatusConflict, "conflict"); !strings.Contains(e.Error.Message, "send your change with its current version") {
		t.Errorf("stale version message %q", e.Error.Message)
	}
	p = apiStep(t, j.manager, http.MethodPatch, apiProjectURL(p.ID),
		j.body(map[string]any{"private_co_investment": "600000.00", "version": p.Version}), "changes_requested")
	return apiStep(t, j.manager, http.MethodPost, apiProjectURL(p.ID, "submit"), map[string]any{"version": p.Version}, "submitted")
}

// approve: partnership staff may not approve; the approver does, once.
func (j *journey) approve(t *testing.T, p apiProjectOut) apiProjectOut {
	t.Helper()
	byStaff := j.staff.do(http.MethodPost, apiProjectURL(p.ID, "approve"), map[string]any{"reason": "Looks fine", "version": p.Version})
	if e := byStaff.expectError(t, http.StatusForbidden, "forbidden"); e.Error.Message != "Your role cannot approve projects." {
		t.Errorf("partnership staff approving: message %q", e.Error.Message)
	}
	p = apiStep(t, j.approver, http.MethodPost, apiProjectURL(p.ID, "approve"),
		map[string]any{"reason": "Meets the assessment criteria", "version": p.Version}, "approved")
	again := j.approver.do(http.MethodPost, apiProjectURL(p.ID, "approve"), map[string]any{"reason": "Again", "version": p.Version})
	if e := again.expectError(t, http.StatusConflict, "conflict"); e.Error.Message != "This project is approved, so it cannot be approved." {
		t.Errorf("approving an approved project: message %q", e.Error.Message)
	}
	return p
}

// apiStep sends one request of the journey and checks the project's status after it.
func apiStep(t *testing.T, api *apiClient, method, path string, body map[string]any, wantStatus string) apiProjectOut {
	t.Helper()
	var p apiProjectOut
	api.do(method, path, body).expect(t, http.StatusOK, &p)
	if p.Status != wantStatus {
		t.Fatalf("%s %s: status %q, want %q", method, path, p.Status, wantStatus)
	}
	return p
}

func checkAPICreatedProject(t *testing.T, p apiProjectOut, leadID int64) {
	t.Helper()
	if !strings.HasPrefix(p.Reference, "GM-") || p.Status != "draft" || p.Version != 1 {
		t.Errorf("created %s in %s at version %d, want a GM- reference, draft, version 1", p.Reference, p.Status, p.Version)
	}
	if p.TotalCost != "1500000.00" || p.PrivateCoInvestment != "500000.00" || p.StartDate != "2024-04-01" {
		t.Errorf("money and dates: total %q, private %q, start %q", p.TotalCost, p.PrivateCoInvestment, p.StartDate)
	}
	if diff := cmp.Diff(map[string]string{"jobs_created": "12.5", "patents_filed": "3"}, p.Targets); diff != "" {
		t.Errorf("targets (-want +got):\n%s", diff)
	}
	if len(p.Leads) != 1 || p.Leads[0].ID != leadID || p.Leads[0].Name != "Dr Helen Price" {
		t.Errorf("leads %+v, want Dr Helen Price", p.Leads)
	}
	if diff := cmp.Diff([]string{"update", "submit", "withdraw"}, p.AllowedActions); diff != "" {
		t.Errorf("manager's allowed actions on a draft (-want +got):\n%s", diff)
	}
}

// checkAPIApprovedProject reads the approved project back: its history says who did what and why.
func checkAPIApprovedProject(t *testing.T, manager, approver *apiClient, id int64) {
	t.Helper()
	var p apiProjectOut
	manager.do(http.MethodGet, apiProjectURL(id), nil).expect(t, http.StatusOK, &p)
	var history []string
	for _, h := range p.History {
		history = append(history, h.Action+" by "+h.ActorName+": "+h.Reason)
	}
	want := []string{
		"created by Nadia Rahman: ", "updated by Dr Helen Price: ", "submit by Nadia Rahman: ",
		"request_changes by Sam Okafor: Add the private co-investment evidence",
		"updated by Nadia Rahman: ", "submit by Nadia Rahman: ", "approve by Sam Okafor: Meets the assessment criteria",
	}
	if diff := cmp.Diff(want, history); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
	if p.PrivateCoInvestment != "600000.00" || len(p.AllowedActions) != 0 {
		t.Errorf("approved project: private co-investment %q, manager may %v", p.PrivateCoInvestment, p.AllowedActions)
	}
	approver.do(http.MethodGet, apiProjectURL(id), nil).expect(t, http.StatusOK, &p)
	if !slices.Equal(p.AllowedActions, []string{"close"}) {
		t.Errorf("approver's allowed actions on an approved project %v, want [close]", p.AllowedActions)
	}
}

// apiReferences lists the references of the projects a list answer holds, checking each has the status asked
// for, if any.
func apiReferences(t *testing.T, api *apiClient, path string) []string {
	t.Helper()
	var page struct {
		Data []apiProjectOut `json:"data"`
	}
	api.do(http.MethodGet, path, nil).expect(t, http.StatusOK, &page)
	want := ""
	if _, query, ok := strings.Cut(path, "status="); ok {
		want, _, _ = strings.Cut(query, "&")
	}
	var refs []string
	for _, p := range page.Data {
		if want != "" && p.Status != want {
			t.Errorf("%s lists %s in %s", path, p.Reference, p.Status)
		}
		refs = append(refs, p.Reference)
	}
	return refs
}
