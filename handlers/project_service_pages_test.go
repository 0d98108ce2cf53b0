package handlers_test

import (
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

// TestProjectPages_ADraftIsRegisteredOverSeveralSittingsAndSubmittedThroughCheckYourAnswers: a title alone
// saves; the project page and the check page say what is still needed; once complete, the declaration and
// button appear, and submitting lands on a confirmation page.
func TestProjectPages_ADraftIsRegisteredOverSeveralSittingsAndSubmittedThroughCheckYourAnswers(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := signInForRegister(t, portal, "demo-gm-manager")
		org := registerTestOrganisation(t, portal, manager.principal, "Salford Materials Ltd")

		empty := url.Values{}
		for name := range projectForm(org.ID) {
			empty.Set(name, "")
		}
		first := manager.SubmitForm(manager.Get("/projects/new"), `[data-testid="project-form"]`, with(empty, url.Values{"title": {"Graphene membranes"}}))
		expectRedirect(t, first, "/projects/")
		project := first.Header.Get("Location")
		page := manager.Follow(first)
		got := []string{page.Text(`[data-testid="flash"]`), page.Text("h1"), page.Text(`[data-testid="total-cost"]`), page.Text(`[data-testid="missing"] li:first-child`)}
		if diff := cmp.Diff([]string{"Project created", "Graphene membranes", "Not given", "Select the lead organisation"}, got); diff != "" {
			t.Errorf("after the first sitting: flash, heading, total cost, first thing missing (-want +got):\n%s", diff)
		}

		check := manager.Get(project + "/submit")
		if check.Doc.Find(`[data-testid="confirm-form"]`).Length() != 0 || check.Text(`[data-testid="missing"] li:first-child a`) != "Select the lead organisation" {
			t.Errorf("the check page of an incomplete draft offers to submit it, or does not say what is missing: %q", check.Text(`[data-testid="missing"]`))
		}
		if href := check.Doc.Find(`[data-testid="total-cost"]`).Parent().Find("a").AttrOr("href", ""); href != project+"/edit#total_cost" {
			t.Errorf("the total cost's Change link goes to %q", href)
		}

		second := manager.SubmitForm(manager.Get(project+"/edit"), `[data-testid="project-form"]`, projectForm(org.ID))
		expectRedirect(t, second, project)
		check = manager.Get(project + "/submit")
		got = []string{check.Text("h1"), check.Text(`[data-testid="declaration"]`)[:40], check.Text(`[data-testid="confirm-form"] button`)}
		if diff := cmp.Diff([]string{"Check your answers before submitting the project", "By submitting this project you confirm t", "Accept and submit"}, got); diff != "" {
			t.Errorf("the check page of a complete draft (-want +got):\n%s", diff)
		}
		sent := manager.SubmitForm(check, `[data-testid="confirm-form"]`, nil)
		expectRedirect(t, sent, project+"/submit/done")
		done := manager.Follow(sent)
		reference := manager.Get(project).Text(`[data-testid="reference"]`)
		got = []string{done.Text(".govuk-panel__title"), done.Text(`[data-testid="reference"]`), manager.Get(project).Text(`[data-testid="status"]`)}
		if diff := cmp.Diff([]string{"Project submitted", reference, "Submitted"}, got); diff != "" {
			t.Errorf("confirmation: panel, reference, status after (-want +got):\n%s", diff)
		}
	})
}

// TestProjectPages_WithdrawingAndClosingAreCheckedThenConfirmed: each has its own page with a warning and an
// optional reason, then a confirmation page; the reason is in the project's history.
func TestProjectPages_WithdrawingAndClosingAreCheckedThenConfirmed(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := signInForRegister(t, portal, "demo-gm-manager")
		approver := signInForRegister(t, portal, "demo-funding-approver")
		org := registerTestOrganisation(t, portal, manager.principal, "Salford Materials Ltd")
		withdrawn := registerTestProject(t, portal, manager.principal, org.ID)
		closed := registerTestProject(t, portal, manager.principal, org.ID)
		stepProject(t, portal, manager.principal, closed.ID, app.TransitionSubmit)
		stepProject(t, portal, approver.principal, closed.ID, app.TransitionApprove)

		for _, c := range []struct {
			who              registerPerson
			id               int64
			step, heading    string
			reason, panel    string
			status, lastWhat string
		}{
			{manager, withdrawn.ID, "withdraw", "Are you sure you want to withdraw this project?", "Funding found elsewhere", "Project withdrawn", "Withdrawn", "Withdrawn"},
			{approver, closed.ID, "close", "Are you sure you want to close this project?", "Work finished early", "Project closed", "Closed", "Closed"},
		} {
			page := c.who.Get(projectURL(c.id) + "/" + c.step)
			if got := []string{page.Text("h1"), page.Text(".govuk-warning-text__text")}; !cmp.Equal(got, []string{c.heading, "Warning This cannot be undone."}) {
				t.Errorf("%s page: heading and warning %q", c.step, got)
			}
			sent := c.who.SubmitForm(page, `[data-testid="confirm-form"]`, url.Values{"reason": {c.reason}})
			expectRedirect(t, sent, projectURL(c.id)+"/"+c.step+"/done")
			if panel := c.who.Follow(sent).Text(".govuk-panel__title"); panel != c.panel {
				t.Errorf("%s: confirmation %q, want %q", c.step, panel, c.panel)
			}
			history := tableRows(c.who.Get(projectURL(c.id)), `[data-testid="history"]`)
			if last := history[len(history)-1]; !strings.HasSuffix(last, c.lastWhat+" | "+c.reason) {
				t.Errorf("%s: last history row %q, want %s with the reason", c.step, last, c.lastWhat)
			}
		}
		if page := manager.Get(projectURL(withdrawn.ID) + "/withdraw/done"); page.Text(".govuk-panel__title") != "Project withdrawn" {
			t.Errorf("the withdrawal's confirmation cannot be read again: %q", page.Text("h1"))
		}
		if page := manager.Follow(manager.Get(projectURL(closed.ID) + "/submit/done")); page.Request.URL.Path != projectURL(closed.ID) {
			t.Errorf("a confirmation of a step not taken shows %s, want the project page", page.Request.URL.Path)
		}
	})
}

// TestProjectPages_ASentBackProjectShowsTheReasonOnItsPageAndItsForm.
func TestProjectPages_ASentBackProjectShowsTheReasonOnItsPageAndItsForm(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{})
		manager := signInForRegister(t, portal, "demo-gm-manager")
		approver := signInForRegister(t, portal, "demo-funding-approver")
		org := registerTestOrganisation(t, portal, manager.principal, "Salford Materials Ltd")
		project := registerTestProject(t, portal, manager.principal, org.ID)
		stepProject(t, portal, manager.principal, project.ID, app.TransitionSubmit)
		const reason = "Add the letters confirming the private co-investment."
		takeStep(t, approver.Browser, projectURL(project.ID), "request_changes", reason, "Changes requested", "Sent back for changes")

		for _, path := range []string{projectURL(project.ID), projectURL(project.ID) + "/edit"} {
			page := manager.Get(path)
			banner := page.Doc.Find(`[data-testid="sent-back"]`)
			got := []string{banner.Find(".govuk-notification-banner__heading").Text(), page.Text(`[data-testid="sent-back-reason"]`)}
			if !strings.HasPrefix(got[0], "Sam Okafor sent this project back for changes on ") || got[1] != reason ||
				banner.Parent().Find("h1").Length() == 0 || banner.Index() > page.Doc.Find("main h1").Index() {
				t.Errorf("%s: banner %q, want Sam Okafor's reason at the top", path, got)
			}
		}
		if steps := stepForms(manager.Get(projectURL(project.ID))); !slices.Equal(steps, []string{"step-submit"}) {
			t.Errorf("the manager is offered %v on a project sent back, want to submit it again", steps)
		}
	})
}

// TestDecisionPage_ShowsTheMoneyInContextAndAFailedDecisionComesBackToIt.
func TestDecisionPage_ShowsTheMoneyInContextAndAFailedDecisionComesBackToIt(t *testing.T) {
	modeltest.ForEachDatabase(t, func(t *testing.T, db *models.Database) {
		portal := portaltest.Start(t, db, portaltest.Options{NoDemoData: false})
		manager := signInForRegister(t, portal, "demo-wm-manager")
		approver := signInForRegister(t, portal, "demo-funding-approver")
		org := registerTestOrganisation(t, portal, manager.principal, "Coventry Cells Ltd")
		project := registerTestProject(t, portal, manager.principal, org.ID, func(in *app.ProjectInput) { in.GrantRequested = "999,999.50" })
		stepProject(t, portal, manager.principal, project.ID, app.TransitionSubmit)

		page := approver.Get(projectURL(project.ID) + "/decision")
		got := []string{page.Text(`[data-testid="decision-money"] [data-testid="grant-requested"]`), page.Text(`[data-testid="accelerator-approved"]`),
			page.Text(`[data-testid="accelerator-approved-after"]`), page.Text(`[data-testid="programme-approved"]`)}
		// The demo register has £8,100,000 approved in the West Midlands and £40,650,000 across the programme.
		want := []string{"£999,999.50", "£8,100,000 across 2 projects", "£9,099,999.50", "£40,650,000 of the £100,000,000 envelope"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("money in context (-want +got):\n%s", diff)
		}

		noChoice := approver.SubmitForm(page, `[data-testid="decision-form"]`, nil)
		expectStatus(t, noChoice, http.StatusUnprocessableEntity)
		if got := noChoice.Text(`.govuk-error-summary__list a[href="#decision"]`); got != "Select whether to approve the project, send it back for changes or reject it" {
			t.Errorf("no choice: %q", got)
		}
		confirm := approver.SubmitForm(page, `[data-testid="decision-form"]`, url.Values{"decision": {"reject"}, "reason-reject": {"Outside the programme's aims"}})
		got = []string{confirm.Request.URL.Path, confirm.Text("h1"), confirm.Text(`[data-testid="confirm-decision"]`)}
		if diff := cmp.Diff([]string{projectURL(project.ID) + "/decision", "Check your decision", "Confirm rejection"}, got); diff != "" {
			t.Errorf("the check of a rejection (-want +got):\n%s", diff)
		}
		back := approver.SubmitForm(confirm, `[data-testid="decision-confirm-form"]`, url.Values{"change": {"yes"}})
		if back.Text("h1") != "Decide on Advanced materials pilot line" || back.Doc.Find(`#decision-reject[checked]`).Length() != 1 ||
			back.Text(`#reason-reject`) != "Outside the programme's aims" {
			t.Errorf("changing the decision does not bring back the choice as made: %q", back.Text("h1"))
		}

		stepProject(t, portal, manager.principal, project.ID, app.TransitionWithdraw) // meanwhile, the accelerator withdraws it
		late := approver.SubmitForm(confirm, `[data-testid="decision-confirm-form"]`, nil)
		got = []string{late.Request.URL.Path, late.Text(".govuk-error-summary__list"), late.Text("h1")}
		want = []string{projectURL(project.ID) + "/decision", "This project is withdrawn, so it cannot be rejected.", "Decide on Advanced materials pilot line"}
		if diff := cmp.Diff(want, got); diff != "" || late.StatusCode != http.StatusConflict {
			t.Errorf("a decision on a project withdrawn meanwhile: status %d (-want +got):\n%s", late.StatusCode, diff)
		}
	})
}

// TestProjectForm_OffersOnlyTheLocalAuthoritiesOfTheAcceleratorsRegion.
func TestProjectForm_OffersOnlyTheLocalAuthoritiesOfTheAcceleratorsRegion(t *testing.T) {
	portal := portaltest.Start(t, modeltest.NewSQLite(t), portaltest.Options{})
	for subject, region := range map[string]string{"demo-gm-manager": "TLD", "demo-glasgow-manager": "TLM"} {
		places, err := portal.Store.LocalAuthorities(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, la := range places {
			if la.ITL1Region == region {
				want = append(want, la.Code)
			}
		}
		form := signInForRegister(t, portal, subject).Get("/projects/new")
		var offered []string
		for _, option := range form.Doc.Find(`#local_authority_code option`).EachIter() {
			if code := option.AttrOr("value", ""); code != "" {
				offered = append(offered, code)
			}
		}
		slices.Sort(offered)
		slices.Sort(want)
		if diff := cmp.Diff(want, offered); diff != "" || len(want) < 5 {
			t.Errorf("%s is offered (-their region +offered):\n%s", subject, diff)
		}
	}
}
