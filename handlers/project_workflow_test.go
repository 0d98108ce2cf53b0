package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/app"
	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// expectRefusal checks the error page shows the app's own explanation, and that nothing changed.
func expectRefusal(t *testing.T, portal *portaltest.Portal, before map[string]int64, r *portaltest.Response, status int, heading, detail string) {
	t.Helper()
	got := []any{r.StatusCode, r.Text("h1"), r.Text(`[data-testid="error-detail"]`)}
	if diff := cmp.Diff([]any{status, heading, detail}, got); diff != "" {
		t.Errorf("%s %s: status, heading, explanation (-want +got):\n%s", r.Request.Method, r.Request.URL.Path, diff)
	}
	if diff := cmp.Diff(before, portal.RowCounts(t)); diff != "" {
		t.Errorf("rows changed (-before +after):\n%s", diff)
	}
}

// stepForms lists the workflow buttons a project page offers.
func stepForms(page *portaltest.Response) []string {
	var steps []string
	for _, f := range page.Doc.Find(`[data-testid="actions"] [data-testid^="step-"]`).EachIter() {
		steps = append(steps, f.AttrOr("data-testid", ""))
	}
	return steps
}

func TestProjectWorkflow_PartnershipStaffHaveNoSubmitButtonAndAForgedSubmitIsRefusedWithTheReason(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		staff := signInForRegister(t, portal, "demo-gm-staff")
		org := registerTestOrganisation(t, portal, staff.principal, "Salford Materials Ltd")
		project := projectURL(registerTestProject(t, portal, staff.principal, org.ID).ID)
		before := portal.RowCounts(t)

		if steps := stepForms(staff.Get(project)); len(steps) != 0 {
			t.Errorf("partnership staff are offered %v, want no workflow buttons", steps)
		}
		expectRefusal(t, portal, before, staff.Get(project+"/submit"),
			http.StatusForbidden, "You do not have permission to do that", "Your role cannot submit projects.")
		expectRefusal(t, portal, before, staff.PostForm(project+"/submit", url.Values{"version": {"1"}}),
			http.StatusForbidden, "You do not have permission to do that", "Your role cannot submit projects.")
		expectRefusal(t, portal, before, staff.Get(project+"/decision"),
			http.StatusForbidden, "You do not have permission to do that", "Your role cannot approve projects.")
		decision := url.Values{"version": {"1"}, "decision": {"approve"}, "reason-approve": {"Fine"}, "confirmed": {"yes"}}
		expectRefusal(t, portal, before, staff.PostForm(project+"/decision", decision),
			http.StatusForbidden, "You do not have permission to do that", "Your role cannot approve projects.")
	})
}

func TestProjectWorkflow_SubmittingAnApprovedProjectIsAConflictWithTheAppsMessage(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := signInForRegister(t, portal, "demo-gm-manager")
		approver := signInForRegister(t, portal, "demo-funding-approver")
		org := registerTestOrganisation(t, portal, manager.principal, "Salford Materials Ltd")
		id := registerTestProject(t, portal, manager.principal, org.ID).ID
		stepProject(t, portal, manager.principal, id, app.TransitionSubmit)
		stepProject(t, portal, approver.principal, id, app.TransitionApprove)
		before := portal.RowCounts(t)

		if steps := stepForms(manager.Get(projectURL(id))); len(steps) != 0 {
			t.Errorf("the manager is offered %v on an approved project, want nothing", steps)
		}
		expectRefusal(t, portal, before, manager.Get(projectURL(id)+"/submit"),
			http.StatusConflict, "That could not be done", "This project is approved, so it cannot be submitted.")
		expectRefusal(t, portal, before, manager.Get(projectURL(id)+"/edit"), http.StatusConflict, "That could not be done",
			"This project is approved, so it cannot be changed. Only drafts and projects sent back for changes can be edited.")
		if steps := stepForms(approver.Get(projectURL(id))); !slices.Equal(steps, []string{"step-close"}) {
			t.Errorf("the approver is offered %v on an approved project, want only to close it", steps)
		}
	})
}

// The rules let nobody decide what they submitted. No demo role both submits and decides, so the manager
// is given the approver's role in their own accelerator for this test.
func TestProjectWorkflow_NobodyDecidesAProjectTheySubmitted(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		addMembership(t, portal, seededUser(t, portal, "demo-gm-manager").ID, "greater-manchester", models.RoleFundingApprover)
		both := signInForRegister(t, portal, "demo-gm-manager")
		org := registerTestOrganisation(t, portal, both.principal, "Salford Materials Ltd")
		project := registerTestProject(t, portal, both.principal, org.ID)
		takeStep(t, both.Browser, projectURL(project.ID), "submit", "", "Project submitted", "Submitted")
		before := portal.RowCounts(t)

		if steps := stepForms(both.Get(projectURL(project.ID))); !slices.Equal(steps, []string{"step-withdraw"}) {
			t.Errorf("offered %v on their own submission, want only to withdraw it", steps)
		}
		expectRefusal(t, portal, before, both.Get(projectURL(project.ID)+"/decision"),
			http.StatusForbidden, "You do not have permission to do that", "You submitted this project, so someone else must decide on it.")
		if queue := columnOf(both.Get("/projects/awaiting-decision"), `[data-testid="projects"]`, 0); slices.Contains(queue, project.Reference) {
			t.Errorf("their own submission %s is in their queue", project.Reference)
		}
		for _, step := range []string{"approve", "reject", "request_changes"} {
			for _, confirmed := range []string{"", "yes"} {
				forged := url.Values{"version": {"2"}, "decision": {step}, "reason-" + step: {"Looks good to me"}, "confirmed": {confirmed}}
				expectRefusal(t, portal, before, both.PostForm(projectURL(project.ID)+"/decision", forged),
					http.StatusForbidden, "You do not have permission to do that", "You submitted this project, so someone else must decide on it.")
			}
		}
	})
}

func TestProjectForm_AStaleVersionShowsTheConflictWithTheInputKept(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := signInForRegister(t, portal, "demo-gm-manager")
		org := registerTestOrganisation(t, portal, manager.principal, "Salford Materials Ltd")
		project := registerTestProject(t, portal, manager.principal, org.ID)
		form := manager.Get(projectURL(project.ID) + "/edit")
		in := app.ProjectInput{Title: "Changed meanwhile", LeadOrganisationID: org.ID, Sector: "quantum", LocalAuthorityCode: "E08000001",
			StartDate: "2024-04-01", EndDate: "2025-03-31", TotalCost: "10", GrantRequested: "5", PrivateCoInvestment: "0", Version: 1}
		if _, err := portal.Services.Projects.Update(t.Context(), manager.principal, project.ID, in); err != nil {
			t.Fatal(err)
		}
		before := portal.RowCounts(t)

		page := manager.SubmitForm(form, `[data-testid="project-form"]`, url.Values{"title": {"My edit"}})

		expectStatus(t, page, http.StatusConflict)
		const message = "Someone else changed this record after you opened it. Reload the page to see their changes, then make yours again."
		got := []string{page.Text(".govuk-error-summary__list"), page.Doc.Find("#title").AttrOr("value", "")}
		if diff := cmp.Diff([]string{message, "My edit"}, got); diff != "" {
			t.Errorf("conflict message, title kept (-want +got):\n%s", diff)
		}
		stale := manager.PostForm(projectURL(project.ID)+"/submit", url.Values{"version": {"1"}})
		got = []string{fmt.Sprint(stale.StatusCode), stale.Text(".govuk-error-summary__list"), stale.Text("h1")}
		if diff := cmp.Diff([]string{"409", message, "Check your answers before submitting the project"}, got); diff != "" {
			t.Errorf("stale submission: status, message, the check page again (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(before, portal.RowCounts(t)); diff != "" {
			t.Errorf("rows changed (-before +after):\n%s", diff)
		}
		if got := manager.Get(projectURL(project.ID)).Text("h1"); got != "Changed meanwhile" {
			t.Errorf("title %q, want the other person's change kept", got)
		}
	})
}
