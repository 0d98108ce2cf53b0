package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/innovation-accelerators/portal/handlers/portaltest"
	"github.com/innovation-accelerators/portal/models"
	"github.com/innovation-accelerators/portal/models/modeltest"
)

// TestProjectJourney_FromRegistrationThroughAChangeRequestToApproval walks the journey through the
// pages: register an organisation and a project, its lead edits it, the manager submits it, the approver
// asks for changes (first forgetting the reason), the manager resubmits and the approver approves.
func TestProjectJourney_FromRegistrationThroughAChangeRequestToApproval(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := portal.NewBrowser(t)
		manager.SignInAs("demo-gm-manager")

		orgPath := registerOrganisationByPage(t, manager)
		var orgID int64
		fmt.Sscanf(orgPath, "/organisations/%d", &orgID)
		project := registerProjectByPage(t, portal, manager, orgID)

		lead := portal.NewBrowser(t)
		lead.SignInAs("demo-gm-lead")
		editProjectByPage(t, lead, project, url.Values{"title": {"Graphene membranes, phase 1"}})
		takeStep(t, manager, project, "submit", "", "Project submitted", "Submitted")

		approver := portal.NewBrowser(t)
		approver.SignInAs("demo-funding-approver")
		waiting := len(awaitingTitles(t, approver)) // the demo data's submitted projects, and this one
		checkAwaiting(t, approver, waiting, "Graphene membranes, phase 1", true)
		checkReasonRequired(t, portal, approver, project)
		takeStep(t, approver, project, "request_changes", "Add the co-investment evidence", "Changes requested", "Sent back for changes")

		editProjectByPage(t, manager, project, url.Values{"private_co_investment": {"600,000"}})
		takeStep(t, manager, project, "submit", "", "Project submitted", "Submitted")
		takeStep(t, approver, project, "approve", "Meets the assessment criteria", "Project approved", "Approved")
		checkAwaiting(t, approver, waiting-1, "Graphene membranes, phase 1", false)

		page := approver.Get(project)
		history := tableRows(page, `[data-testid="history"]`)
		for i, row := range history {
			history[i] = row[strings.Index(row, " | ")+3:] // leave out the time
		}
		want := []string{
			"Nadia Rahman | Created | ", "Dr Helen Price | Details changed | ", "Nadia Rahman | Submitted | ",
			"Sam Okafor | Sent back for changes | Add the co-investment evidence",
			"Nadia Rahman | Details changed | ", "Nadia Rahman | Submitted | ",
			"Sam Okafor | Approved | Meets the assessment criteria",
		}
		if diff := cmp.Diff(want, history); diff != "" {
			t.Errorf("history: who | what | why (-want +got):\n%s", diff)
		}
		got := []string{page.Text(`[data-testid="private-co-investment-committed"]`), page.Text(`[data-testid="leads"]`)}
		if diff := cmp.Diff([]string{"£600,000", "Dr Helen Price"}, got); diff != "" {
			t.Errorf("approved project: co-investment, leads (-want +got):\n%s", diff)
		}
	})
}

// registerOrganisationByPage adds a university through the form and returns its page's path.
func registerOrganisationByPage(t *testing.T, manager *portaltest.Browser) string {
	t.Helper()
	sent := manager.SubmitForm(manager.Get("/organisations/new"), `[data-testid="organisation-form"]`, url.Values{
		"name": {"University of Salford"}, "kind": {"university"}, "ukprn": {"1000 7156"}, "local_authority_code": {"E08000006"},
	})
	expectRedirect(t, sent, "/organisations/")
	page := manager.Follow(sent)
	got := []string{page.Text(`[data-testid="flash"]`), page.Text("h1"), page.Text(`[data-testid="kind"]`),
		page.Text(`[data-testid="ukprn"]`), page.Text(`[data-testid="local-authority"]`)}
	want := []string{"Organisation added", "University of Salford", "University", "10007156", "Salford, North West (England)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("organisation page: flash, name, kind, UKPRN, place (-want +got):\n%s", diff)
	}
	return sent.Header.Get("Location")
}

// registerProjectByPage registers a project led by the organisation, naming the demo project lead as its
// lead, and returns its page's path.
func registerProjectByPage(t *testing.T, portal *portaltest.Portal, manager *portaltest.Browser, orgID int64) string {
	t.Helper()
	helen := seededUser(t, portal, "demo-gm-lead")
	form := with(projectForm(orgID), url.Values{"lead_user_ids": {fmt.Sprint(helen.ID)}})
	sent := manager.SubmitForm(manager.Get("/projects/new"), `[data-testid="project-form"]`, form)
	expectRedirect(t, sent, "/projects/")
	page := manager.Follow(sent)
	got := []string{page.Text(`[data-testid="flash"]`), page.Text(`[data-testid="status"]`), page.Text(`[data-testid="leads"]`),
		page.Text(`[data-testid="place"]`), page.Text(`[data-testid="total-cost"]`), page.Text(`[data-testid="targets"] tbody`)}
	want := []string{"Project created", "Draft", "Dr Helen Price", "Manchester, North West (England)", "£1,500,000",
		"Jobs created 12.5 FTE Patents filed 3"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("new project: flash, status, leads, place, total cost, targets (-want +got):\n%s", diff)
	}
	if ref := page.Text(`[data-testid="reference"]`); !regexp.MustCompile(`^GM-20\d\d-\d{3}$`).MatchString(ref) {
		t.Errorf("reference %q, want GM-<year>-<number>", ref)
	}
	return sent.Header.Get("Location")
}

// editProjectByPage changes fields on the project's edit form, keeping the rest as the form shows them.
func editProjectByPage(t *testing.T, b *portaltest.Browser, project string, changes url.Values) {
	t.Helper()
	sent := b.SubmitForm(b.Get(project+"/edit"), `[data-testid="project-form"]`, changes)
	expectRedirect(t, sent, project)
	if flash := b.Follow(sent).Text(`[data-testid="flash"]`); flash != "Project saved" {
		t.Errorf("after editing: flash %q, want Project saved", flash)
	}
}

// takeStep takes a workflow step as a person does: from the project page's button to the step's page, and
// for a decision through the choice (with the reason) and its confirmation. The step lands on its
// confirmation page, or for a decision back on the project with a success banner; flash is that page's
// heading or banner, and status the project's status after.
func takeStep(t *testing.T, b *portaltest.Browser, project, step, reason, flash, status string) {
	t.Helper()
	if decision := step == "approve" || step == "reject" || step == "request_changes"; decision {
		page := b.Get(b.Get(project).Doc.Find(`[data-testid="step-decide"]`).AttrOr("href", "#no-decision-button"))
		expectStatus(t, page, http.StatusOK)
		confirm := b.SubmitForm(page, `[data-testid="decision-form"]`, url.Values{"decision": {step}, "reason-" + step: {reason}})
		expectStatus(t, confirm, http.StatusOK)
		sent := b.SubmitForm(confirm, `[data-testid="decision-confirm-form"]`, nil)
		expectRedirect(t, sent, project)
		landed := b.Follow(sent)
		if got := []string{landed.Text(`[data-testid="flash"]`), landed.Text(`[data-testid="status"]`)}; !cmp.Equal(got, []string{flash, status}) {
			t.Errorf("after %s: banner and status %q, want %q and %q", step, got, flash, status)
		}
		return
	}
	page := b.Get(b.Get(project).Doc.Find(`[data-testid="step-`+step+`"]`).AttrOr("href", "#no-button"))
	expectStatus(t, page, http.StatusOK)
	var values url.Values
	if reason != "" {
		values = url.Values{"reason": {reason}}
	}
	sent := b.SubmitForm(page, `[data-testid="confirm-form"]`, values)
	expectRedirect(t, sent, project+"/"+step+"/done")
	done := b.Follow(sent)
	if got := []string{done.Text(".govuk-panel__title"), b.Get(project).Text(`[data-testid="status"]`)}; !cmp.Equal(got, []string{flash, status}) {
		t.Errorf("after %s: confirmation and status %q, want %q and %q", step, got, flash, status)
	}
}

// awaitingTitles lists the titles in the approver's queue.
func awaitingTitles(t *testing.T, approver *portaltest.Browser) []string {
	t.Helper()
	return projectTitles(approver.Get("/projects/awaiting-decision"))
}

// checkAwaiting checks the count on the approver's navigation link and whether the project is queued.
func checkAwaiting(t *testing.T, approver *portaltest.Browser, count int, title string, queued bool) {
	t.Helper()
	queue := approver.Get("/projects/awaiting-decision")
	want := fmt.Sprintf("Awaiting decision (%d)", count)
	if count == 0 {
		want = "Awaiting decision"
	}
	if got := queue.Text(`#navigation a[href="/projects/awaiting-decision"]`); got != want {
		t.Errorf("navigation link %q, want %q", got, want)
	}
	if got := slices.Contains(projectTitles(queue), title); got != queued {
		t.Errorf("%q in the queue: %v, want %v", title, got, queued)
	}
}

// checkReasonRequired asks for changes without a reason: the decision page comes back, at its own
// address, with the message by the reason box, and the project is still submitted.
func checkReasonRequired(t *testing.T, portal *portaltest.Portal, approver *portaltest.Browser, project string) {
	t.Helper()
	before := portal.RowCounts(t)
	page := approver.SubmitForm(approver.Get(project+"/decision"), `[data-testid="decision-form"]`,
		url.Values{"decision": {"request_changes"}, "reason-request_changes": {"  "}})
	expectStatus(t, page, http.StatusUnprocessableEntity)
	const message = "Enter what needs to change"
	got := []string{
		page.Request.URL.Path,
		page.Text(`.govuk-error-summary__list a[href="#reason-request_changes"]`),
		page.Text(`.govuk-form-group--error:has(#reason-request_changes) .govuk-error-message`),
		page.Doc.Find(`#decision-request_changes`).AttrOr("checked", "not checked"),
		approver.Get(project).Text(`[data-testid="status"]`),
	}
	if diff := cmp.Diff([]string{project + "/decision", message, "Error: " + message, "", "Submitted"}, got); diff != "" {
		t.Errorf("decision without a reason: address, summary link, message by the box, choice kept, status (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(before, portal.RowCounts(t)); diff != "" {
		t.Errorf("rows changed (-before +after):\n%s", diff)
	}
}
